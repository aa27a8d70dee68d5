// Small deterministic scenarios for the unit tests.
import type { Scenario } from '../../emulator/index';

export const T0 = '2026-01-01T00:10:00Z';
export const LRP = 1767225600; // 2026-01-01T00:00:00Z

export const OPS_SCENARIO: Scenario = {
  DrillSeconds: 30,
  ClearSeconds: 10,
  TransitionSeconds: 5,
  SyncSeconds: 60,
  ReplicaGroups: [
    { ReplicaGroupId: 'pg-a', GroupName: 'group-a', Status: 'normal', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaGroupId: 'pg-empty', Status: 'normal', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaGroupId: 'pg-new', Status: 'created', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', LastRecoverPoint: null },
    { ReplicaGroupId: 'pg-fo', Status: 'failovered', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', LastRecoverPoint: LRP },
  ],
  ReplicaPairs: [
    { ReplicaPairId: 'pair-a-normal', PairName: 'alpha', Status: 'normal', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP, Tags: [{ TagKey: 'env', TagValue: 'prod' }] },
    { ReplicaPairId: 'pair-a-sync', PairName: 'beta', Status: 'syncing', SourceRegion: 'cn-shanghai', DestinationRegion: 'cn-hangzhou', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-created', PairName: 'gamma', Status: 'created', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: null },
    { ReplicaPairId: 'pair-a-stopped', PairName: 'delta', Status: 'stopped', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-fo', PairName: 'epsilon', Status: 'failovered', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-invalid', PairName: 'zeta', Status: 'invalid', StatusMessage: 'DeviceRemoved', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-local', PairName: 'eta', Status: 'normal', SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DestinationRegion: 'cn-hangzhou', DestinationZoneId: 'cn-hangzhou-i', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-g1', Status: 'normal', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-a', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-g2', Status: 'normal', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-a', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-a-g3', Status: 'created', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-new', LastRecoverPoint: null },
    { ReplicaPairId: 'pair-a-g4', Status: 'failovered', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-fo', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-b-far', Status: 'normal', SourceRegion: 'cn-beijing', DestinationRegion: 'cn-shenzhen', LastRecoverPoint: LRP },
  ],
};
