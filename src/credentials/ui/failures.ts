// The one error display of every action, and how a failure of the credentials core reads there (bad input the
// store refused, a locked keyring). Never a secret.
import * as vscode from 'vscode';
import { showError } from '../../ebs/ui/errorMessages';
import { COMMAND } from '../../shared/commands';
import type { ActionContext } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import type { UserInput } from '../../shared/ui/userInput';
import { localise } from '../../shared/ui/l10n';
import { CliConfigError } from '../aliyunCli';
import { ProfileInputError, SecretStoreError } from '../store';

/** The text for a failure of the credentials core, or undefined when it is not one (the catalogue explains it). */
export function credentialFailureText(error: unknown, log: Log): string | undefined {
  if (error instanceof ProfileInputError) return localise(error.problem);
  if (error instanceof CliConfigError) return localise(error.problem);
  if (error instanceof SecretStoreError) {
    log.error(`SecretStorage ${error.operation} failed: ${error.message}`);
    if (error.operation === 'read') return vscode.l10n.t("VS Code's SecretStorage could not read the secret (is the system keyring locked or unavailable?).");
    if (error.operation === 'save') return vscode.l10n.t("VS Code's SecretStorage could not save the secret (is the system keyring locked or unavailable?). Nothing was saved.");
    return vscode.l10n.t("VS Code's SecretStorage could not delete the secret (is the system keyring locked or unavailable?). Try again.");
  }
  return undefined;
}

/**
 * The one error display of every action: a failure of the credentials core in its own words, anything else from
 * the catalogue (explanation, next step, code, RequestId) with Retry when the action set one and the error is
 * transient, Switch Profile for every credential error, and View Logs.
 */
export async function showActionFailure(input: UserInput, log: Log, error: unknown, action: Pick<ActionContext<unknown>, 'errorPrefix' | 'retry'>): Promise<void> {
  const text = credentialFailureText(error, log);
  if (text !== undefined) {
    await input.notify('error', action.errorPrefix ? `${action.errorPrefix} ${text}` : text);
    return;
  }
  await showError(
    input,
    error,
    { retry: action.retry, switchProfile: () => vscode.commands.executeCommand(COMMAND.switchProfile), viewLogs: () => log.show() },
    action.errorPrefix,
  );
}
