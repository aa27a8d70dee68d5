// What the extension learns about a drill, applied to its record: the start and clear answers, the observations of
// polls and listings, the drill's disappearance and the user's verdict, plus the tracker's view of the drill (the
// record is the tracker's shared state). Each function returns a new record and leaves its argument alone; `at` is
// unix ms (stored as ISO). Observations move the status forward only, as the tracker reads them. Pure.
import type { DrillObservation, TrackedDrill } from '../drills/model';
import { isStaleObservation } from '../drills/transitions';
import {
  EVIDENCE_SCHEMA_VERSION,
  iso,
  ms,
  type Actor,
  type DrillEvidence,
  type EvidenceEvent,
  type EvidenceKind,
  type Verdict,
  type Verification,
  type VerificationDisk,
  OUTPUT_EXCERPT_CHARS,
} from './evidence';
import { sortEvents, withoutUndefined } from './merge';

export interface EvidenceBase {
  kind: EvidenceKind;
  drillId: string;
  account: { profileId: string; profileName: string; accessKeyId?: string };
  owner: { id: string; name?: string; memberPairIds?: string[] };
  regionId: string;
  sourceRegionId?: string;
  zoneId?: string;
  rpoSeconds?: number;
  /** Unix ms. */
  recoveryPoint?: number;
  /** Unix ms. */
  startAt?: number;
  extensionVersion: string;
}

/** A request the extension made (StartPairDrill, ClearReplicaGroupDrill…) and who made it. */
export interface RequestInfo {
  requestId?: string;
  by: Actor;
}

export interface VerdictInfo {
  verdict: Verdict;
  notes?: string;
  by: Actor;
}

/** The statuses a drill has once it left the listings: nothing observed later changes them. */
const VANISHED = new Set(['cleared', 'gone']);

export function newEvidence(base: EvidenceBase, at: number): DrillEvidence {
  return withoutUndefined<DrillEvidence>({
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    kind: base.kind,
    drillId: base.drillId,
    account: withoutUndefined({ ...base.account }),
    owner: withoutUndefined({ ...base.owner, memberPairIds: base.owner.memberPairIds && [...base.owner.memberPairIds] }),
    sourceRegionId: base.sourceRegionId,
    regionId: base.regionId,
    zoneId: base.zoneId,
    rpoSeconds: base.rpoSeconds,
    drillDiskIds: [],
    recoveryPoint: base.recoveryPoint === undefined ? undefined : iso(base.recoveryPoint),
    startAt: base.startAt === undefined ? undefined : iso(base.startAt),
    extensionVersion: base.extensionVersion,
    status: 'executing',
    statusAt: iso(at),
    disks: [],
    tracking: { active: true, followed: false },
    events: [],
    updatedAt: iso(at),
  });
}

export function recordStarted(record: DrillEvidence, request: RequestInfo, at: number): DrillEvidence {
  const next = copy(record, at);
  // An uncertain start that is found later is still one start: the first answer's event stays, the rest fills gaps.
  if (!next.events.some((e) => e.type === 'started')) next.events = withEvent(next.events, event('started', at, request));
  next.startRequestId = next.startRequestId ?? request.requestId;
  next.startedBy = next.startedBy ?? request.by;
  return withoutUndefined(next);
}

/** The drill was found rather than started here; recorded once, and never for a drill whose start was recorded. */
export function recordDiscovered(record: DrillEvidence, at: number): DrillEvidence {
  if (record.events.some((e) => e.type === 'started' || e.type === 'discovered')) return record;
  const next = copy(record, at);
  next.events = withEvent(next.events, { type: 'discovered', at: iso(at) });
  return next;
}

export function recordObservation(record: DrillEvidence, observation: DrillObservation, at: number): DrillEvidence {
  const previous = record.status;
  const next = withState(record, observation, at);
  if (next.status !== observation.status) return next;
  if (observation.status === 'executing' && next.firstExecutedAt === undefined) next.lastExecutingAt = iso(at);
  if (observation.status === 'executed' && next.firstExecutedAt === undefined) {
    next.firstExecutedAt = iso(at);
    next.events = withEvent(next.events, { type: 'executed', at: iso(at) });
  }
  if (observation.status === 'execute_failed' && next.failedAt === undefined) {
    next.failedAt = iso(at);
    next.events = withEvent(next.events, withoutUndefined({ type: 'failed', at: iso(at), statusMessage: observation.statusMessage }));
  }
  if (observation.status === 'clear_failed' && previous !== 'clear_failed') {
    next.events = withEvent(next.events, withoutUndefined({ type: 'clearFailed', at: iso(at), statusMessage: observation.statusMessage }));
  }
  return withoutUndefined(next);
}

/**
 * The drill's state as observed (status, message, disks, StartAt, recovery point), without the events and first
 * times: those are the journal's, at the instant of each answer (a tracker save may be written later than that).
 * An answer older than what the record knows only adds its disk IDs (and its disks when none are known).
 */
function withState(record: DrillEvidence, observation: DrillObservation, at: number): DrillEvidence {
  const next = copy(record, at);
  next.drillDiskIds = uniteIds(next.drillDiskIds, observation.disks.map((d) => d.diskId));
  if (VANISHED.has(record.status) || isStaleObservation(record.status, observation.status)) {
    if (next.disks.length === 0) next.disks = observation.disks.map((d) => withoutUndefined({ ...d }));
    return next;
  }
  // statusAt is when the status was first seen: an answer that repeats it changes nothing (and writes nothing).
  if (observation.status !== record.status) next.statusAt = iso(at);
  next.status = observation.status;
  next.disks = observation.disks.map((d) => withoutUndefined({ ...d }));
  // A status without a message keeps the last one (the failure's reason stays readable after the clear).
  if (observation.statusMessage !== undefined) next.statusMessage = observation.statusMessage;
  if (observation.startedAt !== undefined) next.startAt = iso(observation.startedAt);
  if (observation.recoverPoint !== undefined) next.recoveryPoint = iso(observation.recoverPoint);
  return withoutUndefined(next);
}

export function recordClearRequested(record: DrillEvidence, request: RequestInfo, at: number): DrillEvidence {
  const next = copy(record, at);
  next.clearRequestedAt = next.clearRequestedAt ?? iso(at);
  // Every attempt is an event (a retry after clear_failed has its own request); the fields name the latest.
  next.events = withEvent(next.events, event('clearRequested', at, request));
  next.clearRequestId = request.requestId ?? next.clearRequestId;
  next.clearedBy = request.by;
  return withoutUndefined(next);
}

/** The drill left the listings: cleared when a clear was requested or it was clearing, else gone. Recorded once. */
export function recordVanished(record: DrillEvidence, at: number): DrillEvidence {
  if (record.clearedAt !== undefined || record.goneAt !== undefined) return record;
  const next = copy(record, at);
  const cleared = next.clearRequestedAt !== undefined || record.status === 'clearing';
  next.status = cleared ? 'cleared' : 'gone';
  next.statusAt = iso(at);
  if (cleared) next.clearedAt = iso(at);
  else next.goneAt = iso(at);
  next.events = withEvent(next.events, { type: cleared ? 'cleared' : 'gone', at: iso(at) });
  next.tracking = { ...next.tracking, active: false };
  return next;
}

export function recordVerdict(record: DrillEvidence, verdict: VerdictInfo, at: number): DrillEvidence {
  const next = copy(record, at);
  next.verdict = verdict.verdict;
  next.notes = verdict.notes;
  next.verdictBy = verdict.by;
  next.verdictAt = iso(at);
  next.events = withEvent(next.events, { type: 'verdict', at: iso(at), by: verdict.by });
  return withoutUndefined(next);
}

/** A verification event: an EvidenceEvent whose `at` (ISO) defaults to the moment of the write. */
export type VerificationEvent = Omit<EvidenceEvent, 'at'> & { at?: string };

/**
 * The drill's latest verification replaces the one the record had (earlier attempts stay readable in `events`), and
 * `event`, when given, is added. Each disk's output is cut to OUTPUT_EXCERPT_CHARS (`outputTruncated` then set).
 */
export function recordVerification(record: DrillEvidence, verification: Verification, at: number, event?: VerificationEvent): DrillEvidence {
  const next = copy(record, at);
  next.verification = cappedVerification(verification);
  if (event) next.events = withEvent(next.events, withoutUndefined({ ...event, at: event.at ?? iso(at) }));
  return withoutUndefined(next);
}

/** A copy of a verification whose disks' outputs are at most OUTPUT_EXCERPT_CHARS long. */
export function cappedVerification(verification: Verification): Verification {
  return withoutUndefined<Verification>({
    ...verification,
    instance: withoutUndefined({ ...verification.instance }),
    script: { ...verification.script },
    by: { ...verification.by },
    disks: verification.disks.map(cappedDisk),
  });
}

function cappedDisk(disk: VerificationDisk): VerificationDisk {
  const next = withoutUndefined({ ...disk });
  if (next.output === undefined || next.output.length <= OUTPUT_EXCERPT_CHARS) return next;
  let cut = next.output.slice(0, OUTPUT_EXCERPT_CHARS);
  // Never half a character: a high surrogate left at the end loses its pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return { ...next, output: cut, outputTruncated: true };
}

/**
 * The tracker's view of the drill applied to its record: its state (not its events: the journal records those at
 * the instant of each answer), the names it learned and its tracking flags. A record of a drill that left the
 * listings stays inactive.
 */
export function recordTracking(record: DrillEvidence, tracked: TrackedDrill, at: number): DrillEvidence {
  const observed = withState(
    record,
    { status: tracked.status, statusMessage: tracked.statusMessage, disks: tracked.disks, startedAt: tracked.startedAt, recoverPoint: tracked.recoverPoint },
    at,
  );
  const next = copy(observed, at);
  next.owner = withoutUndefined({ ...next.owner, name: tracked.ownerName ?? next.owner.name });
  next.zoneId = tracked.zoneId ?? next.zoneId;
  next.tracking = withoutUndefined({
    active: next.clearedAt === undefined && next.goneAt === undefined,
    followed: tracked.followed,
    disksAtClear: tracked.disksAtClear && [...tracked.disksAtClear],
  });
  return withoutUndefined(next);
}

/** The tracker's drill kept in a record. */
export function trackedFromEvidence(record: DrillEvidence): TrackedDrill {
  return withoutUndefined<TrackedDrill>({
    kind: record.kind,
    regionId: record.regionId,
    ownerId: record.owner.id,
    drillId: record.drillId,
    account: record.account.profileId,
    ownerName: record.owner.name,
    zoneId: record.zoneId,
    status: record.status,
    statusMessage: record.statusMessage,
    disks: record.disks.map((d) => withoutUndefined({ ...d })),
    startedAt: ms(record.startAt),
    recoverPoint: ms(record.recoveryPoint),
    followed: record.tracking.followed,
    disksAtClear: record.tracking.disksAtClear && [...record.tracking.disksAtClear],
  });
}

/** Sets the record's tracking inactive (the drill is no longer followed by any window). */
export function recordUntracked(record: DrillEvidence, at: number): DrillEvidence {
  if (!record.tracking.active) return record;
  const next = copy(record, at);
  next.tracking = { ...next.tracking, active: false };
  return next;
}

function copy(record: DrillEvidence, at: number): DrillEvidence {
  return { ...record, drillDiskIds: [...record.drillDiskIds], disks: [...record.disks], events: [...record.events], tracking: { ...record.tracking }, updatedAt: iso(at) };
}

function event(type: EvidenceEvent['type'], at: number, request: RequestInfo): EvidenceEvent {
  return withoutUndefined({ type, at: iso(at), requestId: request.requestId, by: request.by });
}

function withEvent(events: readonly EvidenceEvent[], e: EvidenceEvent): EvidenceEvent[] {
  return sortEvents([...events, e]);
}

function uniteIds(known: readonly string[], more: readonly string[]): string[] {
  return [...new Set([...known, ...more])].sort();
}
