// Shapes shared by the emulator modules: the scenario (input) and the API records (output).
// Field names are the PascalCase names the EBS API returns.

export const PAIR_STATUSES = [
  'invalid', 'creating', 'created', 'create_failed', 'initial_syncing', 'manual_syncing', 'syncing', 'normal',
  'stopping', 'stopped', 'stop_failed', 'failovering', 'failovered', 'failover_failed', 'reprotecting',
  'reprotect_failed', 'deleting', 'delete_failed', 'deleted',
] as const;
export type PairStatus = (typeof PAIR_STATUSES)[number];

export const DRILL_STATUSES = ['executing', 'executed', 'execute_failed', 'clearing', 'clear_failed'] as const;
export type DrillStatus = (typeof DRILL_STATUSES)[number];

export interface Tag {
  TagKey: string;
  TagValue: string;
}

export interface Zone {
  ZoneId: string;
  LocalName: string;
  ResourceTypes: string[];
}

export interface Region {
  RegionId: string;
  LocalName: string;
  RegionEndpoint: string;
  Zones: Zone[];
}

/** A replication pair as DescribeDiskReplicaPairs returns it (without `Site`, which depends on the caller's region). */
export interface ReplicaPair {
  ReplicaPairId: string;
  PairName: string;
  Description: string;
  Status: PairStatus;
  StatusMessage: string;
  SourceDiskId: string;
  SourceRegion: string;
  SourceZoneId: string;
  DestinationDiskId: string;
  DestinationRegion: string;
  DestinationZoneId: string;
  PrimaryRegion: string;
  PrimaryZone: string;
  StandbyRegion: string;
  StandbyZone: string;
  RPO: number;
  Bandwidth: number;
  /** Unix seconds of the last completed replication; null = never synced (omitted from API output). */
  LastRecoverPoint: number | null;
  CreateTime: number;
  ExpiredTime: number;
  ChargeType: string;
  ReplicaGroupId: string;
  ReplicaGroupName: string;
  ResourceGroupId: string;
  Tags: Tag[];
  EnableRtc: boolean;
}

/** A replica (consistency) group as DescribeDiskReplicaGroups returns it (without `Site`). */
export interface ReplicaGroup {
  ReplicaGroupId: string;
  GroupName: string;
  Description: string;
  Status: PairStatus;
  SourceRegionId: string;
  SourceZoneId: string;
  DestinationRegionId: string;
  DestinationZoneId: string;
  PrimaryRegion: string;
  PrimaryZone: string;
  StandbyRegion: string;
  StandbyZone: string;
  RPO: number;
  LastRecoverPoint: number | null;
  PairIds: string[];
  PairNumber: number;
  Bandwidth: number;
  ResourceGroupId: string;
  Tags: Tag[];
  EnableRtc: boolean;
}

export interface Account {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityTokens: string[];
  DeniedActions: string[];
  NotEnoughBalance: boolean;
  NoServiceLinkedRole: boolean;
}

/**
 * How the drills (or the clears) of one pair or group end, instead of succeeding (emulator extension). `Times`: how
 * many of the next drills (or clears) it applies to; null = every one.
 */
export interface DrillOutcome {
  Status: 'execute_failed' | 'clear_failed';
  StatusMessage: string;
  DrillDiskStatus: string;
  Times: number | null;
}

/** DrillOutcome / ClearOutcome as written in a scenario: every field optional (see README for the defaults). */
export interface ScenarioDrillOutcome {
  Status?: string;
  StatusMessage?: string;
  DrillDiskStatus?: string;
  Times?: number;
}

/** The failure outcomes a scenario sets on one pair or group. */
export interface OwnerOutcomes {
  DrillOutcome?: DrillOutcome;
  ClearOutcome?: DrillOutcome;
}

type WithRequired<T, K extends keyof T> = Partial<T> & Pick<T, K>;

export type ScenarioAccount = WithRequired<Account, 'AccessKeyId' | 'AccessKeySecret'>;
export type ScenarioRegion = Omit<WithRequired<Region, 'RegionId'>, 'Zones'> & { Zones?: Array<WithRequired<Zone, 'ZoneId'>> };
export type ScenarioPair = Omit<WithRequired<ReplicaPair, 'ReplicaPairId' | 'SourceRegion' | 'DestinationRegion'>, 'Status'> & {
  Status?: string;
  Site?: string;
  /** Drills of this pair end `execute_failed` (emulator extension). */
  DrillOutcome?: ScenarioDrillOutcome;
  /** Clears of this pair's drills end `clear_failed` (emulator extension). */
  ClearOutcome?: ScenarioDrillOutcome;
};
export type ScenarioGroup = Omit<WithRequired<ReplicaGroup, 'ReplicaGroupId' | 'SourceRegionId' | 'DestinationRegionId'>, 'Status'> & {
  Status?: string;
  Site?: string;
  /** Drills of this group end `execute_failed` (emulator extension). */
  DrillOutcome?: ScenarioDrillOutcome;
  /** Clears of this group's drills end `clear_failed` (emulator extension). */
  ClearOutcome?: ScenarioDrillOutcome;
};

/** A scenario file: entities written like API output. Omitted parts take defaults (see README). */
export interface Scenario {
  /** Accounts that may call the API. Default: the sandbox demo account. */
  Accounts?: ScenarioAccount[];
  /** Regions as DescribeRegions returns them. Default: the built-in region catalogue. */
  Regions?: ScenarioRegion[];
  ReplicaPairs?: ScenarioPair[];
  ReplicaGroups?: ScenarioGroup[];
  /** Seconds a drill stays `executing` before `executed`. Default 30. */
  DrillSeconds?: number;
  /** Seconds a drill stays `clearing` before it disappears. Default 10. */
  ClearSeconds?: number;
  /** Seconds of the transient states stopping / failovering / reprotecting. Default 10. (Emulator extension.) */
  TransitionSeconds?: number;
  /** Seconds of a full or one-shot sync (initial_syncing / manual_syncing / syncing after Start). Default 60. (Emulator extension.) */
  SyncSeconds?: number;
}

/** A scenario after validation, with every default filled in. */
export interface NormalizedScenario {
  Accounts: Account[];
  Regions: Region[];
  ReplicaPairs: ReplicaPair[];
  ReplicaGroups: ReplicaGroup[];
  DrillSeconds: number;
  ClearSeconds: number;
  TransitionSeconds: number;
  SyncSeconds: number;
  /** DrillOutcome / ClearOutcome by pair or group id (kept out of the records, which are API output). */
  Outcomes: Record<string, OwnerOutcomes>;
}
