// Add AccessKey Profile: name, AccessKey ID, secret, optional STS token and default region (with Back), checked with
// Alibaba Cloud before it is saved; a failed check offers Edit at the field at fault. What was typed survives Escape
// in memory only.
import * as vscode from 'vscode';
import { errorText } from '../../ebs/ui/errorMessages';
import { localiseOptional } from '../../shared/ui/l10n';
import { BACK } from '../../shared/ui/userInput';
import { KNOWN_REGION_IDS, validateAccessKeyId, validateAccessKeySecret, validateProfileName, validateSecurityToken } from '../profiles';
import type { ProfileDraft, ProfileSummary } from '../store';
import type { CredentialsDeps } from './deps';
import { limitedText, stepAtFault } from './keyChecks';

export class AddProfile {
  /** What the user typed in the last Add flow that did not end in a saved profile (memory only), restored next time. */
  private unsaved: Partial<ProfileDraft> | undefined;

  constructor(private readonly deps: CredentialsDeps) {}

  async run(): Promise<ProfileSummary | undefined> {
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
            validate: (v) => localiseOptional(validateProfileName(v, store.list().filter((p) => !p.readOnly).map((p) => p.name))),
          });
          if (typeof answer === 'string') draft.name = answer.trim();
          break;
        case 1:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('The AccessKey ID (letters and digits, from the RAM console).'),
            value: draft.accessKeyId,
            validate: (v) => localiseOptional(validateAccessKeyId(v)),
          });
          if (typeof answer === 'string') draft.accessKeyId = answer;
          break;
        case 2:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('The AccessKey secret. It is kept only in VS Code SecretStorage.'),
            value: draft.accessKeySecret,
            password: true,
            validate: (v) => localiseOptional(validateAccessKeySecret(v)),
          });
          if (typeof answer === 'string') draft.accessKeySecret = answer;
          break;
        case 3:
          answer = await input.inputBox({
            ...common,
            prompt: vscode.l10n.t('The STS security token, for temporary credentials. Leave empty for a permanent AccessKey.'),
            value: draft.securityToken ?? '',
            password: true,
            validate: (v) => localiseOptional(validateSecurityToken(v, false)),
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
    const check = await this.deps.keys.check(draft);
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
}

