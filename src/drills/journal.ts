// What the drill actions tell whoever keeps the record of drills (the drill evidence, src/evidence): a drill was
// started (with the RequestId of the start) and a clear was requested (with its RequestId and the user's verdict).
// Observations of drills reach the record through the tracker's onDidObserve. Pure: an interface and its types.
import type { DrillTarget, TrackedDrill } from './model';

/** The user's verdict on a drill when it is cleared: did the application check pass? */
export type DrillVerdict = 'passed' | 'failed' | 'notChecked';

export interface VerdictAnswer {
  verdict: DrillVerdict;
  /** Free text for the record (may be empty). */
  notes?: string;
}

export interface DrillJournal {
  /** A start answered with a DrillId (or the drill of an uncertain start was found: `adopted`, no RequestId). */
  started(drill: TrackedDrill, facts: { target: DrillTarget; requestId?: string; adopted: boolean }): void;
  /** A clear was accepted by the service. */
  clearRequested(drill: TrackedDrill, facts: { requestId?: string; verdict?: VerdictAnswer }): void;
}
