// Scenario loading and validation: turns a scenario (object or JSON file) into a NormalizedScenario,
// filling defaults and reporting every problem at once with its path (e.g. `ReplicaPairs[2].SourceRegion`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN } from './demoAccount';
import { builtInRegions } from './regionCatalog';
import { PAIR_STATUSES } from './types';
import type { Account, DrillOutcome, NormalizedScenario, OwnerOutcomes, PairStatus, Region, ReplicaGroup, ReplicaPair, Scenario, Tag, Zone } from './types';

export const PAIR_ID_PATTERN = /^pair-[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;
export const GROUP_ID_PATTERN = /^pg-[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;
export const REGION_ID_PATTERN = /^[a-z]{2}-[a-z0-9-]{1,40}$/;

export class ScenarioError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid scenario:\n  - ${issues.join('\n  - ')}`);
    this.name = 'ScenarioError';
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deterministic pseudo-random lowercase id suffix derived from a seed. */
export function derivedId(prefix: string, seed: string, length = 20): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  let out = '';
  for (let i = 0; out.length < length; i += 2) out += '0123456789abcdefghijklmnopqrstuvwxyz'[parseInt(hex.slice(i % 64, (i % 64) + 2), 16) % 36];
  return `${prefix}${out}`;
}

class Reader {
  readonly issues: string[] = [];

  str(o: Obj, key: string, path: string, fallback: string): string;
  str(o: Obj, key: string, path: string, fallback?: undefined): string | undefined;
  str(o: Obj, key: string, path: string, fallback?: string): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'string') {
      this.issues.push(`${path}.${key}: must be a string`);
      return fallback;
    }
    return v;
  }

  required(o: Obj, key: string, path: string): string {
    const v = this.str(o, key, path);
    if (v === undefined || v === '') this.issues.push(`${path}.${key}: required`);
    return v ?? '';
  }

  int(o: Obj, key: string, path: string, fallback: number, min = 0): number {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      this.issues.push(`${path}.${key}: must be an integer >= ${min}`);
      return fallback;
    }
    return v;
  }

  bool(o: Obj, key: string, path: string, fallback: boolean): boolean {
    const v = o[key];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') {
      this.issues.push(`${path}.${key}: must be true or false`);
      return fallback;
    }
    return v;
  }

  strings(o: Obj, key: string, path: string): string[] {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.issues.push(`${path}.${key}: must be an array of strings`);
      return [];
    }
    return v as string[];
  }

  list(o: Obj, key: string): Array<{ item: Obj; path: string }> {
    const v = o[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.issues.push(`${key}: must be an array`);
      return [];
    }
    const out: Array<{ item: Obj; path: string }> = [];
    v.forEach((item, i) => {
      if (isObj(item)) out.push({ item, path: `${key}[${i}]` });
      else this.issues.push(`${key}[${i}]: must be an object`);
    });
    return out;
  }

  tags(o: Obj, path: string): Tag[] {
    const v = o.Tags;
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((t) => !isObj(t) || typeof t.TagKey !== 'string' || typeof (t.TagValue ?? '') !== 'string')) {
      this.issues.push(`${path}.Tags: must be an array of {TagKey, TagValue}`);
      return [];
    }
    return (v as Obj[]).map((t) => ({ TagKey: String(t.TagKey), TagValue: String(t.TagValue ?? '') }));
  }

  status(o: Obj, path: string, fallback: PairStatus): PairStatus {
    const v = this.str(o, 'Status', path);
    if (v === undefined) return fallback;
    const found = PAIR_STATUSES.find((s) => s === v);
    if (!found) this.issues.push(`${path}.Status: unknown status "${v}" (expected one of ${PAIR_STATUSES.join(', ')})`);
    return found ?? fallback;
  }

  /**
   * DrillOutcome / ClearOutcome of a pair or group. Status is the only failure of that step (`execute_failed` /
   * `clear_failed`); StatusMessage defaults to the documented code for drills (PAIR_/GROUP_SYNCPOINT_NOT_FOUND) and to
   * "" for clears; DrillDiskStatus to the StatusMessage for drills (error details) and to `created` for clears.
   */
  outcome(o: Obj, key: 'DrillOutcome' | 'ClearOutcome', path: string, kind: 'pair' | 'group'): DrillOutcome | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    const at = `${path}.${key}`;
    if (!isObj(v)) {
      this.issues.push(`${at}: must be an object like {"Status": "${key === 'DrillOutcome' ? 'execute_failed' : 'clear_failed'}", "StatusMessage": "..."}`);
      return undefined;
    }
    const expected = key === 'DrillOutcome' ? 'execute_failed' : 'clear_failed';
    for (const field of Object.keys(v)) {
      if (!['Status', 'StatusMessage', 'DrillDiskStatus', 'Times'].includes(field)) this.issues.push(`${at}.${field}: unknown field (expected Status, StatusMessage, DrillDiskStatus, Times)`);
    }
    const status = this.str(v, 'Status', at, expected);
    if (status !== expected) this.issues.push(`${at}.Status: must be "${expected}", got "${status}"`);
    const fallbackMessage = key === 'DrillOutcome' ? (kind === 'pair' ? 'PAIR_SYNCPOINT_NOT_FOUND' : 'GROUP_SYNCPOINT_NOT_FOUND') : '';
    const message = this.str(v, 'StatusMessage', at, fallbackMessage);
    const diskStatus = this.str(v, 'DrillDiskStatus', at, key === 'DrillOutcome' ? message || 'create_failed' : 'created');
    const times = v.Times === undefined || v.Times === null ? null : this.int(v, 'Times', at, 1, 1);
    return { Status: expected, StatusMessage: message, DrillDiskStatus: diskStatus, Times: times };
  }

  lastRecoverPoint(o: Obj, path: string, status: PairStatus, nowSec: number, rpo: number): number | null {
    if (o.LastRecoverPoint === null) return null;
    if (o.LastRecoverPoint === undefined) {
      return ['creating', 'created', 'create_failed', 'initial_syncing'].includes(status) ? null : nowSec - (nowSec % rpo);
    }
    return this.int(o, 'LastRecoverPoint', path, 0);
  }
}

const DEFAULT_ACCOUNTS: Account[] = [
  { AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET, SecurityTokens: [], DeniedActions: [], NotEnoughBalance: false, NoServiceLinkedRole: false },
  {
    AccessKeyId: DEMO_STS_ACCESS_KEY_ID,
    AccessKeySecret: DEMO_STS_ACCESS_KEY_SECRET,
    SecurityTokens: [DEMO_STS_TOKEN],
    DeniedActions: [],
    NotEnoughBalance: false,
    NoServiceLinkedRole: false,
  },
];

function readAccounts(r: Reader, root: Obj): Account[] {
  if (root.Accounts === undefined) return DEFAULT_ACCOUNTS.map((a) => ({ ...a, SecurityTokens: [...a.SecurityTokens], DeniedActions: [] }));
  const seen = new Set<string>();
  return r.list(root, 'Accounts').map(({ item, path }) => {
    const id = r.required(item, 'AccessKeyId', path);
    if (seen.has(id)) r.issues.push(`${path}.AccessKeyId: duplicate "${id}"`);
    seen.add(id);
    return {
      AccessKeyId: id,
      AccessKeySecret: r.required(item, 'AccessKeySecret', path),
      SecurityTokens: r.strings(item, 'SecurityTokens', path),
      DeniedActions: r.strings(item, 'DeniedActions', path),
      NotEnoughBalance: r.bool(item, 'NotEnoughBalance', path, false),
      NoServiceLinkedRole: r.bool(item, 'NoServiceLinkedRole', path, false),
    };
  });
}

function readRegions(r: Reader, root: Obj): Region[] {
  if (root.Regions === undefined) return builtInRegions();
  const seen = new Set<string>();
  return r.list(root, 'Regions').map(({ item, path }) => {
    const id = r.required(item, 'RegionId', path);
    if (id && !REGION_ID_PATTERN.test(id)) r.issues.push(`${path}.RegionId: malformed region id "${id}"`);
    if (seen.has(id)) r.issues.push(`${path}.RegionId: duplicate "${id}"`);
    seen.add(id);
    const zones: Zone[] = r.list(item, 'Zones').map(({ item: z, path: zp }) => ({
      ZoneId: r.required(z, 'ZoneId', `${path}.${zp}`),
      LocalName: r.str(z, 'LocalName', `${path}.${zp}`, String(z.ZoneId ?? '')),
      ResourceTypes: z.ResourceTypes === undefined ? ['ear'] : r.strings(z, 'ResourceTypes', `${path}.${zp}`),
    }));
    return { RegionId: id, LocalName: r.str(item, 'LocalName', path, id), RegionEndpoint: r.str(item, 'RegionEndpoint', path, `ebs.${id}.aliyuncs.com`), Zones: zones };
  });
}

function zoneOf(r: Reader, regions: Map<string, Region>, regionId: string, zoneId: string | undefined, where: string): string {
  const region = regions.get(regionId);
  if (!region) return zoneId ?? `${regionId}-a`;
  if (zoneId === undefined) return region.Zones.find((z) => z.ResourceTypes.includes('ear'))?.ZoneId ?? region.Zones[0]?.ZoneId ?? `${regionId}-a`;
  if (region.Zones.length > 0 && !region.Zones.some((z) => z.ZoneId === zoneId)) r.issues.push(`${where}: unknown zone "${zoneId}" in region ${regionId}`);
  return zoneId;
}

function checkRegion(r: Reader, regions: Map<string, Region>, regionId: string, where: string): void {
  if (regionId && !regions.has(regionId)) r.issues.push(`${where}: unknown region "${regionId}" (not in Regions)`);
}

function readOutcomes(r: Reader, item: Obj, path: string, kind: 'pair' | 'group', id: string, outcomes: Record<string, OwnerOutcomes>): void {
  const drill = r.outcome(item, 'DrillOutcome', path, kind);
  const clear = r.outcome(item, 'ClearOutcome', path, kind);
  if (!id || (!drill && !clear)) return;
  outcomes[id] = { ...(drill ? { DrillOutcome: drill } : {}), ...(clear ? { ClearOutcome: clear } : {}) };
}

function readPairs(r: Reader, root: Obj, regions: Map<string, Region>, nowSec: number, outcomes: Record<string, OwnerOutcomes>): ReplicaPair[] {
  const seen = new Set<string>();
  return r.list(root, 'ReplicaPairs').map(({ item, path }) => {
    const id = r.required(item, 'ReplicaPairId', path);
    if (id && !PAIR_ID_PATTERN.test(id)) r.issues.push(`${path}.ReplicaPairId: must look like pair-xxxx (letters, digits, '-'), got "${id}"`);
    if (seen.has(id)) r.issues.push(`${path}.ReplicaPairId: duplicate "${id}"`);
    seen.add(id);
    const src = r.required(item, 'SourceRegion', path);
    const dst = r.required(item, 'DestinationRegion', path);
    checkRegion(r, regions, src, `${path}.SourceRegion`);
    checkRegion(r, regions, dst, `${path}.DestinationRegion`);
    const srcZone = zoneOf(r, regions, src, r.str(item, 'SourceZoneId', path), `${path}.SourceZoneId`);
    const dstZone = zoneOf(r, regions, dst, r.str(item, 'DestinationZoneId', path), `${path}.DestinationZoneId`);
    const status = r.status(item, path, 'normal');
    const rpo = r.int(item, 'RPO', path, 900, 1);
    const createTime = r.int(item, 'CreateTime', path, nowSec - 30 * 86400);
    const chargeType = r.str(item, 'ChargeType', path, 'POSTPAY');
    readOutcomes(r, item, path, 'pair', id, outcomes);
    return {
      ReplicaPairId: id,
      PairName: r.str(item, 'PairName', path, id),
      Description: r.str(item, 'Description', path, ''),
      Status: status,
      StatusMessage: r.str(item, 'StatusMessage', path, status === 'invalid' ? 'DeviceRemoved' : ''),
      SourceDiskId: r.str(item, 'SourceDiskId', path, derivedId('d-', `${id}/source`)),
      SourceRegion: src,
      SourceZoneId: srcZone,
      DestinationDiskId: r.str(item, 'DestinationDiskId', path, derivedId('d-', `${id}/destination`)),
      DestinationRegion: dst,
      DestinationZoneId: dstZone,
      PrimaryRegion: r.str(item, 'PrimaryRegion', path, src),
      PrimaryZone: r.str(item, 'PrimaryZone', path, srcZone),
      StandbyRegion: r.str(item, 'StandbyRegion', path, dst),
      StandbyZone: r.str(item, 'StandbyZone', path, dstZone),
      RPO: rpo,
      Bandwidth: r.int(item, 'Bandwidth', path, chargeType === 'PREPAY' ? 10240 : 0),
      LastRecoverPoint: r.lastRecoverPoint(item, path, status, nowSec, rpo),
      CreateTime: createTime,
      ExpiredTime: r.int(item, 'ExpiredTime', path, chargeType === 'PREPAY' ? createTime + 365 * 86400 : 0),
      ChargeType: chargeType,
      ReplicaGroupId: r.str(item, 'ReplicaGroupId', path, ''),
      ReplicaGroupName: '',
      ResourceGroupId: r.str(item, 'ResourceGroupId', path, 'rg-acfmdemo0000000'),
      Tags: r.tags(item, path),
      EnableRtc: r.bool(item, 'EnableRtc', path, false),
    };
  });
}

function readGroups(r: Reader, root: Obj, regions: Map<string, Region>, pairs: ReplicaPair[], nowSec: number, outcomes: Record<string, OwnerOutcomes>): ReplicaGroup[] {
  const seen = new Set<string>();
  const pairById = new Map(pairs.map((p) => [p.ReplicaPairId, p]));
  const groups = r.list(root, 'ReplicaGroups').map(({ item, path }): ReplicaGroup => {
    const id = r.required(item, 'ReplicaGroupId', path);
    if (id && !GROUP_ID_PATTERN.test(id)) r.issues.push(`${path}.ReplicaGroupId: must look like pg-xxxx (letters, digits, '-'), got "${id}"`);
    if (seen.has(id)) r.issues.push(`${path}.ReplicaGroupId: duplicate "${id}"`);
    seen.add(id);
    const src = r.required(item, 'SourceRegionId', path);
    const dst = r.required(item, 'DestinationRegionId', path);
    checkRegion(r, regions, src, `${path}.SourceRegionId`);
    checkRegion(r, regions, dst, `${path}.DestinationRegionId`);
    const srcZone = zoneOf(r, regions, src, r.str(item, 'SourceZoneId', path), `${path}.SourceZoneId`);
    const dstZone = zoneOf(r, regions, dst, r.str(item, 'DestinationZoneId', path), `${path}.DestinationZoneId`);
    const status = r.status(item, path, 'normal');
    const rpo = r.int(item, 'RPO', path, 900, 1);
    const listed = r.strings(item, 'PairIds', path).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
    readOutcomes(r, item, path, 'group', id, outcomes);
    for (const pid of listed) {
      const pair = pairById.get(pid);
      if (!pair) r.issues.push(`${path}.PairIds: unknown pair "${pid}"`);
      else if (pair.ReplicaGroupId && pair.ReplicaGroupId !== id) r.issues.push(`${path}.PairIds: pair "${pid}" already belongs to group "${pair.ReplicaGroupId}"`);
      else pair.ReplicaGroupId = id;
    }
    return {
      ReplicaGroupId: id,
      GroupName: r.str(item, 'GroupName', path, id),
      Description: r.str(item, 'Description', path, ''),
      Status: status,
      SourceRegionId: src,
      SourceZoneId: srcZone,
      DestinationRegionId: dst,
      DestinationZoneId: dstZone,
      PrimaryRegion: r.str(item, 'PrimaryRegion', path, src),
      PrimaryZone: r.str(item, 'PrimaryZone', path, srcZone),
      StandbyRegion: r.str(item, 'StandbyRegion', path, dst),
      StandbyZone: r.str(item, 'StandbyZone', path, dstZone),
      RPO: rpo,
      LastRecoverPoint: r.lastRecoverPoint(item, path, status, nowSec, rpo),
      PairIds: [],
      PairNumber: 0,
      Bandwidth: r.int(item, 'Bandwidth', path, 0),
      ResourceGroupId: r.str(item, 'ResourceGroupId', path, 'rg-acfmdemo0000000'),
      Tags: r.tags(item, path),
      EnableRtc: r.bool(item, 'EnableRtc', path, false),
    };
  });
  const groupById = new Map(groups.map((g) => [g.ReplicaGroupId, g]));
  pairs.forEach((pair, i) => {
    if (!pair.ReplicaGroupId) return;
    const group = groupById.get(pair.ReplicaGroupId);
    if (!group) {
      r.issues.push(`ReplicaPairs[${i}].ReplicaGroupId: unknown group "${pair.ReplicaGroupId}"`);
      return;
    }
    if (pair.SourceRegion !== group.SourceRegionId || pair.DestinationRegion !== group.DestinationRegionId) {
      r.issues.push(`ReplicaPairs[${i}]: regions ${pair.SourceRegion} -> ${pair.DestinationRegion} differ from group ${group.ReplicaGroupId} (${group.SourceRegionId} -> ${group.DestinationRegionId})`);
    }
    pair.ReplicaGroupName = group.GroupName;
    group.PairIds.push(pair.ReplicaPairId);
    group.PairNumber = group.PairIds.length;
  });
  return groups;
}

/** Validates a scenario object and fills defaults; throws ScenarioError listing every problem. */
export function normalizeScenario(input: unknown, nowSec: number): NormalizedScenario {
  if (!isObj(input)) throw new ScenarioError(['the scenario must be a JSON object']);
  const r = new Reader();
  const known = new Set(['Accounts', 'Regions', 'ReplicaPairs', 'ReplicaGroups', 'DrillSeconds', 'ClearSeconds', 'TransitionSeconds', 'SyncSeconds', '$schema', 'Description']);
  for (const key of Object.keys(input)) if (!known.has(key)) r.issues.push(`${key}: unknown top-level field (expected ${[...known].join(', ')})`);
  const accounts = readAccounts(r, input);
  const regions = readRegions(r, input);
  const regionMap = new Map<string, Region>();
  for (const region of regions) if (!regionMap.has(region.RegionId)) regionMap.set(region.RegionId, region);
  const outcomes: Record<string, OwnerOutcomes> = {};
  const pairs = readPairs(r, input, regionMap, nowSec, outcomes);
  const groups = readGroups(r, input, regionMap, pairs, nowSec, outcomes);
  const result: NormalizedScenario = {
    Accounts: accounts,
    Regions: regions,
    ReplicaPairs: pairs,
    ReplicaGroups: groups,
    DrillSeconds: r.int(input, 'DrillSeconds', 'scenario', 30),
    ClearSeconds: r.int(input, 'ClearSeconds', 'scenario', 10),
    TransitionSeconds: r.int(input, 'TransitionSeconds', 'scenario', 10),
    SyncSeconds: r.int(input, 'SyncSeconds', 'scenario', 60),
    Outcomes: outcomes,
  };
  if (r.issues.length > 0) throw new ScenarioError(r.issues);
  return result;
}

/** Reads a scenario JSON file; throws ScenarioError with a readable message when unreadable or not JSON. */
export function readScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError([`cannot read ${path}: ${(e as Error).message}`]);
  }
  try {
    return JSON.parse(text) as Scenario;
  } catch (e) {
    throw new ScenarioError([`${path} is not valid JSON: ${(e as Error).message}`]);
  }
}
