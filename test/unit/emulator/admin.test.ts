// Admin API, request log, reset, clock, latency, and robustness against garbage input.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN, EmulatorAdmin, generateScenario, startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, makeClient, MODES } from './helpers';
import { raw } from './rawHttp';
import type { RawRequest } from './rawHttp';

function assertJsonError(res: { status: number; headers: Record<string, unknown>; json: Record<string, unknown>; text: string }, status?: number): void {
  if (status !== undefined) assert.equal(res.status, status, res.text);
  assert.ok(res.status >= 400, res.text);
  assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
  for (const key of ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']) assert.equal(typeof res.json[key], 'string', `${key}: ${res.text}`);
}

describe('admin API', () => {
  let emu: RunningEmulator;
  beforeEach(async () => {
    emu = await startEmulator({ speed: 0 });
  });
  afterEach(() => emu.close());

  it('state lists pairs, groups and drills with their ClientToken', async () => {
    const client = makeClient(emu.endpoint);
    await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-demo-web01', ClientToken: 'admin-token' });
    await call(client, 'StartReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-demo-orders' });
    const state = await emu.admin.state();
    assert.ok(state.pairs.length >= 10);
    assert.equal(state.groups.length, 2);
    assert.deepEqual(state.drills.map((d) => [d.Kind, d.ClientToken]), [['pair', 'admin-token'], ['group', '']]);
    assert.equal(typeof state.now, 'string');
    assert.deepEqual(state.faults, []);
  });

  for (const mode of MODES) {
    it(`requests logs every API request without secrets (${mode})`, async () => {
      const client = makeClient(emu.endpoint, { mode, accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN });
      await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', MaxResults: 5 });
      await call(client, 'StartPairDrill', { RegionId: 'cn-hangzhou', PairId: 'pair-demo-web01' }).catch(() => undefined);
      await call(makeClient(emu.endpoint, { mode, accessKeySecret: 'bad' }), 'DescribeRegions').catch(() => undefined);
      const log = await emu.admin.requests();
      assert.equal(log.length, 3);
      assert.deepEqual(log.map((r) => [r.action, r.status, r.code]), [
        ['DescribeDiskReplicaPairs', 200, null],
        ['StartPairDrill', 403, 'OperationDenied.StartDrillShouldOnDestRegion'],
        [null, 400, 'SignatureDoesNotMatch'],
      ]);
      assert.equal(log[0].regionId, 'cn-hangzhou');
      assert.equal(log[0].params.MaxResults, '5');
      assert.equal(log[0].signatureMethod, mode === 'v2' ? 'HMAC-SHA1' : 'ACS3-HMAC-SHA256');
      assert.equal(log[0].version, '2021-07-30');
      const text = JSON.stringify(log);
      for (const secret of [DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN, DEMO_ACCESS_KEY_SECRET, '"Signature"', 'SecurityToken']) assert.ok(!text.includes(secret), secret);
    });
  }

  it('reset reloads the scenario and forgets drills, tokens, faults and the log', async () => {
    const client = makeClient(emu.endpoint);
    await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-demo-web01', ClientToken: 'before-reset' });
    await call(client, 'StopDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-demo-web01' });
    await emu.admin.setFaults([{ action: 'DescribeRegions', mode: 'delay', delayMs: 1 }]);
    await emu.admin.reset();
    const state = await emu.admin.state();
    assert.equal(state.drills.length, 0);
    assert.equal(state.pairs.find((p) => p.ReplicaPairId === 'pair-demo-web01')?.Status, 'normal');
    assert.deepEqual(state.faults, []);
    assert.deepEqual(await emu.admin.requests(), []);
  });

  it('sets and advances the clock', async () => {
    assert.equal((await emu.admin.setClock('2030-05-01T12:00:00Z')).now, '2030-05-01T12:00:00.000Z');
    const later = await emu.admin.advance(90);
    assert.equal(later.now, '2030-05-01T12:01:30.000Z');
    assert.equal(later.nowSeconds, Date.parse('2030-05-01T12:01:30Z') / 1000);
    assert.equal((await emu.admin.setSpeed(10)).speed, 10);
  });

  it('answers JSON errors for bad admin input', async () => {
    const post = (path: string, body: string): Promise<Awaited<ReturnType<typeof raw>>> => raw(emu.port, { method: 'POST', path, headers: { 'content-type': 'application/json' }, body });
    assertJsonError(await post('/__emulator/clock', '{not json'), 400);
    assertJsonError(await post('/__emulator/clock', '{"now": "yesterday"}'), 400);
    assertJsonError(await post('/__emulator/clock', '[]'), 400);
    assertJsonError(await post('/__emulator/clock', '{}'), 400);
    assertJsonError(await post('/__emulator/faults', '"x"'), 400);
    assertJsonError(await raw(emu.port, { method: 'GET', path: '/__emulator/nope' }), 404);
    assertJsonError(await raw(emu.port, { method: 'PATCH', path: '/__emulator/state' }), 404);
  });

  it('keeps the clock within bounds: 400 for an absurd advance or time, and the clock still works after', async () => {
    const post = (body: string): Promise<Awaited<ReturnType<typeof raw>>> => raw(emu.port, { method: 'POST', path: '/__emulator/clock', headers: { 'content-type': 'application/json' }, body });
    const before = (await emu.admin.clock()).nowSeconds;
    for (const body of ['{"advanceSeconds": 1e300}', '{"advanceSeconds": -1e300}', `{"advanceSeconds": ${10 * 366 * 86400 + 1}}`, '{"now": "1999-12-31T23:59:59Z"}', '{"now": "2100-01-01T00:00:00Z"}', '{"now": "2099-12-31T00:00:00Z", "advanceSeconds": 172800}']) {
      const res = await post(body);
      assertJsonError(res, 400);
      assert.equal(res.json.Code, 'InvalidParameter', body);
    }
    // Nothing moved, and a signed API call still succeeds (1e300 used to break every call with 500).
    assert.ok(Math.abs((await emu.admin.clock()).nowSeconds - before) < 60);
    const answer = await call(makeClient(emu.endpoint), 'DescribeRegions');
    assert.equal(answer.statusCode, 200);
    assert.equal((await emu.admin.advance(-5 * 365 * 86400)).nowSeconds < before, true, 'five years back is within bounds');
  });

  it('answers an admin body over 1 MiB with 413 and a JSON error', async () => {
    const body = JSON.stringify([{ action: '*', mode: 'http', status: 503, message: 'x'.repeat(2 * 1024 * 1024) }]);
    const res = await raw(emu.port, { method: 'POST', path: '/__emulator/faults', headers: { 'content-type': 'application/json' }, body });
    assertJsonError(res, 413);
    assert.deepEqual(await emu.admin.faults(), []);
  });

  it('serves the admin API only to loopback callers', async function () {
    const address = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
    if (!address) return this.skip();
    const open = await startEmulator({ host: '0.0.0.0' });
    try {
      const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: address, port: open.port, path: '/__emulator/state', agent: false }, (r) => {
          let body = '';
          r.on('data', (c: Buffer) => (body += c.toString()));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      assert.equal(res.status, 403);
      assert.equal(JSON.parse(res.body).Code, 'Forbidden');
      assert.ok((await new EmulatorAdmin(`http://127.0.0.1:${open.port}`).state()).pairs.length > 0);
    } finally {
      await open.close();
    }
  });
});

describe('robustness', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('answers garbage with JSON errors and keeps serving', async () => {
    const cases: RawRequest[] = [
      { path: '/?%%%&&==&a=%E0%A4%A&=x&Action' },
      { path: '/?Action=DescribeRegions&Version=2021-07-30&Signature=abc&AccessKeyId=EBSDRSANDBOXKEYID01' },
      { path: '/foo/bar?x=1', method: 'PUT' },
      { path: '/', body: '{"json": true}', headers: { 'content-type': 'application/json' } },
      { path: `/?${'A'.repeat(100_000)}=${'B'.repeat(100_000)}` },
      { path: '/', headers: { authorization: `ACS3-HMAC-SHA256 Credential=${'x'.repeat(5000)},SignedHeaders=host,Signature=00` } },
      { path: '/', body: Buffer.alloc(2 * 1024 * 1024, 0x41) },
      { path: '/', headers: { 'x-acs-action': 'DescribeRegions' } },
    ];
    for (const c of cases) assertJsonError(await raw(emu.port, c));
    const huge = await raw(emu.port, { path: `/?x=${'y'.repeat(300_000)}` });
    assertJsonError(huge, 431);
    assert.equal((await call(makeClient(emu.endpoint), 'DescribeRegions')).statusCode, 200);
  });

  it('answers malformed HTTP with a JSON error', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(emu.port, '127.0.0.1', () => socket.write('THIS IS NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(text, /^HTTP\/1\.1 400/);
    assert.match(text, /content-type: application\/json;charset=utf-8/);
    assert.match(text, /"Code":"MalformedRequest"/);
  });

  it('answers huge but well-formed API parameters with InvalidParameter', async () => {
    const client = makeClient(emu.endpoint);
    await assert.rejects(call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', Name: 'n'.repeat(50_000) }), (e: { code?: string }) => e.code === 'InvalidParameter');
    await assert.rejects(call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: `pair-${'x'.repeat(5000)}` }), (e: { code?: string }) => e.code === 'InvalidParameter');
  });
});

describe('latency and speed', () => {
  it('latencyMs delays every response without blocking concurrent requests', async () => {
    const emu = await startEmulator({ latencyMs: 200 });
    try {
      const client = makeClient(emu.endpoint);
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 10 }, () => call(client, 'DescribeRegions')));
      const elapsed = Date.now() - started;
      assert.ok(results.every((r) => r.statusCode === 200));
      assert.ok(elapsed >= 195 && elapsed < 1500, `elapsed ${elapsed} ms`);
      // Errors are delayed too.
      const t = Date.now();
      await assert.rejects(call(makeClient(emu.endpoint, { accessKeySecret: 'bad' }), 'DescribeRegions'));
      assert.ok(Date.now() - t >= 195);
    } finally {
      await emu.close();
    }
  });

  it('answers a 500-pair page of a 30 regions × 500 pairs scenario quickly', async () => {
    const emu = await startEmulator({ scenario: generateScenario({ regions: 30, pairsPerRegion: 500 }) });
    try {
      const client = makeClient(emu.endpoint);
      const started = Date.now();
      const body = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', MaxResults: 500 })).body;
      assert.equal(body.TotalCount, 1000);
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
    } finally {
      await emu.close();
    }
  });

  it('runs the clock at the given speed', async () => {
    const emu = await startEmulator({ now: '2030-01-01T00:00:00Z', speed: 1000 });
    try {
      const before = (await emu.admin.clock()).nowSeconds;
      await new Promise<void>((resolve) => {
        const check = async (): Promise<void> => ((await emu.admin.clock()).nowSeconds - before >= 30 ? resolve() : void setImmediate(() => void check()));
        void check();
      });
    } finally {
      await emu.close();
    }
  });
});
