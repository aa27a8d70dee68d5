// Authentication through the real SDK in both signature modes, and raw requests for the parts the SDK never gets wrong.
import * as assert from 'node:assert/strict';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN, startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, callError, makeClient, MODES, setSdkClockOffset } from './helpers';
import { isoNow, raw, signAcs3, signV1 } from './rawHttp';

function assertErrorShape(body: Record<string, unknown>): void {
  for (const key of ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']) assert.equal(typeof body[key], 'string', `${key} in ${JSON.stringify(body)}`);
}

describe('authentication', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  afterEach(() => setSdkClockOffset(0));

  for (const mode of MODES) {
    describe(`through the SDK (${mode})`, () => {
      it('accepts the demo account', async () => {
        const res = await call(makeClient(emu.endpoint, { mode }), 'DescribeRegions', {});
        assert.equal(res.statusCode, 200);
        assert.match(String(res.body.RequestId), /^[0-9A-F-]{36}$/);
      });

      it('rejects an unknown access key with 404 InvalidAccessKeyId.NotFound', async () => {
        const err = await callError(makeClient(emu.endpoint, { mode, accessKeyId: 'NOSUCHKEY' }), 'DescribeRegions');
        assert.equal(err.code, 'InvalidAccessKeyId.NotFound');
        assert.equal(err.statusCode, 404);
        assertErrorShape(err.data);
      });

      it('rejects a wrong secret with 400 SignatureDoesNotMatch', async () => {
        const err = await callError(makeClient(emu.endpoint, { mode, accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: `${DEMO_ACCESS_KEY_SECRET}x` }), 'DescribeRegions');
        assert.equal(err.code, 'SignatureDoesNotMatch');
        assert.equal(err.statusCode, 400);
      });

      it('authenticates before looking up the action or version', async () => {
        const bad = makeClient(emu.endpoint, { mode, accessKeySecret: 'wrong' });
        assert.equal((await callError(bad, 'NoSuchAction')).code, 'SignatureDoesNotMatch');
        const unknownKey = makeClient(emu.endpoint, { mode, accessKeyId: 'NOSUCHKEY' });
        assert.equal((await callError(unknownKey, 'NoSuchAction')).code, 'InvalidAccessKeyId.NotFound');
        const good = makeClient(emu.endpoint, { mode });
        const notFound = await callError(good, 'NoSuchAction');
        assert.equal(notFound.code, 'InvalidApi.NotFound');
        assert.equal(notFound.statusCode, 404);
      });

      it('rejects timestamps outside ±15 minutes of the emulator clock', async () => {
        const client = makeClient(emu.endpoint, { mode });
        for (const offset of [16 * 60_000, -16 * 60_000]) {
          setSdkClockOffset(offset);
          const err = await callError(client, 'DescribeRegions');
          assert.equal(err.code, 'InvalidTimeStamp.Expired');
          assert.equal(err.statusCode, 400);
        }
        setSdkClockOffset(14 * 60_000);
        assert.equal((await call(client, 'DescribeRegions')).statusCode, 200);
      });

      it('accepts an STS token of the account and rejects unknown or missing ones', async () => {
        const sts = { mode, accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET };
        assert.equal((await call(makeClient(emu.endpoint, { ...sts, securityToken: DEMO_STS_TOKEN }), 'DescribeRegions')).statusCode, 200);
        assert.equal((await callError(makeClient(emu.endpoint, { ...sts, securityToken: 'nope' }), 'DescribeRegions')).code, 'InvalidSecurityToken.Malformed');
        assert.equal((await callError(makeClient(emu.endpoint, sts), 'DescribeRegions')).code, 'MissingParameter');
        assert.equal((await callError(makeClient(emu.endpoint, { mode, securityToken: DEMO_STS_TOKEN }), 'DescribeRegions')).code, 'InvalidSecurityToken.MismatchWithAccessKey');
      });

      it('reads parameters from a form body too', async () => {
        const res = await call(makeClient(emu.endpoint, { mode }), 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', PairIds: 'pair-demo-web01' }, { body: true });
        assert.deepEqual((res.body.ReplicaPairs as Array<{ ReplicaPairId: string }>).map((p) => p.ReplicaPairId), ['pair-demo-web01']);
      });

    });
  }

  it('accepts the ACS3-HMAC-SM3 variant from the SDK', async () => {
    const client = makeClient(emu.endpoint);
    (client as unknown as { _signatureAlgorithm: string })._signatureAlgorithm = 'ACS3-HMAC-SM3';
    assert.equal((await call(client, 'DescribeRegions')).statusCode, 200);
    const log = await emu.admin.requests();
    assert.equal(log.at(-1)?.signatureMethod, 'ACS3-HMAC-SM3');
  });

  describe('raw requests', () => {
    const host = (): string => emu.endpoint;
    const base = { accessKeyId: DEMO_ACCESS_KEY_ID, secret: DEMO_ACCESS_KEY_SECRET };

    it('answers MissingParameter when no signature is present at all', async () => {
      const res = await raw(emu.port, { path: '/?Action=DescribeRegions&Version=2021-07-30', headers: { host: host() } });
      assert.equal(res.status, 400);
      assert.equal(res.json.Code, 'MissingParameter');
      assert.equal(res.headers['content-type'], 'application/json;charset=utf-8');
      assertErrorShape(res.json);
    });

    it('answers IncompleteSignature for a malformed Authorization header', async () => {
      for (const authorization of ['ACS3-HMAC-SHA256', 'Basic Zm9vOmJhcg==', 'ACS3-HMAC-SHA256 Credential=x', 'ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=zz']) {
        const res = await raw(emu.port, { path: '/', headers: { host: host(), authorization } });
        assert.equal(res.json.Code, 'IncompleteSignature', authorization);
        assert.equal(res.status, 400);
      }
    });

    it('answers MissingParameter for a missing signed header and IncompleteSignature for an unsigned x-acs-* header', async () => {
      const req = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: '' });
      const headers = { ...req.headers };
      delete headers['x-acs-date'];
      assert.equal((await raw(emu.port, { ...req, headers })).json.Code, 'MissingParameter');
      const extra = await raw(emu.port, { ...req, headers: { ...req.headers, 'x-acs-extra': '1' } });
      assert.equal(extra.json.Code, 'IncompleteSignature');
    });

    it('rejects a replayed nonce (ACS3 and v1) but accepts a retry with a fresh nonce', async () => {
      const acs3 = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: 'RegionId=cn-hangzhou', nonce: 'replay-nonce-acs3' });
      assert.equal((await raw(emu.port, acs3)).status, 200);
      const replay = await raw(emu.port, acs3);
      assert.equal(replay.json.Code, 'SignatureNonceUsed');
      assert.equal(replay.status, 400);
      const v1 = signV1({ ...base, host: host(), action: 'DescribeRegions', params: { RegionId: 'cn-hangzhou' }, nonce: 'replay-nonce-v1' });
      assert.equal((await raw(emu.port, v1)).status, 200);
      assert.equal((await raw(emu.port, v1)).json.Code, 'SignatureNonceUsed');
      const fresh = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: 'RegionId=cn-hangzhou' });
      assert.equal((await raw(emu.port, fresh)).status, 200);
    });

    it('rejects malformed and expired timestamps', async () => {
      const bad = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: '', date: '2026/01/01 00:00:00' });
      assert.equal((await raw(emu.port, bad)).json.Code, 'InvalidTimeStamp.Format');
      const old = signV1({ ...base, host: host(), action: 'DescribeRegions', params: {}, timestamp: isoNow(-3600_000) });
      assert.equal((await raw(emu.port, old)).json.Code, 'InvalidTimeStamp.Expired');
    });

    it('verifies against the host header as sent (port included)', async () => {
      const req = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: '' });
      const otherPort = await raw(emu.port, { ...req, headers: { ...req.headers, host: `127.0.0.1:${emu.port + 1}` } });
      assert.equal(otherPort.json.Code, 'SignatureDoesNotMatch');
    });

    it('accepts GET as well as POST', async () => {
      const req = signAcs3({ ...base, host: host(), action: 'DescribeDiskReplicaPairs', rawQuery: 'RegionId=cn-hangzhou&MaxResults=1', method: 'GET' });
      const res = await raw(emu.port, req);
      assert.equal(res.status, 200, res.text);
      assert.equal((res.json.ReplicaPairs as unknown[]).length, 1);
    });

    it('checks the body hash', async () => {
      const req = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: '', body: 'RegionId=cn-hangzhou', contentType: 'application/x-www-form-urlencoded' });
      assert.equal((await raw(emu.port, req)).status, 200);
      const tampered = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: '', body: 'RegionId=cn-hangzhou', contentType: 'application/x-www-form-urlencoded' });
      const res = await raw(emu.port, { ...tampered, body: 'RegionId=cn-hangzhoU' });
      assert.equal(res.json.Code, 'SignatureDoesNotMatch');
    });

    it('answers InvalidVersion for another version (after authentication)', async () => {
      const wrongVersion = signAcs3({ ...base, host: host(), action: 'DescribeRegions', rawQuery: '', version: '2016-04-28' });
      const res = await raw(emu.port, wrongVersion);
      assert.equal(res.json.Code, 'InvalidVersion');
      assert.equal(res.status, 400);
      const v1 = signV1({ ...base, host: host(), action: 'DescribeRegions', params: {}, version: '2019-01-01' });
      assert.equal((await raw(emu.port, v1)).json.Code, 'InvalidVersion');
    });
  });
});
