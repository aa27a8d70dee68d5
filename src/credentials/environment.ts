// The read-only "Environment" profile: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (+ _SECURITY_TOKEN, _REGION_ID),
// read from the given environment each time it is asked for and never copied anywhere.
import type { LocalisableMessage } from '../ebs/catalogue';
import type { EbsCredentials } from '../ebs/types';
import { FALLBACK_REGION_ID, validateAccessKeyId, validateAccessKeySecret, validateRegionId, validateSecurityToken } from './profiles';

export const ENV_ACCESS_KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ENV_ACCESS_KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const ENV_SECURITY_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';
export const ENV_REGION_ID = 'ALIBABA_CLOUD_REGION_ID';
export const ENV_PROFILE = 'ALIBABA_CLOUD_PROFILE';

export type EnvironmentLike = Readonly<Record<string, string | undefined>>;

export type EnvironmentCredentials =
  | { status: 'absent' }
  /** Set but unusable: the variable at fault and the problem (never the secret's value). */
  | { status: 'invalid'; variable: string; problem: LocalisableMessage }
  | { status: 'ok'; credentials: EbsCredentials; defaultRegionId: string };

const msg = (message: string, ...args: string[]): LocalisableMessage => ({ message, args });

export function readEnvironmentCredentials(env: EnvironmentLike): EnvironmentCredentials {
  const id = env[ENV_ACCESS_KEY_ID];
  const secret = env[ENV_ACCESS_KEY_SECRET];
  const token = env[ENV_SECURITY_TOKEN];
  const region = env[ENV_REGION_ID];
  const hasId = id !== undefined && id !== '';
  const hasSecret = secret !== undefined && secret !== '';
  if (!hasId && !hasSecret) return { status: 'absent' };
  const unset = msg('It is not set, but {0} is: set both to use the Environment profile.', hasId ? ENV_ACCESS_KEY_ID : ENV_ACCESS_KEY_SECRET);
  if (!hasId) return { status: 'invalid', variable: ENV_ACCESS_KEY_ID, problem: unset };
  if (!hasSecret) return { status: 'invalid', variable: ENV_ACCESS_KEY_SECRET, problem: unset };
  const checks: [string, LocalisableMessage | undefined][] = [
    [ENV_ACCESS_KEY_ID, validateAccessKeyId(id)],
    [ENV_ACCESS_KEY_SECRET, validateAccessKeySecret(secret)],
    [ENV_SECURITY_TOKEN, token ? validateSecurityToken(token, false) : undefined],
    [ENV_REGION_ID, region ? validateRegionId(region) : undefined],
  ];
  const failed = checks.find(([, problem]) => problem !== undefined);
  if (failed?.[1]) return { status: 'invalid', variable: failed[0], problem: failed[1] };
  const credentials: EbsCredentials = { accessKeyId: id, accessKeySecret: secret };
  if (token) credentials.securityToken = token;
  return { status: 'ok', credentials, defaultRegionId: region || FALLBACK_REGION_ID };
}
