// Reading the aliyun CLI's config.json as an import source: which profiles can become EBS DR profiles (AK,
// StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole) and why the others cannot. The file's shape and the
// modes' fields are described in docs/credentials.md. Pure, except readCliConfigFile, which reads the file with checks:
// a regular file, at most MAX_CLI_CONFIG_BYTES, within CLI_CONFIG_READ_TIMEOUT_MS (a FIFO or a device never hangs it).
import { formatMessage } from '../shared/text';
import { constants as fsConstants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { LocalisableMessage } from '../ebs/catalogue';
import type { EnvironmentLike } from './environment';
import {
  DEFAULT_ROLE_DURATION_SECONDS,
  FALLBACK_REGION_ID,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateRegionId,
  validateRoleSettings,
  validateSecurityToken,
  type RoleSettings,
} from './profiles';

export interface ImportableCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  defaultRegionId: string;
}

/** A RAM role profile: assumed with its own AccessKey (RamRoleArn) or with another profile of the file (ChainableRamRoleArn). */
export interface ImportableRole {
  role: RoleSettings;
  defaultRegionId: string;
  /** RamRoleArn: the AccessKey (and token, when temporary) that assumes the role. */
  source?: { accessKeyId: string; accessKeySecret: string; securityToken?: string };
  /** ChainableRamRoleArn: the name of the profile in the file whose credentials assume the role. */
  sourceProfile?: string;
}

/** EcsRamRole: the role of the ECS instance the CLI runs on. */
export interface ImportableEcsRole {
  roleName?: string;
  defaultRegionId: string;
}

export interface CliProfile {
  name: string;
  /** The mode as written in the file (e.g. "AK", "RamRoleArn"); "" when missing. */
  mode: string;
  /** Present when the profile is an AK or StsToken profile that can be imported. */
  credentials?: ImportableCredentials;
  /** Present for an importable RamRoleArn or ChainableRamRoleArn profile. */
  role?: ImportableRole;
  /** Present for an importable EcsRamRole profile. */
  ecsRole?: ImportableEcsRole;
  /** Why it cannot be imported (when `credentials` is absent). */
  reason?: LocalisableMessage;
  /** The JSON key at fault, when `reason` is about one field's value. */
  reasonField?: string;
}

export interface CliConfig {
  current: string | undefined;
  profiles: CliProfile[];
}

/** The file could not be used at all; `problem` says why (never quoting secrets). */
export class CliConfigError extends Error {
  constructor(readonly problem: LocalisableMessage) {
    super(formatMessage(problem));
    this.name = 'CliConfigError';
  }
}

const msg = (message: string, ...args: string[]): LocalisableMessage => ({ message, args });

/** The setting when set (a leading ~ means the home folder), else ~/.aliyun/config.json. */
export function cliConfigPath(setting: string | undefined, home: string = homedir()): string {
  const configured = (setting ?? '').trim();
  if (configured === '') return join(home, '.aliyun', 'config.json');
  if (configured === '~') return home;
  if (configured.startsWith('~/') || configured.startsWith('~\\')) return join(home, configured.slice(2));
  return isAbsolute(configured) ? configured : join(home, configured);
}

/** The aliyun CLI's config is a few kilobytes; a bigger file is not one. */
export const MAX_CLI_CONFIG_BYTES = 1024 * 1024;
/** A local file is read in milliseconds; a read still waiting after this is abandoned (a network mount that hangs). */
export const CLI_CONFIG_READ_TIMEOUT_MS = 5000;

/** Why the config file cannot be read: `notFound`, `folder`, `notFile` (FIFO, socket, device), `tooLarge`, `timeout`, `unreadable`. */
export type CliFileProblem = 'notFound' | 'folder' | 'notFile' | 'tooLarge' | 'timeout' | 'unreadable';

export class CliFileError extends Error {
  constructor(
    readonly problem: CliFileProblem,
    /** The system error code for `unreadable` (EACCES…). */
    readonly errno?: string,
  ) {
    super(`The aliyun CLI config cannot be read: ${problem}${errno ? ` (${errno})` : ''}.`);
    this.name = 'CliFileError';
  }
}

function fileProblem(error: unknown): CliFileError {
  if (error instanceof CliFileError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new CliFileError('notFound');
  if (code === 'EISDIR') return new CliFileError('folder');
  return new CliFileError('unreadable', typeof code === 'string' ? code : undefined);
}

/**
 * The text of the config file at `path`, checked before and while it is read: a regular file (a FIFO, socket or device
 * is refused before it is opened; opened non-blocking and checked again, in case it was swapped), at most `maxBytes`,
 * within `timeoutMs`. Throws CliFileError.
 */
export async function readCliConfigFile(path: string, maxBytes = MAX_CLI_CONFIG_BYTES, timeoutMs = CLI_CONFIG_READ_TIMEOUT_MS): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CliFileError('timeout')), timeoutMs);
  });
  const read = readChecked(path, maxBytes);
  read.catch(() => undefined);
  try {
    return await Promise.race([read, deadline]);
  } catch (error) {
    throw fileProblem(error);
  } finally {
    clearTimeout(timer);
  }
}

async function readChecked(path: string, maxBytes: number): Promise<string> {
  const before = await stat(path);
  if (before.isDirectory()) throw new CliFileError('folder');
  if (!before.isFile()) throw new CliFileError('notFile');
  if (before.size > maxBytes) throw new CliFileError('tooLarge');
  const handle = await open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) throw new CliFileError('notFile');
    // Read to the end, one byte beyond the limit at most: a file that grew since stat() is still caught.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new CliFileError('tooLarge');
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The profile the aliyun CLI itself would use: ALIBABA_CLOUD_PROFILE (or its aliases), else the file's `current`. */
export function preferredCliProfile(config: CliConfig, env: EnvironmentLike): string | undefined {
  const fromEnv = env.ALIBABA_CLOUD_PROFILE || env.ALIBABACLOUD_PROFILE || env.ALICLOUD_PROFILE;
  const names = config.profiles.map((p) => p.name);
  if (fromEnv && names.includes(fromEnv)) return fromEnv;
  return config.current && names.includes(config.current) ? config.current : undefined;
}

const UNSUPPORTED: Record<string, string> = {
  external: 'It runs an external program to get credentials; EBS DR does not run programs from the CLI config.',
  credentialsuri: 'It fetches credentials from a URI at each use; EBS DR stores only AccessKeys and STS tokens.',
  oidc: 'It exchanges an OIDC token for credentials at each use; EBS DR stores only AccessKeys and STS tokens.',
  cloudsso: 'It signs in through CloudSSO in a browser; EBS DR stores only AccessKeys and STS tokens.',
  oauth: 'It signs in through OAuth in a browser; EBS DR stores only AccessKeys and STS tokens.',
  bearertoken: 'A bearer token does not sign EBS API requests; EBS DR needs an AccessKey.',
  anonymous: 'Anonymous access cannot call the EBS API.',
  rsakeypair: 'RSA key pairs are deprecated by Alibaba Cloud and cannot call the EBS API.',
  ramrolearnwithrolename: 'This deprecated mode assumes a RAM role at each use; EBS DR stores only AccessKeys and STS tokens.',
};

export function parseCliConfig(text: string): CliConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    // JSON.parse messages quote a few characters of the input, which could be part of a secret: keep only the position.
    const position = error instanceof SyntaxError ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    throw new CliConfigError(position ? msg('The file is not valid JSON (the error is near character {0}).', position) : msg('The file is not valid JSON.'));
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliConfigError(msg('The file does not contain a JSON object with "profiles".'));
  const root = raw as Record<string, unknown>;
  if (!Array.isArray(root.profiles)) throw new CliConfigError(msg('The file has no "profiles" list.'));
  const current = typeof root.current === 'string' && root.current !== '' ? root.current : undefined;
  const seen = new Set<string>();
  const profiles: CliProfile[] = [];
  root.profiles.forEach((item: unknown, position: number) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      profiles.push({ name: `#${position + 1}`, mode: '', reason: msg('This entry is not a profile object.') });
      return;
    }
    const p = item as Record<string, unknown>;
    const name = typeof p.name === 'string' && p.name.trim() !== '' ? p.name.trim() : `#${position + 1}`;
    const mode = typeof p.mode === 'string' ? p.mode : '';
    if (seen.has(name)) {
      profiles.push({ name, mode, reason: msg('An earlier profile in the file has the same name.') });
      return;
    }
    seen.add(name);
    profiles.push({ name, mode, ...importable(p, mode) });
  });
  return { current, profiles };
}

type Importable = Pick<CliProfile, 'credentials' | 'role' | 'ecsRole' | 'reason' | 'reasonField'>;

function importable(p: Record<string, unknown>, mode: string): Importable {
  const kind = mode.toLowerCase();
  if (kind === '') return { reason: msg('It has no "mode".') };
  if (kind === 'ramrolearn' || kind === 'chainableramrolearn') return importableRole(p, kind === 'chainableramrolearn');
  if (kind === 'ecsramrole') return importableEcsRole(p);
  if (kind !== 'ak' && kind !== 'ststoken') {
    const reason = UNSUPPORTED[kind];
    return { reason: reason ? msg(reason) : msg('The mode {0} is not one EBS DR knows; only AK, StsToken, RamRoleArn, ChainableRamRoleArn and EcsRamRole profiles can be imported.', mode) };
  }
  const str = (key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '');
  const accessKeyId = str('access_key_id');
  const accessKeySecret = str('access_key_secret');
  const token = str('sts_token');
  const region = str('region_id');
  const checks: [string, LocalisableMessage | undefined][] = [
    ['access_key_id', validateAccessKeyId(accessKeyId)],
    ['access_key_secret', validateAccessKeySecret(accessKeySecret)],
    ['sts_token', kind === 'ststoken' ? validateSecurityToken(token, true) : undefined],
    ['region_id', region ? validateRegionId(region) : undefined],
  ];
  const failed = checks.find(([, problem]) => problem !== undefined);
  if (failed?.[1]) return { reason: failed[1], reasonField: failed[0] };
  const credentials: ImportableCredentials = { accessKeyId, accessKeySecret, defaultRegionId: region || FALLBACK_REGION_ID };
  if (kind === 'ststoken') credentials.securityToken = token;
  return { credentials };
}

const text = (p: Record<string, unknown>, key: string): string => (typeof p[key] === 'string' ? (p[key] as string) : '');

function regionOf(p: Record<string, unknown>): { region: string } | Importable {
  const region = text(p, 'region_id');
  const problem = region ? validateRegionId(region) : undefined;
  return problem ? { reason: problem, reasonField: 'region_id' } : { region: region || FALLBACK_REGION_ID };
}

/** The CLI's role fields: ram_role_arn, ram_session_name, expired_seconds (0 = default), external_id, sts_region. */
function importableRole(p: Record<string, unknown>, chained: boolean): Importable {
  const region = regionOf(p);
  if (!('region' in region)) return region;
  const seconds = typeof p.expired_seconds === 'number' && p.expired_seconds > 0 ? p.expired_seconds : DEFAULT_ROLE_DURATION_SECONDS;
  const role: RoleSettings = { roleArn: text(p, 'ram_role_arn'), roleSessionName: text(p, 'ram_session_name'), durationSeconds: seconds };
  if (text(p, 'external_id')) role.externalId = text(p, 'external_id');
  if (text(p, 'sts_region')) role.stsRegionId = text(p, 'sts_region');
  const fields: Record<keyof RoleSettings, string> = {
    roleArn: 'ram_role_arn',
    roleSessionName: 'ram_session_name',
    durationSeconds: 'expired_seconds',
    externalId: 'external_id',
    policy: 'policy',
    stsRegionId: 'sts_region',
  };
  const invalid = validateRoleSettings(role);
  if (invalid) return { reason: invalid.problem, reasonField: fields[invalid.field] };
  if (chained) {
    const sourceProfile = text(p, 'source_profile');
    if (sourceProfile === '') return { reason: msg('It names no source_profile to assume the role with.'), reasonField: 'source_profile' };
    return { role: { role, defaultRegionId: region.region, sourceProfile } };
  }
  const accessKeyId = text(p, 'access_key_id');
  const accessKeySecret = text(p, 'access_key_secret');
  const token = text(p, 'sts_token');
  const checks: [string, LocalisableMessage | undefined][] = [
    ['access_key_id', validateAccessKeyId(accessKeyId)],
    ['access_key_secret', validateAccessKeySecret(accessKeySecret)],
    ['sts_token', token ? validateSecurityToken(token, false) : undefined],
  ];
  const failed = checks.find(([, problem]) => problem !== undefined);
  if (failed?.[1]) return { reason: failed[1], reasonField: failed[0] };
  const source: NonNullable<ImportableRole['source']> = { accessKeyId, accessKeySecret };
  if (token) source.securityToken = token;
  return { role: { role, defaultRegionId: region.region, source } };
}

function importableEcsRole(p: Record<string, unknown>): Importable {
  const region = regionOf(p);
  if (!('region' in region)) return region;
  const roleName = text(p, 'ram_role_name');
  if (roleName !== '' && !/^[A-Za-z0-9.-]{1,64}$/.test(roleName)) return { reason: msg('The role name is not a RAM role name (1 to 64 letters, digits, . or -).'), reasonField: 'ram_role_name' };
  return { ecsRole: { ...(roleName ? { roleName } : {}), defaultRegionId: region.region } };
}

/** Profiles in an order in which every ChainableRamRoleArn comes after the profile it assumes its role with. */
export function importOrder(profiles: readonly CliProfile[]): CliProfile[] {
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const ordered: CliProfile[] = [];
  const placed = new Set<string>();
  const visit = (profile: CliProfile, path: Set<string>): void => {
    if (placed.has(profile.name) || path.has(profile.name)) return;
    const source = profile.role?.sourceProfile;
    const sourceProfile = source ? byName.get(source) : undefined;
    if (sourceProfile) visit(sourceProfile, new Set([...path, profile.name]));
    placed.add(profile.name);
    ordered.push(profile);
  };
  for (const profile of profiles) visit(profile, new Set());
  return ordered;
}
