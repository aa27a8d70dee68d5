// Failed drills and failed clears: the scenario's DrillOutcome / ClearOutcome on pairs and groups, through the SDK.
import * as assert from 'node:assert/strict';
import { normalizeScenario, ScenarioError, startEmulator } from '../../emulator/index';
import type { RunningEmulator, Scenario } from '../../emulator/index';
import { call, callError, makeClient, MODES, setSdkClockOffset, syncSdkClock } from './helpers';
import { LRP, T0 } from './scenarios';

type Rec = Record<string, unknown>;

const SCENARIO: Scenario = {
  DrillSeconds: 30,
  ClearSeconds: 10,
  ReplicaGroups: [
    { ReplicaGroupId: 'pg-fail', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', LastRecoverPoint: LRP, DrillOutcome: { Status: 'execute_failed' } },
    {
      ReplicaGroupId: 'pg-noclear',
      SourceRegionId: 'cn-hangzhou',
      DestinationRegionId: 'cn-shanghai',
      LastRecoverPoint: LRP,
      ClearOutcome: { Status: 'clear_failed', StatusMessage: 'DISK_DELETE_FAILED', DrillDiskStatus: 'DeleteFailed', Times: 1 },
    },
  ],
  ReplicaPairs: [
    { ReplicaPairId: 'pair-fail', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP, DrillOutcome: { Status: 'execute_failed' } },
    {
      ReplicaPairId: 'pair-fail-once',
      SourceRegion: 'cn-hangzhou',
      DestinationRegion: 'cn-shanghai',
      LastRecoverPoint: LRP,
      DrillOutcome: { Status: 'execute_failed', StatusMessage: 'INTERNAL_ERROR', DrillDiskStatus: 'created', Times: 1 },
    },
    { ReplicaPairId: 'pair-noclear', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', LastRecoverPoint: LRP, ClearOutcome: { Status: 'clear_failed', Times: 1 } },
    { ReplicaPairId: 'pair-g1', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-fail', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-g2', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-fail', LastRecoverPoint: LRP },
    { ReplicaPairId: 'pair-g3', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ReplicaGroupId: 'pg-noclear', LastRecoverPoint: LRP },
  ],
};

for (const mode of MODES) {
  describe(`drill outcomes: execute_failed and clear_failed (${mode})`, () => {
    let emu: RunningEmulator;
    let client: ReturnType<typeof makeClient>;
    const advance = async (seconds: number): Promise<void> => {
      await emu.admin.advance(seconds);
      await syncSdkClock(emu.admin);
    };
    const startPair = async (pairId: string): Promise<string> => String((await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: pairId })).body.DrillId);
    const startGroup = async (groupId: string): Promise<string> =>
      String((await call(client, 'StartReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: groupId })).body.DrillId);
    const pairDrill = async (pairId: string, drillId: string): Promise<Rec | undefined> =>
      ((await call(client, 'DescribePairDrills', { RegionId: 'cn-shanghai', PairId: pairId, DrillId: drillId })).body.Drills as Rec[])[0];
    const groupDrill = async (groupId: string, drillId: string): Promise<Rec | undefined> =>
      ((await call(client, 'DescribeReplicaGroupDrills', { RegionId: 'cn-shanghai', GroupId: groupId, DrillId: drillId })).body.Drills as Rec[])[0];

    beforeEach(async () => {
      emu = await startEmulator({ scenario: SCENARIO, now: T0, speed: 0 });
      await syncSdkClock(emu.admin);
      client = makeClient(emu.endpoint, { mode });
    });

    afterEach(async () => {
      setSdkClockOffset(0);
      await emu.close();
    });

    it('a pair drill executes for DrillSeconds, then ends execute_failed with PAIR_SYNCPOINT_NOT_FOUND; it can be cleared', async () => {
      const drillId = await startPair('pair-fail');
      assert.equal((await pairDrill('pair-fail', drillId))?.Status, 'executing');
      await advance(29);
      assert.equal((await pairDrill('pair-fail', drillId))?.Status, 'executing');
      await advance(1);
      const failed = await pairDrill('pair-fail', drillId);
      assert.equal(failed?.Status, 'execute_failed');
      assert.equal(failed?.StatusMessage, 'PAIR_SYNCPOINT_NOT_FOUND');
      assert.equal(failed?.DrillDiskStatus, 'PAIR_SYNCPOINT_NOT_FOUND', 'the drill disk status shows the error code');
      assert.match(String(failed?.DrillDiskId), /^d-/);
      // Without Times, every drill of the pair fails.
      const second = await startPair('pair-fail');
      await advance(30);
      assert.equal((await pairDrill('pair-fail', second))?.Status, 'execute_failed');

      await call(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-fail', DrillId: drillId });
      const clearing = await pairDrill('pair-fail', drillId);
      assert.equal(clearing?.Status, 'clearing');
      assert.equal(clearing?.StatusMessage, '');
      assert.equal(clearing?.DrillDiskStatus, 'deleting');
      await advance(10);
      assert.equal(await pairDrill('pair-fail', drillId), undefined);
    });

    it('Times limits the outcome to the next N drills; StatusMessage and DrillDiskStatus are taken as written', async () => {
      const first = await startPair('pair-fail-once');
      const second = await startPair('pair-fail-once');
      await advance(30);
      const failed = await pairDrill('pair-fail-once', first);
      assert.equal(failed?.Status, 'execute_failed');
      assert.equal(failed?.StatusMessage, 'INTERNAL_ERROR');
      assert.equal(failed?.DrillDiskStatus, 'created');
      const ok = await pairDrill('pair-fail-once', second);
      assert.equal(ok?.Status, 'executed');
      assert.equal(ok?.StatusMessage, '');
      // A reset reloads the scenario, and with it the count.
      await emu.admin.reset();
      await syncSdkClock(emu.admin);
      const third = await startPair('pair-fail-once');
      await advance(30);
      assert.equal((await pairDrill('pair-fail-once', third))?.Status, 'execute_failed');
    });

    it('a clear under ClearOutcome ends clear_failed after ClearSeconds; the next clear succeeds', async () => {
      const drillId = await startPair('pair-noclear');
      await advance(30);
      assert.equal((await pairDrill('pair-noclear', drillId))?.Status, 'executed');
      await call(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-noclear', DrillId: drillId });
      assert.equal((await pairDrill('pair-noclear', drillId))?.Status, 'clearing');
      await advance(10);
      const failed = await pairDrill('pair-noclear', drillId);
      assert.equal(failed?.Status, 'clear_failed');
      assert.equal(failed?.StatusMessage, '');
      assert.equal(failed?.DrillDiskStatus, 'created', 'the drill disk is still there');
      // Still listed a while later: clear_failed is final until the next clear.
      await advance(60);
      assert.equal((await pairDrill('pair-noclear', drillId))?.Status, 'clear_failed');

      await call(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-noclear', DrillId: drillId });
      assert.equal((await pairDrill('pair-noclear', drillId))?.Status, 'clearing');
      await advance(10);
      assert.equal(await pairDrill('pair-noclear', drillId), undefined);
      assert.equal((await callError(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-noclear', DrillId: drillId })).code, 'NoSuchResource');
    });

    it('a group drill ends execute_failed with GROUP_SYNCPOINT_NOT_FOUND on every pair; member pairs drill normally', async () => {
      const drillId = await startGroup('pg-fail');
      const pairDrillId = await startPair('pair-g1');
      await advance(30);
      const failed = await groupDrill('pg-fail', drillId);
      assert.equal(failed?.Status, 'execute_failed');
      assert.equal(failed?.StatusMessage, 'GROUP_SYNCPOINT_NOT_FOUND');
      assert.deepEqual(
        (failed?.PairsInfo as Rec[]).map((p) => [p.PairId, p.DrillDiskStatus]),
        [
          ['pair-g1', 'GROUP_SYNCPOINT_NOT_FOUND'],
          ['pair-g2', 'GROUP_SYNCPOINT_NOT_FOUND'],
        ],
      );
      assert.equal((await pairDrill('pair-g1', pairDrillId))?.Status, 'executed');
      await call(client, 'ClearReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-fail', DrillId: drillId });
      await advance(10);
      assert.equal(await groupDrill('pg-fail', drillId), undefined);
    });

    it('a group clear under ClearOutcome ends clear_failed with the given message and disk status, then clears', async () => {
      const drillId = await startGroup('pg-noclear');
      await advance(30);
      await call(client, 'ClearReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-noclear', DrillId: drillId });
      await advance(10);
      const failed = await groupDrill('pg-noclear', drillId);
      assert.equal(failed?.Status, 'clear_failed');
      assert.equal(failed?.StatusMessage, 'DISK_DELETE_FAILED');
      assert.deepEqual((failed?.PairsInfo as Rec[]).map((p) => p.DrillDiskStatus), ['DeleteFailed']);
      await call(client, 'ClearReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-noclear', DrillId: drillId });
      await advance(10);
      assert.equal(await groupDrill('pg-noclear', drillId), undefined);
    });

    it('keeps outcomes out of API records and the admin state', async () => {
      const pairs = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai', PairIds: 'pair-fail' })).body.ReplicaPairs as Rec[];
      assert.equal(pairs.length, 1);
      assert.ok(!('DrillOutcome' in pairs[0]) && !('ClearOutcome' in pairs[0]));
      const groups = (await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-shanghai', GroupIds: 'pg-fail' })).body.ReplicaGroups as Rec[];
      assert.ok(!('DrillOutcome' in groups[0]));
      await startPair('pair-fail');
      const [drill] = (await emu.admin.state()).drills as unknown as Rec[];
      assert.deepEqual(Object.keys(drill).filter((k) => /fail|AtMs/.test(k)), []);
    });
  });
}

describe('drill outcomes: scenario validation', () => {
  const NOW = Date.parse(T0) / 1000;
  const pair = (extra: Rec): Rec => ({ ReplicaPairId: 'pair-x', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', ...extra });
  const issues = (input: unknown): string[] => {
    try {
      normalizeScenario(input, NOW);
    } catch (e) {
      assert.ok(e instanceof ScenarioError);
      return e.issues;
    }
    throw new Error('expected a ScenarioError');
  };

  it('fills defaults: the documented codes, DrillDiskStatus from the message (drills) or created (clears), every time', () => {
    const s = normalizeScenario(
      {
        ReplicaPairs: [pair({ DrillOutcome: {}, ClearOutcome: {} })],
        ReplicaGroups: [{ ReplicaGroupId: 'pg-x', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', DrillOutcome: { StatusMessage: '' } }],
      },
      NOW,
    );
    assert.deepEqual(s.Outcomes['pair-x'], {
      DrillOutcome: { Status: 'execute_failed', StatusMessage: 'PAIR_SYNCPOINT_NOT_FOUND', DrillDiskStatus: 'PAIR_SYNCPOINT_NOT_FOUND', Times: null },
      ClearOutcome: { Status: 'clear_failed', StatusMessage: '', DrillDiskStatus: 'created', Times: null },
    });
    assert.deepEqual(s.Outcomes['pg-x'], { DrillOutcome: { Status: 'execute_failed', StatusMessage: '', DrillDiskStatus: 'create_failed', Times: null } });
    assert.ok(!('DrillOutcome' in s.ReplicaPairs[0]), 'not part of the API record');
    assert.deepEqual(normalizeScenario({ ReplicaPairs: [pair({})] }, NOW).Outcomes, {});
  });

  it('reports every problem with its path', () => {
    const found = issues({
      ReplicaPairs: [
        pair({ DrillOutcome: { Status: 'executed' }, ClearOutcome: 'fail' }),
        { ...pair({ DrillOutcome: { Status: 'clear_failed', Times: 0, StatusMessage: 7, Reason: 'x' } }), ReplicaPairId: 'pair-y' },
        { ...pair({ ClearOutcome: { Status: 'execute_failed', DrillDiskStatus: false } }), ReplicaPairId: 'pair-z' },
      ],
      ReplicaGroups: [{ ReplicaGroupId: 'pg-x', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', DrillOutcome: [] }],
    });
    assert.deepEqual(found, [
      'ReplicaPairs[0].DrillOutcome.Status: must be "execute_failed", got "executed"',
      'ReplicaPairs[0].ClearOutcome: must be an object like {"Status": "clear_failed", "StatusMessage": "..."}',
      'ReplicaPairs[1].DrillOutcome.Reason: unknown field (expected Status, StatusMessage, DrillDiskStatus, Times)',
      'ReplicaPairs[1].DrillOutcome.Status: must be "execute_failed", got "clear_failed"',
      'ReplicaPairs[1].DrillOutcome.StatusMessage: must be a string',
      'ReplicaPairs[1].DrillOutcome.Times: must be an integer >= 1',
      'ReplicaPairs[2].ClearOutcome.Status: must be "clear_failed", got "execute_failed"',
      'ReplicaPairs[2].ClearOutcome.DrillDiskStatus: must be a string',
      'ReplicaGroups[0].DrillOutcome: must be an object like {"Status": "execute_failed", "StatusMessage": "..."}',
    ]);
  });
});
