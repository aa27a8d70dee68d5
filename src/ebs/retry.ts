// Retry policy: the SDK never retries (docs/ebs-api.md, Errors), so the client does, for
// transient failures only (EbsError.retryable), with exponential backoff and jitter. Mutations are
// retried with the same ClientToken by the caller of runWithRetry; a mutation without one only when the failure proves
// the service did not act (sentNothing).

import { SleepFn } from './deadline';
import { EbsError, LocalErrorCode, toEbsError } from './errors';

export interface RetryPolicy {
  /** Total attempts including the first (1 = no retries). */
  maxAttempts: number;
  /** Backoff before the second attempt (doubles each time, before jitter). */
  baseDelayMs: number;
  /** Upper bound for one backoff. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({ maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 5000 });

/** Returns a number in [0, 1), like Math.random. */
export type RandomFn = () => number;

export function resolveRetryPolicy(partial?: Partial<RetryPolicy>): RetryPolicy {
  const merged = { ...DEFAULT_RETRY_POLICY, ...stripUndefined(partial ?? {}) };
  return {
    maxAttempts: Math.max(1, Math.floor(merged.maxAttempts)),
    baseDelayMs: Math.max(0, merged.baseDelayMs),
    maxDelayMs: Math.max(0, merged.maxDelayMs),
  };
}

function stripUndefined(p: Partial<RetryPolicy>): Partial<RetryPolicy> {
  const out: Partial<RetryPolicy> = {};
  for (const [k, v] of Object.entries(p) as [keyof RetryPolicy, number | undefined][]) if (v !== undefined) out[k] = v;
  return out;
}

/**
 * Backoff after the `failedAttempt`-th attempt (1-based): "equal jitter" — half of the exponential
 * step is fixed, half random — so retries spread out but never collapse to zero.
 */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number, random: RandomFn): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(step / 2 + (step / 2) * r);
}

export interface RetryRunOptions {
  policy: RetryPolicy;
  sleep: SleepFn;
  random: RandomFn;
  /** Aborts with an EbsError (Cancelled / DeadlineExceeded); stops attempts and backoffs. */
  signal: AbortSignal;
  /** Time left before the overall deadline; a backoff that would not fit is not started. */
  remainingMs: () => number;
  onAttemptFailed?: (error: EbsError, attempt: number, willRetry: boolean) => void;
  /** A further condition for retrying a retryable error (e.g. sentNothing for a mutation without a ClientToken). */
  mayRetry?: (error: EbsError) => boolean;
}

/** Socket failures before a request is sent: nothing reached the service. */
export const NOT_SENT_ERRNOS: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * True when the failure proves that the service did not act on the request: the connection was never made, or the
 * gateway refused it (throttling). A timeout, a reset connection, a 5xx or a gateway page may follow a request the
 * service carried out.
 */
export function sentNothing(error: EbsError): boolean {
  if (error.code === LocalErrorCode.NetworkError) return error.errno !== undefined && NOT_SENT_ERRNOS.has(error.errno);
  return error.code === 'Throttling' || error.code.startsWith('Throttling.');
}

export async function runWithRetry<T>(attemptFn: (attempt: number) => Promise<T>, options: RetryRunOptions): Promise<T> {
  const { policy, signal } = options;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw toEbsError(signal.reason);
    try {
      return await attemptFn(attempt);
    } catch (thrown) {
      const error = signal.aborted ? toEbsError(signal.reason) : toEbsError(thrown);
      const delay = backoffDelayMs(policy, attempt, options.random);
      const willRetry =
        error.retryable && (options.mayRetry?.(error) ?? true) && !signal.aborted && attempt < policy.maxAttempts && delay < options.remainingMs();
      options.onAttemptFailed?.(error, attempt, willRetry);
      if (!willRetry) throw error;
      try {
        await options.sleep(delay, signal);
      } catch (reason) {
        throw toEbsError(signal.aborted ? signal.reason : reason);
      }
    }
  }
}
