// Every error of the StartPairDrill / StartReplicaGroupDrill tables, and ClientToken idempotency.
import * as assert from 'node:assert/strict';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator } from '../../emulator/index';
import type { RunningEmulator, Scenario } from '../../emulator/index';
import { call, callError, makeClient, MODES, setSdkClockOffset, syncSdkClock, waitFor } from './helpers';
import { OPS_SCENARIO, T0 } from './scenarios';

const SCENARIO: Scenario = {
  ...OPS_SCENARIO,
  Accounts: [
    { AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET },
    { AccessKeyId: 'DENIEDKEY', AccessKeySecret: 'secret-denied', DeniedActions: ['StartPairDrill', 'StartReplicaGroupDrill'] },
    { AccessKeyId: 'POORKEY', AccessKeySecret: 'secret-poor', NotEnoughBalance: true },
    { AccessKeyId: 'NOSLRKEY', AccessKeySecret: 'secret-noslr', NoServiceLinkedRole: true },
  ],
};

interface Case {
  title: string;
  code: string;
  status: number;
  key?: [string, string];
  query: Record<string, string>;
}

function cases(action: 'StartPairDrill' | 'StartReplicaGroupDrill'): Case[] {
  const idName = action === 'StartPairDrill' ? 'PairId' : 'GroupId';
  const ok = action === 'StartPairDrill' ? 'pair-a-normal' : 'pg-a';
  const good = { RegionId: 'cn-shanghai', [idName]: ok };
  return [
    { title: `missing ${idName}`, code: 'MissingParameter', status: 400, query: { RegionId: 'cn-shanghai' } },
    { title: 'missing RegionId', code: 'MissingParameter', status: 400, query: { [idName]: ok } },
    { title: `malformed ${idName}`, code: 'InvalidParameter.Format', status: 400, query: { RegionId: 'cn-shanghai', [idName]: 'd-bp1abc' } },
    { title: 'malformed RegionId', code: 'InvalidParameter.Format', status: 400, query: { ...good, RegionId: 'Shanghai!' } },
    { title: 'ClientToken over 64 characters', code: 'InvalidParameter', status: 400, query: { ...good, ClientToken: 'x'.repeat(65) } },
    { title: 'non-ASCII ClientToken', code: 'InvalidParameter', status: 400, query: { ...good, ClientToken: 'token-令牌' } },
    { title: 'action denied to the account', code: 'Forbidden.Action', status: 403, key: ['DENIEDKEY', 'secret-denied'], query: good },
    { title: 'account without balance', code: 'InvalidAccountStatus.NotEnoughBalance', status: 403, key: ['POORKEY', 'secret-poor'], query: good },
    { title: 'no service-linked role', code: 'NoPermission.SLR', status: 403, key: ['NOSLRKEY', 'secret-noslr'], query: good },
    action === 'StartPairDrill'
      ? { title: 'invalid pair', code: 'OperationDenied', status: 403, query: { RegionId: 'cn-shanghai', PairId: 'pair-a-invalid' } }
      : { title: 'group without pairs', code: 'OperationDenied', status: 403, query: { RegionId: 'cn-shanghai', GroupId: 'pg-empty' } },
    action === 'StartPairDrill'
      ? { title: 'failovered pair', code: 'OperationDenied', status: 403, query: { RegionId: 'cn-shanghai', PairId: 'pair-a-fo' } }
      : { title: 'failovered group', code: 'OperationDenied', status: 403, query: { RegionId: 'cn-shanghai', GroupId: 'pg-fo' } },
    action === 'StartPairDrill'
      ? { title: 'never synced pair', code: 'OperationDenied.RecoverPointNotFound', status: 403, query: { RegionId: 'cn-shanghai', PairId: 'pair-a-created' } }
      : { title: 'never synced group', code: 'OperationDenied.RecoverPointNotFound', status: 403, query: { RegionId: 'cn-shanghai', GroupId: 'pg-new' } },
    { title: 'called in the source region', code: 'OperationDenied.StartDrillShouldOnDestRegion', status: 403, query: { ...good, RegionId: 'cn-hangzhou' } },
    { title: 'called in an unrelated region', code: 'OperationDenied.StartDrillShouldOnDestRegion', status: 403, query: { ...good, RegionId: 'cn-beijing' } },
    { title: 'unknown id', code: 'NoSuchResource', status: 404, query: { RegionId: 'cn-shanghai', [idName]: action === 'StartPairDrill' ? 'pair-nope' : 'pg-nope' } },
  ];
}

for (const mode of MODES) {
  describe(`drill errors and idempotency (${mode})`, () => {
    let emu: RunningEmulator;
    beforeEach(async () => {
      emu = await startEmulator({ scenario: SCENARIO, now: T0, speed: 0 });
      await syncSdkClock(emu.admin);
    });
    afterEach(async () => {
      setSdkClockOffset(0);
      await emu.close();
    });

    for (const action of ['StartPairDrill', 'StartReplicaGroupDrill'] as const) {
      describe(action, () => {
        for (const c of cases(action)) {
          it(`${c.code} (${c.status}): ${c.title}`, async () => {
            const client = makeClient(emu.endpoint, { mode, ...(c.key ? { accessKeyId: c.key[0], accessKeySecret: c.key[1] } : {}) });
            const err = await callError(client, action, c.query);
            assert.equal(err.code, c.code, err.message);
            assert.equal(err.statusCode, c.status);
            for (const key of ['RequestId', 'HostId', 'Code', 'Message', 'Recommend']) assert.equal(typeof err.data[key], 'string', key);
            assert.equal((await emu.admin.state()).drills.length, 0);
          });
        }

        const good = action === 'StartPairDrill' ? { RegionId: 'cn-shanghai', PairId: 'pair-a-normal' } : { RegionId: 'cn-shanghai', GroupId: 'pg-a' };

        it('InternalError (500) and RequestTimeout (504) through faults', async () => {
          await emu.admin.setFaults([
            { action, mode: 'error', times: 1 },
            { action, mode: 'error', code: 'RequestTimeout', times: 1 },
          ]);
          const client = makeClient(emu.endpoint, { mode });
          const first = await callError(client, action, good);
          assert.equal(first.code, 'InternalError');
          assert.equal(first.statusCode, 500);
          const second = await callError(client, action, good);
          assert.equal(second.code, 'RequestTimeout');
          assert.equal(second.statusCode, 504);
          assert.match(String((await call(client, action, good)).body.DrillId), /drill-/);
        });

        it('LastTokenProcessing while the first request with the token is in flight, then the same DrillId', async () => {
          await emu.admin.setFaults([{ action, mode: 'delay', delayMs: 400, times: 1 }]);
          const client = makeClient(emu.endpoint, { mode });
          const query = { ...good, ClientToken: 'in-flight-token' };
          const first = call(client, action, query);
          await waitFor(async () => ((await emu.admin.state()).inFlightTokens.some((t) => t.clientToken === 'in-flight-token') ? true : undefined));
          const err = await callError(client, action, query);
          assert.equal(err.code, 'LastTokenProcessing');
          assert.equal(err.statusCode, 403);
          const drillId = (await first).body.DrillId;
          assert.equal((await call(client, action, query)).body.DrillId, drillId);
        });

        it('the same ClientToken returns the same DrillId for 24 emulated hours; other parameters → IdempotentParameterMismatch', async () => {
          const client = makeClient(emu.endpoint, { mode });
          const query = { ...good, ClientToken: 'idem-1' };
          const first = (await call(client, action, query)).body.DrillId;
          const again = await call(client, action, query);
          assert.equal(again.body.DrillId, first);
          const state = await emu.admin.state();
          assert.equal(state.drills.length, 1);
          assert.equal(state.drills[0].ClientToken, 'idem-1');
          const other = action === 'StartPairDrill' ? { ...query, PairId: 'pair-a-g1' } : { ...query, GroupId: 'pg-empty' };
          const mismatch = await callError(client, action, other);
          assert.equal(mismatch.code, 'IdempotentParameterMismatch');
          assert.equal(mismatch.statusCode, 400);
          await emu.admin.advance(23 * 3600 + 59 * 60);
          await syncSdkClock(emu.admin);
          assert.equal((await call(client, action, query)).body.DrillId, first);
          await emu.admin.advance(120);
          await syncSdkClock(emu.admin);
          assert.notEqual((await call(client, action, query)).body.DrillId, first);
        });

        it('a failed request does not consume its ClientToken', async () => {
          const client = makeClient(emu.endpoint, { mode });
          const bad = action === 'StartPairDrill' ? { RegionId: 'cn-shanghai', PairId: 'pair-a-created' } : { RegionId: 'cn-shanghai', GroupId: 'pg-new' };
          await callError(client, action, { ...bad, ClientToken: 'retry-me' });
          assert.match(String((await call(client, action, { ...good, ClientToken: 'retry-me' })).body.DrillId), /drill-/);
        });
      });
    }

    it('scopes ClientTokens per action and per account', async () => {
      const client = makeClient(emu.endpoint, { mode });
      const pairDrill = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', ClientToken: 'shared' })).body.DrillId;
      const groupDrill = (await call(client, 'StartReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-a', ClientToken: 'shared' })).body.DrillId;
      assert.match(String(pairDrill), /^drill-/);
      assert.match(String(groupDrill), /^pg-drill-/);
      const stop = await call(client, 'StopDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-sync', ClientToken: 'stop-1' });
      const stopAgain = await call(client, 'StopDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-sync', ClientToken: 'stop-1' });
      assert.equal(stop.statusCode, 200);
      assert.equal(stopAgain.statusCode, 200);
      assert.notEqual(stop.body.RequestId, stopAgain.body.RequestId);
    });
  });
}
