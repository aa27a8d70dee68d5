// Switch Profile, Remove Profile, Re-enter Secret and How Credentials Are Stored.
import * as vscode from 'vscode';
import { errorText } from '../../ebs/ui/errorMessages';
import { COMMAND } from '../../shared/commands';
import { localiseOptional } from '../../shared/ui/l10n';
import { BACK } from '../../shared/ui/userInput';
import { ENVIRONMENT_PROFILE_ID, maskAccessKeyId, validateAccessKeySecret, validateSecurityToken } from '../profiles';
import type { ProfileSummary } from '../store';
import type { CredentialsDeps } from './deps';

export class ProfileCommands {
  constructor(private readonly deps: CredentialsDeps) {}

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
      { label: `$(add) ${vscode.l10n.t('Add AccessKey Profile…')}`, value: { command: COMMAND.addProfile } as Choice },
      { label: `$(key) ${vscode.l10n.t('Add RAM Role Profile…')}`, value: { command: COMMAND.addRoleProfile } as Choice },
      { label: `$(cloud-download) ${vscode.l10n.t('Import from aliyun CLI…')}`, value: { command: COMMAND.importAliyunCli } as Choice },
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
          ? await input.inputBox({ title, step: 1, totalSteps, prompt: vscode.l10n.t('The AccessKey secret for {0}.', profile.accessKeyId), value: secret, password: true, validate: (v) => localiseOptional(validateAccessKeySecret(v)) })
          : await input.inputBox({ title, step: 2, totalSteps, canGoBack: true, prompt: vscode.l10n.t('The STS security token.'), value: token, password: true, validate: (v) => localiseOptional(validateSecurityToken(v, true)) });
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
    const check = await this.deps.keys.check({ accessKeyId: profile.accessKeyId, accessKeySecret: secret, securityToken: token || undefined, defaultRegionId: profile.defaultRegionId });
    if (check.outcome === 'rejected') {
      await input.notify('error', vscode.l10n.t('The secret of "{0}" was not saved: {1}', profile.name, errorText(check.explanation)));
      return false;
    }
    await store.replaceSecrets(profile.id, secret, token || undefined);
    void input.notify('info', vscode.l10n.t('The secret of "{0}" is saved.', profile.name));
    return true;
  }
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
