// STS 2015-04-01: AssumeRole and GetCallerIdentity. Served by the same process as EBS; the Version picks the registry.
import { ApiError } from '../errors';
import { derivedDigits, ROLE_NAME_PATTERN } from '../scenario';
import type { Account } from '../types';
import type { Operation } from './types';

export const STS_VERSION = '2015-04-01';

export const MIN_DURATION_SECONDS = 900;
export const MAX_POLICY_LENGTH = 2048;
const ROLE_ARN_PATTERN = new RegExp(`^acs:ram::(\\d{16}):role/(${ROLE_NAME_PATTERN.source.slice(1, -1)})$`);
const SESSION_NAME_PATTERN = /^[A-Za-z0-9.@_-]{2,64}$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
/** Session name of a scenario STS key (which has no AssumeRole behind it). */
export const SCENARIO_STS_SESSION_NAME = 'ebs-dr-sandbox';

const notAuthorized = (): ApiError => new ApiError(403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.');
const wronglyFormed = (name: string): ApiError => new ApiError(400, `InvalidParameter.${name}`, `The parameter ${name} is wrongly formed.`);

function durationMessage(maxSeconds: number): string {
  const max = maxSeconds % 3600 === 0 ? `${maxSeconds / 3600}hr` : `${maxSeconds}s`;
  return `The Min/Max value of DurationSeconds is 15min/${max}.`;
}

function checkPolicy(policy: string): void {
  if (policy.length > MAX_POLICY_LENGTH) throw new ApiError(400, 'InvalidParameter.PolicySize', `The size of the policy exceeds the limit of ${MAX_POLICY_LENGTH} characters.`);
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    doc = undefined;
  }
  const statements = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as { Statement?: unknown }).Statement : undefined;
  if (!Array.isArray(statements)) throw new ApiError(400, 'InvalidParameter.PolicyGrammar', 'The policy grammar check failed: a JSON object with a Statement array is expected.');
}

export const assumeRole: Operation = {
  action: 'AssumeRole',
  params: [
    { name: 'RoleArn', required: true },
    { name: 'RoleSessionName', required: true },
    { name: 'DurationSeconds' },
    { name: 'Policy' },
    { name: 'ExternalId' },
  ],
  denied: notAuthorized,
  handle({ params, state, account, nowMs }) {
    const arn = params.req('RoleArn');
    if (!ROLE_ARN_PATTERN.test(arn)) throw wronglyFormed('RoleArn');
    const sessionName = params.req('RoleSessionName');
    if (!SESSION_NAME_PATTERN.test(sessionName)) throw wronglyFormed('RoleSessionName');
    const durationText = params.str('DurationSeconds');
    if (durationText !== undefined && !/^\d{1,9}$/.test(durationText)) throw new ApiError(400, 'InvalidParameter.DurationSeconds', durationMessage(3600));
    const duration = durationText === undefined ? 3600 : Number(durationText);
    if (duration < MIN_DURATION_SECONDS) throw new ApiError(400, 'InvalidParameter.DurationSeconds', durationMessage(3600));
    const policy = params.str('Policy');
    if (policy !== undefined) checkPolicy(policy);
    const externalId = params.str('ExternalId');
    if (externalId !== undefined && !EXTERNAL_ID_PATTERN.test(externalId)) throw wronglyFormed('ExternalId');
    if (account.Type === 'Account') throw new ApiError(403, 'NoPermission', 'Roles may not be assumed by root accounts.');
    const role = state.findRole(arn);
    if (!role) throw new ApiError(404, 'EntityNotExist.Role', 'The specified Role not exists.');
    if (!role.TrustedAccountIds.includes(account.AccountId)) throw notAuthorized();
    if (duration > role.MaxSessionDuration) throw new ApiError(400, 'InvalidParameter.DurationSeconds', durationMessage(role.MaxSessionDuration));
    const key = state.issueSession(role, sessionName, duration, nowMs);
    return {
      AssumedRoleUser: { Arn: `${role.Arn}/${sessionName}`, AssumedRoleId: `${role.RoleId}:${sessionName}` },
      Credentials: {
        AccessKeyId: key.AccessKeyId,
        AccessKeySecret: key.AccessKeySecret,
        SecurityToken: key.SecurityTokens[0],
        Expiration: key.Session?.Expiration,
      },
    };
  },
};

/** The identity GetCallerIdentity reports for a key (see README for the Arn chosen for role sessions). */
export function callerIdentity(account: Account): Record<string, string> {
  const acct = account.AccountId;
  if (account.Type === 'Account') return { IdentityType: 'Account', AccountId: acct, UserId: acct, PrincipalId: acct, Arn: `acs:ram::${acct}:root` };
  if (account.Session || account.SecurityTokens.length > 0) {
    const roleName = account.Session?.RoleName ?? account.UserName;
    const roleId = account.Session?.RoleId ?? derivedDigits(`role/${acct}/${roleName.toLowerCase()}`);
    const session = account.Session?.RoleSessionName ?? SCENARIO_STS_SESSION_NAME;
    return { IdentityType: 'AssumedRoleUser', AccountId: acct, RoleId: roleId, PrincipalId: `${roleId}:${session}`, Arn: `acs:ram::${acct}:assumed-role/${roleName.toLowerCase()}/${session}` };
  }
  const userId = derivedDigits(`user/${acct}/${account.UserName}`);
  return { IdentityType: 'RAMUser', AccountId: acct, UserId: userId, PrincipalId: userId, Arn: `acs:ram::${acct}:user/${account.UserName}` };
}

export const getCallerIdentity: Operation = {
  action: 'GetCallerIdentity',
  params: [],
  /** Needs no RAM permission. */
  public: true,
  handle({ account }) {
    return callerIdentity(account);
  },
};

export const STS_OPERATIONS: ReadonlyMap<string, Operation> = new Map([assumeRole, getCallerIdentity].map((op) => [op.action, op]));
