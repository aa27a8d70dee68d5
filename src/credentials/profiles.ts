// Profile metadata (never secrets): field validation, and the versioned global-state record with
// corruption recovery. Pure: messages are English l10n keys with arguments, rendered by the shell.
import type { LocalisableMessage } from '../ebs/catalogue';

export type ProfileKind = 'accessKey' | 'sts';

/** What is kept in global state for one stored profile. The AccessKey ID is not a secret; the secret and token are not here. */
export interface StoredProfile {
  id: string;
  name: string;
  kind: ProfileKind;
  accessKeyId: string;
  defaultRegionId: string;
  /** Where it came from (shown in the picker). */
  origin: 'manual' | 'aliyunCli';
}

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

/** AccessKey IDs are letters and digits (typically 16–30; 8–128 accepted). The ID is not secret, so the message may quote it. */
export function validateAccessKeyId(value: string): LocalisableMessage | undefined {
  if (value.trim() === '') return msg('Enter the AccessKey ID.');
  if (/\s/.test(value)) return msg('The AccessKey ID contains a space or line break: paste it without them.');
  const bad = [...value].find((c) => !/[A-Za-z0-9]/.test(c));
  if (bad !== undefined) {
    return CONTROL.test(bad) || bad.charCodeAt(0) > 126
      ? msg('The AccessKey ID contains a character no AccessKey ID has: only letters A–Z, a–z and digits are allowed.')
      : msg('The AccessKey ID contains "{0}", which no AccessKey ID has: only letters A–Z, a–z and digits are allowed.', bad);
  }
  if (value.length < 8 || value.length > 128) return msg('The AccessKey ID has {0} characters; AccessKey IDs have 8 to 128 (usually 16 to 30).', String(value.length));
  return undefined;
}

/** Never quotes the value: it is a secret. */
export function validateAccessKeySecret(value: string): LocalisableMessage | undefined {
  if (value.trim() === '') return msg('Enter the AccessKey secret.');
  if (/\s/.test(value)) return msg('The AccessKey secret contains a space or line break: paste it without them.');
  const index = [...value].findIndex((c) => !/[A-Za-z0-9]/.test(c));
  if (index >= 0) {
    return msg('The AccessKey secret contains a character no AccessKey secret has (at position {0}): only letters A–Z, a–z and digits are allowed.', String(index + 1));
  }
  if (value.length < 8 || value.length > 128) return msg('The AccessKey secret has {0} characters; AccessKey secrets have 8 to 128 (usually 30).', String(value.length));
  return undefined;
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
  if (kind !== 'accessKey' && kind !== 'sts') return undefined;
  if (typeof accessKeyId !== 'string' || validateAccessKeyId(accessKeyId)) return undefined;
  let repaired = false;
  let region = defaultRegionId;
  if (typeof region !== 'string' || validateRegionId(region)) {
    region = FALLBACK_REGION_ID;
    repaired = true;
  }
  return {
    value: { id, name, kind, accessKeyId, defaultRegionId: region as string, origin: origin === 'aliyunCli' ? 'aliyunCli' : 'manual' },
    repaired,
  };
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
