// One handler per credentials action: Add AccessKey Profile, Switch Profile, Remove Profile, Import from
// aliyun CLI, How Credentials Are Stored, and re-entering a secret that went missing. Every prompt and
// notification goes through UserInput. Secrets stay in memory and SecretStorage only.
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { LocalisableMessage } from '../../ebs/catalogue';
import { EbsClient } from '../../ebs/client';
import type { EbsCallLogger, EbsCredentialSource } from '../../ebs/types';
import { errorText, localise } from '../../ebs/ui/errorMessages';
import type { Log } from '../../shared/ui/log';
import { setting } from '../../shared/ui/settings';
import { COMMAND } from '../../shared/commands';
import type { Actions } from '../../shared/ui/action';
import { BACK, type UserInput } from '../../shared/ui/userInput';
import { cliConfigPath, CliConfigError, importOrder, parseCliConfig, preferredCliProfile, type CliProfile } from '../aliyunCli';
import { checkAccessKey, type KeyCheck } from '../keyCheck';
import {
  ENVIRONMENT_PROFILE_ID,
  KNOWN_REGION_IDS,
  maskAccessKeyId,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateProfileName,
  validateSecurityToken,
} from '../profiles';
import { type EcsRoleProfileDraft, type ProfileDraft, type ProfileStore, type ProfileSummary, type RoleProfileDraft } from '../store';
import { askRoleProfile, type RoleWizardResult } from './roleWizard';

/** The credentials commands (ids from the one table). */
export const COMMANDS = {
  addProfile: COMMAND.addProfile,
  switchProfile: COMMAND.switchProfile,
  removeProfile: COMMAND.removeProfile,
  importAliyunCli: COMMAND.importAliyunCli,
  showCredentialsHelp: COMMAND.showCredentialsHelp,
  addRoleProfile: COMMAND.addRoleProfile,
  reenterSecret: COMMAND.reenterSecret,
  showLogs: COMMAND.showLogs,
} as const;

export const CLI_CONFIG_SETTING = 'aliyunCliConfigPath';

interface Deps {
  store: ProfileStore;
  input: UserInput;
  log: Log;
  logger: EbsCallLogger;
}

const t = (message: LocalisableMessage): string => localise(message);

export class CredentialCommands {
  /** What the user typed in the last Add flow that did not end in a saved profile (memory only), restored next time. */
  private unsaved: Partial<ProfileDraft> | undefined;

  constructor(private readonly deps: Deps) {}

  /** One handler per credentials action, each through the one action path. */
  register(actions: Actions<unknown>): vscode.Disposable[] {
    return [
      actions.register(COMMAND.addProfile, () => this.addProfile()),
      actions.register(COMMAND.switchProfile, () => this.switchProfile()),
      actions.register(COMMAND.removeProfile, () => this.removeProfile()),
      actions.register(COMMAND.importAliyunCli, () => this.importFromAliyunCli()),
      actions.register(COMMAND.showCredentialsHelp, () => this.showCredentialsHelp()),
      actions.register(COMMAND.addRoleProfile, () => this.addRoleProfile()),
      actions.register(COMMAND.reenterSecret, (_context, profileId?: unknown) => this.reenterSecretOf(profileId)),
      actions.register(COMMAND.showLogs, () => this.deps.log.show()),
    ];
  }

  // ------------------------------------------------------------------------------------------
  // Add AccessKey Profile
  // ------------------------------------------------------------------------------------------

  async addProfile(): Promise<ProfileSummary | undefined> {
    const { input, store } = this.deps;
    const draft: ProfileDraft = { name: '', accessKeyId: '', accessKeySecret: '', securityToken: '', defaultRegionId: '', ...this.unsaved };
    const title = vscode.l10n.t('Add AccessKey Profile');
    const totalSteps = 5;
    let step = 0;
    for (;;) {
      this.unsaved = { ...draft };
      const common = { title, step: step + 1, totalSteps, canGoBack: step > 0 };
      let answer: string | typeof BACK | undefined;
      switch (step) {
        case 0:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('A name for this profile, e.g. prod or dr-test.'),
            value: draft.name,
            validate: (v) => message(validateProfileName(v, store.list().filter((p) => !p.readOnly).map((p) => p.name))),
          });
          if (typeof answer === 'string') draft.name = answer.trim();
          break;
        case 1:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('The AccessKey ID (letters and digits, from the RAM console).'),
            value: draft.accessKeyId,
            validate: (v) => message(validateAccessKeyId(v)),
          });
          if (typeof answer === 'string') draft.accessKeyId = answer;
          break;
        case 2:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('The AccessKey secret. It is kept only in VS Code SecretStorage.'),
            value: draft.accessKeySecret,
            password: true,
            validate: (v) => message(validateAccessKeySecret(v)),
          });
          if (typeof answer === 'string') draft.accessKeySecret = answer;
          break;
        case 3:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('The STS security token, for temporary credentials. Leave empty for a permanent AccessKey.'),
            value: draft.securityToken ?? '',
            password: true,
            validate: (v) => message(validateSecurityToken(v, false)),
          });
          if (typeof answer === 'string') draft.securityToken = answer;
          break;
        default: {
          const region = await input.pickOne(
            KNOWN_REGION_IDS.map((id) => ({ label: id, value: id, description: id === draft.defaultRegionId ? vscode.l10n.t('last chosen') : undefined })),
            { ...common, placeholder: vscode.l10n.t('The default region, used when a command needs one region.') },
          );
          answer = region;
          if (typeof region === 'string') draft.defaultRegionId = region;
        }
      }
      if (answer === undefined) return undefined; // Escape: keep what was typed (in memory) for next time.
      if (answer === BACK) {
        step = Math.max(0, step - 1);
        continue;
      }
      if (step < totalSteps - 1) {
        step++;
        continue;
      }
      const outcome = await this.checkAndSave(draft);
      if (outcome.saved) {
        this.unsaved = undefined;
        return outcome.saved;
      }
      if (outcome.editStep === undefined) return undefined;
      step = outcome.editStep;
    }
  }

  /** Checks the key against Alibaba Cloud, then saves (or offers to edit the field at fault). */
  private async checkAndSave(draft: ProfileDraft): Promise<{ saved?: ProfileSummary; editStep?: number }> {
    const { input, store } = this.deps;
    const check = await this.check(draft);
    const edit = vscode.l10n.t('Edit');
    if (check.outcome === 'rejected') {
      const choice = await input.notify('error', vscode.l10n.t('The profile "{0}" was not saved: {1}', draft.name, errorText(check.explanation)), edit);
      return choice === edit ? { editStep: stepAtFault(check.explanation.code) } : {};
    }
    if (check.outcome === 'unreachable' || check.outcome === 'failed') {
      const saveAnyway = vscode.l10n.t('Save Without Checking');
      const choice = await input.notify('error', vscode.l10n.t('The AccessKey of "{0}" could not be checked: {1}', draft.name, errorText(check.explanation)), saveAnyway, edit);
      if (choice === edit) return { editStep: 0 };
      if (choice !== saveAnyway) return {};
      const saved = await store.add(draft);
      this.deps.log.warn(`Credentials: saved profile "${saved.name}" without checking it (${check.explanation.code})`);
      void input.notify('warning', vscode.l10n.t('The profile "{0}" is saved and active, but its AccessKey was not checked.', saved.name));
      return { saved };
    }
    const saved = await store.add(draft);
    this.deps.log.info(`Credentials: saved profile "${saved.name}" (${check.outcome})`);
    if (check.outcome === 'limited') {
      void input.notify('warning', limitedText(saved.name, check.missingActions));
    } else {
      void input.notify('info', vscode.l10n.t('The profile "{0}" is saved and active. Alibaba Cloud accepted its AccessKey.', saved.name));
    }
    return { saved };
  }

  private async check(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string; defaultRegionId: string }): Promise<KeyCheck> {
    return this.checkSource(
      {
        accessKeyId: credentials.accessKeyId,
        accessKeySecret: credentials.accessKeySecret,
        ...(credentials.securityToken ? { securityToken: credentials.securityToken } : {}),
      },
      credentials.defaultRegionId,
    );
  }

  /** The same check for any credentials: fixed keys, or a role provider (whose first call assumes the role). */
  private async checkSource(source: EbsCredentialSource, defaultRegionId: string): Promise<KeyCheck> {
    const endpointTemplate = setting<string>('endpointTemplate', '') || undefined;
    const client = new EbsClient({ credentials: source, endpointTemplate, logger: this.deps.logger, timeoutMs: 15_000, retry: { maxAttempts: 2 } });
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the AccessKey with Alibaba Cloud…') },
      () => checkAccessKey(client, defaultRegionId),
    );
  }

  private checkWarnings(name: string, check: KeyCheck): string[] {
    if (check.outcome === 'limited') return [limitedText(name, check.missingActions)];
    if (check.outcome === 'unreachable' || check.outcome === 'failed') return [vscode.l10n.t('{0}: not checked ({1}).', name, errorText(check.explanation))];
    return [];
  }

  // ------------------------------------------------------------------------------------------
  // Add RAM Role Profile
  // ------------------------------------------------------------------------------------------

  async addRoleProfile(): Promise<ProfileSummary | undefined> {
    const { input, store } = this.deps;
    let previous: RoleWizardResult | undefined;
    let startAt: 'name' | 'source' | 'roleArn' | undefined;
    for (;;) {
      const result = await askRoleProfile(input, store.list(), previous, startAt);
      if (!result) return undefined;
      previous = result;
      const problem = result.kind === 'role' ? store.checkRoleDraft(result.draft) : undefined;
      if (problem) {
        await input.notify('error', t(problem.problem));
        startAt = problem.field === 'name' ? 'name' : problem.field === 'role' ? 'roleArn' : 'source';
        continue;
      }
      if (result.kind === 'ecs') {
        // Not checked: only an ECS instance has the metadata service (the first call there says whether it works).
        const saved = await store.addEcsRole(result.draft);
        this.deps.log.info(`Credentials: saved ECS instance role profile "${saved.name}"`);
        void input.notify('info', vscode.l10n.t('The profile "{0}" is saved and active. It takes its credentials from the ECS instance metadata service on first use.', saved.name));
        return saved;
      }
      const source = await store.draftCredentials(result.draft);
      if (!source) {
        await input.notify('error', vscode.l10n.t('The profile "{0}" was not saved: its source profile cannot be used.', result.draft.name));
        startAt = 'source';
        continue;
      }
      const check = await this.checkSource(source, result.draft.defaultRegionId);
      const edit = vscode.l10n.t('Edit');
      if (check.outcome === 'rejected') {
        const choice = await input.notify('error', vscode.l10n.t('The profile "{0}" was not saved: {1}', result.draft.name, errorText(check.explanation)), edit);
        if (choice !== edit) return undefined;
        startAt = check.explanation.entryCode.startsWith('sts:') ? 'roleArn' : 'source';
        continue;
      }
      if (check.outcome === 'unreachable' || check.outcome === 'failed') {
        const saveAnyway = vscode.l10n.t('Save Without Checking');
        const choice = await input.notify('error', vscode.l10n.t('The role of "{0}" could not be checked: {1}', result.draft.name, errorText(check.explanation)), saveAnyway, edit);
        if (choice === edit) {
          startAt = 'name';
          continue;
        }
        if (choice !== saveAnyway) return undefined;
      }
      const saved = await store.addRole(result.draft);
      this.deps.log.info(`Credentials: saved role profile "${saved.name}" (${check.outcome})`);
      if (check.outcome === 'limited') void input.notify('warning', limitedText(saved.name, check.missingActions));
      else if (check.outcome === 'valid') void input.notify('info', vscode.l10n.t('The profile "{0}" is saved and active. The role was assumed and Alibaba Cloud accepted it.', saved.name));
      else void input.notify('warning', vscode.l10n.t('The profile "{0}" is saved and active, but its role was not checked.', saved.name));
      return saved;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Switch / Remove
  // ------------------------------------------------------------------------------------------

  async switchProfile(): Promise<void> {
    const { input, store } = this.deps;
    const profiles = store.list();
    type Choice = { profile: ProfileSummary } | { command: string };
    const items = [
      ...profiles.map((profile) => ({
        label: profile.name,
        description: describeProfile(profile),
        detail: profile.readOnly ? vscode.l10n.t('From the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (read-only).') : undefined,
        value: { profile } as Choice,
      })),
      { label: `$(add) ${vscode.l10n.t('Add AccessKey Profile…')}`, value: { command: COMMANDS.addProfile } as Choice },
      { label: `$(key) ${vscode.l10n.t('Add RAM Role Profile…')}`, value: { command: COMMANDS.addRoleProfile } as Choice },
      { label: `$(cloud-download) ${vscode.l10n.t('Import from aliyun CLI…')}`, value: { command: COMMANDS.importAliyunCli } as Choice },
    ];
    const choice = await input.pickOne(items, { title: vscode.l10n.t('Switch Profile'), placeholder: vscode.l10n.t('The profile EBS DR uses for every API call') });
    if (choice === undefined || choice === BACK) return;
    if ('command' in choice) {
      await vscode.commands.executeCommand(choice.command);
      return;
    }
    if (choice.profile.active) return;
    await store.setActive(choice.profile.id);
    this.deps.log.info(`Credentials: switched to profile "${choice.profile.name}"`);
  }

  async removeProfile(): Promise<void> {
    const { input, store } = this.deps;
    const profiles = store.list();
    if (!profiles.some((p) => !p.readOnly)) {
      await input.notify('info', vscode.l10n.t('There is no stored profile to remove.'));
      return;
    }
    const choice = await input.pickOne(
      profiles.map((profile) => ({
        label: profile.name,
        description: describeProfile(profile),
        disabledReason: profile.readOnly ? vscode.l10n.t('The Environment profile comes from environment variables: unset them to remove it.') : undefined,
        value: profile,
      })),
      { title: vscode.l10n.t('Remove Profile'), placeholder: vscode.l10n.t('The profile to remove') },
    );
    if (choice === undefined || choice === BACK) return;
    const confirmed = await input.confirm(
      vscode.l10n.t('Remove the profile "{0}"?', choice.name),
      vscode.l10n.t("Its AccessKey secret and STS token are deleted from VS Code's SecretStorage on this computer. The AccessKey itself stays valid in Alibaba Cloud."),
      vscode.l10n.t('Remove'),
    );
    if (!confirmed) return;
    await store.remove(choice.id);
    this.deps.log.info(`Credentials: removed profile "${choice.name}"`);
    const next = store.activeProfile();
    void input.notify(
      'info',
      next ? vscode.l10n.t('Removed the profile "{0}". Active profile: {1}.', choice.name, next.name) : vscode.l10n.t('Removed the profile "{0}". No profile is left.', choice.name),
    );
  }

  // ------------------------------------------------------------------------------------------
  // Import from aliyun CLI
  // ------------------------------------------------------------------------------------------

  async importFromAliyunCli(): Promise<void> {
    const { input, store } = this.deps;
    const path = cliConfigPath(setting<string>(CLI_CONFIG_SETTING, ''));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const openSettings = vscode.l10n.t('Open Settings');
      const reason =
        code === 'ENOENT'
          ? vscode.l10n.t('There is no aliyun CLI config at {0}. Run "aliyun configure", or set ebsDr.aliyunCliConfigPath to where you keep it.', path)
          : code === 'EISDIR'
            ? vscode.l10n.t('{0} is a folder, not the aliyun CLI config file. Set ebsDr.aliyunCliConfigPath to the file.', path)
            : vscode.l10n.t('The aliyun CLI config {0} cannot be read ({1}).', path, code ?? 'error');
      if ((await input.notify('error', reason, openSettings)) === openSettings) {
        await vscode.commands.executeCommand('workbench.action.openSettings', `ebsDr.${CLI_CONFIG_SETTING}`);
      }
      return;
    }
    let config;
    try {
      config = parseCliConfig(text);
    } catch (error) {
      if (!(error instanceof CliConfigError)) throw error;
      await input.notify('error', vscode.l10n.t('The aliyun CLI config {0} cannot be imported: {1}', path, t(error.problem)));
      return;
    }
    const existing = store.list().filter((p) => !p.readOnly).map((p) => p.name);
    const blocked = (p: CliProfile): string | undefined =>
      p.reason ? cliReason(p) : validateProfileName(p.name, existing) ? t(validateProfileName(p.name, existing) as LocalisableMessage) : undefined;
    const preferred = preferredCliProfile(config, process.env);
    const importable = config.profiles.filter((p) => !blocked(p));
    const notImportable = config.profiles.filter((p) => blocked(p)).map((p) => `${p.name} (${p.mode || '?'}): ${blocked(p)}`);
    if (importable.length === 0) {
      await input.notify(
        'warning',
        config.profiles.length === 0
          ? vscode.l10n.t('The aliyun CLI config {0} has no profiles.', path)
          : vscode.l10n.t('No profile in {0} can be imported. {1}', path, notImportable.join(' ')),
      );
      return;
    }
    const chosen = await input.pickMany(
      config.profiles.map((p) => ({
        label: p.name,
        description: p.credentials
          ? `${p.mode} · ${p.credentials.defaultRegionId} · ${maskAccessKeyId(p.credentials.accessKeyId)}`
          : p.role
            ? `${p.mode} · ${p.role.defaultRegionId} · ${p.role.role.roleArn}`
            : p.ecsRole
              ? `${p.mode} · ${p.ecsRole.defaultRegionId}${p.ecsRole.roleName ? ` · ${p.ecsRole.roleName}` : ''}`
              : p.mode || '?',
        picked: p.name === preferred || (preferred === undefined && importable.length === 1 && p === importable[0]),
        disabledReason: blocked(p),
        // The name, not the profile: quick-pick items never carry secrets.
        value: p.name,
      })),
      { title: vscode.l10n.t('Import from aliyun CLI: {0}', path), placeholder: vscode.l10n.t('Profiles to import (secrets go to SecretStorage only)') },
    );
    if (chosen === undefined || chosen === BACK || chosen.length === 0) return;

    const imported: ProfileSummary[] = [];
    const problems: string[] = [];
    const warnings: string[] = [];
    // A ChainableRamRoleArn profile comes after the profile it assumes its role with, so that it can point to it.
    for (const profile of importOrder(config.profiles.filter((p) => chosen.includes(p.name)))) {
      const activate = profile.name === preferred || store.list().every((p) => p.readOnly);
      if (profile.credentials) {
        const credentials = profile.credentials;
        const check = await this.check(credentials);
        if (check.outcome === 'rejected') {
          problems.push(`${profile.name}: ${errorText(check.explanation)}`);
          continue;
        }
        const draft: ProfileDraft = { name: profile.name, ...credentials, origin: 'aliyunCli' };
        const saved = await store.add(draft, activate);
        imported.push(saved);
        warnings.push(...this.checkWarnings(saved.name, check));
      } else if (profile.role) {
        const { role, defaultRegionId, source, sourceProfile } = profile.role;
        const draft: RoleProfileDraft = { name: profile.name, role, defaultRegionId, origin: 'aliyunCli', ...(source ?? {}) };
        if (sourceProfile !== undefined) {
          const stored = store.list().find((p) => p.name === sourceProfile);
          if (!stored) {
            problems.push(vscode.l10n.t('{0}: it assumes its role with the profile "{1}", which is not imported. Select both.', profile.name, sourceProfile));
            continue;
          }
          draft.sourceProfileId = stored.id;
        }
        const credentials = await store.draftCredentials(draft);
        const check = credentials ? await this.checkSource(credentials, defaultRegionId) : undefined;
        if (!check || check.outcome === 'rejected') {
          problems.push(`${profile.name}: ${check && check.outcome === 'rejected' ? errorText(check.explanation) : vscode.l10n.t('its source profile cannot be used.')}`);
          continue;
        }
        const saved = await store.addRole(draft, activate);
        imported.push(saved);
        warnings.push(...this.checkWarnings(saved.name, check));
      } else if (profile.ecsRole) {
        const draft: EcsRoleProfileDraft = { name: profile.name, defaultRegionId: profile.ecsRole.defaultRegionId, origin: 'aliyunCli' };
        if (profile.ecsRole.roleName) draft.ecsRoleName = profile.ecsRole.roleName;
        // Not checked: only an ECS instance has the metadata service, and nothing is sent elsewhere to find out.
        const saved = await store.addEcsRole(draft, activate);
        imported.push(saved);
        warnings.push(vscode.l10n.t('{0}: not checked: it gets its credentials from the ECS instance metadata service, which only an ECS instance has.', saved.name));
      }
    }
    this.deps.log.info(`Credentials: imported ${imported.length} profile(s) from the aliyun CLI config`);
    const active = store.activeProfile();
    const parts = [
      imported.length > 0
        ? vscode.l10n.t('Imported from the aliyun CLI: {0}. Active profile: {1}.', imported.map((p) => p.name).join(', '), active?.name ?? '-')
        : vscode.l10n.t('Nothing was imported from the aliyun CLI.'),
      ...problems.map((p) => vscode.l10n.t('Not imported: {0}', p)),
      ...warnings,
      ...(notImportable.length > 0 ? [vscode.l10n.t('Cannot be imported: {0}', notImportable.join(' '))] : []),
    ];
    void input.notify(problems.length > 0 || imported.length === 0 ? 'error' : warnings.length > 0 ? 'warning' : 'info', parts.join(' '));
  }

  // ------------------------------------------------------------------------------------------
  // Help, and a secret that went missing
  // ------------------------------------------------------------------------------------------

  async showCredentialsHelp(): Promise<void> {
    const content = [
      `# ${vscode.l10n.t('How EBS DR stores credentials')}`,
      '',
      vscode.l10n.t("- AccessKey secrets and STS tokens are kept only in VS Code's SecretStorage (the operating system's keyring, encrypted, on this computer, never synced). They are never written to settings, files or logs."),
      vscode.l10n.t('- The profile name, kind, AccessKey ID and default region are kept in VS Code global state.'),
      vscode.l10n.t('- "Import from aliyun CLI" copies AK, StsToken, RamRoleArn, ChainableRamRoleArn and EcsRamRole profiles from ~/.aliyun/config.json (or the file named by the setting ebsDr.aliyunCliConfigPath); their secrets go to SecretStorage. Other modes (OIDC, CloudSSO, External…) are listed with the reason they cannot be imported.'),
      vscode.l10n.t('- RAM role profiles keep only the role settings in global state (and, when they assume the role with their own AccessKey, its secret in SecretStorage). The temporary credentials STS issues for the role live only in memory and are renewed before they expire.'),
      vscode.l10n.t('- When ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (optionally ALIBABA_CLOUD_SECURITY_TOKEN and ALIBABA_CLOUD_REGION_ID) are set, a read-only "Environment" profile uses them without copying them anywhere.'),
      vscode.l10n.t('- Before a profile is saved, EBS DR checks it with a DescribeRegions call and tells you what is wrong.'),
      vscode.l10n.t('- "Remove Profile" deletes the secret from SecretStorage. The AccessKey itself stays valid until you disable it in the RAM console.'),
      '',
    ].join('\n');
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    try {
      await vscode.commands.executeCommand('markdown.showPreview', document.uri);
    } catch {
      await vscode.window.showTextDocument(document, { preview: true });
    }
  }

  /** Re-enter Secret from the palette or the view: the given profile (an id), else the active one. */
  async reenterSecretOf(profileId: unknown): Promise<boolean> {
    const { input, store } = this.deps;
    const profiles = store.list();
    const profile = (typeof profileId === 'string' ? profiles.find((p) => p.id === profileId) : undefined) ?? store.activeProfile();
    if (!profile || profile.readOnly || profile.kind === 'ecsRamRole' || (profile.kind === 'ramRole' && profile.sourceProfileId !== undefined)) {
      await input.notify('info', vscode.l10n.t('The profile "{0}" keeps no secret of its own in SecretStorage.', profile?.name ?? '-'));
      return false;
    }
    return this.reenterSecret(profile);
  }

  /** Asks for the secret (and token) of a stored profile whose secrets are gone from SecretStorage. */
  async reenterSecret(profile: ProfileSummary): Promise<boolean> {
    const { input, store } = this.deps;
    const title = vscode.l10n.t('Re-enter the secret of "{0}"', profile.name);
    const totalSteps = profile.kind === 'sts' ? 2 : 1;
    let secret: string | undefined;
    let token = '';
    for (let step = 0; step < totalSteps; ) {
      const answer =
        step === 0
          ? await input.inputBox({ title, step: 1, totalSteps, prompt: vscode.l10n.t('The AccessKey secret for {0}.', profile.accessKeyId), value: secret, password: true, validate: (v) => message(validateAccessKeySecret(v)) })
          : await input.inputBox({ title, step: 2, totalSteps, canGoBack: true, prompt: vscode.l10n.t('The STS security token.'), value: token, password: true, validate: (v) => message(validateSecurityToken(v, true)) });
      if (answer === undefined) return false;
      if (answer === BACK) {
        step = 0;
        continue;
      }
      if (step === 0) secret = answer;
      else token = answer;
      step++;
    }
    if (!secret) return false;
    const check = await this.check({ accessKeyId: profile.accessKeyId, accessKeySecret: secret, securityToken: token || undefined, defaultRegionId: profile.defaultRegionId });
    if (check.outcome === 'rejected') {
      await input.notify('error', vscode.l10n.t('The secret of "{0}" was not saved: {1}', profile.name, errorText(check.explanation)));
      return false;
    }
    await store.replaceSecrets(profile.id, secret, token || undefined);
    void input.notify('info', vscode.l10n.t('The secret of "{0}" is saved.', profile.name));
    return true;
  }
}

function message(problem: LocalisableMessage | undefined): string | undefined {
  return problem && t(problem);
}

function describeProfile(profile: ProfileSummary): string {
  const kind =
    profile.kind === 'ramRole'
      ? vscode.l10n.t('RAM role {0}', profile.role?.roleArn ?? '?')
      : profile.kind === 'ecsRamRole'
        ? vscode.l10n.t('ECS instance RAM role')
        : profile.kind === 'sts'
          ? vscode.l10n.t('AccessKey + STS token')
          : vscode.l10n.t('AccessKey');
  const parts = [kind, profile.defaultRegionId, profile.accessKeyId ? maskAccessKeyId(profile.accessKeyId) : ''].filter((p) => p !== '');
  if (profile.id === ENVIRONMENT_PROFILE_ID) parts.push(vscode.l10n.t('environment'));
  if (profile.origin === 'aliyunCli') parts.push(vscode.l10n.t('from aliyun CLI'));
  if (profile.active) parts.unshift(vscode.l10n.t('active'));
  return parts.join(' · ');
}

function cliReason(profile: CliProfile): string {
  if (!profile.reason) return '';
  return profile.reasonField ? vscode.l10n.t('The field {0} is not usable: {1}', profile.reasonField, t(profile.reason)) : t(profile.reason);
}

function limitedText(name: string, missingActions: string[]): string {
  return vscode.l10n.t(
    'The profile "{0}" is saved, but its AccessKey lacks EBS permissions: {1}. Ask your administrator to grant them (e.g. the AliyunEBSReadOnlyAccess policy).',
    name,
    missingActions.join(', '),
  );
}

/** Where the Add wizard resumes after Alibaba Cloud rejected the key: the field that is most likely wrong. */
function stepAtFault(code: string): number {
  if (code.startsWith('SignatureDoesNotMatch') || code.startsWith('IncompleteSignature')) return 2;
  if (code.startsWith('InvalidSecurityToken')) return 3;
  return 1;
}
