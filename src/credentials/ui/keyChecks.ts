// Checking credentials with Alibaba Cloud before a profile is saved, in the shell: a throw-away client (fixed keys, or
// a role provider whose first call assumes the role) with window progress, and how the outcome reads.
import * as vscode from 'vscode';
import { EbsClient } from '../../ebs/client';
import type { EbsCallLogger, EbsCredentialSource } from '../../ebs/types';
import { errorText } from '../../ebs/ui/errorMessages';
import { setting, SETTING } from '../../shared/ui/settings';
import { checkAccessKey, type KeyCheck } from '../keyCheck';

export class KeyChecks {
  constructor(private readonly deps: { logger: EbsCallLogger }) {}

  async check(credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string; defaultRegionId: string }): Promise<KeyCheck> {
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
  async checkSource(source: EbsCredentialSource, defaultRegionId: string): Promise<KeyCheck> {
    const endpointTemplate = setting<string>(SETTING.endpointTemplate, '') || undefined;
    const client = new EbsClient({ credentials: source, endpointTemplate, logger: this.deps.logger, timeoutMs: 15_000, retry: { maxAttempts: 2 } });
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Checking the AccessKey with Alibaba Cloud…') },
      () => checkAccessKey(client, defaultRegionId),
    );
  }
}

export function checkWarnings(name: string, check: KeyCheck): string[] {
  if (check.outcome === 'limited') return [limitedText(name, check.missingActions)];
  if (check.outcome === 'unreachable' || check.outcome === 'failed') return [vscode.l10n.t('{0}: not checked ({1}).', name, errorText(check.explanation))];
  return [];
}

export function limitedText(name: string, missingActions: string[]): string {
  return vscode.l10n.t(
    'The profile "{0}" is saved, but its AccessKey lacks EBS permissions: {1}. Ask your administrator to grant them (e.g. the AliyunEBSReadOnlyAccess policy).',
    name,
    missingActions.join(', '),
  );
}

/** Where the Add wizard resumes after Alibaba Cloud rejected the key: the field that is most likely wrong. */
export function stepAtFault(code: string): number {
  if (code.startsWith('SignatureDoesNotMatch') || code.startsWith('IncompleteSignature')) return 2;
  if (code.startsWith('InvalidSecurityToken')) return 3;
  return 1;
}
