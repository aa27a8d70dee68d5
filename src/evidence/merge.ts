// Merging two versions of one drill's record: the canonical copy under the extension's storage and the copy in the
// team's evidence folder may each have learned something the other has not (another window, another machine, a
// teammate's commit). The merge keeps everything either knows: events are united, first times keep the earliest,
// the drill's current state comes from the version that observed it last. The result does not depend on the order
// of the arguments except where both versions are equally recent and disagree (then the longer, else the
// lexically greater text wins, which is still the same whichever comes first). Pure.
import { ms, type DrillEvidence, type EvidenceEvent, type Verification } from './evidence';

/**
 * Identifies an event across copies: the same thing learned at the same moment by the same request (and, for a
 * verification's events, about the same drill disk).
 */
export function eventId(e: EvidenceEvent): string {
  const id = `${e.type}|${e.at}|${e.requestId ?? ''}`;
  return e.diskId === undefined ? id : `${id}|${e.diskId}`;
}

/** Events in time order; events of the same moment keep a fixed order (by their identity, then their text). */
export function sortEvents(events: readonly EvidenceEvent[]): EvidenceEvent[] {
  return [...events].sort((x, y) => (ms(x.at) ?? 0) - (ms(y.at) ?? 0) || compareText(eventId(x), eventId(y)) || compareText(JSON.stringify(x), JSON.stringify(y)));
}

/** The events of both lists, each once; of two copies of one event the one that says more is kept. */
export function uniteEvents(a: readonly EvidenceEvent[], b: readonly EvidenceEvent[]): EvidenceEvent[] {
  const byId = new Map<string, EvidenceEvent>();
  for (const e of [...a, ...b]) {
    const id = eventId(e);
    const known = byId.get(id);
    byId.set(id, known === undefined ? e : richer(known, e));
  }
  return sortEvents([...byId.values()]);
}

export function mergeEvidence(a: DrillEvidence, b: DrillEvidence): DrillEvidence {
  const order = compareRecency(a, b);
  const [older, newer] = order > 0 ? [b, a] : [a, b];
  const firstExecutedAt = earliest(a.firstExecutedAt, b.firstExecutedAt);
  let lastExecutingAt = latest(a.lastExecutingAt, b.lastExecutingAt);
  if (lastExecutingAt !== undefined && firstExecutedAt !== undefined && (ms(lastExecutingAt) ?? 0) > (ms(firstExecutedAt) ?? 0)) {
    lastExecutingAt = firstExecutedAt;
  }
  const verdictSource = verdictOf(a, b, newer, older);
  const updatedSource = compareTimes(a.updatedAt, b.updatedAt) >= 0 ? (compareTimes(a.updatedAt, b.updatedAt) > 0 ? a : newer) : b;
  const merged: DrillEvidence = {
    ...older,
    ...newer,
    account: { ...older.account, ...newer.account, accessKeyId: newer.account.accessKeyId ?? older.account.accessKeyId },
    owner: {
      ...older.owner,
      ...newer.owner,
      name: newer.owner.name ?? older.owner.name,
      memberPairIds: newer.owner.memberPairIds ?? older.owner.memberPairIds,
    },
    sourceRegionId: newer.sourceRegionId ?? older.sourceRegionId,
    zoneId: newer.zoneId ?? older.zoneId,
    rpoSeconds: newer.rpoSeconds ?? older.rpoSeconds,
    drillDiskIds: [...new Set([...a.drillDiskIds, ...b.drillDiskIds])].sort(),
    recoveryPoint: newer.recoveryPoint ?? older.recoveryPoint,
    startAt: earliest(a.startAt, b.startAt),
    lastExecutingAt,
    firstExecutedAt,
    failedAt: earliest(a.failedAt, b.failedAt),
    statusMessage: newer.statusMessage ?? older.statusMessage,
    clearRequestedAt: earliest(a.clearRequestedAt, b.clearRequestedAt),
    clearedAt: earliest(a.clearedAt, b.clearedAt),
    goneAt: earliest(a.goneAt, b.goneAt),
    startRequestId: newer.startRequestId ?? older.startRequestId,
    clearRequestId: newer.clearRequestId ?? older.clearRequestId,
    startedBy: newer.startedBy ?? older.startedBy,
    clearedBy: newer.clearedBy ?? older.clearedBy,
    extensionVersion: updatedSource.extensionVersion,
    verdict: verdictSource.verdict,
    notes: verdictSource.notes,
    verdictBy: verdictSource.verdictBy,
    verdictAt: verdictSource.verdictAt,
    verification: laterVerification(a.verification, b.verification),
    status: newer.status,
    statusAt: newer.statusAt,
    disks: newer.disks.map((d) => ({ ...d })),
    tracking: { ...newer.tracking },
    events: uniteEvents(a.events, b.events),
    updatedAt: updatedSource.updatedAt,
  };
  if (merged.clearedAt !== undefined || merged.goneAt !== undefined) merged.tracking.active = false;
  return withoutUndefined(merged);
}

/** > 0 when `a` observed the drill's state later than `b` (then the later write, then the fixed tie-break). */
function compareRecency(a: DrillEvidence, b: DrillEvidence): number {
  return compareTimes(a.statusAt, b.statusAt) || compareTimes(a.updatedAt, b.updatedAt) || tieBreak(a, b);
}

/** The version whose verdict counts: the later verdictAt; without times, one that has a verdict (the newer first). */
function verdictOf(a: DrillEvidence, b: DrillEvidence, newer: DrillEvidence, older: DrillEvidence): DrillEvidence {
  const byTime = compareTimes(a.verdictAt, b.verdictAt);
  if (byTime !== 0) return byTime > 0 ? a : b;
  return newer.verdict !== undefined || older.verdict === undefined ? newer : older;
}

/**
 * The latest verification attempt: the later `startedAt`; of one attempt (the same `startedAt`) the more progressed
 * copy: finished before unfinished, then the one whose disks say more, then the fixed tie-break.
 */
function laterVerification(a: Verification | undefined, b: Verification | undefined): Verification | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  const order =
    compareTimes(a.startedAt, b.startedAt) ||
    (a.finishedAt === undefined ? 0 : 1) - (b.finishedAt === undefined ? 0 : 1) ||
    diskFacts(a) - diskFacts(b) ||
    tieBreak(a, b);
  return order >= 0 ? a : b;
}

/** How much a verification's disks say: its disks and their fields. */
function diskFacts(v: Verification): number {
  return v.disks.reduce((n, d) => n + 1 + Object.values(d).filter((value) => value !== undefined).length, 0);
}

function tieBreak(a: object, b: object): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x.length - y.length || compareText(x, y);
}

function richer<T extends object>(a: T, b: T): T {
  return tieBreak(a, b) >= 0 ? a : b;
}

/** Compares two ISO times; an absent or unreadable time is older than any other. */
function compareTimes(a: string | undefined, b: string | undefined): number {
  const x = ms(a);
  const y = ms(b);
  if (x === undefined || y === undefined) return (x === undefined ? 0 : 1) - (y === undefined ? 0 : 1);
  return x - y;
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || ms(a) === undefined) return b ?? a;
  if (b === undefined || ms(b) === undefined) return a;
  return compareTimes(a, b) <= 0 ? a : b;
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareTimes(a, b) >= 0 ? a : b;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Drops keys whose value is undefined, so merged records serialise exactly like recorded ones. */
export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}
