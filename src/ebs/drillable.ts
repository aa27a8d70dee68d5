// Which pairs and groups can be drilled: the one rule the tree (menus, icons) and the drill commands share, so the
// tree never offers a drill the command refuses. The API documents only that a recovery point must exist; the
// statuses are those in which the secondary disk holds a consistent recovery point and is not being taken over,
// created or removed (docs/ebs-api.md, "Drills"). Pure.
import type { PairStatus } from './types';

/** Statuses from which StartPairDrill / StartReplicaGroupDrill can start a drill. */
export const DRILLABLE_STATUSES: ReadonlySet<string> = new Set(['created', 'initial_syncing', 'manual_syncing', 'syncing', 'normal', 'stopping', 'stopped', 'stop_failed']);

export type Undrillable = 'status' | 'noRecoveryPoint';

/** Why a pair or group (status and last recovery point) cannot be drilled, or undefined when it can. */
export function whyNotDrillable(target: { status: PairStatus | string; recoverPoint?: Date | number }): Undrillable | undefined {
  if (!DRILLABLE_STATUSES.has(target.status)) return 'status';
  if (target.recoverPoint === undefined) return 'noRecoveryPoint';
  return undefined;
}

export function isDrillable(target: { status: PairStatus | string; recoverPoint?: Date | number }): boolean {
  return whyNotDrillable(target) === undefined;
}
