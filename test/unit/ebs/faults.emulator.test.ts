import * as assert from 'node:assert/strict';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { EbsClient, EbsClientOptions } from '../../../src/ebs/client';
import { EbsError, isCancellation } from '../../../src/ebs/errors';
import { explainError } from '../../../src/ebs/catalogue';
import { useEmulator, waitFor } from './emulatorFixture';

async function rejection(promise: Promise<unknown>): Promise<EbsError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof EbsError, `expected EbsError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

describe('ebs/client against the emulator: faults, retries, deadlines, cancellation', function () {
  const fx = useEmulator();
  const region = 'cn-shanghai';
  const countRequests = async (action: string): Promise<number> => (await fx.emulator.admin.requests()).filter((r) => r.action === action).length;

  it('HTML 504 → retryable GatewayError with status 504, retried, within the deadline', async () => {
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaPairs', mode: 'html', status: 504 }]);
    const started = Date.now();
    const err = await rejection(fx.client({ retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 10 }, timeoutMs: 3000 }).listReplicaPairs(region));
    assert.ok(Date.now() - started < 3000);
    assert.equal(err.code, 'GatewayError');
    assert.equal(err.httpStatus, 504);
    assert.equal(err.retryable, true);
    assert.equal(err.action, 'DescribeDiskReplicaPairs');
    assert.ok(err.cause instanceof SyntaxError);
    assert.equal(explainError(err).category, 'transient');
    assert.equal(await countRequests('DescribeDiskReplicaPairs'), 3);
    assert.deepEqual(fx.records.map((r) => [r.attempt, r.errorCode, r.httpStatus, r.willRetry]), [
      [1, 'GatewayError', 504, true],
      [2, 'GatewayError', 504, true],
      [3, 'GatewayError', 504, false],
    ]);
  });

  it('a transient HTML 502 is retried and the call succeeds', async () => {
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaPairs', mode: 'html', status: 502, times: 1 }]);
    const pairs = await fx.client().listReplicaPairs(region);
    assert.ok(pairs.length > 0);
    assert.deepEqual(fx.records.map((r) => r.errorCode), ['GatewayError', undefined]);
  });

  it('connection reset → NetworkError ECONNRESET, retried; succeeds when the reset was transient', async () => {
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaGroups', mode: 'reset' }]);
    const err = await rejection(fx.client({ retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } }).listReplicaGroups(region));
    assert.equal(err.code, 'NetworkError');
    assert.equal(err.errno, 'ECONNRESET');
    assert.equal(err.retryable, true);
    assert.equal(await countRequests('DescribeDiskReplicaGroups'), 2);
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaGroups', mode: 'reset', times: 1 }]);
    assert.ok((await fx.client().listReplicaGroups(region)).length > 0);
  });

  it('a delay past the deadline → DeadlineExceeded within the deadline, even on a reused keep-alive socket', async () => {
    const client = fx.client({ timeoutMs: 400 });
    await client.listReplicaPairs(region); // leaves a keep-alive socket in the SDK's agent
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaPairs', mode: 'delay', delayMs: 5000 }]);
    const started = Date.now();
    const err = await rejection(client.listReplicaPairs(region));
    const elapsed = Date.now() - started;
    assert.equal(err.code, 'DeadlineExceeded');
    assert.ok(elapsed >= 350 && elapsed < 1500, `elapsed ${elapsed} ms`);
    assert.equal(isCancellation(err), false);
    assert.equal(explainError(err).category, 'transient');
  });

  it('a slow attempt times out and is retried within the overall deadline', async () => {
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaPairs', mode: 'delay', delayMs: 3000, times: 1 }]);
    const pairs = await fx.client({ attemptTimeoutMs: 200, timeoutMs: 5000 }).listReplicaPairs(region);
    assert.ok(pairs.length > 0);
    assert.deepEqual(fx.records.map((r) => [r.attempt, r.errorCode, r.willRetry]), [
      [1, 'Timeout', true],
      [2, undefined, undefined],
    ]);
  });

  it('drop-after-commit on StartPairDrill + retry with the same ClientToken leaves exactly one drill', async () => {
    await fx.emulator.admin.setFaults([{ action: 'StartPairDrill', mode: 'drop-after-commit', times: 1 }]);
    const result = await fx.client().startPairDrill({ regionId: region, pairId: 'pair-demo-web01', clientToken: 'user-action-1' });
    const state = await fx.emulator.admin.state();
    const drills = state.drills.filter((d) => d.Kind === 'pair' && d.PairId === 'pair-demo-web01');
    assert.equal(drills.length, 1);
    assert.equal(drills[0]?.DrillId, result.drillId);
    const starts = (await fx.emulator.admin.requests()).filter((r) => r.action === 'StartPairDrill');
    assert.equal(starts.length, 2);
    assert.deepEqual(starts.map((r) => r.params.ClientToken), ['user-action-1', 'user-action-1']);
    assert.equal(fx.records[0]?.errorCode, 'NetworkError');
  });

  it('drop-after-commit on ClearPairDrill is retried safely (the drill is clearing, then gone)', async () => {
    const client = fx.client();
    const { drillId } = await client.startPairDrill({ regionId: region, pairId: 'pair-demo-web01' });
    await fx.emulator.admin.advance(60);
    await fx.emulator.admin.setFaults([{ action: 'ClearPairDrill', mode: 'drop-after-commit', times: 1 }]);
    fx.records.length = 0;
    await client.clearPairDrill({ regionId: region, pairId: 'pair-demo-web01', drillId });
    assert.deepEqual(fx.records.map((r) => r.errorCode), ['NetworkError', undefined]);
    const drills = await client.describePairDrills(region, 'pair-demo-web01');
    assert.deepEqual(drills.map((d) => [d.drillId, d.status]), [[drillId, 'clearing']]);
  });

  it('LastTokenProcessing while the first attempt is still in flight is retried until the original result replays', async () => {
    await fx.emulator.admin.setFaults([{ action: 'StartReplicaGroupDrill', mode: 'delay', delayMs: 600, times: 1 }]);
    const client = fx.client({ attemptTimeoutMs: 150, timeoutMs: 10_000, retry: { maxAttempts: 12, baseDelayMs: 60, maxDelayMs: 200 } });
    const result = await client.startReplicaGroupDrill({ regionId: region, groupId: 'pg-demo-orders', clientToken: 'user-action-2' });
    const codes = fx.records.map((r) => r.errorCode);
    assert.equal(codes[0], 'Timeout');
    assert.ok(codes.includes('LastTokenProcessing'), JSON.stringify(codes));
    assert.equal(codes[codes.length - 1], undefined);
    const drills = (await fx.emulator.admin.state()).drills.filter((d) => d.Kind === 'group');
    assert.equal(drills.length, 1);
    assert.equal(drills[0]?.DrillId, result.drillId);
  });

  it('Throttling is retried with backoff; business 4xx never is', async () => {
    await fx.emulator.admin.setFaults([{ action: 'DescribePairDrills', mode: 'error', status: 400, code: 'Throttling.User', times: 2 }]);
    const sleeps: number[] = [];
    const client = fx.client({ sleep: async (ms) => void sleeps.push(ms), random: () => 0, retry: { baseDelayMs: 100, maxDelayMs: 1000 } });
    assert.deepEqual(await client.describePairDrills(region, 'pair-demo-web01'), []);
    assert.deepEqual(sleeps, [50, 100]);
    await fx.emulator.admin.clearRequests();
    await fx.emulator.admin.setFaults([{ action: 'DescribePairDrills', mode: 'error', status: 403, code: 'OperationDenied.InvalidStatus' }]);
    const err = await rejection(client.describePairDrills(region, 'pair-demo-web01'));
    assert.equal(err.code, 'OperationDenied.InvalidStatus');
    assert.equal(await countRequests('DescribePairDrills'), 1);
  });

  it('cancellation stops a call in flight at once, with no retry', async () => {
    await fx.emulator.admin.setFaults([{ action: 'StartPairDrill', mode: 'delay', delayMs: 10_000 }]);
    const controller = new AbortController();
    const call = fx.client().startPairDrill({ regionId: region, pairId: 'pair-demo-web01', clientToken: 'user-action-3', signal: controller.signal });
    await waitFor(async () => (await fx.emulator.admin.state()).inFlightTokens.some((t) => t.clientToken === 'user-action-3'), 'the request to reach the emulator');
    const started = Date.now();
    controller.abort();
    const err = await rejection(call);
    assert.ok(Date.now() - started < 1000);
    assert.equal(err.code, 'Cancelled');
    assert.equal(err.isCancellation, true);
    assert.equal(isCancellation(err), true);
    assert.equal(explainError(err).silent, true);
    assert.deepEqual(fx.records.map((r) => [r.attempt, r.errorCode, r.willRetry]), [[1, 'Cancelled', false]]);
  });

  it('cancellation during a backoff stops the retries; a pre-aborted signal sends nothing', async () => {
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaPairs', mode: 'html', status: 503 }]);
    const controller = new AbortController();
    const call = fx.client({ retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 }, timeoutMs: 120_000 }).listReplicaPairs(region, { signal: controller.signal });
    await waitFor(() => fx.records.length === 1 || undefined, 'the first attempt to fail');
    controller.abort();
    assert.equal((await rejection(call)).code, 'Cancelled');
    assert.equal(await countRequests('DescribeDiskReplicaPairs'), 1);
    await fx.emulator.admin.clearRequests();
    const aborted = new AbortController();
    aborted.abort();
    assert.equal((await rejection(fx.client().listReplicaPairs(region, { signal: aborted.signal }))).code, 'Cancelled');
    assert.equal(await countRequests('DescribeDiskReplicaPairs'), 0);
  });
});

describe('ebs/client against raw HTTP servers (shapes the emulator cannot produce)', function () {
  let server: Server;
  let handler: (res: import('node:http').ServerResponse, req: import('node:http').IncomingMessage) => void;
  let url = '';
  before(async () => {
    server = createServer((req, res) => handler(res, req));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  const options = (): EbsClientOptions => ({
    credentials: { accessKeyId: 'id', accessKeySecret: 'secret' },
    endpointTemplate: url,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    timeoutMs: 3000,
  });
  const client = (): EbsClient => new EbsClient(options());

  it('an empty 502 → retryable GatewayError with status 502', async () => {
    let hits = 0;
    handler = (res) => {
      hits++;
      res.writeHead(502, { 'content-length': '0' });
      res.end();
    };
    const err = await rejection(client().listReplicaPairs('cn-hangzhou'));
    assert.equal(err.code, 'GatewayError');
    assert.equal(err.httpStatus, 502);
    assert.match(err.message, /empty body/);
    assert.equal(hits, 2);
  });

  it('a 200 without the expected fields → UnexpectedResponse, not retried', async () => {
    let hits = 0;
    handler = (res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'R-200' }));
    };
    const err = await rejection(client().startPairDrill({ regionId: 'cn-hangzhou', pairId: 'pair-1' }));
    assert.equal(err.code, 'UnexpectedResponse');
    assert.equal(err.requestId, 'R-200');
    assert.equal(err.action, 'StartPairDrill');
    assert.equal(hits, 1);
  });

  it('a 200 with a JSON array → UnexpectedResponse', async () => {
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    };
    assert.equal((await rejection(client().describeRegions())).code, 'UnexpectedResponse');
  });

  it('a server repeating the same NextToken forever → UnexpectedResponse instead of looping', async () => {
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'R', NextToken: 'same', ReplicaPairs: [] }));
    };
    const err = await rejection(client().listReplicaPairs('cn-hangzhou'));
    assert.equal(err.code, 'UnexpectedResponse');
    assert.match(err.message, /NextToken/);
  });

  it('a server ignoring MaxResults with one huge page → every pair, no stack overflow', async () => {
    // More items than fit as call arguments (push(...items) throws RangeError beyond about 120,000).
    const count = 200_000;
    const pairs = Array.from({ length: count }, (_, i) => ({ ReplicaPairId: `pair-${i}`, Status: 'normal' }));
    const body = JSON.stringify({ RequestId: 'R-huge', ReplicaPairs: pairs });
    handler = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    };
    // About 10 MB in one answer: beyond the response cap, which this test raises (the cap has its own tests).
    const listed = await new EbsClient({ ...options(), maxResponseBytes: 64 * 1024 * 1024 }).listReplicaPairs('cn-hangzhou');
    assert.equal(listed.length, count);
    assert.equal(listed[count - 1]?.pairId, `pair-${count - 1}`);
  });

  it('connection refused → NetworkError ECONNREFUSED', async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((r) => dead.close(r));
    const c = new EbsClient({ credentials: { accessKeyId: 'id', accessKeySecret: 'secret' }, endpointTemplate: `http://127.0.0.1:${port}`, retry: { maxAttempts: 1 } });
    const err = await rejection(c.describeRegions());
    assert.equal(err.code, 'NetworkError');
    assert.equal(err.errno, 'ECONNREFUSED');
  });

  it('cancellation and the deadline destroy the socket (the server sees the connection close)', async () => {
    for (const mode of ['cancel', 'deadline'] as const) {
      let closed = false;
      let arrived = false;
      handler = (_res, req) => {
        arrived = true;
        req.socket.once('close', () => (closed = true));
      };
      const controller = new AbortController();
      const c = new EbsClient({ credentials: { accessKeyId: 'id', accessKeySecret: 'secret' }, endpointTemplate: url, timeoutMs: mode === 'deadline' ? 300 : 60_000 });
      const call = c.describeRegions({ signal: controller.signal });
      await waitFor(() => arrived || undefined, 'the request to arrive');
      if (mode === 'cancel') controller.abort();
      const err = await rejection(call);
      assert.equal(err.code, mode === 'cancel' ? 'Cancelled' : 'DeadlineExceeded');
      await waitFor(() => closed || undefined, `the socket to close after ${mode}`, 2000);
    }
  });
});
