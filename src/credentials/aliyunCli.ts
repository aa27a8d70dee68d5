// Reading the aliyun CLI's config.json (aliyun/aliyun-cli config/configuration.go, profile.go) as an import
// source: which profiles can become EBS DR profiles (AK, StsToken) and why the others cannot. Pure.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { LocalisableMessage } from '../ebs/catalogue';
import type { EnvironmentLike } from './environment';
import { FALLBACK_REGION_ID, validateAccessKeyId, validateAccessKeySecret, validateRegionId, validateSecurityToken } from './profiles';

export interface ImportableCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  defaultRegionId: string;
}

export interface CliProfile {
  name: string;
  /** The mode as written in the file (e.g. "AK", "RamRoleArn"); "" when missing. */
  mode: string;
  /** Present when the profile can be imported. */
  credentials?: ImportableCredentials;
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
    super(problem.message.replace(/\{(\d+)\}/g, (whole, i: string) => problem.args[Number(i)] ?? whole));
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

/** The profile the aliyun CLI itself would use: ALIBABA_CLOUD_PROFILE (or its aliases), else the file's `current`. */
export function preferredCliProfile(config: CliConfig, env: EnvironmentLike): string | undefined {
  const fromEnv = env.ALIBABA_CLOUD_PROFILE || env.ALIBABACLOUD_PROFILE || env.ALICLOUD_PROFILE;
  const names = config.profiles.map((p) => p.name);
  if (fromEnv && names.includes(fromEnv)) return fromEnv;
  return config.current && names.includes(config.current) ? config.current : undefined;
}

const UNSUPPORTED: Record<string, string> = {
  ramrolearn: 'It assumes a RAM role through STS at each use; EBS DR stores only AccessKeys and STS tokens. Import the AccessKey it starts from, or add a profile with a temporary STS token.',
  chainableramrolearn: 'It assumes a RAM role from another profile at each use; EBS DR stores only AccessKeys and STS tokens. Import the source profile instead.',
  ecsramrole: 'It takes credentials from the ECS instance metadata service, which only works on an ECS instance.',
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

function importable(p: Record<string, unknown>, mode: string): Pick<CliProfile, 'credentials' | 'reason' | 'reasonField'> {
  const kind = mode.toLowerCase();
  if (kind === '') return { reason: msg('It has no "mode".') };
  if (kind !== 'ak' && kind !== 'ststoken') {
    const reason = UNSUPPORTED[kind];
    return { reason: reason ? msg(reason) : msg('The mode {0} is not one EBS DR knows; only AK and StsToken profiles can be imported.', mode) };
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
