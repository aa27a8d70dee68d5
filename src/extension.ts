// The composition root: builds the services once and wires them into VS Code. No logic lives here.
import * as vscode from 'vscode';
import { registerCredentials } from './credentials/ui/credentials';
import { callLogger, Log } from './ui/log';
import { createTestApi, type EbsDrTestApi } from './ui/testApi';
import { SwitchableUserInput, VsCodeUserInput } from './ui/userInput';

export function activate(context: vscode.ExtensionContext): EbsDrTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  const log = new Log(testing);
  const input = new SwitchableUserInput(new VsCodeUserInput());
  const logger = callLogger(log);
  // credentials.connections is the ConnectionProvider for EbsClients; activeProfileName()/onDidChangeActiveProfile feed the view description.
  const credentials = registerCredentials(context, input, log, logger);

  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('ebsDr.startPairDrill', () => {
      void input.notify('info', vscode.l10n.t('Start Pair Drill is not available yet.'));
    }),
  );
  return testing ? createTestApi(input, log, credentials, context) : undefined;
}

export function deactivate(): void {
  // Every disposable is registered on the extension context.
}
