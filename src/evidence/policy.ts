// The drill cadence policy: `drill-policy.json` in the evidence folder says how often each pair and replica group
// must be drilled (docs/evidence.md). Parsing is lenient: an entry that is not a whole number of days ≥ 0 is reported
// and ignored, the rest of the file still applies. Pure.
import { ENGLISH, type Localiser } from '../replication/text';
import type { EvidenceKind } from './evidence';

export const POLICY_FILE_NAME = 'drill-policy.json';

export interface DrillPolicy {
  /** Days between drills for every pair and group the file does not name; overrides the setting's default. */
  intervalDays?: number;
  /** Pair ID or name → days. */
  pairs: ReadonlyMap<string, number>;
  /** Replica group ID or name → days. */
  groups: ReadonlyMap<string, number>;
}

export interface PolicyOwner {
  kind: EvidenceKind;
  id: string;
  name?: string;
}

export const EMPTY_POLICY: DrillPolicy = { pairs: new Map(), groups: new Map() };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole number of days ≥ 0 (0 = never overdue). */
const isDays = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

const shown = (value: unknown): string => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

function entries(value: unknown, field: 'pairs' | 'groups', problems: string[], l: Localiser): Map<string, number> {
  const map = new Map<string, number>();
  if (value === undefined) return map;
  if (!isObject(value)) {
    problems.push(l.t('"{0}" must be an object of IDs or names and days; it was ignored.', field));
    return map;
  }
  for (const [key, days] of Object.entries(value)) {
    if (key.trim() === '') problems.push(l.t('"{0}" has an entry with an empty ID or name; it was ignored.', field));
    else if (isDays(days)) map.set(key, days);
    else problems.push(l.t('{0}: {1} is not a whole number of days (0 or more); the entry was ignored.', `${field}["${key}"]`, shown(days)));
  }
  return map;
}

/** Reads the policy file's text; `problems` lists what was ignored (the shell shows them). */
export function parsePolicy(text: string, l: Localiser = ENGLISH): { policy: DrillPolicy; problems: string[] } {
  const problems: string[] = [];
  if (text.trim() === '') return { policy: EMPTY_POLICY, problems };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(l.t('The drill policy is not valid JSON ({0}); it was ignored.', error instanceof Error ? error.message : String(error)));
    return { policy: EMPTY_POLICY, problems };
  }
  if (!isObject(parsed)) {
    problems.push(l.t('The drill policy must be a JSON object; it was ignored.'));
    return { policy: EMPTY_POLICY, problems };
  }
  const policy: DrillPolicy = { pairs: entries(parsed.pairs, 'pairs', problems, l), groups: entries(parsed.groups, 'groups', problems, l) };
  if (parsed.intervalDays !== undefined) {
    if (isDays(parsed.intervalDays)) policy.intervalDays = parsed.intervalDays;
    else problems.push(l.t('{0}: {1} is not a whole number of days (0 or more); the entry was ignored.', 'intervalDays', shown(parsed.intervalDays)));
  }
  for (const key of Object.keys(parsed)) {
    if (key !== 'intervalDays' && key !== 'pairs' && key !== 'groups' && key !== '$schema') {
      problems.push(l.t('Unknown field "{0}"; it was ignored.', key));
    }
  }
  return { policy, problems };
}

/**
 * Days between drills of one pair or group (0 = never overdue): its entry by ID, else by name, else the file's
 * `intervalDays`, else the setting's default (`settingDays` in whole days, 0 = off).
 */
export function intervalDaysFor(policy: DrillPolicy, settingDays: number, owner: PolicyOwner): number {
  const named = owner.kind === 'pair' ? policy.pairs : policy.groups;
  const byId = named.get(owner.id);
  if (byId !== undefined) return byId;
  const byName = owner.name !== undefined && owner.name !== '' ? named.get(owner.name) : undefined;
  if (byName !== undefined) return byName;
  if (policy.intervalDays !== undefined) return policy.intervalDays;
  return Number.isFinite(settingDays) && settingDays > 0 ? Math.floor(settingDays) : 0;
}
