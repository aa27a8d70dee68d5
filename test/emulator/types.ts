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

export const ACCOUNT_TYPES = ['RAMUser', 'Account'] as const;
/** What kind of key a scenario account is: a RAM user's (default) or the root account's. */
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** The role session behind an STS key issued by AssumeRole or the instance metadata (not in scenarios). */
export interface RoleSession {
  RoleArn: string;
  RoleName: string;
  RoleId: string;
  RoleSessionName: string;
  /** Emulator time (ms) at which the key stops working. */
  ExpiresAtMs: number;
  /** `YYYY-MM-DDTHH:MM:SSZ` of ExpiresAtMs. */
  Expiration: string;
}

/** A key that may call the API: from the scenario, or a role session issued by the emulator. */
export interface Account {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityTokens: string[];
  DeniedActions: string[];
  NotEnoughBalance: boolean;
  NoServiceLinkedRole: boolean;
  /** The 16-digit account the key belongs to; it sees and acts on that account's pairs and groups only. */
  AccountId: string;
  Type: AccountType;
  /** RAM user name (GetCallerIdentity). For a scenario STS key (SecurityTokens), the name of its role. */
  UserName: string;
  /** Set on keys issued by AssumeRole / instance metadata. */
  Session?: RoleSession;
}

/** A RAM role that keys of trusted accounts may assume (AssumeRole). */
export interface Role {
  RoleName: string;
  AccountId: string;
  /** Accounts whose RAM users and role sessions may assume the role. */
  TrustedAccountIds: string[];
  /** Longest DurationSeconds allowed, 3600–43200. */
  MaxSessionDuration: number;
  /** Actions the role's sessions may not call (as Accounts[].DeniedActions). */
  DeniedActions: string[];
  /** 16 digits, derived from the account and the name. */
  RoleId: string;
  /** `acs:ram::<AccountId>:role/<rolename in lower case>`. */
  Arn: string;
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

export type ScenarioAccount = WithRequired<Omit<Account, 'Session'>, 'AccessKeyId' | 'AccessKeySecret'>;
export type ScenarioRole = WithRequired<Omit<Role, 'RoleId' | 'Arn'>, 'RoleName' | 'AccountId'>;
export type ScenarioRegion = Omit<WithRequired<Region, 'RegionId'>, 'Zones'> & {
  Zones?: Array<WithRequired<Zone, 'ZoneId'>>;
  /** (ECS) instances in this region. */
  instances?: ScenarioInstance[];
};

// ---- ECS 2014-05-26 and Cloud Assistant (emulator extension of the scenario) ----

export const INSTANCE_STATUSES = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];
export const OS_TYPES = ['linux', 'windows'] as const;
export type OsType = (typeof OS_TYPES)[number];
export const FS_TYPES = ['ext4', 'xfs'] as const;
export type FsType = (typeof FS_TYPES)[number];
export const DRILL_DISK_STATES = ['ok', 'empty', 'damaged'] as const;
/** What a drill disk holds: its secondary disk's filesystem (`ok`), no filesystem (`empty`), or a damaged one. */
export type DrillDiskState = (typeof DRILL_DISK_STATES)[number];

/** An ECS instance after validation (the Status and cloudAssistant fields change over time; see EcsWorld). */
export interface EcsInstance {
  InstanceId: string;
  InstanceName: string;
  RegionId: string;
  ZoneId: string;
  Status: InstanceStatus;
  OSType: OsType;
  /** The Cloud Assistant agent is installed and sends heartbeats (while the instance runs). */
  cloudAssistant: boolean;
  InstanceType: string;
  /** Owner account: only its keys see the instance. */
  AccountId: string;
}

/** An instance as a scenario writes it. `ecs.instances[]` entries also carry RegionId. */
export interface ScenarioInstance {
  InstanceId?: string;
  InstanceName: string;
  ZoneId: string;
  RegionId?: string;
  Status?: string;
  OSType?: string;
  cloudAssistant?: boolean;
  InstanceType?: string;
  AccountId?: string;
}

/** The files of a pair's secondary disk (and so of its drill disks), and what a drill disk made from it holds. */
export interface DiskContents {
  fsType: FsType;
  /** Relative path → text. */
  files: Record<string, string>;
  drillDisk: DrillDiskState;
}

export interface ScenarioDiskContents {
  fsType?: string;
  files?: Record<string, string>;
}

/** Scenario top-level `ecs`. */
export interface ScenarioEcs {
  /** Emulator seconds of `Attaching` before `In_use`. Default 2. */
  attachSeconds?: number;
  /** Emulator seconds of `Detaching` before `Available`. Default 3. */
  detachSeconds?: number;
  /** Instances with their RegionId (usable with the built-in region catalogue). */
  instances?: ScenarioInstance[];
}
export type ScenarioPair = Omit<WithRequired<ReplicaPair, 'ReplicaPairId' | 'SourceRegion' | 'DestinationRegion'>, 'Status'> & {
  Status?: string;
  /** Owner account (16 digits). Default: the first account's AccountId. */
  AccountId?: string;
  Site?: string;
  /** Drills of this pair end `execute_failed` (emulator extension). */
  DrillOutcome?: ScenarioDrillOutcome;
  /** Clears of this pair's drills end `clear_failed` (emulator extension). */
  ClearOutcome?: ScenarioDrillOutcome;
  /** (ECS) the files of the secondary disk, which its drill disks get. Default: ext4 with files derived from the pair name. */
  diskContents?: ScenarioDiskContents;
  /** (ECS) what a drill disk of this pair holds. Default `ok`. */
  drillDisk?: string;
};
export type ScenarioGroup = Omit<WithRequired<ReplicaGroup, 'ReplicaGroupId' | 'SourceRegionId' | 'DestinationRegionId'>, 'Status'> & {
  Status?: string;
  /** Owner account (16 digits). Default: the first account's AccountId. */
  AccountId?: string;
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
  /** RAM roles AssumeRole can assume. Default: none. */
  Roles?: ScenarioRole[];
  /** (ECS instance metadata) the RoleName whose credentials the metadata service hands out. Default: none (404). */
  InstanceRamRole?: string;
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
  /** (ECS) attach/detach timing and instances given with their region. */
  ecs?: ScenarioEcs;
}

/** A scenario after validation, with every default filled in. */
export interface NormalizedScenario {
  Accounts: Account[];
  Roles: Role[];
  /** The role served by the instance metadata, if any. */
  InstanceRamRole: Role | undefined;
  /** Owner account by pair or group id. */
  Owners: Record<string, string>;
  Regions: Region[];
  ReplicaPairs: ReplicaPair[];
  ReplicaGroups: ReplicaGroup[];
  DrillSeconds: number;
  ClearSeconds: number;
  TransitionSeconds: number;
  SyncSeconds: number;
  /** DrillOutcome / ClearOutcome by pair or group id (kept out of the records, which are API output). */
  Outcomes: Record<string, OwnerOutcomes>;
  /** ECS instances of every region. */
  Instances: EcsInstance[];
  /** Disk contents by pair id (every pair has one). */
  DiskContents: Record<string, DiskContents>;
  AttachSeconds: number;
  DetachSeconds: number;
}
