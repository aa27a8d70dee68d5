// What the user hears when a followed drill settles: a log line, the tree's drills reloaded and, in the window
// that claimed the completion, a notification whose buttons clear the drill (through the one action path), copy
// its disk IDs, show it in the tree or open the log.
import * as vscode from 'vscode';
import { COMMAND } from '../../shared/commands';
import { completionNotice, type CompletionAction } from '../completion';
import { DRILL_KINDS } from '../kinds';
import { billableDisks } from '../model';
import type { DrillCompletion } from '../tracker';
import { clearTracked } from './clearDrill';
import type { DrillShell } from './shell';
import { localiseText } from './text';

export function announceCompletion(shell: DrillShell, { drill, outcome, announce }: DrillCompletion): void {
  const { log, input, tree, actions } = shell.deps;
  log.info(
    `Drill ${drill.drillId} of ${drill.ownerId} in ${drill.regionId}: ${outcome}${drill.statusMessage ? ` (${drill.statusMessage})` : ''}${announce ? '' : ' (announced by another window)'}`,
  );
  tree?.invalidateDrills?.(DRILL_KINDS[drill.kind].ownerRef(drill.ownerId), drill.account);
  if (!announce) return;
  const notice = completionNotice(drill, outcome);
  if (!notice) return;
  const labels: Record<CompletionAction, string> = {
    clear: vscode.l10n.t('Clear Drill'),
    copyDiskId: vscode.l10n.t('Copy Disk ID'),
    showInTree: vscode.l10n.t('Show in Tree'),
    viewLogs: vscode.l10n.t('View Logs'),
  };
  void input.notify(notice.kind, shell.named(drill.account, localiseText(notice.text)), ...notice.actions.map((a) => labels[a])).then(async (choice) => {
    const action = notice.actions.find((a) => labels[a] === choice);
    if (action === 'clear') await actions.run(COMMAND.clearDrill, (context) => clearTracked(context, shell, drill));
    else if (action === 'copyDiskId') await shell.copy(billableDisks(drill).map((d) => d.diskId).join(' ') || drill.disks.map((d) => d.diskId).join(' '));
    else if (action === 'showInTree') await shell.reveal(drill.kind, drill.ownerId, drill.drillId, drill.account);
    else if (action === 'viewLogs') log.show();
  });
}
