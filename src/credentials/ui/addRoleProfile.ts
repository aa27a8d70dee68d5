// Add RAM Role Profile: the role wizard (roleWizard.ts), then the role is assumed and checked before the profile is
// saved; a refusal offers Edit at the role settings or the source.
import * as vscode from 'vscode';
import { errorText } from '../../ebs/ui/errorMessages';
import { localise } from '../../shared/ui/l10n';
import type { ProfileSummary } from '../store';
import type { CredentialsDeps } from './deps';
import { limitedText } from './keyChecks';
import { askRoleProfile, type RoleWizardResult } from './roleWizard';

export class AddRoleProfile {
  constructor(private readonly deps: CredentialsDeps) {}

  async run(): Promise<ProfileSummary | undefined> {
    const { input, store } = this.deps;
    let previous: RoleWizardResult | undefined;
    let startAt: 'name' | 'source' | 'roleArn' | undefined;
    for (;;) {
      const result = await askRoleProfile(input, store.list(), previous, startAt);
      if (!result) return undefined;
      previous = result;
      const problem = result.kind === 'role' ? store.checkRoleDraft(result.draft) : undefined;
      if (problem) {
        await input.notify('error', localise(problem.problem));
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
      const check = await this.deps.keys.checkSource(source, result.draft.defaultRegionId);
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
}
