// Scenario loading and validation: turns a scenario (object or JSON file) into a NormalizedScenario,
// filling defaults and reporting every problem at once with its path (e.g. `ReplicaPairs[2].SourceRegion`).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_ACCOUNT_ID, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN } from './demoAccount';
import { builtInRegions } from './regionCatalog';
import { ACCOUNT_TYPES, DRILL_DISK_STATES, FS_TYPES, INSTANCE_STATUSES, OS_TYPES, PAIR_STATUSES } from './types';
import type { Account, AccountType, Role, DiskContents, DrillOutcome, EcsInstance, NormalizedScenario, OwnerOutcomes, PairStatus, Region, ReplicaGroup, ReplicaPair, Scenario, Tag, Zone } from './types';

export const PAIR_ID_PATTERN = /^pair-[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;
export const GROUP_ID_PATTERN = /^pg-[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;
export const REGION_ID_PATTERN = /^[a-z]{2}-[a-z0-9-]{1,40}$/;
export const ACCOUNT_ID_PATTERN = /^\d{16}$/;
export const INSTANCE_ID_PATTERN = /^i-[a-z0-9]{8,30}$/;
/** Disk ids: `d-` and lower-case letters and digits. */
export const DISK_ID_PATTERN = /^d-[a-z0-9]{8,30}$/;
/** RAM role names: 1–64 letters, digits, `.` and `-`. */
export const ROLE_NAME_PATTERN = /^[A-Za-z0-9.-]{1,64}$/;
export const MIN_MAX_SESSION_DURATION = 3600;
export const MAX_MAX_SESSION_DURATION = 43200;
/** RAM user name of a scenario RAM-user key without UserName; role name of a scenario STS key without UserName. */
export const DEFAULT_USER_NAME = 'ebs-dr-sandbox';
export const DEFAULT_STS_ROLE_NAME = 'ebs-dr-sandbox-role';

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

/** Deterministic digits derived from a seed (16 by default): RAM user ids and role ids. */
export function derivedDigits(seed: string, length = 16): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  let out = String((parseInt(hex.slice(0, 2), 16) % 9) + 1);
  for (let i = 2; out.length < length; i += 2) out += String(parseInt(hex.slice(i % 64, (i % 64) + 2), 16) % 10);
  return out;
}

/** `acs:ram::<account>:role/<name>`; Alibaba writes the role name in lower case. */
export function roleArn(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;
}

export function roleId(accountId: string, roleName: string): string {
  return derivedDigits(`role/${accountId}/${roleName.toLowerCase()}`);
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
  {
    AccessKeyId: DEMO_ACCESS_KEY_ID,
    AccessKeySecret: DEMO_ACCESS_KEY_SECRET,
    SecurityTokens: [],
    DeniedActions: [],
    NotEnoughBalance: false,
    NoServiceLinkedRole: false,
    AccountId: DEMO_ACCOUNT_ID,
    Type: 'RAMUser',
    UserName: DEFAULT_USER_NAME,
  },
  {
    AccessKeyId: DEMO_STS_ACCESS_KEY_ID,
    AccessKeySecret: DEMO_STS_ACCESS_KEY_SECRET,
    SecurityTokens: [DEMO_STS_TOKEN],
    DeniedActions: [],
    NotEnoughBalance: false,
    NoServiceLinkedRole: false,
    AccountId: DEMO_ACCOUNT_ID,
    Type: 'RAMUser',
    UserName: DEFAULT_STS_ROLE_NAME,
  },
];

function readAccounts(r: Reader, root: Obj): Account[] {
  if (root.Accounts === undefined) return DEFAULT_ACCOUNTS.map((a) => ({ ...a, SecurityTokens: [...a.SecurityTokens], DeniedActions: [] }));
  const seen = new Set<string>();
  return r.list(root, 'Accounts').map(({ item, path }) => {
    const id = r.required(item, 'AccessKeyId', path);
    if (seen.has(id)) r.issues.push(`${path}.AccessKeyId: duplicate "${id}"`);
    seen.add(id);
    const accountId = r.str(item, 'AccountId', path, DEMO_ACCOUNT_ID);
    if (!ACCOUNT_ID_PATTERN.test(accountId)) r.issues.push(`${path}.AccountId: must be 16 digits, got "${accountId}"`);
    const type = r.str(item, 'Type', path, 'RAMUser');
    const knownType = ACCOUNT_TYPES.find((t) => t === type);
    if (!knownType) r.issues.push(`${path}.Type: unknown type "${type}" (expected ${ACCOUNT_TYPES.join(' or ')})`);
    const tokens = r.strings(item, 'SecurityTokens', path);
    if (knownType === 'Account' && tokens.length > 0) r.issues.push(`${path}.SecurityTokens: a root account key (Type "Account") has no security token`);
    return {
      AccessKeyId: id,
      AccessKeySecret: r.required(item, 'AccessKeySecret', path),
      SecurityTokens: tokens,
      DeniedActions: r.strings(item, 'DeniedActions', path),
      NotEnoughBalance: r.bool(item, 'NotEnoughBalance', path, false),
      NoServiceLinkedRole: r.bool(item, 'NoServiceLinkedRole', path, false),
      AccountId: accountId,
      Type: knownType ?? ('RAMUser' as AccountType),
      UserName: r.str(item, 'UserName', path, tokens.length > 0 ? DEFAULT_STS_ROLE_NAME : DEFAULT_USER_NAME),
    };
  });
}

function readRoles(r: Reader, root: Obj): Role[] {
  const seen = new Set<string>();
  return r.list(root, 'Roles').map(({ item, path }) => {
    const name = r.required(item, 'RoleName', path);
    if (name && !ROLE_NAME_PATTERN.test(name)) r.issues.push(`${path}.RoleName: must be 1-64 letters, digits, '.' or '-', got "${name}"`);
    const accountId = r.required(item, 'AccountId', path);
    if (accountId && !ACCOUNT_ID_PATTERN.test(accountId)) r.issues.push(`${path}.AccountId: must be 16 digits, got "${accountId}"`);
    const key = `${accountId}/${name.toLowerCase()}`;
    if (seen.has(key)) r.issues.push(`${path}.RoleName: duplicate role "${name}" in account ${accountId} (names compare case-insensitively)`);
    seen.add(key);
    const trusted = r.strings(item, 'TrustedAccountIds', path);
    for (const t of trusted) if (!ACCOUNT_ID_PATTERN.test(t)) r.issues.push(`${path}.TrustedAccountIds: must be 16-digit account ids, got "${t}"`);
    const max = r.int(item, 'MaxSessionDuration', path, MIN_MAX_SESSION_DURATION, 0);
    if (max < MIN_MAX_SESSION_DURATION || max > MAX_MAX_SESSION_DURATION) {
      r.issues.push(`${path}.MaxSessionDuration: must be ${MIN_MAX_SESSION_DURATION}-${MAX_MAX_SESSION_DURATION}, got ${max}`);
    }
    for (const field of Object.keys(item)) {
      if (!['RoleName', 'AccountId', 'TrustedAccountIds', 'MaxSessionDuration', 'DeniedActions', 'Description'].includes(field)) {
        r.issues.push(`${path}.${field}: unknown field (expected RoleName, AccountId, TrustedAccountIds, MaxSessionDuration, DeniedActions)`);
      }
    }
    return {
      RoleName: name,
      AccountId: accountId,
      TrustedAccountIds: trusted,
      MaxSessionDuration: max,
      DeniedActions: r.strings(item, 'DeniedActions', path),
      RoleId: roleId(accountId, name),
      Arn: roleArn(accountId, name),
    };
  });
}

/** Reads the owner AccountId of a pair or group (default: the default owner) and checks that the account exists. */
function readOwner(r: Reader, item: Obj, path: string, id: string, known: ReadonlySet<string>, fallback: string, owners: Record<string, string>): void {
  const owner = r.str(item, 'AccountId', path, fallback);
  if (item.AccountId !== undefined && !known.has(owner)) r.issues.push(`${path}.AccountId: unknown account "${owner}" (not an AccountId of Accounts or Roles)`);
  if (id) owners[id] = owner;
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

/**
 * The two characters real ECS resource ids of a region start with (`i-bp1…` in Hangzhou, `i-uf6…` in Shanghai); other
 * regions get two characters derived from the region id.
 */
const REGION_ID_PREFIXES: Readonly<Record<string, string>> = {
  'cn-hangzhou': 'bp', 'cn-shanghai': 'uf', 'cn-beijing': '2z', 'cn-shenzhen': 'wz', 'cn-qingdao': 'm5', 'cn-zhangjiakou': '8v',
  'cn-huhehaote': 'hp', 'cn-chengdu': '2v', 'cn-hongkong': 'j6', 'ap-southeast-1': 't4', 'ap-northeast-1': '6w', 'us-west-1': 'rj',
  'us-east-1': '0x', 'eu-central-1': 'gw',
};

export function regionIdPrefix(regionId: string): string {
  return REGION_ID_PREFIXES[regionId] ?? derivedId('', `prefix/${regionId}`, 2);
}

const INSTANCE_FIELDS = ['InstanceId', 'InstanceName', 'ZoneId', 'RegionId', 'Status', 'OSType', 'cloudAssistant', 'InstanceType', 'AccountId', 'Description'];

function readInstance(r: Reader, item: Obj, path: string, regionId: string, regions: Map<string, Region>, own: OwnerContext, seen: Set<string>): EcsInstance {
  for (const field of Object.keys(item)) if (!INSTANCE_FIELDS.includes(field)) r.issues.push(`${path}.${field}: unknown field (expected ${INSTANCE_FIELDS.join(', ')})`);
  const name = r.required(item, 'InstanceName', path);
  const zoneId = r.required(item, 'ZoneId', path);
  if (zoneId) zoneOf(r, regions, regionId, zoneId, `${path}.ZoneId`);
  const fallbackId = `i-${regionIdPrefix(regionId)}${derivedId('', `instance/${regionId}/${name}/${seen.size}`, 18)}`;
  const id = r.str(item, 'InstanceId', path, fallbackId);
  if (!INSTANCE_ID_PATTERN.test(id)) r.issues.push(`${path}.InstanceId: must look like i-bp1xxxxxxxxxxxxxxxxx (lower-case letters and digits), got "${id}"`);
  if (seen.has(id)) r.issues.push(`${path}.InstanceId: duplicate "${id}"`);
  seen.add(id);
  const status = r.str(item, 'Status', path, 'Running');
  const knownStatus = INSTANCE_STATUSES.find((x) => x === status);
  if (!knownStatus) r.issues.push(`${path}.Status: unknown instance status "${status}" (expected one of ${INSTANCE_STATUSES.join(', ')})`);
  const osType = r.str(item, 'OSType', path, 'linux');
  const knownOs = OS_TYPES.find((x) => x === osType);
  if (!knownOs) r.issues.push(`${path}.OSType: must be "linux" or "windows", got "${osType}"`);
  const owner = r.str(item, 'AccountId', path, own.fallback);
  if (item.AccountId !== undefined && !own.known.has(owner)) r.issues.push(`${path}.AccountId: unknown account "${owner}" (not an AccountId of Accounts or Roles)`);
  return {
    InstanceId: id,
    InstanceName: name,
    RegionId: regionId,
    ZoneId: zoneId,
    Status: knownStatus ?? 'Running',
    OSType: knownOs ?? 'linux',
    cloudAssistant: r.bool(item, 'cloudAssistant', path, true),
    InstanceType: r.str(item, 'InstanceType', path, 'ecs.g7.large'),
    AccountId: owner,
  };
}

/** Instances of `Regions[].instances` and of `ecs.instances` (which name their RegionId). */
function readInstances(r: Reader, root: Obj, regions: Map<string, Region>, own: OwnerContext): EcsInstance[] {
  const seen = new Set<string>();
  const out: EcsInstance[] = [];
  const rawRegions = Array.isArray(root.Regions) ? root.Regions : [];
  rawRegions.forEach((region: unknown, i) => {
    if (!isObj(region) || typeof region.RegionId !== 'string') return;
    const regionId = region.RegionId;
    for (const { item, path } of r.list(region, 'instances')) out.push(readInstance(r, item, `Regions[${i}].${path}`, regionId, regions, own, seen));
  });
  if (isObj(root.ecs)) {
    for (const { item, path } of r.list(root.ecs, 'instances')) {
      const at = `ecs.${path}`;
      const regionId = r.required(item, 'RegionId', at);
      checkRegion(r, regions, regionId, `${at}.RegionId`);
      out.push(readInstance(r, item, at, regionId, regions, own, seen));
    }
  }
  return out;
}

/** A relative path inside a disk: no leading `/`, no `.` or `..` segments, no empty segments. */
function isRelativeDiskPath(path: string): boolean {
  return path.length > 0 && !path.startsWith('/') && path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..') && !path.includes('\0');
}

/** The default files of a pair's disk: a hostname and an application data file, both derived from the pair name. */
export function defaultDiskFiles(pairName: string): Record<string, string> {
  const host = pairName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'app-host';
  return {
    'etc/hostname': `${host}\n`,
    'var/lib/app/data.db': `app=${host}\nschema=7\nrows=18342\n`,
  };
}

function readDiskContents(r: Reader, item: Obj, path: string, pairName: string): DiskContents {
  const at = `${path}.diskContents`;
  const raw = item.diskContents;
  let fsType: DiskContents['fsType'] = 'ext4';
  let files = defaultDiskFiles(pairName);
  if (raw !== undefined && raw !== null) {
    if (!isObj(raw)) {
      r.issues.push(`${at}: must be an object like {"fsType": "ext4", "files": {"etc/hostname": "web-01\\n"}}`);
    } else {
      for (const field of Object.keys(raw)) if (!['fsType', 'files'].includes(field)) r.issues.push(`${at}.${field}: unknown field (expected fsType, files)`);
      const fs = r.str(raw, 'fsType', at, 'ext4');
      const knownFs = FS_TYPES.find((x) => x === fs);
      if (!knownFs) r.issues.push(`${at}.fsType: must be "ext4" or "xfs", got "${fs}"`);
      fsType = knownFs ?? 'ext4';
      if (raw.files !== undefined && raw.files !== null) {
        if (!isObj(raw.files)) {
          r.issues.push(`${at}.files: must be an object of relative path → text`);
        } else {
          files = {};
          for (const [name, text] of Object.entries(raw.files)) {
            if (!isRelativeDiskPath(name)) r.issues.push(`${at}.files: "${name}" must be a relative path without "." or ".." segments`);
            else if (typeof text !== 'string') r.issues.push(`${at}.files["${name}"]: must be a string`);
            else files[name] = text;
          }
          const names = Object.keys(files);
          for (const name of names) if (names.some((other) => other.startsWith(`${name}/`))) r.issues.push(`${at}.files: "${name}" is both a file and a folder`);
        }
      }
    }
  }
  const state = r.str(item, 'drillDisk', path, 'ok');
  const knownState = DRILL_DISK_STATES.find((x) => x === state);
  if (!knownState) r.issues.push(`${path}.drillDisk: must be one of ${DRILL_DISK_STATES.join(', ')}, got "${state}"`);
  return { fsType, files, drillDisk: knownState ?? 'ok' };
}

function readEcsSettings(r: Reader, root: Obj): { attachSeconds: number; detachSeconds: number } {
  const v = root.ecs;
  if (v === undefined || v === null) return { attachSeconds: 2, detachSeconds: 3 };
  if (!isObj(v)) {
    r.issues.push('ecs: must be an object like {"attachSeconds": 2, "detachSeconds": 3}');
    return { attachSeconds: 2, detachSeconds: 3 };
  }
  for (const field of Object.keys(v)) if (!['attachSeconds', 'detachSeconds', 'instances'].includes(field)) r.issues.push(`ecs.${field}: unknown field (expected attachSeconds, detachSeconds, instances)`);
  return { attachSeconds: r.int(v, 'attachSeconds', 'ecs', 2), detachSeconds: r.int(v, 'detachSeconds', 'ecs', 3) };
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

interface OwnerContext {
  known: ReadonlySet<string>;
  fallback: string;
  owners: Record<string, string>;
}

function readPairs(r: Reader, root: Obj, regions: Map<string, Region>, nowSec: number, outcomes: Record<string, OwnerOutcomes>, own: OwnerContext, contents: Record<string, DiskContents>): ReplicaPair[] {
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
    readOwner(r, item, path, id, own.known, own.fallback, own.owners);
    const pairName = r.str(item, 'PairName', path, id);
    if (id) contents[id] = readDiskContents(r, item, path, pairName);
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

function readGroups(r: Reader, root: Obj, regions: Map<string, Region>, pairs: ReplicaPair[], nowSec: number, outcomes: Record<string, OwnerOutcomes>, own: OwnerContext): ReplicaGroup[] {
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
    readOwner(r, item, path, id, own.known, own.fallback, own.owners);
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
    if (own.owners[pair.ReplicaPairId] !== own.owners[group.ReplicaGroupId]) {
      r.issues.push(`ReplicaPairs[${i}].AccountId: pair owner ${own.owners[pair.ReplicaPairId]} differs from the owner of group ${group.ReplicaGroupId} (${own.owners[group.ReplicaGroupId]})`);
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
  const known = new Set(['Accounts', 'Roles', 'InstanceRamRole', 'Regions', 'ReplicaPairs', 'ReplicaGroups', 'DrillSeconds', 'ClearSeconds', 'TransitionSeconds', 'SyncSeconds', 'ecs', '$schema', 'Description']);
  for (const key of Object.keys(input)) if (!known.has(key)) r.issues.push(`${key}: unknown top-level field (expected ${[...known].join(', ')})`);
  const accounts = readAccounts(r, input);
  const roles = readRoles(r, input);
  const accountIds = new Set([...accounts.map((a) => a.AccountId), ...roles.map((x) => x.AccountId)]);
  for (const [i, role] of roles.entries()) {
    for (const t of role.TrustedAccountIds) if (ACCOUNT_ID_PATTERN.test(t) && !accountIds.has(t)) r.issues.push(`Roles[${i}].TrustedAccountIds: unknown account "${t}" (not an AccountId of Accounts or Roles)`);
  }
  const instanceRoleName = r.str(input, 'InstanceRamRole', 'scenario');
  let instanceRole: Role | undefined;
  if (instanceRoleName !== undefined) {
    const matches = roles.filter((x) => x.RoleName.toLowerCase() === instanceRoleName.toLowerCase());
    if (matches.length === 0) r.issues.push(`InstanceRamRole: unknown role "${instanceRoleName}" (not a RoleName of Roles)`);
    else if (matches.length > 1) r.issues.push(`InstanceRamRole: role "${instanceRoleName}" exists in several accounts (${matches.map((x) => x.AccountId).join(', ')})`);
    else instanceRole = matches[0];
  }
  const own: OwnerContext = { known: accountIds, fallback: accounts[0]?.AccountId ?? DEMO_ACCOUNT_ID, owners: {} };
  const regions = readRegions(r, input);
  const regionMap = new Map<string, Region>();
  for (const region of regions) if (!regionMap.has(region.RegionId)) regionMap.set(region.RegionId, region);
  const outcomes: Record<string, OwnerOutcomes> = {};
  const contents: Record<string, DiskContents> = {};
  const pairs = readPairs(r, input, regionMap, nowSec, outcomes, own, contents);
  const groups = readGroups(r, input, regionMap, pairs, nowSec, outcomes, own);
  const ecs = readEcsSettings(r, input);
  const instances = readInstances(r, input, regionMap, own);
  const result: NormalizedScenario = {
    Accounts: accounts,
    Roles: roles,
    InstanceRamRole: instanceRole,
    Owners: own.owners,
    Regions: regions,
    ReplicaPairs: pairs,
    ReplicaGroups: groups,
    DrillSeconds: r.int(input, 'DrillSeconds', 'scenario', 30),
    ClearSeconds: r.int(input, 'ClearSeconds', 'scenario', 10),
    TransitionSeconds: r.int(input, 'TransitionSeconds', 'scenario', 10),
    SyncSeconds: r.int(input, 'SyncSeconds', 'scenario', 60),
    Outcomes: outcomes,
    Instances: instances,
    DiskContents: contents,
    AttachSeconds: ecs.attachSeconds,
    DetachSeconds: ecs.detachSeconds,
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
