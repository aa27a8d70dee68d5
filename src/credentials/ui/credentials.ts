// The credentials shell: adapts context.secrets / context.globalState to the pure ProfileStore, keeps every
// window consistent (secrets.onDidChange), maintains the ebsDr.hasProfile context key, registers the
// commands and exposes the active profile's name for the view description. extension.ts calls
// registerCredentials() once.
import * as vscode from 'vscode';
import type { EbsCallLogger } from '../../ebs/types';
import { localise } from '../../ebs/ui/errorMessages';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, setting, SETTING } from '../../shared/ui/settings';
import type { Actions } from '../../shared/ui/action';
import type { UserInput } from '../../shared/ui/userInput';
import type { ConnectionProvider } from '../connection';
import { ProfileStore } from '../store';
import { COMMAND } from '../../shared/commands';
import { CredentialCommands } from './commands';

export const HAS_PROFILE_CONTEXT_KEY = 'ebsDr.hasProfile';

export interface Credentials {
  /** What the API clients use: the active profile with its secrets. */
  connections: ConnectionProvider;
  /** The store itself (commands, tests). */
  store: ProfileStore;
  commands: CredentialCommands;
  /** The active profile's name, for the view description and title; undefined when there is none. */
  activeProfileName(): string | undefined;
  /** Fires when the active profile (or its name) may have changed. */
  onDidChangeActiveProfile: vscode.Event<void>;
  /**
   * Keeps the view showing the active profile's name (the tree view's owner calls this once): in its description,
   * and in its title ("Replication · prod"), because a container with a single view hides the view's description.
   */
  bindViewDescription(view: { description?: string | boolean; title?: string }): vscode.Disposable;
  /** Settles once the one-time checks after the latest change (missing secret, damaged metadata) have run. */
  idle(): Promise<void>;
}

export function registerCredentials(context: vscode.ExtensionContext, input: UserInput, log: Log, logger: EbsCallLogger, actions: Actions<unknown>): Credentials {
  const store = new ProfileStore(context.secrets, context.globalState, () => process.env, { stsEndpoint: () => setting<string>(SETTING.stsEndpoint, '') });
  const commands = new CredentialCommands({ store, input, log, logger });
  const changed = new vscode.EventEmitter<void>();
  /** The problem the user was last told about; cleared once the active profile works again, so a new breakage is told. */
  let toldAbout: string | undefined;
  let checking: Promise<void> = Promise.resolve();

  /** Tells the user once per session about a problem with the active profile or the stored metadata. */
  const checkProblems = async (): Promise<void> => {
    const recovery = store.takeRecovery();
    if (recovery) {
      log.warn(`Credentials: stored profile metadata was damaged; kept ${recovery.kept}, dropped ${recovery.dropped.length}`);
      void input.notify(
        'warning',
        recovery.dropped.length > 0
          ? vscode.l10n.t('The stored list of EBS DR profiles was damaged. Kept {0} profile(s); could not recover: {1}. Add those again.', String(recovery.kept), recovery.dropped.join(', '))
          : vscode.l10n.t('The stored list of EBS DR profiles was damaged. Kept {0} profile(s); check that your active profile is the one you expect.', String(recovery.kept)),
      );
    }
    const resolved = await store.resolveActive();
    if (resolved.status === 'ok' || resolved.status === 'none') toldAbout = undefined;
    if (resolved.status === 'secretMissing') {
      const key = `missing:${resolved.profile.id}:${resolved.missing}`;
      if (toldAbout === key) return;
      toldAbout = key;
      log.warn(`Credentials: the ${resolved.missing} of profile "${resolved.profile.name}" is missing from SecretStorage`);
      const reenter = vscode.l10n.t('Re-enter Secret');
      const remove = vscode.l10n.t('Remove Profile');
      const switchTo = vscode.l10n.t('Switch Profile');
      const text =
        resolved.missing === 'secret'
          ? vscode.l10n.t('The AccessKey secret of the profile "{0}" is missing from SecretStorage (it was deleted outside EBS DR). Re-enter it, or remove or switch the profile.', resolved.profile.name)
          : vscode.l10n.t('The STS token of the profile "{0}" is missing from SecretStorage (it was deleted outside EBS DR). Re-enter it, or remove or switch the profile.', resolved.profile.name);
      void input.notify('warning', text, reenter, switchTo, remove).then(async (choice) => {
        if (choice === reenter) await commands.reenterSecret(resolved.profile);
        else if (choice === remove) await vscode.commands.executeCommand(COMMAND.removeProfile);
        else if (choice === switchTo) await vscode.commands.executeCommand(COMMAND.switchProfile);
      });
    } else if (resolved.status === 'environmentInvalid') {
      const key = `env:${resolved.environment.variable}:${resolved.environment.problem.message}`;
      if (toldAbout === key) return;
      toldAbout = key;
      void input.notify(
        'warning',
        vscode.l10n.t('The Environment profile cannot be used: the environment variable {0} is wrong: {1}', resolved.environment.variable, localise(resolved.environment.problem)),
      );
    }
  };
  const onChange = (): void => {
    void vscode.commands.executeCommand('setContext', HAS_PROFILE_CONTEXT_KEY, store.list().length > 0);
    checking = checking.then(checkProblems).catch((error: unknown) => log.error(`Credentials: ${error instanceof Error ? error.name : 'error'} while checking the active profile`));
    changed.fire();
  };
  onChange();

  context.subscriptions.push(
    changed,
    ...commands.register(actions),
    store.onDidChange(onChange),
    // A new STS endpoint means new role providers: every view and client resolves again.
    onSettingChanged([SETTING.stsEndpoint], () => store.refresh(true)),
    // Another window added, removed or switched a profile, or a secret changed behind our back.
    context.secrets.onDidChange((event) => {
      if (event.key.startsWith('ebsDr.')) store.refresh(true);
    }),
    // The Environment profile is re-read when the window regains focus.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) store.refresh();
    }),
  );
  const activeProfileName = (): string | undefined => store.activeProfile()?.name;
  return {
    connections: store,
    store,
    commands,
    activeProfileName,
    onDidChangeActiveProfile: changed.event,
    bindViewDescription(view) {
      const baseTitle = view.title;
      const show = (): void => {
        const name = activeProfileName();
        view.description = name ?? '';
        // The profile first: a narrow sidebar cuts the end of the title, and the profile is what must stay visible.
        if (baseTitle !== undefined) view.title = name ? vscode.l10n.t('{1} · {0}', baseTitle, name) : baseTitle;
      };
      show();
      return changed.event(show);
    },
    idle: () => checking,
  };
}
