// Decisions of the drill commands, as data: which region a drill goes to, whether a pair or group can be drilled
// (and why not), the confirmation text, the success text and the completion notifications. Pure.
import type { GroupStatus, PairStatus, ReplicaGroup, ReplicaPair } from '../ebs/types';
import { ageMessage, billableDisks, msg, ownerLabel, type DrillKind, type Text, type TrackedDrill } from './model';
import type { DrillOutcome } from './tracker';

/** Formats a unix-ms time for the user (the shell passes a locale-aware formatter). */
export type FormatTime = (ms: number) => string;

/** Everything a drill start needs about its pair or group. */
export interface DrillTarget {
  kind: DrillKind;
  ownerId: string;
  ownerName: string;
  /** The destination (DR) region: StartPairDrill must be called there (ebs-api.md §7.1). */
  regionId: string;
  zoneId: string;
  sourceRegionId: string;
  /** The secondary disk (pairs) the drill disk is cloned from. */
  secondaryDiskId?: string;
  status: PairStatus | GroupStatus;
  /** Unix ms of the recovery point the drill will use. */
  recoverPoint?: number;
  /** Group drills: one drill disk per member pair. */
  pairCount?: number;
}

export function pairTarget(pair: ReplicaPair): DrillTarget {
  return {
    kind: 'pair',
    ownerId: pair.pairId,
    ownerName: pair.name || pair.pairId,
    regionId: pair.destinationRegionId,
    zoneId: pair.destinationZoneId,
    sourceRegionId: pair.sourceRegionId,
    secondaryDiskId: pair.destinationDiskId || undefined,
    status: pair.status,
    recoverPoint: pair.lastRecoverPoint?.getTime(),
  };
}

export function groupTarget(group: ReplicaGroup): DrillTarget {
  return {
    kind: 'group',
    ownerId: group.groupId,
    ownerName: group.name || group.groupId,
    regionId: group.destinationRegionId,
    zoneId: group.destinationZoneId,
    sourceRegionId: group.sourceRegionId,
    status: group.status,
    recoverPoint: group.lastRecoverPoint?.getTime(),
    pairCount: group.pairCount ?? group.pairIds.length,
  };
}

/**
 * Statuses from which a drill can start. Undocumented beyond "a recovery point must exist" (ebs-api.md §12); these are
 * the states in which the secondary disk holds a consistent recovery point and is not being taken over or removed.
 */
const DRILLABLE: ReadonlySet<string> = new Set(['created', 'initial_syncing', 'manual_syncing', 'syncing', 'normal', 'stopping', 'stopped', 'stop_failed']);

/** Why the pair or group cannot be drilled, or undefined when it can. */
export function notDrillableReason(target: DrillTarget): Text | undefined {
  const what = target.kind === 'pair' ? msg('pair') : msg('group');
  if (!DRILLABLE.has(target.status)) {
    return msg('The {0} is {1}; a drill needs a {0} that is replicating or stopped.', what, target.status);
  }
  if (target.recoverPoint === undefined) {
    return msg('No recovery point yet: the first replication cycle of this {0} has not completed.', what);
  }
  return undefined;
}

/** Quick-pick description of a pair or group: status and recovery-point age. */
export function targetDescription(target: DrillTarget, now: number): Text {
  if (target.recoverPoint === undefined) return msg('{0} · no recovery point', target.status);
  return msg('{0} · recovery point {1}', target.status, ageMessage(now, target.recoverPoint));
}

export interface Confirmation {
  message: Text;
  detail: Text;
  confirmLabel: Text;
}

/**
 * The modal before a start, or undefined when none is needed: always when a drill of the same pair or group is already
 * executing; otherwise only when `ebsDr.confirmBeforeDrill` is on.
 */
export function startConfirmation(target: DrillTarget, executingDrillIds: readonly string[], confirmSetting: boolean, formatTime: FormatTime): Confirmation | undefined {
  if (!confirmSetting && executingDrillIds.length === 0) return undefined;
  const point = target.recoverPoint !== undefined ? formatTime(target.recoverPoint) : '?';
  const cost =
    target.kind === 'pair'
      ? msg(
          'A pay-as-you-go drill disk of the same size as the secondary disk will be created in {0} and billed until you clear the drill.',
          target.zoneId,
        )
      : msg(
          'One pay-as-you-go drill disk per pair ({0}), each the size of its secondary disk, will be created in {1} and billed until you clear the drill.',
          String(target.pairCount ?? '?'),
          target.zoneId,
        );
  const where = msg('DR region {0}, zone {1}, recovery point of {2}.', target.regionId, target.zoneId, point);
  const detail = msg('{0}\n\n{1}', where, cost);
  if (executingDrillIds.length > 0) {
    return {
      message: msg('A drill of {0} is already executing ({1}). Start another drill?', ownerLabel(target), executingDrillIds.join(', ')),
      detail,
      confirmLabel: msg('Start Another Drill'),
    };
  }
  return {
    message: target.kind === 'pair' ? msg('Start a DR drill for pair {0}?', ownerLabel(target)) : msg('Start a DR drill for replica group {0}?', ownerLabel(target)),
    detail,
    confirmLabel: msg('Start Drill'),
  };
}

export function startedMessage(target: DrillTarget, drillId: string, formatTime: FormatTime): Text {
  const point = target.recoverPoint !== undefined ? formatTime(target.recoverPoint) : '?';
  return msg('Drill {0} started for {1} from the recovery point of {2}', drillId, ownerLabel(target), point);
}

export type CompletionAction = 'clear' | 'copyDiskId' | 'showInTree' | 'viewLogs';

export interface CompletionNotice {
  kind: 'info' | 'warning' | 'error';
  text: Text;
  actions: CompletionAction[];
}

/** Explains a drill's StatusMessage (e.g. PAIR_SYNCPOINT_NOT_FOUND). */
export function explainStatusMessage(statusMessage: string | undefined): Text {
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
      if (drill.kind === 'pair' || disks.length <= 1) {
        return {
          kind: 'info',
          text: msg('Drill {0} for {1} finished: drill disk {2} in zone {3} is ready and billed until you clear the drill.', drill.drillId, owner, disks[0] ?? '-', zone),
          actions: ['clear', 'copyDiskId'],
        };
      }
      return {
        kind: 'info',
        text: msg('Drill {0} for {1} finished: {2} drill disks in zone {3} ({4}) are ready and billed until you clear the drill.', drill.drillId, owner, String(disks.length), zone, disks.join(', ')),
        actions: ['clear', 'copyDiskId'],
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

export function clearConfirmation(drill: TrackedDrill): Confirmation {
  const disks = billableDisks(drill).map((d) => d.diskId);
  return {
    message: msg('Clear drill {0} of {1}?', drill.drillId, ownerLabel(drill)),
    detail:
      disks.length > 0
        ? msg('The drill and its drill disk ({0}) will be deleted. Data written to the drill disk is lost.', disks.join(', '))
        : msg('The drill will be deleted.'),
    confirmLabel: msg('Clear Drill'),
  };
}
