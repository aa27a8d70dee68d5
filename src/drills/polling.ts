// When the tracker asks about a drill again: the injected clock, and the backoff policy (a drill that does not change
// is asked less and less often; failed asks back off further). Pure.

export interface TrackerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: TrackerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface PollingPolicy {
  /** Wait before the first poll of a newly followed drill, and after any status change. */
  initialMs: number;
  /** Growth of the wait while nothing changes. */
  factor: number;
  maxMs: number;
  /** Ceiling of the wait after failed polls (which double it). */
  errorMaxMs: number;
  /** Ceiling of the wait for an executing drill the user started here (TrackedDrill.fastPoll). */
  fastMs: number;
}

export const DEFAULT_POLLING: Readonly<PollingPolicy> = Object.freeze({ initialMs: 5_000, factor: 1.5, maxMs: 30_000, errorMaxMs: 120_000, fastMs: 5_000 });

/** The wait after a poll that found nothing new. */
export function intervalAfterUnchanged(intervalMs: number, policy: PollingPolicy): number {
  return Math.min(intervalMs * policy.factor, policy.maxMs);
}

/** The wait after a poll that failed. */
export function intervalAfterError(intervalMs: number, policy: PollingPolicy): number {
  return Math.min(Math.max(intervalMs, policy.initialMs) * 2, policy.errorMaxMs);
}
