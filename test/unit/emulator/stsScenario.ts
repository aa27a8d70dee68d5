// A three-account scenario for the STS tests: developers (the demo keys) assume an operator role in the production
// account, which may in turn assume an auditor role in a third account; an outside contractor is trusted by nobody.
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN } from '../../emulator/index';
import type { Scenario } from '../../emulator/index';
import { LRP } from './scenarios';

export const DEV = DEMO_ACCOUNT_ID;
export const PROD = '1739254086150327';
export const AUDIT = '1204786395521846';
export const OUTSIDER = '1947301582264719';

export const ROOT_KEY = { accessKeyId: 'EBSDRDEVROOTKEY0001', accessKeySecret: 'EBSDRDevRootSecret000000000001' };
export const CONTRACTOR_KEY = { accessKeyId: 'EBSDRCONTRACTORKEY01', accessKeySecret: 'EBSDRContractorSecret00000001' };
export const READONLY_KEY = { accessKeyId: 'EBSDRREADONLYKEY0001', accessKeySecret: 'EBSDRReadOnlySecret0000000001' };
export const DEMO_KEY = { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET };
export const DEMO_STS_KEY = { accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN };

export const OPERATOR_ARN = `acs:ram::${PROD}:role/ebsdroperator`;
export const AUDITOR_ARN = `acs:ram::${AUDIT}:role/ebsdrauditor`;

export const STS_SCENARIO: Scenario = {
  Accounts: [
    { AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET, UserName: 'ci-deployer' },
    { AccessKeyId: DEMO_STS_ACCESS_KEY_ID, AccessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, SecurityTokens: [DEMO_STS_TOKEN] },
    { AccessKeyId: ROOT_KEY.accessKeyId, AccessKeySecret: ROOT_KEY.accessKeySecret, Type: 'Account' },
    { AccessKeyId: READONLY_KEY.accessKeyId, AccessKeySecret: READONLY_KEY.accessKeySecret, UserName: 'dr-viewer', DeniedActions: ['AssumeRole', 'StartPairDrill'] },
    { AccessKeyId: CONTRACTOR_KEY.accessKeyId, AccessKeySecret: CONTRACTOR_KEY.accessKeySecret, AccountId: OUTSIDER, UserName: 'contractor' },
  ],
  Roles: [
    { RoleName: 'EbsDrOperator', AccountId: PROD, TrustedAccountIds: [DEV], MaxSessionDuration: 7200 },
    { RoleName: 'EbsDrAuditor', AccountId: AUDIT, TrustedAccountIds: [PROD], DeniedActions: ['StartPairDrill'] },
    { RoleName: 'EcsEbsDrRole', AccountId: PROD, TrustedAccountIds: [PROD] },
  ],
  InstanceRamRole: 'EcsEbsDrRole',
  ReplicaPairs: [
    { ReplicaPairId: 'pair-dev-web', PairName: 'dev-web', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-prod-orders', PairName: 'orders-db', AccountId: PROD, SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-audit-ledger', PairName: 'ledger', AccountId: AUDIT, SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP },
  ],
  ReplicaGroups: [{ ReplicaGroupId: 'pg-prod-payments', GroupName: 'payments', AccountId: PROD, SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', LastRecoverPoint: LRP }],
};
