// The view's profile commands: Show Profiles Side by Side (which profiles are the roots) and the ways out of a
// profile that cannot be used (its problem node's click and context menu).
import * as vscode from 'vscode';
import type { ConnectionProvider, ProfileRemedy } from '../../credentials/connection';
import { remedy as remedyOf } from '../../credentials/remedies';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { COMMAND } from '../../shared/commands';
import type { Actions } from '../../shared/ui/action';
import { BACK, type UserInput } from '../../shared/ui/userInput';
import { remedyPresentation } from '../profileForest';
import type { ViewProblem } from './problems';
import { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles } from './sideBySideSettings';
import { isTreeRef, localiser } from './treeProvider';

export interface ProfileCommandsDeps {
  actions: Actions<ConnectedClient>;
  connections: ConnectionProvider;
  input: UserInput;
  /** Why a profile cannot be used (undefined: the active profile), if it cannot. */
  problemOf(profileId: string | undefined): ViewProblem | undefined;
  /** Follows the profiles and settings again. */
  sync(): Promise<void>;
  /** Refresh: tries refused credentials again and reloads every root. */
  refresh(): Promise<void>;
}

export function registerProfileCommands(deps: ProfileCommandsDeps): vscode.Disposable[] {
  const { connections, input } = deps;

  /** Side by side: which profiles the view shows (writes ebsDr.treeProfiles and turns ebsDr.profilesInTree on or off). */
  async function chooseTreeProfiles(): Promise<void> {
    const profiles = connections.profiles();
    if (profiles.length === 0) {
      const add = vscode.l10n.t('Add AccessKey Profile');
      const choice = await input.notify('info', vscode.l10n.t('There are no profiles to show side by side yet.'), add);
      if (choice === add) await vscode.commands.executeCommand(COMMAND.addProfile);
      return;
    }
    const on = profilesSideBySide();
    const shown = new Set(on ? treeProfiles(connections).map((p) => p.id) : []);
    const ONLY_ACTIVE = '';
    const picked = await input.pickMany(
      [
        { label: vscode.l10n.t('Show only the active profile'), description: vscode.l10n.t('side by side off'), picked: false, value: ONLY_ACTIVE },
        ...profiles.map((p) => ({ label: p.name, description: p.active ? vscode.l10n.t('active profile') : undefined, picked: shown.has(p.id), value: p.id })),
      ],
      { title: vscode.l10n.t('Show Profiles Side by Side'), placeholder: vscode.l10n.t('Profiles to show as the roots of the Replication view (none: only the active profile)') },
    );
    if (picked === undefined || picked === BACK) return;
    const config = vscode.workspace.getConfiguration('ebsDr');
    const names = profiles.filter((p) => picked.includes(p.id)).map((p) => p.name);
    if (picked.includes(ONLY_ACTIVE) || names.length === 0) {
      await config.update(PROFILES_IN_TREE_SETTING, false, vscode.ConfigurationTarget.Global);
    } else {
      await config.update(TREE_PROFILES_SETTING, names, vscode.ConfigurationTarget.Global);
      await config.update(PROFILES_IN_TREE_SETTING, true, vscode.ConfigurationTarget.Global);
    }
    await deps.sync();
  }

  /** The remedies of a profile that cannot be used (its error node's click and context menu). */
  async function profileRemedies(node: unknown): Promise<void> {
    const problem = deps.problemOf(isTreeRef(node) ? node.profileId : undefined);
    if (!problem) return;
    type Choice = ProfileRemedy | 'retry';
    const items: { label: string; value: Choice }[] = [
      ...(problem.kind === 'rejected' ? [{ label: vscode.l10n.t('Retry'), value: 'retry' as const }] : []),
      ...problem.remedies.map((r) => ({ label: remedyPresentation(r, localiser).label, value: r })),
    ];
    const choice = await input.pickOne(items, { title: problem.profileName, placeholder: problem.text });
    if (choice === 'retry') await deps.refresh();
    else if (typeof choice === 'string') {
      const way = remedyOf(choice);
      await vscode.commands.executeCommand(way.command, ...(way.takesProfileId ? [problem.profileId] : []));
    }
  }

  return [
    deps.actions.register(COMMAND.chooseTreeProfiles, () => chooseTreeProfiles()),
    deps.actions.register(COMMAND.profileRemedies, (_context, node?: unknown) => profileRemedies(node)),
  ];
}
