// Every setting of the extension (keys under ebsDr.), in one table; package.json declares exactly these (a unit
// test compares both). Pure: the shell reads them through shared/ui/settings.ts.

export const SETTING = {
  aliyunCliConfigPath: 'aliyunCliConfigPath',
  askDrillVerdict: 'askDrillVerdict',
  autoRefreshMinutes: 'autoRefreshMinutes',
  clearAfterVerification: 'clearAfterVerification',
  confirmBeforeDrill: 'confirmBeforeDrill',
  drillIntervalDays: 'drillIntervalDays',
  ecsEndpointTemplate: 'ecsEndpointTemplate',
  evidenceFolder: 'evidenceFolder',
  endpointTemplate: 'endpointTemplate',
  profilesInTree: 'profilesInTree',
  stsEndpoint: 'stsEndpoint',
  treeProfiles: 'treeProfiles',
  verificationTimeoutSeconds: 'verificationTimeoutSeconds',
} as const;

export type SettingKey = (typeof SETTING)[keyof typeof SETTING];
