// The credentials shell: adapts context.secrets / context.globalState to the pure ProfileStore, keeps every
// window consistent (secrets.onDidChange), maintains the ebsDr.hasProfile context key and exposes the
// active profile's name for the view description. extension.ts calls registerCredentials() once.
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../connection';
import { ProfileStore } from '../store';

export const HAS_PROFILE_CONTEXT_KEY = 'ebsDr.hasProfile';

export interface Credentials {
  /** What the API clients use: the active profile with its secrets. */
  connections: ConnectionProvider;
  /** The store itself (commands, tests). */
  store: ProfileStore;
  /** The active profile's name, for the view description and title; undefined when there is none. */
  activeProfileName(): string | undefined;
  /** Fires when the active profile (or its name) may have changed. */
  onDidChangeActiveProfile: vscode.Event<void>;
}

export function registerCredentials(context: vscode.ExtensionContext): Credentials {
  const store = new ProfileStore(context.secrets, context.globalState, () => process.env);
  const changed = new vscode.EventEmitter<void>();
  const updateContext = (): void => {
    void vscode.commands.executeCommand('setContext', HAS_PROFILE_CONTEXT_KEY, store.list().length > 0);
  };
  updateContext();
  context.subscriptions.push(
    changed,
    store.onDidChange(() => {
      updateContext();
      changed.fire();
    }),
    // Another window added, removed or switched a profile, or a secret changed behind our back.
    context.secrets.onDidChange((event) => {
      if (event.key.startsWith('ebsDr.')) store.refresh(true);
    }),
    // The environment profile is re-read on focus (e.g. after the user edited the environment and came back).
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) store.refresh();
    }),
  );
  return {
    connections: store,
    store,
    activeProfileName: () => store.activeProfile()?.name,
    onDidChangeActiveProfile: changed.event,
  };
}
