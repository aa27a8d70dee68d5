// The ECS instance metadata routes the EcsRamRole credentials provider reads, requested directly on loopback.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, callError, makeClient, setSdkClockOffset, syncSdkClock } from './helpers';
import { PROD, STS_SCENARIO } from './stsScenario';

function get(emu: RunningEmulator, method: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: emu.host, port: emu.port, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const CREDS = '/latest/meta-data/ram/security-credentials/';

describe('ECS instance metadata (InstanceRamRole)', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ scenario: STS_SCENARIO, now: '2026-01-01T00:10:00Z', speed: 0 });
  });
  after(() => emu.close());
  afterEach(() => setSdkClockOffset(0));

  it('issues IMDSv2 tokens for a TTL of 1-21600 s and refuses unknown tokens with 401', async () => {
    assert.equal((await get(emu, 'PUT', '/latest/api/token')).status, 400);
    assert.equal((await get(emu, 'PUT', '/latest/api/token', { 'x-aliyun-ecs-metadata-token-ttl-seconds': '21601' })).status, 400);
    const token = await get(emu, 'PUT', '/latest/api/token', { 'x-aliyun-ecs-metadata-token-ttl-seconds': '60' });
    assert.equal(token.status, 200);
    assert.equal((await get(emu, 'GET', CREDS, { 'x-aliyun-ecs-metadata-token': token.body })).body, 'EcsEbsDrRole');
    assert.equal((await get(emu, 'GET', CREDS, { 'x-aliyun-ecs-metadata-token': 'forged' })).status, 401);
    await emu.admin.advance(60);
    assert.equal((await get(emu, 'GET', CREDS, { 'x-aliyun-ecs-metadata-token': token.body })).status, 401);
    assert.equal((await get(emu, 'GET', CREDS)).status, 200, 'IMDSv1 (no token) still answers');
  });

  it('hands out a 6-hour session of the role, the same one until less than half is left', async () => {
    const first = await get(emu, 'GET', `${CREDS}EcsEbsDrRole`);
    assert.equal(first.status, 200);
    const body = JSON.parse(first.body) as Record<string, string>;
    assert.deepEqual(Object.keys(body), ['AccessKeyId', 'AccessKeySecret', 'Expiration', 'SecurityToken', 'LastUpdated', 'Code']);
    assert.equal(body.Code, 'Success');
    assert.match(body.AccessKeyId, /^STS\.[A-Za-z0-9]{25}$/);
    const { nowSeconds } = await emu.admin.clock();
    assert.equal(body.LastUpdated, new Date(nowSeconds * 1000).toISOString().replace('.000Z', 'Z'));
    assert.equal(Date.parse(body.Expiration) - Date.parse(body.LastUpdated), 21600_000);
    await syncSdkClock(emu.admin);
    const session = makeClient(emu.endpoint, { accessKeyId: body.AccessKeyId, accessKeySecret: body.AccessKeySecret, securityToken: body.SecurityToken });
    const me = await call(session, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou' });
    assert.deepEqual((me.body.ReplicaPairs as Array<{ ReplicaPairId: string }>).map((p) => p.ReplicaPairId), ['pair-prod-orders']);
    assert.ok((await emu.admin.state()).sessions.some((s) => s.AccessKeyId === body.AccessKeyId && s.AccountId === PROD));
    await emu.admin.advance(10800 - 1);
    assert.equal((JSON.parse((await get(emu, 'GET', `${CREDS}EcsEbsDrRole`)).body) as Record<string, string>).AccessKeyId, body.AccessKeyId);
    await emu.admin.advance(1);
    const next = JSON.parse((await get(emu, 'GET', `${CREDS}EcsEbsDrRole`)).body) as Record<string, string>;
    assert.notEqual(next.AccessKeyId, body.AccessKeyId);
    await emu.admin.advance(10800);
    await syncSdkClock(emu.admin);
    assert.equal((await callError(session, 'DescribeRegions')).code, 'InvalidSecurityToken.Expired');
  });

  it('answers 404 for another role name, and for every credentials path when the scenario has no InstanceRamRole', async () => {
    assert.equal((await get(emu, 'GET', `${CREDS}OtherRole`)).status, 404);
    assert.equal((await get(emu, 'POST', CREDS)).status, 405);
    const plain = await startEmulator({ now: '2026-01-01T00:10:00Z', speed: 0 });
    try {
      assert.equal((await get(plain, 'GET', CREDS)).status, 404);
      assert.equal((await get(plain, 'GET', `${CREDS}EcsEbsDrRole`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});
