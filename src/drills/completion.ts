// The notification for a followed drill that settled (executed, failed, cleared, clear failed), as data: its kind,
// its text and the buttons it offers. Pure.
import { billableDisks, ownerLabel, type TrackedDrill } from './model';
import { msg, type ComposedMessage } from './text';
import type { LocalisableMessage } from '../shared/text';
import type { DrillOutcome } from './transitions';

export type CompletionAction = 'verify' | 'clear' | 'copyDiskId' | 'showInTree' | 'viewLogs';

export interface CompletionNotice {
  kind: 'info' | 'warning' | 'error';
  text: ComposedMessage;
  actions: CompletionAction[];
}

/** Explains a drill's StatusMessage (e.g. PAIR_SYNCPOINT_NOT_FOUND). */
export function explainStatusMessage(statusMessage: string | undefined): LocalisableMessage {
  switch (statusMessage) {
    case 'PAIR_SYNCPOINT_NOT_FOUND':
      return msg('the secondary disk has no usable recovery point. Wait for the next replication cycle, then start a new drill.');
    case 'GROUP_SYNCPOINT_NOT_FOUND':
      return msg('the group has no recovery point shared by all its pairs. Wait for the next replication cycle, then start a new drill.');
    case undefined:
    case '':
      return msg('the service gave no reason. Check the drill in the ECS console, then clear it.');
    default:
      return msg('the service reported {0}. Clear the drill and start a new one; if it fails again, contact Alibaba Cloud support.', statusMessage);
  }
}

/** The notification for a followed drill that settled, or undefined when nothing should be shown. */
export function completionNotice(drill: TrackedDrill, outcome: DrillOutcome): CompletionNotice | undefined {
  const owner = ownerLabel(drill);
  const disks = billableDisks(drill).map((d) => d.diskId);
  const zone = drill.zoneId ?? '?';
  switch (outcome) {
    case 'executed':
      // A pair drill holds one drill disk; a group drill one per member pair.
      if (disks.length <= 1) {
        return {
          kind: 'info',
          text: msg('Drill {0} for {1} finished: drill disk {2} in zone {3} is ready and billed until you clear the drill.', drill.drillId, owner, disks[0] ?? '-', zone),
          actions: ['verify', 'clear', 'copyDiskId'],
        };
      }
      return {
        kind: 'info',
        text: msg('Drill {0} for {1} finished: {2} drill disks in zone {3} ({4}) are ready and billed until you clear the drill.', drill.drillId, owner, String(disks.length), zone, disks.join(', ')),
        actions: ['verify', 'clear', 'copyDiskId'],
      };
    case 'execute_failed':
      return {
        kind: 'error',
        text: msg('Drill {0} for {1} failed: {2}', drill.drillId, owner, explainStatusMessage(drill.statusMessage)),
        actions: ['clear', 'viewLogs'],
      };
    case 'cleared':
      // A failed drill that never got a disk has none to delete.
      if (drill.disksAtClear?.length === 0) return { kind: 'info', text: msg('Drill {0} for {1} was cleared.', drill.drillId, owner), actions: [] };
      return { kind: 'info', text: msg('Drill {0} for {1} was cleared and its drill disk deleted.', drill.drillId, owner), actions: [] };
    case 'clear_failed':
      return {
        kind: 'error',
        text: drill.statusMessage
          ? msg(
              'Clearing drill {0} for {1} failed ({2}); its drill disk may still be billed. Try Clear Drill again, or delete the disk in the ECS console.',
              drill.drillId,
              owner,
              drill.statusMessage,
            )
          : msg(
              'Clearing drill {0} for {1} failed; its drill disk may still be billed. Try Clear Drill again, or delete the disk in the ECS console.',
              drill.drillId,
              owner,
            ),
        actions: disks.length > 0 ? ['clear', 'copyDiskId', 'viewLogs'] : ['clear', 'viewLogs'],
      };
    case 'vanished':
      return undefined;
  }
}

