// Import from aliyun CLI: reads the CLI's config file (the setting ebsDr.aliyunCliConfigPath, else
// ~/.aliyun/config.json), offers every profile (those that cannot be imported disabled with the reason), checks and
// saves the chosen ones; a chained role comes after the profile it assumes its role with.
import * as vscode from 'vscode';
import type { LocalisableMessage } from '../../shared/text';
import { errorText } from '../../ebs/ui/errorMessages';
import { localise } from '../../shared/ui/l10n';
import { setting, SETTING } from '../../shared/ui/settings';
import { BACK } from '../../shared/ui/userInput';
import {
  cliConfigPath,
  CliConfigError,
  CLI_CONFIG_READ_TIMEOUT_MS,
  CliFileError,
  importOrder,
  MAX_CLI_CONFIG_BYTES,
  parseCliConfig,
  preferredCliProfile,
  readCliConfigFile,
  type CliProfile,
} from '../aliyunCli';
import { maskAccessKeyId, validateProfileName } from '../profiles';
import type { EcsRoleProfileDraft, ProfileDraft, ProfileSummary, RoleProfileDraft } from '../store';
import type { CredentialsDeps } from './deps';
import { checkWarnings } from './keyChecks';

export const CLI_CONFIG_SETTING = SETTING.aliyunCliConfigPath;

export class ImportFromAliyunCli {
  constructor(private readonly deps: CredentialsDeps) {}

  async run(): Promise<void> {
    const { input, store } = this.deps;
    const path = cliConfigPath(setting<string>(CLI_CONFIG_SETTING, ''));
    let text: string;
    try {
      text = await readCliConfigFile(path);
    } catch (error) {
      if (!(error instanceof CliFileError)) throw error;
      const openSettings = vscode.l10n.t('Open Settings');
      const reason = fileProblemText(error, path);
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
      await input.notify('error', vscode.l10n.t('The aliyun CLI config {0} cannot be imported: {1}', path, localise(error.problem)));
      return;
    }
    const existing = store.list().filter((p) => !p.readOnly).map((p) => p.name);
    const blocked = (p: CliProfile): string | undefined =>
      p.reason ? cliReason(p) : validateProfileName(p.name, existing) ? localise(validateProfileName(p.name, existing) as LocalisableMessage) : undefined;
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
        const check = await this.deps.keys.check(credentials);
        if (check.outcome === 'rejected') {
          problems.push(`${profile.name}: ${errorText(check.explanation)}`);
          continue;
        }
        const draft: ProfileDraft = { name: profile.name, ...credentials, origin: 'aliyunCli' };
        const saved = await store.add(draft, activate);
        imported.push(saved);
        warnings.push(...checkWarnings(saved.name, check));
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
        const check = credentials ? await this.deps.keys.checkSource(credentials, defaultRegionId) : undefined;
        if (!check || check.outcome === 'rejected') {
          problems.push(`${profile.name}: ${check && check.outcome === 'rejected' ? errorText(check.explanation) : vscode.l10n.t('its source profile cannot be used.')}`);
          continue;
        }
        const saved = await store.addRole(draft, activate);
        imported.push(saved);
        warnings.push(...checkWarnings(saved.name, check));
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
}

function cliReason(profile: CliProfile): string {
  if (!profile.reason) return '';
  return profile.reasonField ? vscode.l10n.t('The field {0} is not usable: {1}', profile.reasonField, localise(profile.reason)) : localise(profile.reason);
}

function fileProblemText(error: CliFileError, path: string): string {
  switch (error.problem) {
    case 'notFound':
      return vscode.l10n.t('There is no aliyun CLI config at {0}. Run "aliyun configure", or set ebsDr.aliyunCliConfigPath to where you keep it.', path);
    case 'folder':
      return vscode.l10n.t('{0} is a folder, not the aliyun CLI config file. Set ebsDr.aliyunCliConfigPath to the file.', path);
    case 'notFile':
      return vscode.l10n.t('{0} is not a regular file (a pipe, socket or device), so it is not read. Set ebsDr.aliyunCliConfigPath to the aliyun CLI config file.', path);
    case 'tooLarge':
      return vscode.l10n.t('{0} is larger than {1} KiB, too large for an aliyun CLI config, so it is not read. Set ebsDr.aliyunCliConfigPath to the config file.', path, String(MAX_CLI_CONFIG_BYTES / 1024));
    case 'timeout':
      return vscode.l10n.t('Reading {0} did not finish within {1} seconds, so it was abandoned. Check the disk or network share it is on, or copy the file locally.', path, String(CLI_CONFIG_READ_TIMEOUT_MS / 1000));
    case 'unreadable':
      return vscode.l10n.t('The aliyun CLI config {0} cannot be read ({1}).', path, error.errno ?? 'error');
  }
}
