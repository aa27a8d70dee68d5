// Add RAM Role Profile: a multi-step input (with Back) for a role assumed through STS — with another profile's
// credentials, with an AccessKey entered here, or the RAM role of the ECS instance VS Code runs on. The caller
// checks and saves the draft. Secrets stay in memory until the store writes them to SecretStorage.
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { localiseOptional } from '../../shared/ui/l10n';
import { BACK, type UserInput } from '../../shared/ui/userInput';
import {
  DEFAULT_ROLE_DURATION_SECONDS,
  defaultRoleSessionName,
  KNOWN_REGION_IDS,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateExternalId,
  validateProfileName,
  validateRoleArn,
  validateRoleDuration,
  validateRoleSessionName,
  validateSecurityToken,
  validateSessionPolicy,
} from '../profiles';
import type { EcsRoleProfileDraft, ProfileSummary, RoleProfileDraft } from '../store';

/** The source the role is assumed with: a profile id, an AccessKey entered in the wizard, or the ECS instance. */
type Source = { profileId: string } | 'accessKey' | 'ecs';

interface State {
  name: string;
  source: Source | undefined;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  ecsRoleName: string;
  roleArn: string;
  roleSessionName: string;
  duration: string;
  externalId: string;
  policy: string;
  defaultRegionId: string;
}

type StepId = 'name' | 'source' | 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'ecsRoleName' | 'roleArn' | 'roleSessionName' | 'duration' | 'externalId' | 'policy' | 'region';

function stepsFor(source: Source | undefined): StepId[] {
  if (source === 'ecs') return ['name', 'source', 'ecsRoleName', 'region'];
  const key: StepId[] = source === 'accessKey' ? ['accessKeyId', 'accessKeySecret', 'securityToken'] : [];
  return ['name', 'source', ...key, 'roleArn', 'roleSessionName', 'duration', 'externalId', 'policy', 'region'];
}

export type RoleWizardResult = { kind: 'role'; draft: RoleProfileDraft } | { kind: 'ecs'; draft: EcsRoleProfileDraft };

/**
 * Asks for every field; resumes at `startAt` with `previous` filled in (after a failed check, "Edit").
 * Undefined when the user pressed Escape.
 */
export async function askRoleProfile(
  input: UserInput,
  profiles: readonly ProfileSummary[],
  previous?: RoleWizardResult,
  startAt?: 'name' | 'source' | 'roleArn',
): Promise<RoleWizardResult | undefined> {
  const state: State = {
    name: '',
    source: undefined,
    accessKeyId: '',
    accessKeySecret: '',
    securityToken: '',
    ecsRoleName: '',
    roleArn: '',
    roleSessionName: defaultRoleSessionName(safeUserName()),
    duration: String(DEFAULT_ROLE_DURATION_SECONDS),
    externalId: '',
    policy: '',
    defaultRegionId: '',
    ...fromResult(previous),
  };
  const title = vscode.l10n.t('Add RAM Role Profile');
  let index = startAt ? Math.max(0, stepsFor(state.source).indexOf(startAt)) : 0;
  for (;;) {
    const steps = stepsFor(state.source);
    const step = steps[index] as StepId;
    const common = { title, step: index + 1, totalSteps: steps.length, canGoBack: index > 0 };
    const answer = await ask(input, step, state, profiles, common);
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    if (index < stepsFor(state.source).length - 1) {
      index++;
      continue;
    }
    return toResult(state);
  }
}

async function ask(
  input: UserInput,
  step: StepId,
  state: State,
  profiles: readonly ProfileSummary[],
  common: { title: string; step: number; totalSteps: number; canGoBack: boolean },
): Promise<string | typeof BACK | undefined> {
  const box = async (key: keyof State, prompt: string, validate: (v: string) => string | undefined, password = false): Promise<string | typeof BACK | undefined> => {
    const answer = await input.inputBox({ ...common, prompt, value: state[key] as string, password, validate });
    if (typeof answer === 'string') (state[key] as string) = answer.trim();
    return answer;
  };
  switch (step) {
    case 'name':
      return box('name', vscode.l10n.t('A name for this profile, e.g. dr-operator.'), (v) =>
        localiseOptional(validateProfileName(v, profiles.filter((p) => !p.readOnly).map((p) => p.name))),
      );
    case 'source': {
      type Choice = { source: Source };
      const items = [
        ...profiles.map((p) => ({
          label: `$(account) ${p.name}`,
          description: vscode.l10n.t('assume the role with this profile'),
          value: { source: { profileId: p.id } } as Choice,
        })),
        { label: `$(key) ${vscode.l10n.t('An AccessKey entered now')}`, description: vscode.l10n.t('kept only in SecretStorage'), value: { source: 'accessKey' } as Choice },
        {
          label: `$(server) ${vscode.l10n.t('The RAM role of this ECS instance')}`,
          description: vscode.l10n.t('when VS Code runs on an Alibaba Cloud ECS instance'),
          value: { source: 'ecs' } as Choice,
        },
      ];
      const choice = await input.pickOne(items, { ...common, placeholder: vscode.l10n.t('Which credentials assume the role?') });
      if (choice === undefined || choice === BACK) return choice;
      state.source = choice.source;
      return 'chosen';
    }
    case 'accessKeyId':
      return box('accessKeyId', vscode.l10n.t('The AccessKey ID that assumes the role (a permanent ID, or an STS ID starting with STS.).'), (v) => localiseOptional(validateAccessKeyId(v)));
    case 'accessKeySecret':
      return box('accessKeySecret', vscode.l10n.t('The AccessKey secret. It is kept only in VS Code SecretStorage.'), (v) => localiseOptional(validateAccessKeySecret(v)), true);
    case 'securityToken':
      return box(
        'securityToken',
        vscode.l10n.t('The STS security token, when that AccessKey is temporary. Leave empty for a permanent AccessKey.'),
        (v) => localiseOptional(validateSecurityToken(v, false)),
        true,
      );
    case 'ecsRoleName':
      return box('ecsRoleName', vscode.l10n.t('The RAM role name of the instance. Leave empty to use the role attached to it.'), (v) =>
        v === '' || /^[A-Za-z0-9.-]{1,64}$/.test(v) ? undefined : vscode.l10n.t('The role name is not a RAM role name (1 to 64 letters, digits, . or -).'),
      );
    case 'roleArn':
      return box('roleArn', vscode.l10n.t('The ARN of the RAM role to assume, e.g. acs:ram::123456789012****:role/ebs-dr-operator.'), (v) => localiseOptional(validateRoleArn(v)));
    case 'roleSessionName':
      return box('roleSessionName', vscode.l10n.t('The role session name (shown in ActionTrail as who acted).'), (v) => localiseOptional(validateRoleSessionName(v)));
    case 'duration':
      return box('duration', vscode.l10n.t('How long each set of temporary credentials lasts, in seconds (renewed automatically before it ends).'), (v) =>
        localiseOptional(validateRoleDuration(v)),
      );
    case 'externalId':
      return box('externalId', vscode.l10n.t("The external ID, if the role's trust policy asks for one. Leave empty otherwise."), (v) => localiseOptional(validateExternalId(v)));
    case 'policy':
      return box('policy', vscode.l10n.t("A session policy (JSON) that narrows the role's permissions. Leave empty to use the role's own."), (v) =>
        localiseOptional(validateSessionPolicy(v)),
      );
    case 'region': {
      const region = await input.pickOne(
        KNOWN_REGION_IDS.map((id) => ({ label: id, value: id, description: id === state.defaultRegionId ? vscode.l10n.t('last chosen') : undefined })),
        { ...common, placeholder: vscode.l10n.t('The default region, used when a command needs one region.') },
      );
      if (typeof region === 'string') state.defaultRegionId = region;
      return region;
    }
  }
}

function toResult(state: State): RoleWizardResult {
  if (state.source === 'ecs') {
    const draft: EcsRoleProfileDraft = { name: state.name, defaultRegionId: state.defaultRegionId };
    if (state.ecsRoleName) draft.ecsRoleName = state.ecsRoleName;
    return { kind: 'ecs', draft };
  }
  const role: RoleProfileDraft['role'] = { roleArn: state.roleArn, roleSessionName: state.roleSessionName, durationSeconds: Number(state.duration) };
  if (state.externalId) role.externalId = state.externalId;
  if (state.policy) role.policy = state.policy;
  const draft: RoleProfileDraft = { name: state.name, role, defaultRegionId: state.defaultRegionId };
  if (typeof state.source === 'object') draft.sourceProfileId = state.source.profileId;
  else {
    draft.accessKeyId = state.accessKeyId;
    draft.accessKeySecret = state.accessKeySecret;
    if (state.securityToken) draft.securityToken = state.securityToken;
  }
  return { kind: 'role', draft };
}

function fromResult(result: RoleWizardResult | undefined): Partial<State> {
  if (!result) return {};
  if (result.kind === 'ecs') return { name: result.draft.name, source: 'ecs', ecsRoleName: result.draft.ecsRoleName ?? '', defaultRegionId: result.draft.defaultRegionId };
  const d = result.draft;
  return {
    name: d.name,
    source: d.sourceProfileId !== undefined ? { profileId: d.sourceProfileId } : 'accessKey',
    accessKeyId: d.accessKeyId ?? '',
    accessKeySecret: d.accessKeySecret ?? '',
    securityToken: d.securityToken ?? '',
    roleArn: d.role.roleArn,
    roleSessionName: d.role.roleSessionName,
    duration: String(d.role.durationSeconds),
    externalId: d.role.externalId ?? '',
    policy: d.role.policy ?? '',
    defaultRegionId: d.defaultRegionId,
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'user';
  }
}
