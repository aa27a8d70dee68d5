// Domain types for the EBS API core: camelCase, Dates instead of Unix seconds, and status unions that
// name the documented values but still carry unknown future values through (`string & {}` keeps
// editor completion for the known literals while accepting any string).

/** Any string the service may add later; keeps literal completion for the known members. */
export type FutureString = string & {};

// ---------------------------------------------------------------------------------------------
// Status unions
// ---------------------------------------------------------------------------------------------

export const KNOWN_PAIR_STATUSES = [
  'invalid',
  'creating',
  'created',
  'create_failed',
  'initial_syncing',
  'manual_syncing',
  'syncing',
  'normal',
  'stopping',
  'stopped',
  'stop_failed',
  'failovering',
  'failovered',
  'failover_failed',
  'reprotecting',
  'reprotect_failed',
  'deleting',
  'delete_failed',
  'deleted',
] as const;
export type KnownPairStatus = (typeof KNOWN_PAIR_STATUSES)[number];
/** Replication pair status (ebs-api.md §2.1); unknown values flow through unchanged. */
export type PairStatus = KnownPairStatus | FutureString;

/** Replica groups use the same values as pairs (`initial_syncing` is possible, see ebs-api.md §2.3). */
export type KnownGroupStatus = KnownPairStatus;
export type GroupStatus = PairStatus;

export const KNOWN_DRILL_STATUSES = ['executing', 'executed', 'execute_failed', 'clearing', 'clear_failed'] as const;
export type KnownDrillStatus = (typeof KNOWN_DRILL_STATUSES)[number];
/** Pair and group drill status (ebs-api.md §2.4). A cleared drill disappears; there is no `cleared`. */
export type DrillStatus = KnownDrillStatus | FutureString;

export const KNOWN_DRILL_DISK_STATUSES = ['creating', 'created', 'deleting', 'deleted'] as const;
export type KnownDrillDiskStatus = (typeof KNOWN_DRILL_DISK_STATUSES)[number];
/** May also carry free-form error details when a drill disk fails. */
export type DrillDiskStatus = KnownDrillDiskStatus | FutureString;

export type Site = 'production' | 'backup' | FutureString;
export type ChargeType = 'PREPAY' | 'POSTPAY' | FutureString;
export type RegionResourceType = 'ear' | 'lens' | 'dbsc' | FutureString;
export type AcceptLanguage = 'zh-CN' | 'en-US' | 'ja' | FutureString;

// ---------------------------------------------------------------------------------------------
// Status predicates (unknown values answer false everywhere except isKnown*)
// ---------------------------------------------------------------------------------------------

const pairStatusSet: ReadonlySet<string> = new Set(KNOWN_PAIR_STATUSES);
const drillStatusSet: ReadonlySet<string> = new Set(KNOWN_DRILL_STATUSES);
const drillDiskStatusSet: ReadonlySet<string> = new Set(KNOWN_DRILL_DISK_STATUSES);

export function isKnownPairStatus(status: string): status is KnownPairStatus {
  return pairStatusSet.has(status);
}
export function isKnownDrillStatus(status: string): status is KnownDrillStatus {
  return drillStatusSet.has(status);
}
export function isKnownDrillDiskStatus(status: string): status is KnownDrillDiskStatus {
  return drillDiskStatusSet.has(status);
}

/** Pair/group is replicating on its RPO cycle (or doing its first/one-shot copy). */
export function isPairReplicating(status: PairStatus): boolean {
  return status === 'initial_syncing' || status === 'syncing' || status === 'normal' || status === 'manual_syncing';
}
/** A state the service moves out of by itself (poll again later). */
export function isPairTransitioning(status: PairStatus): boolean {
  return (
    status === 'creating' ||
    status === 'initial_syncing' ||
    status === 'manual_syncing' ||
    status === 'stopping' ||
    status === 'failovering' ||
    status === 'reprotecting' ||
    status === 'deleting'
  );
}
/** `invalid` or any `*_failed` state: needs attention. */
export function isPairFailed(status: PairStatus): boolean {
  return status === 'invalid' || (isKnownPairStatus(status) && status.endsWith('_failed'));
}

/** The drill will not change any more without a user action (executed, execute_failed, clear_failed). */
export function isDrillTerminal(status: DrillStatus): boolean {
  return status === 'executed' || status === 'execute_failed' || status === 'clear_failed';
}
/** The drill is executing or clearing. */
export function isDrillInProgress(status: DrillStatus): boolean {
  return status === 'executing' || status === 'clearing';
}
export function isDrillFailed(status: DrillStatus): boolean {
  return status === 'execute_failed' || status === 'clear_failed';
}
/** Clear* is accepted for drills that are not executing or already clearing (ebs-api.md §2.4). */
export function isDrillClearable(status: DrillStatus): boolean {
  return status === 'executed' || status === 'execute_failed' || status === 'clear_failed';
}

// ---------------------------------------------------------------------------------------------
// Domain records
// ---------------------------------------------------------------------------------------------

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

export interface ReplicaPair {
  pairId: string;
  name: string;
  description: string;
  status: PairStatus;
  /** Set only for `invalid` / `create_failed`, e.g. `DeviceRemoved`. */
  statusMessage?: string;
  /** Current replication direction: production side. */
  sourceRegionId: string;
  sourceZoneId: string;
  sourceDiskId: string;
  /** Current replication direction: DR side (where drills run). */
  destinationRegionId: string;
  destinationZoneId: string;
  destinationDiskId: string;
  /** Initial direction; unchanged by failover/reprotect. */
  primaryRegionId: string;
  primaryZoneId: string;
  standbyRegionId: string;
  standbyZoneId: string;
  rpoSeconds?: number;
  bandwidthKbps?: number;
  lastRecoverPoint?: Date;
  createdAt?: Date;
  expiresAt?: Date;
  chargeType?: ChargeType;
  groupId?: string;
  groupName?: string;
  site?: Site;
  resourceGroupId?: string;
  tags: Tag[];
  enableRtc?: boolean;
}

export interface ReplicaGroup {
  groupId: string;
  name: string;
  description: string;
  status: GroupStatus;
  statusMessage?: string;
  sourceRegionId: string;
  sourceZoneId: string;
  destinationRegionId: string;
  destinationZoneId: string;
  primaryRegionId: string;
  primaryZoneId: string;
  standbyRegionId: string;
  standbyZoneId: string;
  rpoSeconds?: number;
  lastRecoverPoint?: Date;
  site?: Site;
  /** Member pair IDs (comma-joined wire values are split). */
  pairIds: string[];
  pairCount?: number;
  bandwidthKbps?: number;
  resourceGroupId?: string;
  tags: Tag[];
  enableRtc?: boolean;
}

export interface PairDrill {
  drillId: string;
  /** The pair the drills were listed for. */
  pairId: string;
  status: DrillStatus;
  statusMessage?: string;
  drillDiskId?: string;
  drillDiskStatus?: DrillDiskStatus;
  startedAt?: Date;
  recoverPoint?: Date;
}

export interface GroupDrillPair {
  pairId: string;
  drillDiskId?: string;
  drillDiskStatus?: DrillDiskStatus;
}

export interface GroupDrill {
  drillId: string;
  groupId: string;
  status: DrillStatus;
  statusMessage?: string;
  startedAt?: Date;
  recoverPoint?: Date;
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

// ---------------------------------------------------------------------------------------------
// Client configuration shared with the shell
// ---------------------------------------------------------------------------------------------

export interface EbsCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token, when the AccessKey pair is temporary. */
  securityToken?: string;
}

/** What a credential provider hands the SDK before each request (the shape of @alicloud/credentials' CredentialModel). */
export interface EbsCredentialModel {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** `access_key` or `sts`. */
  type: string;
  providerName?: string;
}

/**
 * Credentials that renew themselves (an assumed RAM role, an ECS instance role): asked before every request and
 * expected to cache and refresh on their own. Implemented with @alicloud/credentials (src/credentials/providers.ts).
 */
export interface EbsCredentialProvider {
  getCredential(): Promise<EbsCredentialModel>;
}

/** Either a fixed AccessKey (with an optional STS token) or a provider of temporary credentials. */
export type EbsCredentialSource = EbsCredentials | EbsCredentialProvider;

export function isCredentialProvider(source: EbsCredentialSource): source is EbsCredentialProvider {
  return typeof (source as Partial<EbsCredentialProvider>).getCredential === 'function';
}

/** One record per HTTP attempt. Never contains secrets, signatures or tokens. */
export interface EbsCallRecord {
  action: string;
  regionId: string;
  durationMs: number;
  /** 1-based attempt number within the call. */
  attempt: number;
  requestId?: string;
  errorCode?: string;
  httpStatus?: number;
  /** True when this attempt failed and the client is going to retry. */
  willRetry?: boolean;
}

export interface EbsCallLogger {
  call(record: EbsCallRecord): void;
}
