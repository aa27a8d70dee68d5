// Show Drills (the status-bar click): pick a tracked drill (those that finished since the last look first), then
// reveal it, copy its IDs or clear it.
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { COMMAND } from '../../shared/commands';
import type { ActionContext } from '../../shared/ui/action';
import type { PickItem } from '../../shared/ui/userInput';
import { notClearableReason } from '../clear';
import { ownerLabel } from '../model';
import { clearTracked } from './clearDrill';
import { pickDrill } from './drillPick';
import type { DrillShell } from './shell';
import { localiseText } from './text';

export function registerShowDrills(shell: DrillShell): vscode.Disposable {
  return shell.deps.actions.register(COMMAND.showDrills, (context) => showDrills(context, shell));
}

async function showDrills(context: ActionContext<ConnectedClient>, shell: DrillShell): Promise<void> {
  const unseen = new Set(shell.unseenFinished);
  // Seen once listed (whichever drill the user then picks, or none).
  shell.unseenFinished.clear();
  const drill = await pickDrill(context.input, shell.tracker, vscode.l10n.t('EBS DR Drills'), () => true, unseen);
  if (!drill) return;
  type Action = 'verify' | 'reveal' | 'copyDrillId' | 'copyDiskId' | 'clear';
  const disks = drill.disks.map((d) => d.diskId);
  const actions: PickItem<Action>[] = [
    {
      label: `$(pass) ${vscode.l10n.t('Verify Drill')}`,
      value: 'verify',
      disabledReason: drill.status === 'executed' ? undefined : vscode.l10n.t('Only a drill whose drill disk is ready (executed) can be verified.'),
    },
    { label: `$(list-tree) ${vscode.l10n.t('Show in Tree')}`, value: 'reveal' },
    { label: `$(copy) ${vscode.l10n.t('Copy Drill ID')}`, description: drill.drillId, value: 'copyDrillId' },
  ];
  if (disks.length > 0) actions.push({ label: `$(copy) ${vscode.l10n.t('Copy Disk ID')}`, description: disks.join(', '), value: 'copyDiskId' });
  const refusal = notClearableReason(drill);
  actions.push({ label: `$(trash) ${vscode.l10n.t('Clear Drill')}`, value: 'clear', disabledReason: refusal && localiseText(refusal) });
  const action = await context.input.pickOne(actions, { title: drill.drillId, placeholder: ownerLabel(drill) });
  if (action === 'verify') await vscode.commands.executeCommand(COMMAND.verifyDrill, drill);
  else if (action === 'reveal') await shell.reveal(drill.kind, drill.ownerId, drill.drillId, drill.account);
  else if (action === 'copyDrillId') await shell.copy(drill.drillId);
  else if (action === 'copyDiskId') await shell.copy(disks.join(' '));
  else if (action === 'clear') await clearTracked(context, shell, drill);
}
