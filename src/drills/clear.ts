// Decisions of Clear Drill, as data: whether a drill can be cleared now, and the confirmation. Pure.
import { drillStatusLabel } from '../ebs/labels';
import { isDrillClearable } from '../ebs/types';
import type { LocalisableMessage } from '../shared/text';
import type { DrillVerdict } from './journal';
import { billableDisks, ownerLabel, type TrackedDrill } from './model';
import { lowerCaseLabel, msg, type ComposedMessage } from './text';
import type { Confirmation } from './start';

/** Why the drill cannot be cleared yet (it is executing or clearing), or undefined when it can. */
export function notClearableReason(drill: Pick<TrackedDrill, 'drillId' | 'status'>): ComposedMessage | undefined {
  return isDrillClearable(drill.status) ? undefined : msg('Drill {0} is {1}; it can be cleared once it has finished.', drill.drillId, lowerCaseLabel(drillStatusLabel(drill.status)));
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

/**
 * The buttons of the clear confirmation when the verdict is asked (setting ebsDr.askDrillVerdict): each clears the
 * drill and records the answer to "Did the application check pass?". The first (the default button) records that
 * nothing was checked.
 */
export const VERDICT_CHOICES: readonly { verdict: DrillVerdict; label: LocalisableMessage; asksNotes: boolean }[] = [
  { verdict: 'notChecked', label: msg('Clear, Not Checked'), asksNotes: false },
  { verdict: 'passed', label: msg('Clear, Check Passed'), asksNotes: true },
  { verdict: 'failed', label: msg('Clear, Check Failed'), asksNotes: true },
];

/** The line the confirmation adds when it asks for the verdict. */
export function verdictQuestion(): LocalisableMessage {
  return msg('Did the application check on the drill disk pass? Your answer and notes are kept in the drill record.');
}
