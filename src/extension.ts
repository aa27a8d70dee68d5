import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('ebsDr.startPairDrill', () => {
      void vscode.window.showInformationMessage(vscode.l10n.t('Start Pair Drill is not available yet.'));
    }),
  );
}

export function deactivate(): void {
  // Nothing to release yet: every disposable is registered on the extension context.
}
