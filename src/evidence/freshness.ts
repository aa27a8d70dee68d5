// When each pair and replica group was last drilled successfully, and whether it is overdue for its next drill.
// A drill counts when its verification passed, or when it reached a usable drill disk and the user judged it passed;
// a verdict of failed always keeps it out (isSuccessfulDrill). Any account's records count (a
// teammate's drill of a shared pair is a drill of that pair), and a replica group drill counts for its member pairs.
// Pure. EvidenceIndex reads the records once, so 15,000 owners × 50,000 records is a Map lookup per owner.
import { ageMessage } from '../shared/format';
import type { LocalisableMessage } from '../shared/text';
import { ENGLISH, localised, type Localiser } from '../replication/text';
import { ms, type DrillEvidence, type EvidenceKind } from './evidence';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface FreshnessOwner {
  kind: EvidenceKind;
  id: string;
}

export interface Freshness {
  /** When the last successful drill started (StartAt, else its first event). */
  lastDrilledAt?: number;
  overdue: boolean;
  /** When the next drill is due (absent when never drilled or no interval applies). */
  dueAt?: number;
}

/** When a drill happened: the service's StartAt, else the first event learned of it. */
export function drillTime(record: DrillEvidence): number | undefined {
  return ms(record.startAt) ?? ms(record.events[0]?.at);
}

/**
 * A successful drill: its verification passed (the check ran on every drill disk and exited 0), or it reached a
 * usable disk and the user recorded the verdict `passed`. A verdict of `failed` never counts; neither does a usable
 * disk alone (no verdict, `notChecked`), nor a failed, incomplete or running verification without a passed verdict.
 */
export function isSuccessfulDrill(record: DrillEvidence): boolean {
  if (record.verdict === 'failed') return false;
  if (record.verification?.state === 'passed') return true;
  return record.firstExecutedAt !== undefined && record.verdict === 'passed';
}

/** Newer first: by drill time (records without one are oldest), then by DrillId for a stable choice. */
function newer(a: DrillEvidence, b: DrillEvidence): boolean {
  const ta = drillTime(a) ?? -Infinity;
  const tb = drillTime(b) ?? -Infinity;
  return ta !== tb ? ta > tb : a.drillId > b.drillId;
}

/** The owner IDs a record is a drill of: its pair or group, and a group drill's member pairs. */
function drilledIds(record: DrillEvidence): string[] {
  const members = record.kind === 'group' ? (record.owner.memberPairIds ?? []) : [];
  return members.length === 0 ? [record.owner.id] : [record.owner.id, ...members];
}

/** The newest successful drill of every pair and group, read once from all the records. */
export class EvidenceIndex {
  private readonly last = new Map<string, DrillEvidence>();

  constructor(records: Iterable<DrillEvidence>) {
    for (const record of records) {
      if (!isSuccessfulDrill(record)) continue;
      for (const id of drilledIds(record)) {
        const current = this.last.get(id);
        if (current === undefined || newer(record, current)) this.last.set(id, record);
      }
    }
  }

  /** A pair's last successful drill may be a drill of its replica group. */
  lastSuccessful(owner: FreshnessOwner): DrillEvidence | undefined {
    const record = this.last.get(owner.id);
    if (record === undefined) return undefined;
    // Owner IDs of pairs (`pair-…`) and groups (`pg-…`) never collide; a group only counts its own drills.
    if (owner.kind === 'group' && !(record.kind === 'group' && record.owner.id === owner.id)) return undefined;
    return record;
  }
}

export type EvidenceSource = readonly DrillEvidence[] | EvidenceIndex;

/** The newest successful drill of the owner (isSuccessfulDrill; one owner: a scan). */
export function lastSuccessfulDrill(records: EvidenceSource, owner: FreshnessOwner): DrillEvidence | undefined {
  if (records instanceof EvidenceIndex) return records.lastSuccessful(owner);
  let best: DrillEvidence | undefined;
  for (const record of records) {
    if (!isSuccessfulDrill(record)) continue;
    const counts = record.owner.id === owner.id ? owner.kind === record.kind || owner.kind === 'pair'
      : owner.kind === 'pair' && record.kind === 'group' && (record.owner.memberPairIds ?? []).includes(owner.id);
    if (counts && (best === undefined || newer(record, best))) best = record;
  }
  return best;
}

/** Overdue when an interval applies and the owner was never drilled, or its last drill is `intervalDays` old or more. */
export function freshness(owner: FreshnessOwner, records: EvidenceSource, intervalDays: number, now: number): Freshness {
  const last = lastSuccessfulDrill(records, owner);
  const lastDrilledAt = last === undefined ? undefined : drillTime(last);
  const interval = Number.isFinite(intervalDays) && intervalDays > 0 ? intervalDays * DAY_MS : 0;
  const result: Freshness = { overdue: false };
  if (lastDrilledAt !== undefined) result.lastDrilledAt = lastDrilledAt;
  if (interval === 0) return result;
  if (lastDrilledAt === undefined) return { ...result, overdue: true };
  result.dueAt = lastDrilledAt + interval;
  result.overdue = now >= result.dueAt;
  return result;
}

/** "drilled 12 d ago" (the age rounded down, as everywhere) or "never drilled"; `l` renders the age inside it. */
export function freshnessText(f: Freshness, now: number, l: Localiser = ENGLISH): LocalisableMessage {
  if (f.lastDrilledAt === undefined) return { message: 'never drilled', args: [] };
  return { message: 'drilled {0}', args: [localised(l, ageMessage(f.lastDrilledAt, now))] };
}

/** "3 of 40 overdue". */
export function overdueSummary(count: number, total: number): LocalisableMessage {
  return { message: '{0} of {1} overdue', args: [String(count), String(total)] };
}

/** Whether a record's new version can change an owner's last successful drill (its success, time or owner). */
export function movesFreshness(record: DrillEvidence, previous: DrillEvidence | undefined): boolean {
  if (!previous) return isSuccessfulDrill(record);
  return (
    isSuccessfulDrill(record) !== isSuccessfulDrill(previous) ||
    drillTime(record) !== drillTime(previous) ||
    record.owner.id !== previous.owner.id ||
    (record.owner.memberPairIds ?? []).join() !== (previous.owner.memberPairIds ?? []).join()
  );
}
