// Decisions of the drill start, as data: whether a pair or group can be drilled (and why not), how the quick pick
// describes it, the confirmation text and the success text. Pure.
import { whyNotDrillable } from '../ebs/drillable';
import { ageMessage } from '../shared/format';
import type { LocalisableMessage } from '../shared/text';
import { DRILL_KINDS } from './kinds';
import { ownerLabel, type DrillTarget } from './model';
import { msg, type ComposedMessage } from './text';

/** Formats a unix-ms time for the user (the shell passes formatLocalDateTime). */
export type FormatTime = (ms: number) => string;

/**
 * Why the pair or group cannot be drilled, or undefined when it can: the one drillable rule (src/ebs/drillable.ts),
 * which the tree's menus and icons follow too.
 */
export function notDrillableReason(target: DrillTarget): ComposedMessage | undefined {
  const what = DRILL_KINDS[target.kind].texts.noun;
  switch (whyNotDrillable(target)) {
    case 'status':
      return msg('The {0} is {1}; a drill needs a {0} that is replicating or stopped.', what, target.status);
    case 'noRecoveryPoint':
      return msg('No recovery point yet: the first replication cycle of this {0} has not completed.', what);
    case undefined:
      return undefined;
  }
}

/** Quick-pick description of a pair or group: status and recovery-point age (the one age rounding, as in the tree). */
export function targetDescription(target: DrillTarget, now: number): ComposedMessage {
  if (target.recoverPoint === undefined) return msg('{0} · no recovery point', target.status);
  return msg('{0} · recovery point {1}', target.status, ageMessage(target.recoverPoint, now));
}

export interface Confirmation {
  message: LocalisableMessage;
  detail: ComposedMessage;
  confirmLabel: LocalisableMessage;
}

/**
 * The modal before a start, or undefined when none is needed: always when a drill of the same pair or group is already
 * executing; otherwise only when `ebsDr.confirmBeforeDrill` is on.
 */
export function startConfirmation(target: DrillTarget, executingDrillIds: readonly string[], confirmSetting: boolean, formatTime: FormatTime): Confirmation | undefined {
  if (!confirmSetting && executingDrillIds.length === 0) return undefined;
  const kind = DRILL_KINDS[target.kind];
  const where = msg('DR region {0}, zone {1}, recovery point of {2}.', target.regionId, target.zoneId, recoveryPointTime(target, formatTime));
  const detail = msg('{0}\n\n{1}', where, kind.texts.cost(target));
  if (executingDrillIds.length > 0) {
    return {
      message: msg('A drill of {0} is already executing ({1}). Start another drill?', ownerLabel(target), executingDrillIds.join(', ')),
      detail,
      confirmLabel: msg('Start Another Drill'),
    };
  }
  return { message: kind.texts.startQuestion(ownerLabel(target)), detail, confirmLabel: msg('Start Drill') };
}

export function startedMessage(target: DrillTarget, drillId: string, formatTime: FormatTime): LocalisableMessage {
  return msg('Drill {0} started for {1} from the recovery point of {2}', drillId, ownerLabel(target), recoveryPointTime(target, formatTime));
}

function recoveryPointTime(target: DrillTarget, formatTime: FormatTime): string {
  return target.recoverPoint !== undefined ? formatTime(target.recoverPoint) : '?';
}
