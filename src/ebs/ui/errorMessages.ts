// The one error path of the shell: any failure → the catalogue's localised explanation and next step,
// the error code and the RequestId, with the actions that fit. User cancellation shows nothing.
import * as vscode from 'vscode';
import { localise } from '../../shared/ui/l10n';
import { explainError, type ErrorExplanation } from '../catalogue';
import type { UserInput } from '../../shared/ui/userInput';

export { localise };

/** One line: explanation, next step, then "(Code, RequestId: …)". */
export function errorText(explanation: ErrorExplanation): string {
  const reference = explanation.requestId
    ? vscode.l10n.t('(error {0}, RequestId {1})', explanation.code, explanation.requestId)
    : vscode.l10n.t('(error {0})', explanation.code);
  return `${localise(explanation.summary)} ${localise(explanation.nextStep)} ${reference}`;
}

export interface ErrorActions {
  /** Offered for retryable errors. */
  retry?: () => unknown;
  /** Offered for credential errors. */
  switchProfile?: () => unknown;
  /** Always offered. */
  viewLogs: () => unknown;
}

/** Shows one error notification for `error` (nothing for cancellation); resolves once an action ran or it closed. */
export async function showError(input: UserInput, error: unknown, actions: ErrorActions, prefix?: string): Promise<void> {
  const explanation = explainError(error);
  if (explanation.silent) return;
  const labels = {
    retry: vscode.l10n.t('Retry'),
    switchProfile: vscode.l10n.t('Switch Profile'),
    viewLogs: vscode.l10n.t('View Logs'),
  };
  const offered: string[] = [];
  if (explanation.retryable && actions.retry) offered.push(labels.retry);
  if (explanation.category === 'credentials' && actions.switchProfile) offered.push(labels.switchProfile);
  offered.push(labels.viewLogs);
  const text = prefix ? `${prefix} ${errorText(explanation)}` : errorText(explanation);
  const choice = await input.notify('error', text, ...offered);
  if (choice === labels.retry) await actions.retry?.();
  else if (choice === labels.switchProfile) await actions.switchProfile?.();
  else if (choice === labels.viewLogs) await actions.viewLogs();
}
