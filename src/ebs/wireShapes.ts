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

export interface WireReplicaPair {
  ReplicaPairId: string;
  PairName?: string;
  Description?: string;
  Status: string;
  StatusMessage?: string;
  SourceDiskId?: string;
  SourceRegion?: string;
  SourceZoneId?: string;
  DestinationDiskId?: string;
  DestinationRegion?: string;
  DestinationZoneId?: string;
  PrimaryRegion?: string;
  PrimaryZone?: string;
  StandbyRegion?: string;
  StandbyZone?: string;
  RPO?: number;
  Bandwidth?: number;
  LastRecoverPoint?: number;
  CreateTime?: number;
  ExpiredTime?: number;
  ChargeType?: string;
  ReplicaGroupId?: string;
  ReplicaGroupName?: string;
  Site?: string;
  ResourceGroupId?: string;
  Tags?: WireTag[];
  EnableRtc?: boolean;
}

export interface WireDescribeDiskReplicaPairsResponse extends WirePage {
  ReplicaPairs: WireReplicaPair[];
}

export interface WireReplicaGroup {
  ReplicaGroupId: string;
  GroupName?: string;
  Description?: string;
  Status: string;
  SourceRegionId?: string;
  SourceZoneId?: string;
  DestinationRegionId?: string;
  DestinationZoneId?: string;
  PrimaryRegion?: string;
  PrimaryZone?: string;
  StandbyRegion?: string;
  StandbyZone?: string;
  RPO?: number;
  LastRecoverPoint?: number;
  Site?: string;
  PairIds?: string[];
  PairNumber?: number;
  Bandwidth?: number;
  ResourceGroupId?: string;
  Tags?: WireTag[];
  EnableRtc?: boolean;
}

export interface WireDescribeDiskReplicaGroupsResponse extends WirePage {
  ReplicaGroups: WireReplicaGroup[];
}

export interface WirePairDrill {
  DrillId: string;
  Status: string;
  StatusMessage?: string;
  DrillDiskId?: string;
  DrillDiskStatus?: string;
  StartAt?: number;
  RecoverPoint?: number;
}

export interface WireDescribePairDrillsResponse extends WirePage {
  Drills: WirePairDrill[];
}

export interface WireGroupDrill {
  DrillId: string;
  GroupId?: string;
  Status: string;
  StatusMessage?: string;
  StartAt?: number;
  RecoverPoint?: number;
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
