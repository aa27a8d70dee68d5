// Decisions of the drill start, as data: whether a pair or group can be drilled (and why not), how the quick pick
// describes it, the confirmation text and the success text. Pure.
import { notDrillableText } from '../ebs/drillable';
import { pairStatusLabel } from '../ebs/labels';
import { ageMessage } from '../shared/format';
import type { LocalisableMessage } from '../shared/text';
import { DRILL_KINDS } from './kinds';
import { billableDisks, ownerLabel, type DrillTarget, type ListedDrill } from './model';
import { msg, type ComposedMessage } from './text';

/** Formats a unix-ms time for the user (the shell passes formatLocalDateTime). */
export type FormatTime = (ms: number) => string;

/**
 * Why the pair or group cannot be drilled, or undefined when it can: the one drillable rule and its reason text
 * (src/ebs/drillable.ts), which the tree's menus, icons, tooltips and Why Can't I Drill This? follow too.
 */
export function notDrillableReason(target: DrillTarget): ComposedMessage | undefined {
  return notDrillableText(target.kind, target);
}

/** Quick-pick description of a pair or group: status and recovery-point age (the one age rounding, as in the tree). */
export function targetDescription(target: DrillTarget, now: number): ComposedMessage {
  const status = pairStatusLabel(target.status);
  if (target.recoverPoint === undefined) return msg('{0} · no recovery point', status);
  return msg('{0} · recovery point {1}', status, ageMessage(target.recoverPoint, now));
}

export interface Confirmation {
  message: LocalisableMessage;
  detail: ComposedMessage;
  confirmLabel: LocalisableMessage;
}

/** The modal before a start: its message may hold an age (a message itself). */
export interface StartConfirmation extends Omit<Confirmation, 'message'> {
  message: ComposedMessage;
  /** A finished drill of the owner that still holds a billed drill disk: the modal also offers Clear It First. */
  held?: ListedDrill;
  /** Shown first in the detail: the drill would use stale data (staleDataWarning). */
  warning?: ComposedMessage;
}

/** What the check before a start found in the DR region: the owner's drills, or that it could not be completed. */
export type PreStartCheck = { complete: true; drills: readonly ListedDrill[] } | { complete: false };

/**
 * Why a start must not be sent now: a drill of the pair or group is being started from this window, or one is
 * executing (known to the tracker or found by the check). Undefined when nothing is in flight.
 */
export function inFlightReason(target: DrillTarget, starting: boolean, executingDrillIds: readonly string[]): LocalisableMessage | undefined {
  if (starting) return beingStartedMessage(target);
  if (executingDrillIds.length > 0) {
    return msg('A drill of {0} is already executing ({1}). Wait until it has finished before starting another.', ownerLabel(target), executingDrillIds.join(', '));
  }
  return undefined;
}

export function beingStartedMessage(target: DrillTarget): LocalisableMessage {
  return msg('A drill for {0} is being started. Wait for the answer before starting another.', ownerLabel(target));
}

/** Drills of the listing that are executing. */
export function executingIds(check: PreStartCheck): string[] {
  return check.complete ? check.drills.filter((d) => d.status === 'executing').map((d) => d.drillId) : [];
}

/** The newest finished drill of the listing that still holds a billed drill disk. */
export function heldDrill(check: PreStartCheck): ListedDrill | undefined {
  if (!check.complete) return undefined;
  const held = check.drills.filter((d) => billableDisks(d).length > 0);
  return held.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0))[0];
}

/**
 * The modal before a start, or undefined when none is needed. Always shown when the check could not be completed
 * (fail closed: a drill may be running) or a finished drill still holds a billed disk; otherwise only when
 * `ebsDr.confirmBeforeDrill` is on.
 */
export function startConfirmation(target: DrillTarget, check: PreStartCheck, confirmSetting: boolean, formatTime: FormatTime, now: number): StartConfirmation | undefined {
  const held = heldDrill(check);
  const stale = staleDataWarning(target, now);
  if (!confirmSetting && check.complete && !held && !stale) return undefined;
  const kind = DRILL_KINDS[target.kind];
  const where = msg('DR region {0}, zone {1}, recovery point of {2}.', target.regionId, target.zoneId, recoveryPointTime(target, formatTime));
  const detail = msg('{0}\n\n{1}', where, kind.texts.cost(target));
  if (!check.complete) {
    return {
      message: msg('Could not check whether a drill of {0} is running or still holds a billed drill disk. Start a drill anyway?', ownerLabel(target)),
      detail: msg('{0}\n\n{1}\n\n{2}', where, kind.texts.cost(target), msg('If a drill is running, this starts a second billable drill.')),
      confirmLabel: msg('Start Drill Anyway'),
      warning: stale,
    };
  }
  if (held) {
    const disks = billableDisks(held).map((d) => d.diskId).join(', ');
    const age = held.startedAt !== undefined ? ageMessage(held.startedAt, now) : msg('at an unknown time');
    return {
      message: msg('Drill {0} of {1} (started {2}) still holds the billed drill disk {3}. Start another drill?', held.drillId, ownerLabel(target), age, disks),
      detail,
      confirmLabel: msg('Start Another Drill'),
      held,
      warning: stale,
    };
  }
  return { message: kind.texts.startQuestion(ownerLabel(target)), detail, confirmLabel: msg('Start Drill'), warning: stale };
}

/**
 * Said plainly in the confirmation (which is then always shown) when the drill would not prove what a drill is
 * expected to prove: the pair or group is stopped, so its recovery point no longer advances, or its last recovery
 * point is older than twice its RPO. Undefined when the data is as fresh as the RPO promises.
 */
export function staleDataWarning(target: DrillTarget, now: number): ComposedMessage | undefined {
  if (target.recoverPoint === undefined) return undefined;
  const age = ageMessage(target.recoverPoint, now);
  const what = DRILL_KINDS[target.kind].texts.noun;
  if (target.status === 'stopped') {
    return msg('The {0} is stopped: replication does not run, so this drill will use data from {1}.', what, age);
  }
  if (target.rpoSeconds !== undefined && target.rpoSeconds > 0 && now - target.recoverPoint > 2 * target.rpoSeconds * 1000) {
    return msg('This drill will use data from {0}: the last recovery point is older than twice the RPO of {1} s.', age, String(target.rpoSeconds));
  }
  return undefined;
}

/** The notification of an uncertain start: the outcome is unknown until the listing says. */
export function mayHaveStartedMessage(target: DrillTarget, regionId: string): LocalisableMessage {
  return msg(
    'The drill for {0} may have started: the request may have reached the service, but its answer was lost. No new drill was found in {1}. Retry sends the same request, which cannot start a second drill.',
    ownerLabel(target),
    regionId,
  );
}

/** The same, when the listing that should have resolved it failed too. */
export function mayHaveStartedUncheckedMessage(target: DrillTarget, regionId: string): LocalisableMessage {
  return msg(
    'The drill for {0} may have started: the request may have reached the service, but its answer was lost, and the drills in {1} could not be listed. Retry sends the same request, which cannot start a second drill.',
    ownerLabel(target),
    regionId,
  );
}

export function startedMessage(target: DrillTarget, drillId: string, formatTime: FormatTime): LocalisableMessage {
  return msg('Drill {0} started for {1} from the recovery point of {2}', drillId, ownerLabel(target), recoveryPointTime(target, formatTime));
}

function recoveryPointTime(target: DrillTarget, formatTime: FormatTime): string {
  return target.recoverPoint !== undefined ? formatTime(target.recoverPoint) : '?';
}
