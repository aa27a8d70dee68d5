// Each fault mode, "*" rules, per-region rules, `times`, and clearing.
import * as assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, callError, makeClient, MODES } from './helpers';
import { raw, signAcs3 } from './rawHttp';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../emulator/index';

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected the call to fail');
}

for (const mode of MODES) {
  describe(`faults (${mode})`, () => {
    let emu: RunningEmulator;
    beforeEach(async () => {
      emu = await startEmulator();
    });
    afterEach(() => emu.close());
    const drill = { RegionId: 'cn-shanghai', PairId: 'pair-demo-web01' };

    it('error: answers the given status and code as a JSON error', async () => {
      await emu.admin.setFaults([{ action: 'DescribeRegions', mode: 'error', status: 503, code: 'ServiceUnavailable' }]);
      const err = await callError(makeClient(emu.endpoint, { mode }), 'DescribeRegions');
      assert.equal(err.code, 'ServiceUnavailable');
      assert.equal(err.statusCode, 503);
      assert.equal(err.data.Message, 'The request has failed due to a temporary failure of the server.');
      const log = await emu.admin.requests();
      assert.equal(log.at(-1)?.fault, 'error');
      assert.equal(log.at(-1)?.status, 503);
    });

    it('delay: answers normally after the delay', async () => {
      await emu.admin.setFaults([{ action: 'DescribeRegions', mode: 'delay', delayMs: 300 }]);
      const started = Date.now();
      assert.equal((await call(makeClient(emu.endpoint, { mode }), 'DescribeRegions')).statusCode, 200);
      assert.ok(Date.now() - started >= 290);
    });

    it('drop-after-commit: the drill exists although the caller saw a reset; a retry with the token returns it', async () => {
      await emu.admin.setFaults([{ action: 'StartPairDrill', mode: 'drop-after-commit', times: 1 }]);
      const client = makeClient(emu.endpoint, { mode });
      const err = await failure(call(client, 'StartPairDrill', { ...drill, ClientToken: 'dropped-1' }));
      assert.equal(err.code, 'ECONNRESET');
      const state = await emu.admin.state();
      assert.equal(state.drills.length, 1);
      assert.equal(state.drills[0].ClientToken, 'dropped-1');
      const retry = await call(client, 'StartPairDrill', { ...drill, ClientToken: 'dropped-1' });
      assert.equal(retry.body.DrillId, state.drills[0].DrillId);
      const log = await emu.admin.requests();
      assert.equal(log.filter((r) => r.action === 'StartPairDrill')[0].status, 0);
    });

    it('reset: the connection is destroyed and nothing happens', async () => {
      await emu.admin.setFaults([{ action: 'StartPairDrill', mode: 'reset' }]);
      const err = await failure(call(makeClient(emu.endpoint, { mode }), 'StartPairDrill', { ...drill, ClientToken: 'reset-1' }));
      assert.equal(err.code, 'ECONNRESET');
      assert.equal((await emu.admin.state()).drills.length, 0);
      await emu.admin.clearFaults();
      assert.match(String((await call(makeClient(emu.endpoint, { mode }), 'StartPairDrill', { ...drill, ClientToken: 'reset-1' })).body.DrillId), /^drill-/);
    });

    it('html: a gateway HTML page (the SDK surfaces a SyntaxError)', async () => {
      await emu.admin.setFaults([{ action: '*', mode: 'html', status: 504 }]);
      const err = await failure(call(makeClient(emu.endpoint, { mode }), 'DescribeRegions'));
      assert.equal(err.name, 'SyntaxError');
      const req = signAcs3({ accessKeyId: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET, host: emu.endpoint, action: 'DescribeRegions', rawQuery: '' });
      const res = await raw(emu.port, req);
      assert.equal(res.status, 504);
      assert.equal(res.headers['content-type'], 'text/html');
      assert.match(res.text, /^<html>/);
    });

    it('"*" with regionId: one region fails while the others work; times limits the rule', async () => {
      await emu.admin.setFaults([{ action: '*', regionId: 'cn-beijing', mode: 'error', times: 2 }]);
      const client = makeClient(emu.endpoint, { mode });
      assert.equal((await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-beijing' })).code, 'InternalError');
      assert.equal((await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou' })).statusCode, 200);
      assert.equal((await call(client, 'DescribeRegions', {})).statusCode, 200);
      assert.deepEqual((await emu.admin.faults()).map((f) => f.times), [1]);
      assert.equal((await callError(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-beijing' })).code, 'InternalError');
      assert.deepEqual(await emu.admin.faults(), []);
      assert.equal((await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-beijing' })).statusCode, 200);
    });

    it('DELETE faults clears every rule', async () => {
      await emu.admin.setFaults([{ action: '*', mode: 'error' }]);
      const client = makeClient(emu.endpoint, { mode });
      assert.equal((await callError(client, 'DescribeRegions')).code, 'InternalError');
      await emu.admin.clearFaults();
      assert.equal((await call(client, 'DescribeRegions')).statusCode, 200);
    });

    it('faults apply only to authenticated requests', async () => {
      await emu.admin.setFaults([{ action: '*', mode: 'error' }]);
      const err = await callError(makeClient(emu.endpoint, { mode, accessKeySecret: 'wrong' }), 'DescribeRegions');
      assert.equal(err.code, 'SignatureDoesNotMatch');
    });
  });
}

describe('fault rule validation', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('rejects malformed rules with a JSON error', async () => {
    for (const rules of [[{ action: 'X', mode: 'explode' }], [{ mode: 'error' }], [{ action: 'X', mode: 'error', status: 200 }], [{ action: 'X', mode: 'delay', delayMs: -1 }], { nope: 1 }]) {
      await assert.rejects(emu.admin.setFaults(rules as never), (e: Error & { status?: number; code?: string }) => e.status === 400 && e.code === 'InvalidParameter');
    }
  });
});

// The ambiguous cases a drill start must survive: the operation commits and the caller learns nothing certain.
describe('after-commit fault modes and commit-after-deadline', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(() => emu.close());
  const drill = { RegionId: 'cn-shanghai', PairId: 'pair-demo-web01' };
  const starts = async (): Promise<{ status: number; fault: string | null; code: string | null }[]> =>
    (await emu.admin.requests()).filter((r) => r.action === 'StartPairDrill').map((r) => ({ status: r.status, fault: r.fault, code: r.code }));

  it('error-after-commit without times: the drill is created once, then every attempt with its token fails with 503', async () => {
    await emu.admin.setFaults([{ action: 'StartPairDrill', mode: 'error-after-commit' }]);
    const client = makeClient(emu.endpoint);
    for (let i = 0; i < 3; i++) {
      const err = await callError(client, 'StartPairDrill', { ...drill, ClientToken: 'after-commit-1' });
      assert.equal(err.code, 'ServiceUnavailable');
      assert.equal(err.statusCode, 503);
    }
    const state = await emu.admin.state();
    assert.equal(state.drills.length, 1, 'created by the first attempt, replayed (and failed) by the others');
    assert.deepEqual(await starts(), [0, 1, 2].map(() => ({ status: 503, fault: 'error-after-commit', code: 'ServiceUnavailable' })));
    await emu.admin.clearFaults();
    const answer = await call(client, 'StartPairDrill', { ...drill, ClientToken: 'after-commit-1' });
    assert.equal(answer.body.DrillId, state.drills[0].DrillId);
  });

  it('drop-after-commit applies to a replay too: with no `times`, every attempt is dropped and one drill exists', async () => {
    await emu.admin.setFaults([{ action: 'StartPairDrill', mode: 'drop-after-commit' }]);
    const client = makeClient(emu.endpoint);
    for (let i = 0; i < 2; i++) assert.equal((await failure(call(client, 'StartPairDrill', { ...drill, ClientToken: 'drop-every-1' }))).code, 'ECONNRESET');
    assert.equal((await emu.admin.state()).drills.length, 1);
    assert.deepEqual((await starts()).map((s) => s.status), [0, 0]);
  });

  it('html-after-commit (504 page) and empty-after-commit (empty 502) answer after the drill was created', async () => {
    await emu.admin.setFaults([
      { action: 'StartPairDrill', mode: 'html-after-commit', status: 504, times: 1 },
      { action: 'StartPairDrill', mode: 'empty-after-commit', times: 1 },
    ]);
    const req = (token: string) =>
      signAcs3({ accessKeyId: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET, host: emu.endpoint, action: 'StartPairDrill', rawQuery: `ClientToken=${token}&PairId=pair-demo-web01&RegionId=cn-shanghai` });
    const html = await raw(emu.port, req('html-1'));
    assert.equal(html.status, 504);
    assert.match(html.text, /^<html>/);
    const empty = await raw(emu.port, req('empty-1'));
    assert.equal(empty.status, 502);
    assert.equal(empty.text, '');
    assert.equal((await emu.admin.state()).drills.length, 2, 'each answer came after its drill was created');
    assert.deepEqual((await starts()).map((s) => s.code), ['html', 'empty']);
  });

  it('empty: an empty 502 before anything happens', async () => {
    await emu.admin.setFaults([{ action: 'StartPairDrill', mode: 'empty', times: 1 }]);
    const err = await failure(call(makeClient(emu.endpoint), 'StartPairDrill', { ...drill, ClientToken: 'empty-before-1' }));
    assert.equal(err.name, 'SyntaxError');
    assert.equal((await emu.admin.state()).drills.length, 0);
  });

  it('commit-after-deadline: the caller gives up, the drill appears later; the token is not held meanwhile and still yields one drill', async () => {
    await emu.admin.setFaults([{ action: 'StartPairDrill', mode: 'commit-after-deadline', delayMs: 600, times: 2 }]);
    const client = makeClient(emu.endpoint);
    const first = failure(call(client, 'StartPairDrill', { ...drill, ClientToken: 'late-1' }, { readTimeout: 150 }));
    assert.match((await first).name, /Timeout/i, 'the caller timed out');
    const during = await emu.admin.state();
    assert.equal(during.drills.length, 0, 'nothing committed yet');
    assert.deepEqual(during.inFlightTokens, [], 'the held request does not hold its token');
    const second = failure(call(client, 'StartPairDrill', { ...drill, ClientToken: 'late-1' }, { readTimeout: 150 }));
    await second;
    const deadline = Date.now() + 5000;
    while ((await starts()).length < 2 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
    const after = await emu.admin.state();
    assert.equal(after.drills.length, 1, 'both held requests committed with one token: one drill');
    assert.deepEqual((await starts()).map((s) => s.fault), ['commit-after-deadline', 'commit-after-deadline']);
  });
});
