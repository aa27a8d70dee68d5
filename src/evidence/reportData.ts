// What the drill report says, computed once for both of its forms: each pair's and group's last successful drill,
// freshness and interval, the drills of the period (for the chosen regions), the summary counts, and the JSON twin
// of the Markdown (stable key order; absent values are null, except inside events and disks where they are left out).
// Pure; linear in owners and records (one EvidenceIndex, one sort of the period's drills).
import { iso, type Actor, type DrillEvidence, type EvidenceDisk, type EvidenceEvent, type Verification, type VerificationDisk } from './evidence';
import { drillFigures, type DrillFigures } from './figures';
import { drillTime, EvidenceIndex, freshness, type Freshness } from './freshness';

export const REPORT_SCHEMA_VERSION = 1;

/** A pair or replica group as the report shows it (from the tree's inventory). */
export interface ReportOwner {
  kind: 'pair' | 'group';
  id: string;
  name: string;
  sourceRegionId: string;
  /** The DR (destination) region. */
  regionId: string;
  status: string;
  rpoSeconds?: number;
  /** Unix ms. */
  lastRecoverPoint?: number;
  /** A group's member pairs (also credits a group drill whose record lacks them to these pairs). */
  memberPairIds?: string[];
}

export interface ReportInput {
  generatedAt: number;
  /** Unix ms, both ends included. */
  period: { from: number; to: number };
  regions: string[];
  profileName: string;
  extensionVersion: string;
  owners: ReportOwner[];
  records: DrillEvidence[];
  intervalDaysFor: (owner: ReportOwner) => number;
  /** How the Markdown shows a time (default: formatLocalDateTime); tests pass a UTC one. */
  formatTime?: (ms: number) => string;
}

export interface OwnerRow {
  owner: ReportOwner;
  intervalDays: number;
  fresh: Freshness;
  last?: DrillEvidence;
  lastFigures?: DrillFigures;
}

export interface DrillRow {
  record: DrillEvidence;
  at: number;
  figures: DrillFigures;
}

export interface ReportSummary {
  pairs: number;
  groups: number;
  overdue: number;
  drills: number;
  passed: number;
  failed: number;
  notChecked: number;
  noVerdict: number;
  /** Drills whose verification passed, failed, did not finish (incomplete, or still verifying), or never ran. */
  verified: number;
  verificationFailed: number;
  verificationIncomplete: number;
  notVerified: number;
}

export interface ReportData {
  owners: OwnerRow[];
  drills: DrillRow[];
  summary: ReportSummary;
}

/** Group drills whose record names no member pairs take the group's current members (from the inventory). */
function withMembers(records: readonly DrillEvidence[], owners: readonly ReportOwner[]): DrillEvidence[] {
  const members = new Map<string, string[]>();
  for (const o of owners) if (o.kind === 'group' && o.memberPairIds && o.memberPairIds.length > 0) members.set(o.id, o.memberPairIds);
  if (members.size === 0) return [...records];
  return records.map((r) => {
    const current = r.kind === 'group' && (r.owner.memberPairIds ?? []).length === 0 ? members.get(r.owner.id) : undefined;
    return current ? { ...r, owner: { ...r.owner, memberPairIds: current } } : r;
  });
}

const byOwner = (a: OwnerRow, b: OwnerRow): number =>
  compare(a.owner.regionId, b.owner.regionId) || compare(a.owner.kind, b.owner.kind) || compare(a.owner.name, b.owner.name) || compare(a.owner.id, b.owner.id);

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function reportData(input: ReportInput): ReportData {
  const index = new EvidenceIndex(withMembers(input.records, input.owners));
  const owners = input.owners.map((owner): OwnerRow => {
    const intervalDays = input.intervalDaysFor(owner);
    const last = index.lastSuccessful(owner);
    const row: OwnerRow = { owner, intervalDays, fresh: freshness(owner, index, intervalDays, input.generatedAt) };
    if (last) {
      row.last = last;
      row.lastFigures = drillFigures(last);
    }
    return row;
  });
  owners.sort(byOwner);
  const regions = new Set(input.regions);
  const drills: DrillRow[] = [];
  for (const record of input.records) {
    const at = drillTime(record);
    if (at === undefined || at < input.period.from || at > input.period.to) continue;
    if (!regions.has(record.regionId) && !(record.sourceRegionId !== undefined && regions.has(record.sourceRegionId))) continue;
    drills.push({ record, at, figures: drillFigures(record) });
  }
  drills.sort((a, b) => a.at - b.at || compare(a.record.drillId, b.record.drillId) || compare(a.record.owner.id, b.record.owner.id));
  const summary: ReportSummary = {
    pairs: owners.filter((o) => o.owner.kind === 'pair').length,
    groups: owners.filter((o) => o.owner.kind === 'group').length,
    overdue: owners.filter((o) => o.fresh.overdue).length,
    drills: drills.length,
    passed: drills.filter((d) => d.record.verdict === 'passed').length,
    failed: drills.filter((d) => d.record.verdict === 'failed').length,
    notChecked: drills.filter((d) => d.record.verdict === 'notChecked').length,
    noVerdict: drills.filter((d) => d.record.verdict === undefined).length,
    verified: drills.filter((d) => d.record.verification?.state === 'passed').length,
    verificationFailed: drills.filter((d) => d.record.verification?.state === 'failed').length,
    verificationIncomplete: drills.filter((d) => d.record.verification?.state === 'incomplete' || d.record.verification?.state === 'verifying').length,
    notVerified: drills.filter((d) => d.record.verification === undefined).length,
  };
  return { owners, drills, summary };
}

// ---------------------------------------------------------------------------------------------
// The JSON twin
// ---------------------------------------------------------------------------------------------

const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
const isoOrNull = (value: number | undefined): string | null => (value === undefined ? null : iso(value));

function figuresJson(f: DrillFigures): object {
  return {
    outcome: f.outcome,
    rpoAtDrillMs: orNull(f.rpoAtDrillMs),
    timeToUsableMs: orNull(f.timeToUsableMs),
    resolutionMs: orNull(f.resolutionMs),
    timeToVerifiedMs: orNull(f.timeToVerifiedMs),
    timeHeldMs: orNull(f.timeHeldMs),
  };
}

const actorJson = (a: Actor | undefined): object | null => (a ? { osUser: a.osUser, profileName: a.profileName } : null);

/** Only the fields that are set, in a fixed order. */
function compact(entries: [string, unknown][]): object {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

const eventJson = (e: EvidenceEvent): object =>
  compact([
    ['type', e.type], ['at', e.at], ['requestId', e.requestId], ['by', e.by ? actorJson(e.by) : undefined], ['statusMessage', e.statusMessage],
    ['diskId', e.diskId], ['instanceId', e.instanceId],
  ]);

const verificationDiskJson = (d: VerificationDisk): object =>
  compact([
    ['pairId', d.pairId], ['diskId', d.diskId], ['attachRequestedAt', d.attachRequestedAt], ['attachedAt', d.attachedAt], ['attachRequestId', d.attachRequestId],
    ['invokeId', d.invokeId], ['invocationStatus', d.invocationStatus], ['errorCode', d.errorCode], ['errorInfo', d.errorInfo], ['exitCode', d.exitCode],
    ['output', d.output], ['outputTruncated', d.outputTruncated], ['checkStartedAt', d.checkStartedAt], ['checkFinishedAt', d.checkFinishedAt],
    ['filesystem', d.filesystem], ['detachRequestedAt', d.detachRequestedAt], ['detachedAt', d.detachedAt], ['detachRequestId', d.detachRequestId],
    ['detachProblem', d.detachProblem], ['verdict', d.verdict],
  ]);

/** The whole verification, in its declared order (fields that are not set are left out, as in events and disks). */
function verificationJson(v: Verification | undefined): object | null {
  if (v === undefined) return null;
  return compact([
    ['state', v.state],
    ['instance', compact([['instanceId', v.instance.instanceId], ['name', v.instance.name], ['zoneId', v.instance.zoneId]])],
    ['script', { source: v.script.source, name: v.script.name, sha256: v.script.sha256 }],
    ['timeoutSeconds', v.timeoutSeconds],
    ['by', actorJson(v.by)],
    ['startedAt', v.startedAt],
    ['finishedAt', v.finishedAt],
    ['verifiedAt', v.verifiedAt],
    ['disks', v.disks.map(verificationDiskJson)],
    ['problem', v.problem],
  ]);
}

const diskJson = (d: EvidenceDisk): object => compact([['pairId', d.pairId], ['diskId', d.diskId], ['status', d.status]]);

/** Every field of the record in its declared order, and its figures. */
export function drillJson(r: DrillEvidence, figures: DrillFigures): object {
  return {
    schemaVersion: r.schemaVersion,
    kind: r.kind,
    drillId: r.drillId,
    account: { profileId: r.account.profileId, profileName: r.account.profileName, accessKeyId: orNull(r.account.accessKeyId) },
    owner: { id: r.owner.id, name: orNull(r.owner.name), memberPairIds: orNull(r.owner.memberPairIds) },
    sourceRegionId: orNull(r.sourceRegionId),
    regionId: r.regionId,
    zoneId: orNull(r.zoneId),
    rpoSeconds: orNull(r.rpoSeconds),
    drillDiskIds: r.drillDiskIds,
    recoveryPoint: orNull(r.recoveryPoint),
    startAt: orNull(r.startAt),
    lastExecutingAt: orNull(r.lastExecutingAt),
    firstExecutedAt: orNull(r.firstExecutedAt),
    failedAt: orNull(r.failedAt),
    statusMessage: orNull(r.statusMessage),
    clearRequestedAt: orNull(r.clearRequestedAt),
    clearedAt: orNull(r.clearedAt),
    goneAt: orNull(r.goneAt),
    startRequestId: orNull(r.startRequestId),
    clearRequestId: orNull(r.clearRequestId),
    startedBy: actorJson(r.startedBy),
    clearedBy: actorJson(r.clearedBy),
    extensionVersion: r.extensionVersion,
    verdict: orNull(r.verdict),
    notes: orNull(r.notes),
    verdictBy: actorJson(r.verdictBy),
    verdictAt: orNull(r.verdictAt),
    verification: verificationJson(r.verification),
    status: r.status,
    statusAt: r.statusAt,
    disks: r.disks.map(diskJson),
    tracking: { active: r.tracking.active, followed: r.tracking.followed, disksAtClear: orNull(r.tracking.disksAtClear) },
    events: r.events.map(eventJson),
    updatedAt: r.updatedAt,
    figures: figuresJson(figures),
  };
}

function lastDrillJson(r: DrillEvidence, figures: DrillFigures): object {
  return {
    drillId: r.drillId,
    kind: r.kind,
    ownerId: r.owner.id,
    regionId: r.regionId,
    startAt: orNull(r.startAt),
    recoveryPoint: orNull(r.recoveryPoint),
    firstExecutedAt: orNull(r.firstExecutedAt),
    figures: figuresJson(figures),
    verificationState: orNull(r.verification?.state),
    verdict: orNull(r.verdict),
    notes: orNull(r.notes),
  };
}

function ownerJson(row: OwnerRow): object {
  const o = row.owner;
  return {
    kind: o.kind,
    id: o.id,
    name: o.name,
    sourceRegionId: o.sourceRegionId,
    regionId: o.regionId,
    status: o.status,
    rpoSeconds: orNull(o.rpoSeconds),
    lastRecoverPoint: isoOrNull(o.lastRecoverPoint),
    memberPairIds: o.kind === 'group' ? (o.memberPairIds ?? []) : null,
    intervalDays: row.intervalDays,
    overdue: row.fresh.overdue,
    lastDrilledAt: isoOrNull(row.fresh.lastDrilledAt),
    dueAt: isoOrNull(row.fresh.dueAt),
    lastDrill: row.last && row.lastFigures ? lastDrillJson(row.last, row.lastFigures) : null,
  };
}

/** The JSON twin: 2-space pretty, stable key order, a trailing newline. */
export function reportJson(input: ReportInput, data: ReportData): string {
  const doc = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    report: 'ebs-dr-drill-report',
    generatedAt: iso(input.generatedAt),
    period: { from: iso(input.period.from), to: iso(input.period.to) },
    regions: input.regions,
    profile: input.profileName,
    extensionVersion: input.extensionVersion,
    summary: data.summary,
    owners: data.owners.map(ownerJson),
    drills: data.drills.map((d) => drillJson(d.record, d.figures)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `drill-report-20260301T080000Z` (UTC, from the generation time): the base name of both files. */
export function reportBaseName(generatedAt: number): string {
  return `drill-report-${iso(generatedAt).replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')}`;
}
