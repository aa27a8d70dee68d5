// Profile metadata (never secrets): field validation, and the versioned global-state record with
// corruption recovery. Pure: messages are English l10n keys with arguments, rendered by the shell.
import type { LocalisableMessage } from '../ebs/catalogue';

/**
 * - `accessKey`: a permanent AccessKey; `sts`: an AccessKey with an STS token (both fixed, secrets in SecretStorage);
 * - `ramRole`: a RAM role assumed through STS AssumeRole, either with the profile's own AccessKey (aliyun CLI mode
 *   RamRoleArn; secret, and token when that key is temporary, in SecretStorage) or with another profile's
 *   credentials (`sourceProfileId`; mode ChainableRamRoleArn);
 * - `ecsRamRole`: the RAM role attached to the ECS instance VS Code runs on, from the instance metadata service.
 */
export type ProfileKind = 'accessKey' | 'sts' | 'ramRole' | 'ecsRamRole';

/** What AssumeRole is called with (never a secret). */
export interface RoleSettings {
  /** `acs:ram::<account ID>:role/<role name>`. */
  roleArn: string;
  roleSessionName: string;
  /** 900 up to the role's maximum session duration (3600–43200). */
  durationSeconds: number;
  externalId?: string;
  /** A session policy (JSON) that narrows the role's permissions. */
  policy?: string;
  /** The STS region (`sts.<region>.aliyuncs.com`); none means `sts.aliyuncs.com`. */
  stsRegionId?: string;
}

/** What is kept in global state for one stored profile. The AccessKey ID is not a secret; the secret and token are not here. */
export interface StoredProfile {
  id: string;
  name: string;
  kind: ProfileKind;
  /** The profile's own AccessKey ID; '' for a role assumed from another profile and for an ECS instance role. */
  accessKeyId: string;
  defaultRegionId: string;
  /** Where it came from (shown in the picker). */
  origin: 'manual' | 'aliyunCli';
  /** `ramRole` only. */
  role?: RoleSettings;
  /** `ramRole` only: the profile whose credentials assume the role (absent: the profile's own AccessKey). */
  sourceProfileId?: string;
  /** `ecsRamRole` only: the instance's role name; absent means the one attached to the instance. */
  ecsRoleName?: string;
}

export const DEFAULT_ROLE_DURATION_SECONDS = 3600;
export const MIN_ROLE_DURATION_SECONDS = 900;
export const MAX_ROLE_DURATION_SECONDS = 43200;

export interface ProfileIndex {
  profiles: StoredProfile[];
  activeId: string | undefined;
}

/** The one global-state key holding every profile's metadata. */
export const METADATA_KEY = 'ebsDr.profiles';
export const METADATA_VERSION = 1;
export const ENVIRONMENT_PROFILE_ID = 'environment';
export const ENVIRONMENT_PROFILE_NAME = 'Environment';
export const FALLBACK_REGION_ID = 'cn-hangzhou';

const msg = (message: string, ...args: string[]): LocalisableMessage => ({ message, args });

/** Public regions offered when picking a default region (ids only; the first is the fallback). */
export const KNOWN_REGION_IDS: readonly string[] = [
  'cn-hangzhou',
  'cn-shanghai',
  'cn-beijing',
  'cn-shenzhen',
  'cn-qingdao',
  'cn-zhangjiakou',
  'cn-huhehaote',
  'cn-wulanchabu',
  'cn-heyuan',
  'cn-guangzhou',
  'cn-chengdu',
  'cn-nanjing',
  'cn-fuzhou',
  'cn-hongkong',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'us-east-1',
  'us-west-1',
  'eu-central-1',
  'eu-west-1',
  'me-central-1',
];

// --- field validation (shared by the Add wizard, the CLI import and the environment profile) ---

const MAX_NAME_LENGTH = 64;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function validateProfileName(value: string, existingNames: readonly string[]): LocalisableMessage | undefined {
  const name = value.trim();
  if (name === '') return msg('Enter a profile name.');
  if (name.length > MAX_NAME_LENGTH) return msg('The profile name is too long: use at most {0} characters.', String(MAX_NAME_LENGTH));
  if (CONTROL.test(name)) return msg('The profile name contains a control character (such as a line break).');
  if (name.toLowerCase() === ENVIRONMENT_PROFILE_NAME.toLowerCase()) {
    return msg('The name "{0}" is reserved for the profile read from environment variables.', ENVIRONMENT_PROFILE_NAME);
  }
  if (existingNames.some((n) => n.toLowerCase() === name.toLowerCase())) return msg('A profile named "{0}" already exists: choose another name.', name);
  return undefined;
}

/** The longest AccessKey ID or secret accepted; real ones are far shorter (IDs 16–30, STS IDs about 29, secrets 30–44). */
export const MAX_KEY_LENGTH = 128;

/**
 * The one check for an AccessKey ID or secret wherever it enters (Add, Import, Environment, stored profiles).
 * It refuses only what no key can be: empty, spaces or line breaks, control or non-ASCII characters, more than
 * 128 characters. Everything else (a permanent `LTAI…` ID, an STS ID `STS.…`, shapes Alibaba Cloud may add) goes
 * to the service, whose answer to the check call decides. Secrets are never quoted; an ID may be (it is not secret).
 */
function validateKeyPart(value: string, part: 'id' | 'secret'): LocalisableMessage | undefined {
  const id = part === 'id';
  if (value.trim() === '') return id ? msg('Enter the AccessKey ID.') : msg('Enter the AccessKey secret.');
  if (/\s/.test(value)) return id ? msg('The AccessKey ID contains a space or line break: paste it without them.') : msg('The AccessKey secret contains a space or line break: paste it without them.');
  const index = [...value].findIndex((c) => c.charCodeAt(0) < 33 || c.charCodeAt(0) > 126);
  if (index >= 0) {
    return id
      ? msg('The AccessKey ID contains a control or non-ASCII character (at position {0}), which no AccessKey ID has.', String(index + 1))
      : msg('The AccessKey secret contains a control or non-ASCII character (at position {0}), which no AccessKey secret has.', String(index + 1));
  }
  if (value.length > MAX_KEY_LENGTH) {
    return id
      ? msg('The AccessKey ID has {0} characters; AccessKey IDs have at most {1}.', String(value.length), String(MAX_KEY_LENGTH))
      : msg('The AccessKey secret has {0} characters; AccessKey secrets have at most {1}.', String(value.length), String(MAX_KEY_LENGTH));
  }
  return undefined;
}

export function validateAccessKeyId(value: string): LocalisableMessage | undefined {
  return validateKeyPart(value, 'id');
}

/** Never quotes the value: it is a secret. */
export function validateAccessKeySecret(value: string): LocalisableMessage | undefined {
  return validateKeyPart(value, 'secret');
}

/** True for the AccessKey ID of temporary credentials issued by STS (`STS.` followed by letters and digits). */
export function isStsAccessKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith('STS.');
}

/** STS tokens are long base64-like strings; only printable ASCII without spaces is accepted. Empty means "no token". */
export function validateSecurityToken(value: string, required: boolean): LocalisableMessage | undefined {
  if (value === '') return required ? msg('Enter the STS security token.') : undefined;
  if (value.trim() === '') return msg('The STS security token is only spaces: leave it empty for a permanent AccessKey.');
  if (/\s/.test(value)) return msg('The STS security token contains a space or line break: paste it without them.');
  const index = [...value].findIndex((c) => c.charCodeAt(0) < 33 || c.charCodeAt(0) > 126);
  if (index >= 0) return msg('The STS security token contains a character no token has (at position {0}).', String(index + 1));
  if (value.length > 8192) return msg('The STS security token is longer than 8192 characters.');
  return undefined;
}

export function validateRegionId(value: string): LocalisableMessage | undefined {
  if (value.trim() === '') return msg('Enter a region ID such as cn-hangzhou.');
  if (!/^[a-z]{2,}-[a-z0-9-]+$/.test(value) || value.length > 64) return msg('"{0}" is not a region ID: region IDs look like cn-hangzhou or ap-southeast-1.', value);
  return undefined;
}

/** `acs:ram::<account ID>:role/<role name>`; the role name has 1–64 letters, digits, `.` or `-`. */
export function validateRoleArn(value: string): LocalisableMessage | undefined {
  if (value.trim() === '') return msg('Enter the ARN of the RAM role, such as acs:ram::123456789012****:role/ebs-dr-operator.');
  if (!/^acs:ram::[0-9]{1,20}:role\/[A-Za-z0-9.-]{1,64}$/i.test(value)) {
    return msg('"{0}" is not a RAM role ARN: role ARNs look like acs:ram::<account ID>:role/<role name>.', value.slice(0, 200));
  }
  return undefined;
}

export function validateRoleSessionName(value: string): LocalisableMessage | undefined {
  if (!/^[A-Za-z0-9.@_-]{2,64}$/.test(value)) return msg('The role session name must have 2 to 64 letters, digits or the characters . @ - _');
  return undefined;
}

export function validateRoleDuration(value: string | number): LocalisableMessage | undefined {
  const seconds = typeof value === 'number' ? value : /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isInteger(seconds) || seconds < MIN_ROLE_DURATION_SECONDS || seconds > MAX_ROLE_DURATION_SECONDS) {
    return msg('The session duration must be a whole number of seconds from {0} to {1} (and at most the role\'s maximum session duration).', String(MIN_ROLE_DURATION_SECONDS), String(MAX_ROLE_DURATION_SECONDS));
  }
  return undefined;
}

/** Optional: empty means none. */
export function validateExternalId(value: string): LocalisableMessage | undefined {
  if (value === '') return undefined;
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(value)) return msg('The external ID must have 2 to 1224 letters, digits or the characters _ + = , . @ : / -');
  return undefined;
}

/** Optional: empty means none. A session policy is JSON of at most 2048 characters. */
export function validateSessionPolicy(value: string): LocalisableMessage | undefined {
  if (value.trim() === '') return undefined;
  if (value.length > 2048) return msg('The session policy is longer than 2048 characters.');
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
  } catch {
    return msg('The session policy is not a JSON object.');
  }
  return undefined;
}

export function validateRoleSettings(role: RoleSettings): { field: keyof RoleSettings; problem: LocalisableMessage } | undefined {
  const checks: [keyof RoleSettings, LocalisableMessage | undefined][] = [
    ['roleArn', validateRoleArn(role.roleArn)],
    ['roleSessionName', validateRoleSessionName(role.roleSessionName)],
    ['durationSeconds', validateRoleDuration(role.durationSeconds)],
    ['externalId', validateExternalId(role.externalId ?? '')],
    ['policy', validateSessionPolicy(role.policy ?? '')],
    ['stsRegionId', role.stsRegionId ? validateRegionId(role.stsRegionId) : undefined],
  ];
  const failed = checks.find(([, problem]) => problem !== undefined);
  return failed?.[1] ? { field: failed[0], problem: failed[1] } : undefined;
}

/** The account ID in a role ARN (`acs:ram::<account ID>:role/…`), for display. */
export function roleAccountId(roleArn: string): string | undefined {
  return /^acs:ram::([0-9]+):role\//i.exec(roleArn)?.[1];
}

/** A default role session name: `ebs-dr-<user>` reduced to the characters STS accepts. */
export function defaultRoleSessionName(userName: string): string {
  const cleaned = `ebs-dr-${userName}`.replace(/[^A-Za-z0-9.@_-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : 'ebs-dr';
}

// --- the global-state record ---

export interface ParsedIndex {
  index: ProfileIndex;
  /** True when the stored value was unreadable in whole or in part; the caller should rewrite it and tell the user once. */
  damaged: boolean;
  /** Names (or positions) of the entries that could not be kept. */
  dropped: string[];
}

export function serialiseIndex(index: ProfileIndex): unknown {
  return {
    version: METADATA_VERSION,
    activeId: index.activeId ?? null,
    profiles: index.profiles.map((p) => ({ ...p })),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads whatever is stored; keeps every entry that still makes sense (repairing a bad region), drops the rest. */
export function parseIndex(raw: unknown): ParsedIndex {
  if (raw === undefined || raw === null) return { index: { profiles: [], activeId: undefined }, damaged: false, dropped: [] };
  if (!isRecord(raw) || !Array.isArray(raw.profiles)) return { index: { profiles: [], activeId: undefined }, damaged: true, dropped: [] };
  let damaged = raw.version !== METADATA_VERSION;
  const dropped: string[] = [];
  const profiles: StoredProfile[] = [];
  raw.profiles.forEach((entry: unknown, position: number) => {
    const label = isRecord(entry) && typeof entry.name === 'string' && entry.name.trim() !== '' ? entry.name : `#${position + 1}`;
    const profile = isRecord(entry) ? parseProfile(entry) : undefined;
    if (!profile || profiles.some((p) => p.id === profile.value.id) || validateProfileName(profile.value.name, profiles.map((p) => p.name))) {
      damaged = true;
      dropped.push(label);
      return;
    }
    if (profile.repaired) damaged = true;
    profiles.push(profile.value);
  });
  const activeId = typeof raw.activeId === 'string' && (raw.activeId === ENVIRONMENT_PROFILE_ID || profiles.some((p) => p.id === raw.activeId)) ? raw.activeId : undefined;
  if (raw.activeId !== undefined && raw.activeId !== null && activeId === undefined) damaged = true;
  return { index: { profiles, activeId }, damaged, dropped };
}

function parseProfile(entry: Record<string, unknown>): { value: StoredProfile; repaired: boolean } | undefined {
  const { id, name, kind, accessKeyId, defaultRegionId, origin } = entry;
  if (typeof id !== 'string' || !isProfileId(id)) return undefined;
  if (typeof name !== 'string' || name.trim() !== name || name === '') return undefined;
  if (kind !== 'accessKey' && kind !== 'sts' && kind !== 'ramRole' && kind !== 'ecsRamRole') return undefined;
  if (typeof accessKeyId !== 'string') return undefined;
  const sourceProfileId = typeof entry.sourceProfileId === 'string' && isProfileId(entry.sourceProfileId) ? entry.sourceProfileId : undefined;
  const ownKey = kind === 'accessKey' || kind === 'sts' || (kind === 'ramRole' && sourceProfileId === undefined);
  if (ownKey ? validateAccessKeyId(accessKeyId) : accessKeyId !== '') return undefined;
  let role: RoleSettings | undefined;
  if (kind === 'ramRole') {
    role = parseRole(entry.role);
    if (!role) return undefined;
  }
  let repaired = false;
  let region = defaultRegionId;
  if (typeof region !== 'string' || validateRegionId(region)) {
    region = FALLBACK_REGION_ID;
    repaired = true;
  }
  const value: StoredProfile = { id, name, kind, accessKeyId, defaultRegionId: region as string, origin: origin === 'aliyunCli' ? 'aliyunCli' : 'manual' };
  if (role) value.role = role;
  if (kind === 'ramRole' && sourceProfileId) value.sourceProfileId = sourceProfileId;
  if (kind === 'ecsRamRole' && typeof entry.ecsRoleName === 'string' && entry.ecsRoleName !== '') value.ecsRoleName = entry.ecsRoleName;
  return { value, repaired };
}

function parseRole(raw: unknown): RoleSettings | undefined {
  if (!isRecord(raw)) return undefined;
  const { roleArn, roleSessionName, durationSeconds, externalId, policy, stsRegionId } = raw;
  if (typeof roleArn !== 'string' || typeof roleSessionName !== 'string' || typeof durationSeconds !== 'number') return undefined;
  const role: RoleSettings = { roleArn, roleSessionName, durationSeconds };
  if (typeof externalId === 'string' && externalId !== '') role.externalId = externalId;
  if (typeof policy === 'string' && policy !== '') role.policy = policy;
  if (typeof stsRegionId === 'string' && stsRegionId !== '') role.stsRegionId = stsRegionId;
  return validateRoleSettings(role) ? undefined : role;
}

export function isProfileId(id: string): boolean {
  return /^[A-Za-z0-9-]{1,64}$/.test(id) && id !== ENVIRONMENT_PROFILE_ID;
}

/** SecretStorage keys of a stored profile. */
export function secretKeys(profileId: string): { secret: string; token: string } {
  return { secret: `ebsDr.profile.${profileId}.secret`, token: `ebsDr.profile.${profileId}.token` };
}

/** Written (with a meaningless value) after every metadata change so other windows hear of it through secrets.onDidChange. */
export const CHANGE_SIGNAL_KEY = 'ebsDr.profiles.changed';

/** Shows where a key came from without revealing much of it: first 4 and last 3 characters of the (non-secret) ID. */
export function maskAccessKeyId(accessKeyId: string): string {
  return accessKeyId.length <= 8 ? accessKeyId : `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-3)}`;
}
