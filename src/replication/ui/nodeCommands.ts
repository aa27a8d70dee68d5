// The commands that act on one node without asking Alibaba Cloud: Copy Pair ID, Copy Disk ID, Copy Drill ID,
// Open in Console and Why Can't I Drill This? (the clipboard and the browser are replaceable so host tests can see what would be copied or opened).
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { COMMAND } from '../../shared/commands';
import type { Actions } from '../../shared/ui/action';
import type { UserInput } from '../../shared/ui/userInput';
import { notDrillableMessage } from '../drillMarks';
import { groupLabel, pairLabel } from '../presentation';
import type { ProfileForest } from '../profileForest';
import { isRef, localiser } from './treeProvider';

export interface ReplicationExternals {
  copy(text: string): Thenable<void>;
  open(url: string): Thenable<boolean>;
}

export const VSCODE_EXTERNALS: ReplicationExternals = {
  copy: (text) => vscode.env.clipboard.writeText(text),
  open: (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
};

export interface NodeCommandsDeps {
  actions: Actions<ConnectedClient>;
  forest: ProfileForest;
  input: UserInput;
  externals(): ReplicationExternals;
}

export function registerNodeCommands(deps: NodeCommandsDeps): vscode.Disposable[] {
  const { actions, forest, input } = deps;
  const copy = async (text: string | undefined): Promise<void> => {
    if (text) await deps.externals().copy(text);
  };

  /** A pair has two disks (asks which); a pair drill has one drill disk; a group drill one per pair (asks which). */
  const copyDiskId = async (node: unknown): Promise<void> => {
    if (!isRef(node)) return;
    const explorer = forest.explorerOf(node);
    if (!explorer) return;
    const title = vscode.l10n.t('Copy Disk ID');
    if (node.kind === 'pairDrill') {
      await copy(explorer.pairDrill(node.pairId, node.drillId)?.drillDiskId);
    } else if (node.kind === 'pair') {
      const pair = explorer.pair(node.regionId, node.pairId);
      if (!pair) return;
      const disk = await input.pickOne(
        [
          { label: pair.sourceDiskId, description: vscode.l10n.t('primary disk, {0}', pair.sourceZoneId), value: pair.sourceDiskId },
          { label: pair.destinationDiskId, description: vscode.l10n.t('secondary disk, {0}', pair.destinationZoneId), value: pair.destinationDiskId },
        ],
        { title },
      );
      if (typeof disk === 'string') await copy(disk);
    } else if (node.kind === 'groupDrill') {
      const drill = explorer.groupDrill(node.groupId, node.drillId);
      const disks = (drill?.pairs ?? []).filter((p) => p.drillDiskId);
      const disk =
        disks.length === 1
          ? disks[0]?.drillDiskId
          : await input.pickOne(
              disks.map((p) => ({ label: p.drillDiskId ?? '', description: vscode.l10n.t('drill disk of {0}', p.pairId), value: p.drillDiskId ?? '' })),
              { title },
            );
      if (typeof disk === 'string') await copy(disk);
    }
  };

  return [
    actions.register(COMMAND.copyPairId, async (_context, node?: unknown) => {
      if (isRef(node) && (node.kind === 'pair' || node.kind === 'pairDrill')) await copy(node.pairId);
    }),
    actions.register(COMMAND.copyDrillId, async (_context, node?: unknown) => {
      if (isRef(node) && (node.kind === 'pairDrill' || node.kind === 'groupDrill')) await copy(node.drillId);
    }),
    actions.register(COMMAND.copyDiskId, (_context, node?: unknown) => copyDiskId(node)),
    // Offered on pairs and groups that cannot be drilled (instead of a Start that is not there): the one reason text.
    actions.register(COMMAND.whyNotDrillable, async (context, node?: unknown) => {
      if (!isRef(node) || (node.kind !== 'pair' && node.kind !== 'group')) return;
      const explorer = forest.explorerOf(node);
      const record = node.kind === 'pair' ? explorer?.pair(node.regionId, node.pairId) : explorer?.group(node.regionId, node.groupId);
      const id = node.kind === 'pair' ? node.pairId : node.groupId;
      if (!record) {
        void context.input.notify('info', vscode.l10n.t('{0} is no longer listed in {1}. Refresh the view.', id, node.regionId));
        return;
      }
      const label = 'pairId' in record ? pairLabel(record) : groupLabel(record);
      const reason = notDrillableMessage(localiser, node.kind, record);
      void context.input.notify('info', reason ? vscode.l10n.t('{0} cannot be drilled: {1}', label, reason) : vscode.l10n.t('{0} can be drilled now. Refresh the view to see Start in its menu.', label));
    }),
    actions.register(COMMAND.openInConsole, async (_context, node?: unknown) => {
      const url = isRef(node) ? forest.explorerOf(node)?.consoleUrl(node) : undefined;
      if (url) await deps.externals().open(url);
    }),
  ];
}
