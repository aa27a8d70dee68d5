// Status values of pairs, groups, drills and drill disks: unions that name the documented values but still carry
// unknown future values through (`string & {}` keeps editor completion for the known literals while accepting any
// string), and the predicates on them. The values and their meaning: docs/ebs-api.md, sections Operations and Drills.

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
/** Replication pair status (19 lowercase values; docs/ebs-api.md, Operations); unknown values flow through unchanged. */
export type PairStatus = KnownPairStatus | FutureString;

/** Replica groups use the same values as pairs (the service's list omits `initial_syncing`, yet a started group enters it). */
export type KnownGroupStatus = KnownPairStatus;
export type GroupStatus = PairStatus;

export const KNOWN_DRILL_STATUSES = ['executing', 'executed', 'execute_failed', 'clearing', 'clear_failed'] as const;
export type KnownDrillStatus = (typeof KNOWN_DRILL_STATUSES)[number];
/** Pair and group drill status (docs/ebs-api.md, Drills). A cleared drill disappears; there is no `cleared`. */
export type DrillStatus = KnownDrillStatus | FutureString;

export const KNOWN_DRILL_DISK_STATUSES = ['creating', 'created', 'deleting', 'deleted'] as const;
export type KnownDrillDiskStatus = (typeof KNOWN_DRILL_DISK_STATUSES)[number];
/** May also carry free-form error details when a drill disk fails. */
export type DrillDiskStatus = KnownDrillDiskStatus | FutureString;

export const KNOWN_SITES = ['production', 'backup'] as const;
export type KnownSite = (typeof KNOWN_SITES)[number];
export type Site = KnownSite | FutureString;
export const KNOWN_CHARGE_TYPES = ['POSTPAY', 'PREPAY'] as const;
export type KnownChargeType = (typeof KNOWN_CHARGE_TYPES)[number];
export type ChargeType = KnownChargeType | FutureString;
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
/**
 * A drill disk that exists and is billed: every disk of an executed or clear_failed drill; of an execute_failed drill
 * only a disk reported as created. Disks already deleting or deleted are not billed. The one rule the drill tracker,
 * the status bar and the tree's "drill disk held" marks count by.
 */
export function isDrillDiskBilled(drillStatus: DrillStatus, diskStatus: DrillDiskStatus | undefined): boolean {
  if (diskStatus === 'deleting' || diskStatus === 'deleted') return false;
  if (drillStatus === 'executed' || drillStatus === 'clear_failed') return true;
  return drillStatus === 'execute_failed' && diskStatus === 'created';
}
/** Clear* is accepted for drills that are not executing or already clearing (docs/ebs-api.md, Drills). */
export function isDrillClearable(status: DrillStatus): boolean {
  return status === 'executed' || status === 'execute_failed' || status === 'clear_failed';
}

