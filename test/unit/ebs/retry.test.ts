import * as assert from 'node:assert/strict';
import { backoffDelayMs, resolveRetryPolicy, runWithRetry } from '../../../src/ebs/retry';
import { EbsError } from '../../../src/ebs/errors';
import { cancellationError, Deadline, raceWithSignal, realSleep } from '../../../src/ebs/deadline';
import { assertClientToken, isValidClientToken, newClientToken } from '../../../src/ebs/clientToken';

const transient = (): EbsError => new EbsError({ code: 'ServiceUnavailable', message: 'x', httpStatus: 503 });
const business = (): EbsError => new EbsError({ code: 'OperationDenied', message: 'x', httpStatus: 403 });

describe('ebs/retry', () => {
  it('backs off exponentially with equal jitter, capped', () => {
    const p = resolveRetryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    assert.equal(backoffDelayMs(p, 1, () => 0), 50);
    assert.equal(backoffDelayMs(p, 1, () => 0.999999), 100);
    assert.equal(backoffDelayMs(p, 2, () => 0), 100);
    assert.equal(backoffDelayMs(p, 3, () => 0.5), 300);
    assert.equal(backoffDelayMs(p, 10, () => 1), 1000);
    assert.equal(backoffDelayMs(p, 10, () => 0), 500);
  });

  it('fills defaults and ignores undefined members', () => {
    const p = resolveRetryPolicy({ maxAttempts: undefined, baseDelayMs: 7 });
    assert.equal(p.maxAttempts, 4);
    assert.equal(p.baseDelayMs, 7);
    assert.equal(resolveRetryPolicy({ maxAttempts: 0 }).maxAttempts, 1);
  });

  function run(fails: (() => EbsError)[], opts: { maxAttempts?: number; remainingMs?: number; signal?: AbortSignal } = {}) {
    const sleeps: number[] = [];
    const events: [string, number, boolean][] = [];
    let calls = 0;
    const promise = runWithRetry(
      async (attempt) => {
        calls++;
        assert.equal(attempt, calls);
        const f = fails.shift();
        if (f) throw f();
        return 'ok';
      },
      {
        policy: resolveRetryPolicy({ maxAttempts: opts.maxAttempts ?? 4, baseDelayMs: 100, maxDelayMs: 10_000 }),
        sleep: async (ms) => {
          sleeps.push(ms);
        },
        random: () => 0.5,
        signal: opts.signal ?? new AbortController().signal,
        remainingMs: () => opts.remainingMs ?? 60_000,
        onAttemptFailed: (e, a, w) => events.push([e.code, a, w]),
      },
    );
    return { promise, sleeps, events, calls: () => calls };
  }

  it('retries transient errors with growing backoff until success', async () => {
    const r = run([transient, transient]);
    assert.equal(await r.promise, 'ok');
    assert.equal(r.calls(), 3);
    assert.deepEqual(r.sleeps, [75, 150]);
    assert.deepEqual(r.events, [
      ['ServiceUnavailable', 1, true],
      ['ServiceUnavailable', 2, true],
    ]);
  });

  it('never retries business 4xx', async () => {
    const r = run([business]);
    await assert.rejects(r.promise, (e: EbsError) => e.code === 'OperationDenied');
    assert.equal(r.calls(), 1);
    assert.deepEqual(r.sleeps, []);
  });

  it('stops after maxAttempts and throws the last error', async () => {
    const r = run([transient, transient, transient, transient, transient], { maxAttempts: 3 });
    await assert.rejects(r.promise, (e: EbsError) => e.code === 'ServiceUnavailable');
    assert.equal(r.calls(), 3);
    assert.deepEqual(r.events.map((e) => e[2]), [true, true, false]);
  });

  it('does not start a backoff that would overrun the deadline', async () => {
    const r = run([transient, transient], { remainingMs: 60 });
    await assert.rejects(r.promise, (e: EbsError) => e.code === 'ServiceUnavailable');
    assert.equal(r.calls(), 1);
  });

  it('stops at once when the signal is already aborted', async () => {
    const c = new AbortController();
    c.abort(cancellationError(undefined));
    const r = run([], { signal: c.signal });
    await assert.rejects(r.promise, (e: EbsError) => e.code === 'Cancelled');
    assert.equal(r.calls(), 0);
  });
});

describe('ebs/deadline', () => {
  it('aborts with DeadlineExceeded when the timer fires', async () => {
    const d = new Deadline(20);
    await new Promise<void>((resolve) => d.signal.addEventListener('abort', () => resolve()));
    assert.equal(d.reason()?.code, 'DeadlineExceeded');
    assert.equal(d.remainingMs(), 0);
    d.dispose();
  });

  it('aborts with Cancelled when the caller aborts, DeadlineExceeded for AbortSignal.timeout', async () => {
    const c = new AbortController();
    const d = new Deadline(60_000, c.signal);
    c.abort();
    assert.equal(d.reason()?.code, 'Cancelled');
    assert.equal(d.reason()?.isCancellation, true);
    d.dispose();
    const t = new Deadline(60_000, AbortSignal.timeout(1));
    await new Promise<void>((resolve) => t.signal.addEventListener('abort', () => resolve()));
    assert.equal(t.reason()?.code, 'DeadlineExceeded');
    t.dispose();
  });

  it('raceWithSignal rejects with the reason and calls onAbort', async () => {
    const c = new AbortController();
    let torn = false;
    const p = raceWithSignal(new Promise<never>(() => undefined), c.signal, () => {
      torn = true;
    });
    c.abort(new EbsError({ code: 'Cancelled', message: 'x' }));
    await assert.rejects(p, (e: EbsError) => e.code === 'Cancelled');
    assert.equal(torn, true);
    assert.equal(await raceWithSignal(Promise.resolve(5), new AbortController().signal), 5);
  });

  it('realSleep resolves, and rejects with the reason on abort', async () => {
    await realSleep(1);
    const c = new AbortController();
    const p = realSleep(60_000, c.signal);
    c.abort(new EbsError({ code: 'Cancelled', message: 'x' }));
    await assert.rejects(p, (e: EbsError) => e.code === 'Cancelled');
  });
});

describe('ebs/clientToken', () => {
  it('creates unique ASCII tokens of at most 64 characters', () => {
    const a = newClientToken();
    const b = newClientToken();
    assert.notEqual(a, b);
    assert.ok(a.length <= 64);
    assert.ok(isValidClientToken(a));
  });
  it('rejects non-ASCII, empty and too long tokens', () => {
    assert.equal(isValidClientToken(''), false);
    assert.equal(isValidClientToken('x'.repeat(65)), false);
    assert.equal(isValidClientToken('x'.repeat(64)), true);
    assert.equal(isValidClientToken('中文'), false);
    assert.equal(isValidClientToken('a b'), false);
    assert.throws(() => assertClientToken('中文'), (e: EbsError) => e.code === 'InvalidArgument');
  });
});
