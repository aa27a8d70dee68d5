// The built-in demo scenario (used when no --scenario is given): three busy regions, two replica groups,
// and pairs in every interesting state. Regions are the built-in catalogue (all EBS regions).
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN } from './demoAccount';
import type { Scenario } from './types';

const CREATED = 1748736000; // 2025-06-01T00:00:00Z
const STOPPED_POINT = 1764547200; // 2025-12-01T00:00:00Z

export const DEMO_SCENARIO: Scenario = {
  Accounts: [
    { AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET },
    { AccessKeyId: DEMO_STS_ACCESS_KEY_ID, AccessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, SecurityTokens: [DEMO_STS_TOKEN] },
  ],
  DrillSeconds: 30,
  ClearSeconds: 10,
  ReplicaGroups: [
    {
      ReplicaGroupId: 'pg-demo-orders',
      GroupName: 'orders-db',
      Description: 'Order database volumes (Hangzhou to Shanghai)',
      Status: 'normal',
      SourceRegionId: 'cn-hangzhou',
      SourceZoneId: 'cn-hangzhou-h',
      DestinationRegionId: 'cn-shanghai',
      DestinationZoneId: 'cn-shanghai-e',
    },
    {
      ReplicaGroupId: 'pg-demo-crm',
      GroupName: 'crm',
      Description: 'CRM volumes (Beijing to Shanghai)',
      Status: 'syncing',
      SourceRegionId: 'cn-beijing',
      SourceZoneId: 'cn-beijing-g',
      DestinationRegionId: 'cn-shanghai',
      DestinationZoneId: 'cn-shanghai-f',
    },
  ],
  ReplicaPairs: [
    { ReplicaPairId: 'pair-demo-web01', PairName: 'web-01', Status: 'normal', SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-orders01', PairName: 'orders-data', Status: 'normal', SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e', ReplicaGroupId: 'pg-demo-orders', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-orders02', PairName: 'orders-log', Status: 'syncing', SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e', ReplicaGroupId: 'pg-demo-orders', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-app01', PairName: 'app-01', Status: 'syncing', SourceRegion: 'cn-shanghai', SourceZoneId: 'cn-shanghai-b', DestinationRegion: 'cn-hangzhou', DestinationZoneId: 'cn-hangzhou-i', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-log01', PairName: 'log-archive', Status: 'normal', SourceRegion: 'cn-shanghai', SourceZoneId: 'cn-shanghai-f', DestinationRegion: 'cn-beijing', DestinationZoneId: 'cn-beijing-f', CreateTime: CREATED, ChargeType: 'PREPAY', Tags: [{ TagKey: 'env', TagValue: 'prod' }] },
    { ReplicaPairId: 'pair-demo-crm01', PairName: 'crm-data', Status: 'syncing', SourceRegion: 'cn-beijing', SourceZoneId: 'cn-beijing-g', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-f', ReplicaGroupId: 'pg-demo-crm', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-crm02', PairName: 'crm-index', Status: 'syncing', SourceRegion: 'cn-beijing', SourceZoneId: 'cn-beijing-g', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-f', ReplicaGroupId: 'pg-demo-crm', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-local01', PairName: 'hz-cross-zone', Status: 'normal', SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DestinationRegion: 'cn-hangzhou', DestinationZoneId: 'cn-hangzhou-k', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-new01', PairName: 'new-never-synced', Status: 'created', LastRecoverPoint: null, SourceRegion: 'cn-beijing', SourceZoneId: 'cn-beijing-h', DestinationRegion: 'cn-hangzhou', DestinationZoneId: 'cn-hangzhou-g', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-init01', PairName: 'first-sync-running', Status: 'initial_syncing', LastRecoverPoint: null, SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-g', DestinationRegion: 'cn-beijing', DestinationZoneId: 'cn-beijing-j', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-stop01', PairName: 'batch-stopped', Status: 'stopped', LastRecoverPoint: STOPPED_POINT, SourceRegion: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-i', DestinationRegion: 'cn-beijing', DestinationZoneId: 'cn-beijing-h', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-fo01', PairName: 'erp-failed-over', Status: 'failovered', LastRecoverPoint: STOPPED_POINT, SourceRegion: 'cn-shanghai', SourceZoneId: 'cn-shanghai-g', DestinationRegion: 'cn-beijing', DestinationZoneId: 'cn-beijing-j', CreateTime: CREATED },
    { ReplicaPairId: 'pair-demo-bad01', PairName: 'disk-removed', Status: 'invalid', StatusMessage: 'DeviceRemoved', LastRecoverPoint: STOPPED_POINT, SourceRegion: 'cn-beijing', SourceZoneId: 'cn-beijing-f', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-l', CreateTime: CREATED },
  ],
  // Verification instances in the DR zones (Verify Drill): a usable one in cn-shanghai-e and -f and cn-beijing-f, a
  // Windows one and one whose Cloud Assistant is offline, which the pick shows but does not offer.
  ecs: {
    instances: [
      { RegionId: 'cn-shanghai', InstanceId: 'i-uf6d8r2k5m9p3t7w1y4b', InstanceName: 'dr-verify-sh-e', ZoneId: 'cn-shanghai-e', InstanceType: 'ecs.g7.large' },
      { RegionId: 'cn-shanghai', InstanceId: 'i-uf6g4j7n1q5u8x2a6c9e', InstanceName: 'dr-bastion-win', ZoneId: 'cn-shanghai-e', OSType: 'windows' },
      { RegionId: 'cn-shanghai', InstanceId: 'i-uf6k2m5p8s1v4y7b3d6f', InstanceName: 'dr-verify-sh-f', ZoneId: 'cn-shanghai-f', InstanceType: 'ecs.g7.large' },
      { RegionId: 'cn-hangzhou', InstanceId: 'i-bp1c5f8h2k6n9q3t7w1z', InstanceName: 'dr-verify-hz-i', ZoneId: 'cn-hangzhou-i', InstanceType: 'ecs.c7.large', cloudAssistant: false },
      { RegionId: 'cn-beijing', InstanceId: 'i-2ze7a1d4g8j2m5p9s3v6', InstanceName: 'dr-verify-bj-f', ZoneId: 'cn-beijing-f', InstanceType: 'ecs.g7.large' },
    ],
  },
};
