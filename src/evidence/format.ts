// How a drill's record is written to and read from its JSON file: the file's place (an account folder named after
// the profile, one file per drill), a fixed key order and two-space indentation so that a record's git diff shows
// only what changed, and the check a file must pass to be read as a record. Pure.
import { EVIDENCE_SCHEMA_VERSION, type DrillEvidence, type EvidenceKind } from './evidence';

/** A file-system-safe folder or file name part: letters, digits, `-`, `_` and `.` stay, anything else becomes `-`. */
export function safeName(value: string, fallback: string): string {
  const slug = value.replace(/[^A-Za-z0-9._-]/g, '-');
  if (slug === '') return fallback;
  // `.` and `..` name folders of their own; a leading dot would hide the file and read as a temporary one.
  return slug.startsWith('.') ? `-${slug.slice(1)}` : slug;
}

/** The folder of a profile's records, below the store's root. */
export function accountFolder(profileName: string): string {
  return safeName(profileName, 'profile');
}

/** The file name of a drill's record in its account folder. */
export function recordFileName(kind: EvidenceKind, drillId: string): string {
  return `${kind}-${safeName(drillId, 'drill')}.json`;
}

/** True for the name of a record file (not a temporary, lock or set-aside file). */
export function isRecordFileName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.');
}

// The order of the keys in a written record; keys not listed (added by a later version) follow, sorted.
const RECORD_KEYS: readonly string[] = [
  'schemaVersion', 'kind', 'drillId', 'account', 'owner', 'sourceRegionId', 'regionId', 'zoneId', 'rpoSeconds', 'drillDiskIds',
  'recoveryPoint', 'startAt', 'lastExecutingAt', 'firstExecutedAt', 'failedAt', 'statusMessage', 'clearRequestedAt', 'clearedAt',
  'goneAt', 'startRequestId', 'clearRequestId', 'startedBy', 'clearedBy', 'extensionVersion', 'verdict', 'notes', 'verdictBy',
  'verdictAt', 'verification', 'status', 'statusAt', 'disks', 'tracking', 'events', 'updatedAt',
];
type KeyOrder = { keys: readonly string[]; nested?: Readonly<Record<string, KeyOrder>> };
const ACTOR: KeyOrder = { keys: ['osUser', 'profileName'] };
const VERIFICATION: KeyOrder = {
  keys: ['state', 'instance', 'script', 'timeoutSeconds', 'by', 'startedAt', 'finishedAt', 'verifiedAt', 'disks', 'problem'],
  nested: {
    instance: { keys: ['instanceId', 'name', 'zoneId'] },
    script: { keys: ['source', 'name', 'sha256'] },
    by: ACTOR,
    disks: {
      keys: [
        'pairId', 'diskId', 'attachRequestedAt', 'attachedAt', 'attachRequestId', 'invokeId', 'invocationStatus', 'errorCode', 'errorInfo',
        'exitCode', 'output', 'outputTruncated', 'checkStartedAt', 'checkFinishedAt', 'filesystem', 'detachRequestedAt', 'detachedAt',
        'detachRequestId', 'detachProblem', 'verdict',
      ],
    },
  },
};
const NESTED_KEYS: Readonly<Record<string, readonly string[] | KeyOrder>> = {
  verification: VERIFICATION,
  account: ['profileId', 'profileName', 'accessKeyId'],
  owner: ['id', 'name', 'memberPairIds'],
  startedBy: ['osUser', 'profileName'],
  clearedBy: ['osUser', 'profileName'],
  verdictBy: ['osUser', 'profileName'],
  by: ['osUser', 'profileName'],
  disks: ['pairId', 'diskId', 'status'],
  tracking: ['active', 'followed', 'disksAtClear'],
  events: ['type', 'at', 'requestId', 'by', 'statusMessage', 'diskId', 'instanceId'],
};

/** The record as its file holds it: pretty-printed with a fixed key order and a trailing newline. */
export function serializeEvidence(record: DrillEvidence): string {
  return `${JSON.stringify(ordered(record, RECORD_KEYS), undefined, 2)}\n`;
}

function ordered(value: unknown, keys: readonly string[], nested: Readonly<Record<string, readonly string[] | KeyOrder>> = NESTED_KEYS): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, keys, nested));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const names = [...keys.filter((k) => k in source), ...Object.keys(source).filter((k) => !keys.includes(k)).sort()];
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (source[name] === undefined) continue;
    const order = nested[name];
    // A record's nested objects share one map by name; a verification's parts have their own (its `disks`, its `by`).
    if (order === undefined || isKeyList(order)) out[name] = ordered(source[name], order ?? [], nested);
    else out[name] = ordered(source[name], order.keys, order.nested ?? {});
  }
  return out;
}

const isKeyList = (order: readonly string[] | KeyOrder): order is readonly string[] => Array.isArray(order);

/** Reads a record file's text; anything that is not a record of this schema version is an error (with the reason). */
export function parseEvidence(text: string): DrillEvidence | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObject(value)) return { error: 'not a JSON object' };
  if (value.schemaVersion !== EVIDENCE_SCHEMA_VERSION) return { error: `unknown schemaVersion ${JSON.stringify(value.schemaVersion)}` };
  const problem = firstProblem(value);
  return problem === undefined ? (value as unknown as DrillEvidence) : { error: problem };
}

function firstProblem(r: Record<string, unknown>): string | undefined {
  if (r.kind !== 'pair' && r.kind !== 'group') return 'kind is not "pair" or "group"';
  for (const key of ['drillId', 'regionId', 'status', 'statusAt', 'extensionVersion', 'updatedAt']) {
    if (typeof r[key] !== 'string' || r[key] === '') return `${key} is missing`;
  }
  for (const key of ['sourceRegionId', 'zoneId', 'recoveryPoint', 'startAt', 'lastExecutingAt', 'firstExecutedAt', 'failedAt', 'statusMessage', 'clearRequestedAt', 'clearedAt', 'goneAt', 'startRequestId', 'clearRequestId', 'verdict', 'notes', 'verdictAt']) {
    if (r[key] !== undefined && typeof r[key] !== 'string') return `${key} is not a string`;
  }
  if (r.rpoSeconds !== undefined && typeof r.rpoSeconds !== 'number') return 'rpoSeconds is not a number';
  const account = r.account;
  if (!isObject(account) || typeof account.profileId !== 'string' || typeof account.profileName !== 'string') return 'account is missing';
  const owner = r.owner;
  if (!isObject(owner) || typeof owner.id !== 'string' || owner.id === '') return 'owner is missing';
  if (!isStringList(r.drillDiskIds)) return 'drillDiskIds is not a list of IDs';
  if (!Array.isArray(r.disks) || !r.disks.every((d) => isObject(d) && typeof d.diskId === 'string')) return 'disks is not a list of disks';
  const tracking = r.tracking;
  if (!isObject(tracking) || typeof tracking.active !== 'boolean' || typeof tracking.followed !== 'boolean') return 'tracking is missing';
  if (tracking.disksAtClear !== undefined && !isStringList(tracking.disksAtClear)) return 'tracking.disksAtClear is not a list of IDs';
  if (!Array.isArray(r.events) || !r.events.every((e) => isObject(e) && typeof e.type === 'string' && typeof e.at === 'string')) return 'events is not a list of events';
  for (const key of ['startedBy', 'clearedBy', 'verdictBy']) if (r[key] !== undefined && !isObject(r[key])) return `${key} is not an actor`;
  if (r.verification !== undefined) return verificationProblem(r.verification);
  return undefined;
}

const VERIFICATION_STATES = new Set(['verifying', 'passed', 'failed', 'incomplete']);

/** What the report and freshness read of a verification must have the right shape. */
function verificationProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'verification is not an object';
  if (typeof v.state !== 'string' || !VERIFICATION_STATES.has(v.state)) return 'verification.state is not verifying, passed, failed or incomplete';
  if (typeof v.startedAt !== 'string') return 'verification.startedAt is missing';
  for (const key of ['finishedAt', 'verifiedAt', 'problem']) if (v[key] !== undefined && typeof v[key] !== 'string') return `verification.${key} is not a string`;
  if (!isObject(v.instance) || typeof v.instance.instanceId !== 'string' || typeof v.instance.zoneId !== 'string') return 'verification.instance is missing';
  if (!isObject(v.script) || typeof v.script.name !== 'string' || typeof v.script.sha256 !== 'string' || (v.script.source !== 'builtin' && v.script.source !== 'team')) return 'verification.script is missing';
  if (!isObject(v.by)) return 'verification.by is not an actor';
  if (typeof v.timeoutSeconds !== 'number') return 'verification.timeoutSeconds is not a number';
  if (!Array.isArray(v.disks) || !v.disks.every((d) => isObject(d) && typeof d.diskId === 'string' && (d.exitCode === undefined || typeof d.exitCode === 'number') && (d.output === undefined || typeof d.output === 'string'))) {
    return 'verification.disks is not a list of disks';
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
