// What the drill features know about one drill, independent of VS Code: the tracked record, what a poll
// observed, and small predicates shared by the tracker, the indicator and the commands. Pure.
import { formatTemplate } from '../shared/text';
import type { DrillDiskStatus, DrillStatus, GroupDrill, PairDrill } from '../ebs/types';

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
}

export function drillKey(ref: DrillRef): string {
  return `${ref.kind}/${ref.regionId}/${ref.ownerId}/${ref.drillId}`;
}

export function sameDrill(a: DrillRef, b: DrillRef): boolean {
  return a.kind === b.kind && a.drillId === b.drillId && a.ownerId === b.ownerId && a.regionId === b.regionId;
}

/** The drill is changing by itself (executing or clearing): poll it. */
export function needsPolling(status: DrillStatus): boolean {
  return status === 'executing' || status === 'clearing';
}

/**
 * Drill disks that exist and are billed: every disk of an executed or clear_failed drill; for an execute_failed drill
 * only disks reported as created. Disks already deleting/deleted are not counted.
 */
export function billableDisks(drill: DrillObservation): DrillDisk[] {
  const live = drill.disks.filter((d) => d.status !== 'deleting' && d.status !== 'deleted');
  if (drill.status === 'executed' || drill.status === 'clear_failed') return live;
  if (drill.status === 'execute_failed') return live.filter((d) => d.status === 'created');
  return [];
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

/** User-visible text as an English template (the l10n key) and its arguments, which may be texts themselves. */
export interface Text {
  message: string;
  args: Array<string | Text>;
}

export function msg(message: string, ...args: Array<string | number | Text>): Text {
  return { message, args: args.map((a) => (typeof a === 'number' ? String(a) : a)) };
}

/** Plain English rendering (logs and unit tests; the shell localises with vscode.l10n.t). */
export function render(text: Text): string {
  return formatTemplate(
    text.message,
    text.args.map((a) => (typeof a === 'string' ? a : render(a))),
  );
}

/** "just now", "5 min ago", "3 h ago", "2 days ago" for a past time (unix ms) relative to `now`. */
export function ageMessage(now: number, then: number): Text {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return msg('just now');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return msg('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return msg('{0} h ago', hours);
  return msg('{0} d ago', Math.floor(hours / 24));
}

/** The display name of the drill's pair or group. */
export function ownerLabel(drill: Pick<TrackedDrill, 'ownerId' | 'ownerName'>): string {
  return drill.ownerName && drill.ownerName !== drill.ownerId ? `${drill.ownerName} (${drill.ownerId})` : drill.ownerId;
}
