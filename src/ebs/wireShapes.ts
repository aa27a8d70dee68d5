// The PascalCase response shapes of EBS 2021-07-30 that the parsers in wire.ts read: documentation of what the
// extension relies on (docs/ebs-api.md, section Operations), not a promise: every field may be missing in practice.
// A replica group has no StatusMessage (the service's DescribeDiskReplicaGroups model has none); pairs and drills do.

export interface WireTag {
  TagKey?: string;
  TagValue?: string;
}

export interface WireZone {
  ZoneId: string;
  LocalName?: string;
  ResourceTypes?: string[];
}

export interface WireRegion {
  RegionId: string;
  LocalName?: string;
  RegionEndpoint?: string;
  Zones?: WireZone[];
}

export interface WireDescribeRegionsResponse {
  RequestId: string;
  Regions: WireRegion[];
}

export interface WirePage {
  RequestId: string;
  NextToken?: string;
  PageNumber?: number;
  PageSize?: number;
  TotalCount?: number;
}

/** The fields a pair and a group share under the same name (their IDs, names and regions differ). */
export interface WireReplication {
  Description?: string;
  Status: string;
  SourceZoneId?: string;
  DestinationZoneId?: string;
  PrimaryRegion?: string;
  PrimaryZone?: string;
  StandbyRegion?: string;
  StandbyZone?: string;
  RPO?: number;
  Bandwidth?: number;
  LastRecoverPoint?: number;
  Site?: string;
  ResourceGroupId?: string;
  Tags?: WireTag[];
  EnableRtc?: boolean;
}

export interface WireReplicaPair extends WireReplication {
  ReplicaPairId: string;
  PairName?: string;
  StatusMessage?: string;
  SourceDiskId?: string;
  SourceRegion?: string;
  DestinationDiskId?: string;
  DestinationRegion?: string;
  CreateTime?: number;
  ExpiredTime?: number;
  ChargeType?: string;
  ReplicaGroupId?: string;
  ReplicaGroupName?: string;
}

export interface WireDescribeDiskReplicaPairsResponse extends WirePage {
  ReplicaPairs: WireReplicaPair[];
}

/** No StatusMessage: the service's DescribeDiskReplicaGroups model has none. */
export interface WireReplicaGroup extends WireReplication {
  ReplicaGroupId: string;
  GroupName?: string;
  SourceRegionId?: string;
  DestinationRegionId?: string;
  PairIds?: string[];
  PairNumber?: number;
}

export interface WireDescribeDiskReplicaGroupsResponse extends WirePage {
  ReplicaGroups: WireReplicaGroup[];
}

/** The fields a pair drill and a group drill share. */
export interface WireDrill {
  DrillId: string;
  Status: string;
  StatusMessage?: string;
  StartAt?: number;
  RecoverPoint?: number;
}

export interface WirePairDrill extends WireDrill {
  DrillDiskId?: string;
  DrillDiskStatus?: string;
}

export interface WireDescribePairDrillsResponse extends WirePage {
  Drills: WirePairDrill[];
}

export interface WireGroupDrill extends WireDrill {
  GroupId?: string;
  PairsInfo?: { PairId: string; DrillDiskId?: string; DrillDiskStatus?: string }[];
}

export interface WireDescribeReplicaGroupDrillsResponse extends WirePage {
  Drills: WireGroupDrill[];
}

export interface WireStartDrillResponse {
  RequestId: string;
  DrillId: string;
}

export interface WireDescribeDiskReplicaPairProgressResponse {
  RequestId: string;
  Progress?: number;
  RecoverPoint?: number;
}
