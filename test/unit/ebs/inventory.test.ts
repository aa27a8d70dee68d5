import * as assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { mapSettledWithConcurrency } from '../../../src/ebs/concurrency';
import { EbsError } from '../../../src/ebs/errors';
import { InventoryClient, loadInventory } from '../../../src/ebs/inventory';
import { ReplicaPair } from '../../../src/ebs/types';

/** A promise whose resolution the test controls. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

describe('ebs/concurrency mapSettledWithConcurrency', () => {
  it('never runs more than the limit at once and keeps input order', async () => {
    let running = 0;
    let peak = 0;
    const gates = Array.from({ length: 10 }, gate);
    const done = mapSettledWithConcurrency([...gates.keys()], 3, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await gates[i]?.promise;
      running--;
      if (i === 4) throw new Error('four');
      return i * 2;
    });
    await until(() => running === 3);
    for (let i = 9; i >= 0; i--) {
      gates[i]?.open();
      await new Promise((r) => setImmediate(r));
    }
    const results = await done;
    assert.equal(peak, 3);
    assert.equal(results.length, 10);
    assert.deepEqual(results[0], { status: 'fulfilled', value: 0 });
    assert.equal(results[4]?.status, 'rejected');
    assert.deepEqual(results[9], { status: 'fulfilled', value: 18 });
  });

  it('handles empty input and silly limits', async () => {
    assert.deepEqual(await mapSettledWithConcurrency([], 4, async () => 1), []);
    assert.deepEqual(await mapSettledWithConcurrency([1, 2], 0, async (x) => x), [
      { status: 'fulfilled', value: 1 },
      { status: 'fulfilled', value: 2 },
    ]);
  });
});

describe('ebs/inventory loadInventory (fake client)', () => {
  it('returns settled per-region results; one failing region does not spoil the others', async () => {
    const pair = { pairId: 'pair-1' } as ReplicaPair;
    const client: InventoryClient = {
      listReplicaPairs: async (regionId) => {
        if (regionId === 'bad') throw new EbsError({ code: 'Forbidden.Action', message: 'no', httpStatus: 403 });
        return [pair];
      },
      listReplicaGroups: async () => [],
    };
    const result = await loadInventory(client, ['a', 'bad', 'b', 'a'], { concurrency: 2 });
    assert.deepEqual(
      result.map((r) => [r.regionId, r.status]),
      [
        ['a', 'fulfilled'],
        ['bad', 'rejected'],
        ['b', 'fulfilled'],
      ],
    );
    const bad = result[1];
    assert.ok(bad?.status === 'rejected' && bad.error.code === 'Forbidden.Action' && bad.error.regionId === 'bad');
    const a = result[0];
    assert.ok(a?.status === 'fulfilled' && a.pairs[0] === pair);
  });

  it('puts one listener on the caller\'s signal however many requests run, and still cancels every one of them', async () => {
    const caller = new AbortController();
    const regions = Array.from({ length: 32 }, (_, i) => `r-${i}`);
    let waiting = 0;
    const reasons: unknown[] = [];
    // Each request listens on the signal it was given, like the client's deadlines do.
    const request = (signal: AbortSignal | undefined): Promise<never> =>
      new Promise((_, reject) => {
        waiting++;
        signal?.addEventListener('abort', () => {
          reasons.push(signal.reason);
          reject(new EbsError({ code: 'Cancelled', message: 'cancelled', retryable: false }));
        });
      });
    const client: InventoryClient = {
      listReplicaPairs: (_regionId, options) => request(options?.signal),
      listReplicaGroups: (_regionId, options) => request(options?.signal),
    };
    const done = loadInventory(client, regions, { concurrency: 32, signal: caller.signal });
    await until(() => waiting === 64);
    assert.equal(getEventListeners(caller.signal, 'abort').length, 1);
    const reason = new Error('stop');
    caller.abort(reason);
    const results = await done;
    assert.equal(reasons.length, 64);
    assert.ok(reasons.every((r) => r === reason));
    assert.equal(results.filter((r) => r.status === 'rejected').length, 32);
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0);
  });
});
