import * as assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, callError, makeClient, MODES } from './helpers';

describe('emulator smoke', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  for (const mode of MODES) {
    it(`answers DescribeRegions and StartPairDrill (${mode})`, async () => {
      const client = makeClient(emu.endpoint, { mode });
      const regions = await call(client, 'DescribeRegions', { RegionId: 'cn-hangzhou' });
      assert.ok((regions.body.Regions as unknown[]).length >= 3);
      const pairs = await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai', MaxResults: 100 });
      assert.ok((pairs.body.ReplicaPairs as unknown[]).length > 3);
      const drill = await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-demo-web01', ClientToken: `t-${mode}` });
      assert.match(String(drill.body.DrillId), /^drill-/);
      const err = await callError(client, 'StartPairDrill', { RegionId: 'cn-hangzhou', PairId: 'pair-demo-web01' });
      assert.equal(err.code, 'OperationDenied.StartDrillShouldOnDestRegion');
    });
  }
});
