// The domain records of the EBS core: camelCase, Dates instead of Unix seconds. Pairs and replica groups share the
// fields of a replication (ReplicationRecord); pair and group drills those of a drill (DrillRecord).

import type { ChargeType, DrillDiskStatus, DrillStatus, GroupStatus, PairStatus, RegionResourceType, Site } from './statuses';

export interface Tag {
  key: string;
  value: string;
}

export interface Zone {
  zoneId: string;
  localName: string;
  resourceTypes: RegionResourceType[];
}

export interface Region {
  regionId: string;
  localName: string;
  /** e.g. `ebs.cn-hangzhou.aliyuncs.com` (host only, as the service reports it). */
  endpoint: string;
  zones: Zone[];
}

/** What a replication pair and a replica group both report. */
export interface ReplicationRecord {
  name: string;
  description: string;
  /** Pairs and groups take the same values. */
  status: PairStatus;
  /** Current replication direction: production side. */
  sourceRegionId: string;
  sourceZoneId: string;
  /** Current replication direction: DR side (where drills run). */
  destinationRegionId: string;
  destinationZoneId: string;
  /** Initial direction; unchanged by failover/reprotect. */
  primaryRegionId: string;
  primaryZoneId: string;
  standbyRegionId: string;
  standbyZoneId: string;
  rpoSeconds?: number;
  bandwidthKbps?: number;
  /** Unix milliseconds, like every instant of a pair or a group. */
  lastRecoverPoint?: number;
  site?: Site;
  resourceGroupId?: string;
  tags: Tag[];
  enableRtc?: boolean;
}

export interface ReplicaPair extends ReplicationRecord {
  pairId: string;
  status: PairStatus;
  /** Set only for `invalid` / `create_failed`, e.g. `DeviceRemoved`. */
  statusMessage?: string;
  sourceDiskId: string;
  destinationDiskId: string;
  /** Unix milliseconds. */
  createdAt?: number;
  /** Unix milliseconds. */
  expiresAt?: number;
  chargeType?: ChargeType;
  groupId?: string;
  groupName?: string;
}

export interface ReplicaGroup extends ReplicationRecord {
  groupId: string;
  status: GroupStatus;
  /** Member pair IDs (comma-joined wire values are split). */
  pairIds: string[];
  pairCount?: number;
}

/** What a pair drill and a group drill both report. */
export interface DrillRecord {
  drillId: string;
  status: DrillStatus;
  statusMessage?: string;
  startedAt?: Date;
  recoverPoint?: Date;
}

export interface PairDrill extends DrillRecord {
  /** The pair the drills were listed for. */
  pairId: string;
  drillDiskId?: string;
  drillDiskStatus?: DrillDiskStatus;
}

export interface GroupDrillPair {
  pairId: string;
  drillDiskId?: string;
  drillDiskStatus?: DrillDiskStatus;
}

export interface GroupDrill extends DrillRecord {
  groupId: string;
  pairs: GroupDrillPair[];
}

export interface ReplicaPairProgress {
  pairId: string;
  /** Percentage as reported (int32, e.g. 100); undefined when absent. */
  progress?: number;
  /** Returned only after the pair has been started. */
  recoverPoint?: Date;
  requestId: string;
}

export interface StartDrillResult {
  drillId: string;
  requestId: string;
}

export interface MutationResult {
  requestId: string;
}

