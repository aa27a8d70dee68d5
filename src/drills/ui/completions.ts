// What the user hears when a followed drill settles: a log line, the tree's drills reloaded and, in the window
// that claimed the completion, a notification whose buttons clear the drill (through the one action path), copy
// its disk IDs, show it in the tree or open the log. The drill stays marked Finished in Show Drills until the user
// has looked there. A button pressed after the drill was cleared (elsewhere, or long after) says so instead of failing.
import * as vscode from 'vscode';
import { isEbsError } from '../../ebs/errors';
import { COMMAND } from '../../shared/commands';
import { completionNotice, type CompletionAction } from '../completion';
import { DRILL_KINDS } from '../kinds';
import { billableDisks, drillKey, type TrackedDrill } from '../model';
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
  if (outcome === 'executed' && shell.verifyWhenReady.delete(drillKey(drill))) {
    // The user asked for it when the drill started: Verify Drill (its instance pick and confirmation) follows now, in
    // the window where it was asked, whichever window announces the completion.
    void vscode.commands.executeCommand(COMMAND.verifyDrill, drill);
    return;
  }
  if (!announce) return;
  const notice = completionNotice(drill, outcome);
  if (!notice) return;
  if (outcome === 'executed' || outcome === 'execute_failed' || outcome === 'clear_failed') shell.unseenFinished.add(drillKey(drill));
  const labels: Record<CompletionAction, string> = {
    verify: vscode.l10n.t('Verify Drill'),
    clear: vscode.l10n.t('Clear Drill'),
    copyDiskId: vscode.l10n.t('Copy Disk ID'),
    showInTree: vscode.l10n.t('Show in Tree'),
    viewLogs: vscode.l10n.t('View Logs'),
  };
  void input.notify(notice.kind, shell.named(drill.account, localiseText(notice.text)), ...notice.actions.map((a) => labels[a])).then(async (choice) => {
    const action = notice.actions.find((a) => labels[a] === choice);
    if (action === 'viewLogs') {
      log.show();
      return;
    }
    if (action === undefined) return;
    if (action === 'verify') {
      await vscode.commands.executeCommand(COMMAND.verifyDrill, drill);
      return;
    }
    if (action === 'clear') {
      await actions.run(COMMAND.clearDrill, async (context) => {
        const current = await stillThere(shell, drill);
        if (current) await clearTracked(context, shell, current);
        else alreadyCleared(shell, drill);
      });
      return;
    }
    const current = await stillThere(shell, drill);
    if (!current) alreadyCleared(shell, drill);
    else if (action === 'copyDiskId') await shell.copy(billableDisks(current).map((d) => d.diskId).join(' ') || current.disks.map((d) => d.diskId).join(' '));
    else if (action === 'showInTree') await shell.reveal(current.kind, current.ownerId, current.drillId, current.account);
  });
}

/**
 * The drill of a notification as it is now: the tracker's, else the service's (asked in its DR region with the
 * profile that owns it); undefined when neither knows it any more (it was cleared). When the service cannot be asked,
 * the notification's drill (the action then says what went wrong, as before).
 */
export async function stillThere(shell: DrillShell, drill: TrackedDrill): Promise<TrackedDrill | undefined> {
  const tracked = shell.tracker.get(drill);
  if (tracked) return tracked;
  const got = await shell.deps.clients.forProfile(drill.account).catch(() => undefined);
  if (!got || !('connected' in got)) return drill;
  try {
    const [found] = await DRILL_KINDS[drill.kind].describeDrills(got.connected.client, drill.regionId, drill.ownerId, { drillId: drill.drillId });
    return found?.drillId === drill.drillId ? { ...drill, ...found } : undefined;
  } catch (error) {
    // The pair or group itself is gone, and its drills with it.
    if (isEbsError(error) && error.code === 'NoSuchResource') return undefined;
    return drill;
  }
}

function alreadyCleared(shell: DrillShell, drill: TrackedDrill): void {
  shell.unseenFinished.delete(drillKey(drill));
  void shell.deps.input.notify('info', shell.named(drill.account, vscode.l10n.t('Drill {0} was already cleared.', drill.drillId)));
}
