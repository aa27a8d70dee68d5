// What the drill features know about one drill, independent of VS Code: the tracked record, what a poll
// observed, the pair or group a drill is started for, and small helpers shared by the tracker, the indicator and the
// commands. Pure.
import { isDrillDiskBilled, type DrillDiskStatus, type DrillStatus, type GroupDrill, type GroupStatus, type PairDrill, type PairStatus } from '../ebs/types';

export type DrillKind = 'pair' | 'group';

/** Enough to call Describe*Drills / Clear* for one drill. */
export interface DrillRef {
  kind: DrillKind;
  /** The DR (destination) region the drill lives in; every drill call goes there. */
  regionId: string;
  /** Pair ID (`pair-…`) or group ID (`pg-…`). */
  ownerId: string;
  drillId: string;
}

export interface DrillDisk {
  /** The pair this disk was cloned for (group drills have one disk per pair). */
  pairId?: string;
  diskId: string;
  status?: DrillDiskStatus;
}

/** What one Describe*Drills call says about a drill. */
export interface DrillObservation {
  status: DrillStatus;
  statusMessage?: string;
  disks: DrillDisk[];
  /** Unix milliseconds. */
  startedAt?: number;
  recoverPoint?: number;
}

/** One drill of a Describe*Drills listing. */
export type ListedDrill = { drillId: string } & DrillObservation;

/** A drill the extension follows (persisted as JSON, so only plain values). */
export interface TrackedDrill extends DrillRef, DrillObservation {
  /** Profile whose account owns the drill; drills of other profiles are kept but not shown or polled. */
  account: string;
  /** Display name of the pair or group (falls back to the ID). */
  ownerName?: string;
  /** Zone of the drill disk(s): the pair's or group's destination zone, when known. */
  zoneId?: string;
  /**
   * True once this window saw the drill executing or clearing (started here or found executing): only such drills
   * get a completion notification. Drills found already finished are shown but never announced.
   */
  followed: boolean;
  /** Set when a clear is requested: the billable drill disks the drill held then (none: a failed drill without a disk). */
  disksAtClear?: string[];
  /**
   * The user started the drill from this extension: while it executes it is polled at least every 5 s, so the time
   * to a usable drill disk the evidence records is measured to within 5 s.
   */
  fastPoll?: boolean;
}

export function drillKey(ref: DrillRef): string {
  return `${ref.kind}/${ref.regionId}/${ref.ownerId}/${ref.drillId}`;
}

/**
 * Drill disks that exist and are billed (the one rule, ebs/statuses.ts isDrillDiskBilled): every disk of an executed or
 * clear_failed drill; for an execute_failed drill only disks reported as created. Disks already deleting/deleted are not counted.
 */
export function billableDisks(drill: DrillObservation): DrillDisk[] {
  return drill.disks.filter((d) => isDrillDiskBilled(drill.status, d.status));
}

export function observePairDrill(drill: PairDrill): DrillObservation {
  return {
    status: drill.status,
    statusMessage: drill.statusMessage || undefined,
    disks: drill.drillDiskId ? [{ pairId: drill.pairId, diskId: drill.drillDiskId, status: drill.drillDiskStatus }] : [],
    startedAt: drill.startedAt?.getTime(),
    recoverPoint: drill.recoverPoint?.getTime(),
  };
}

export function observeGroupDrill(drill: GroupDrill): DrillObservation {
  return {
    status: drill.status,
    statusMessage: drill.statusMessage || undefined,
    disks: drill.pairs.filter((p) => p.drillDiskId).map((p) => ({ pairId: p.pairId, diskId: p.drillDiskId as string, status: p.drillDiskStatus })),
    startedAt: drill.startedAt?.getTime(),
    recoverPoint: drill.recoverPoint?.getTime(),
  };
}

/** The display name of the drill's pair or group. */
export function ownerLabel(drill: Pick<TrackedDrill, 'ownerId' | 'ownerName'>): string {
  return drill.ownerName && drill.ownerName !== drill.ownerId ? `${drill.ownerName} (${drill.ownerId})` : drill.ownerId;
}

/** Everything a drill start needs about its pair or group. */
export interface DrillTarget {
  kind: DrillKind;
  ownerId: string;
  ownerName: string;
  /** The destination (DR) region: StartPairDrill and StartReplicaGroupDrill must be called there (docs/ebs-api.md, "Drills"). */
  regionId: string;
  zoneId: string;
  sourceRegionId: string;
  /** The secondary disk (pairs) the drill disk is cloned from. */
  secondaryDiskId?: string;
  status: PairStatus | GroupStatus;
  /** Unix ms of the recovery point the drill will use. */
  recoverPoint?: number;
  /** Group drills: one drill disk per member pair. */
  pairCount?: number;
  /** Group drills: the member pairs. */
  memberPairIds?: string[];
  /** The RPO setting of the pair or group (seconds), when known. */
  rpoSeconds?: number;
}
