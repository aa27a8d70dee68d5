// Deadlines and cancellation. The SDK's own read timeout can vanish on reused keep-alive sockets
// (docs/ebs-api.md, Errors), so every call runs under our own timers and AbortSignals; the abort
// reason is always an EbsError (Cancelled, DeadlineExceeded or Timeout).

import { setMaxListeners } from 'node:events';
import { EbsError, LocalErrorCode } from './errors';

/** Injectable sleep; must reject with `signal.reason` when the signal aborts. */
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: SleepFn = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Maps a caller's abort reason to an EbsError: AbortSignal.timeout() → DeadlineExceeded, else Cancelled. */
export function cancellationError(reason: unknown): EbsError {
  if (reason instanceof EbsError) return reason;
  const name = typeof reason === 'object' && reason !== null ? (reason as { name?: unknown }).name : undefined;
  if (name === 'TimeoutError') {
    return new EbsError({ code: LocalErrorCode.DeadlineExceeded, message: 'The caller\'s deadline passed.', cause: reason });
  }
  return new EbsError({ code: LocalErrorCode.Cancelled, message: 'The operation was cancelled.', cause: reason, retryable: false });
}

function linkAbort(parent: AbortSignal | undefined, child: AbortController, mapReason: (reason: unknown) => unknown): () => void {
  if (!parent) return () => undefined;
  if (parent.aborted) {
    child.abort(mapReason(parent.reason));
    return () => undefined;
  }
  const onAbort = (): void => child.abort(mapReason(parent.reason));
  parent.addEventListener('abort', onAbort, { once: true });
  return () => parent.removeEventListener('abort', onAbort);
}

/**
 * One listener on `parent` for many requests: a signal that aborts with the parent's reason and takes any number of
 * listeners (every request in flight adds one; EventTarget warns beyond 10). `dispose()` unlinks it.
 */
export function fanOutSignal(parent: AbortSignal | undefined): { signal: AbortSignal | undefined; dispose: () => void } {
  if (!parent) return { signal: undefined, dispose: () => undefined };
  const child = new AbortController();
  setMaxListeners(0, child.signal);
  return { signal: child.signal, dispose: linkAbort(parent, child, (reason) => reason) };
}

/**
 * A hard overall deadline linked to an optional caller signal. `signal` aborts with an EbsError:
 * `Cancelled` (caller) or `DeadlineExceeded` (timer). Always `dispose()` when done.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly unlink: () => void;
  private readonly expiresAt: number;

  constructor(timeoutMs: number, callerSignal?: AbortSignal, what = 'The call') {
    this.expiresAt = Date.now() + timeoutMs;
    this.unlink = linkAbort(callerSignal, this.controller, cancellationError);
    if (!this.controller.signal.aborted && Number.isFinite(timeoutMs)) {
      this.timer = setTimeout(() => {
        this.controller.abort(
          new EbsError({ code: LocalErrorCode.DeadlineExceeded, message: `${what} did not complete within ${timeoutMs} ms.` }),
        );
      }, Math.max(0, timeoutMs));
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return this.controller.signal.aborted ? 0 : Math.max(0, this.expiresAt - Date.now());
  }

  /** The abort reason as an EbsError, or undefined while still running. */
  reason(): EbsError | undefined {
    return this.controller.signal.aborted ? cancellationError(this.controller.signal.reason) : undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unlink();
  }
}

/**
 * A timer for one attempt inside a Deadline: aborts with `Timeout` after `timeoutMs`, or with the
 * parent's reason when the parent aborts first.
 */
export class AttemptTimer {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly unlink: () => void;

  /** @param timeoutReason the abort reason when this timer fires (default: a `Timeout` EbsError). */
  constructor(timeoutMs: number, parent: AbortSignal, timeoutReason?: () => EbsError) {
    this.unlink = linkAbort(parent, this.controller, (reason) => reason);
    this.timer = setTimeout(() => {
      this.controller.abort(
        timeoutReason?.() ?? new EbsError({ code: LocalErrorCode.Timeout, message: `No complete response within ${timeoutMs} ms.` }),
      );
    }, Math.max(0, timeoutMs));
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.unlink();
  }
}

/**
 * Settles with `promise`, or rejects with `signal.reason` as soon as the signal aborts (after calling
 * `onAbort`, which should tear the work down). The abandoned promise's rejection is swallowed.
 */
export function raceWithSignal<T>(promise: Promise<T>, signal: AbortSignal, onAbort?: (reason: unknown) => void): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) {
    onAbort?.(signal.reason);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      try {
        onAbort?.(signal.reason);
      } finally {
        reject(signal.reason);
      }
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(err);
      },
    );
  });
}
