// Every command id of the extension, in one table. package.json's contributes.commands declares exactly these
// (a unit test compares both); code refers to them only through this table.

export const COMMAND = {
  // credentials
  addProfile: 'ebsDr.addProfile',
  addRoleProfile: 'ebsDr.addRoleProfile',
  switchProfile: 'ebsDr.switchProfile',
  removeProfile: 'ebsDr.removeProfile',
  importAliyunCli: 'ebsDr.importAliyunCliProfiles',
  reenterSecret: 'ebsDr.reenterSecret',
  showCredentialsHelp: 'ebsDr.showCredentialsHelp',
  showLogs: 'ebsDr.showLogs',
  // regions
  selectRegions: 'ebsDr.selectRegions',
  findRegionsWithPairs: 'ebsDr.findRegionsWithPairs',
  // the Replication view
  refresh: 'ebsDr.refresh',
  refreshRegion: 'ebsDr.refreshRegion',
  refreshPair: 'ebsDr.refreshPair',
  retryLoad: 'ebsDr.retryLoad',
  chooseTreeProfiles: 'ebsDr.chooseTreeProfiles',
  profileRemedies: 'ebsDr.profileRemedies',
  copyPairId: 'ebsDr.copyPairId',
  copyDiskId: 'ebsDr.copyDiskId',
  copyDrillId: 'ebsDr.copyDrillId',
  openInConsole: 'ebsDr.openInConsole',
  whyNotDrillable: 'ebsDr.whyNotDrillable',
  // drills
  startPairDrill: 'ebsDr.startPairDrill',
  startReplicaGroupDrill: 'ebsDr.startReplicaGroupDrill',
  clearDrill: 'ebsDr.clearDrill',
  verifyDrill: 'ebsDr.verifyDrill',
  showDrills: 'ebsDr.showDrills',
  // drill evidence
  exportDrillReport: 'ebsDr.exportDrillReport',
  drillOverduePairs: 'ebsDr.drillOverduePairs',
} as const;

export type CommandName = keyof typeof COMMAND;
export type CommandId = (typeof COMMAND)[CommandName];
