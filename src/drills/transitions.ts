// How a drill's status moves, as the tracker reads its observations: whether an answer is older than what is known,
// whether anything changed, and which transitions settle a followed drill. Pure.
import type { DrillObservation, TrackedDrill } from './model';

/** How a followed drill settled. `vanished`: it disappeared while executing (cleared elsewhere). */
export type DrillOutcome = 'executed' | 'execute_failed' | 'cleared' | 'clear_failed' | 'vanished';

/** True when `observed` can only be an older answer than `known`: drills move forward and never return to executing. */
export function isStaleObservation(known: string, observed: string): boolean {
  if (observed === 'executing') return known !== 'executing';
  return known === 'clearing' && (observed === 'executed' || observed === 'execute_failed');
}

/** True when the observation says nothing new about the drill (status, message and disks unchanged). */
export function isSameObservation(drill: TrackedDrill, observation: DrillObservation): boolean {
  return (
    drill.status === observation.status &&
    drill.statusMessage === observation.statusMessage &&
    JSON.stringify(drill.disks) === JSON.stringify(observation.disks)
  );
}

/** The outcome a status change means for a followed drill, if it settles it. */
export function transitionOutcome(previous: string, next: string): DrillOutcome | undefined {
  if (next === 'executed' && previous === 'executing') return 'executed';
  if (next === 'execute_failed' && previous === 'executing') return 'execute_failed';
  if (next === 'clear_failed' && previous === 'clearing') return 'clear_failed';
  return undefined;
}
