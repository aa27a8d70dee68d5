// Paging over more than 1,000 pairs in both modes (NextToken/MaxResults and PageNumber/PageSize), and the limits.
import * as assert from 'node:assert/strict';
import { generateScenario, startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, callError, makeClient, MODES } from './helpers';

type Rec = Record<string, unknown>;

describe('paging', () => {
  let emu: RunningEmulator;
  const expected = new Set<string>();
  before(async () => {
    // 2 regions × 650 pairs: every pair is visible from both regions, so each region lists 1,300 pairs.
    const scenario = generateScenario({ regions: 2, pairsPerRegion: 650, groupsPerRegion: 3 });
    for (const p of scenario.ReplicaPairs ?? []) expected.add(p.ReplicaPairId);
    emu = await startEmulator({ scenario });
  });
  after(() => emu.close());

  for (const mode of MODES) {
    describe(mode, () => {
      it('walks 1,300 pairs with NextToken/MaxResults=500 (3 pages, empty NextToken at the end)', async () => {
        const client = makeClient(emu.endpoint, { mode });
        const seen: string[] = [];
        let token: string | undefined;
        let pages = 0;
        do {
          const body = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-qingdao', MaxResults: 500, NextToken: token })).body;
          pages += 1;
          for (const p of body.ReplicaPairs as Rec[]) seen.push(String(p.ReplicaPairId));
          assert.equal(body.TotalCount, 1300);
          assert.equal(body.PageSize, 500);
          token = String(body.NextToken) || undefined;
        } while (token);
        assert.equal(pages, 3);
        assert.equal(seen.length, 1300);
        assert.deepEqual(new Set(seen), expected);
      });

      it('answers a page asked again after a change with the change (rendered pages last only until the state changes)', async () => {
        const client = makeClient(emu.endpoint, { mode });
        const ask = async (): Promise<Rec> => (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-qingdao', MaxResults: 5 })).body;
        const first = await ask();
        const again = await ask();
        assert.notEqual(again.RequestId, first.RequestId, 'every answer has its own RequestId');
        assert.deepEqual({ ...again, RequestId: '' }, { ...first, RequestId: '' }, 'the same page, byte for byte apart from RequestId');
        const pair = (first.ReplicaPairs as Rec[]).find((p) => p.Status === 'normal' || p.Status === 'syncing');
        assert.ok(pair, 'a pair that can be stopped');
        await call(client, 'StopDiskReplicaPair', { RegionId: String(pair.SourceRegion), ReplicaPairId: String(pair.ReplicaPairId) });
        const after = (await ask()).ReplicaPairs as Rec[];
        assert.equal(after.find((p) => p.ReplicaPairId === pair.ReplicaPairId)?.Status, 'stopping');
      });

      it('walks the same pairs with PageNumber/PageSize=100 (13 pages)', async () => {
        const client = makeClient(emu.endpoint, { mode });
        const seen = new Set<string>();
        for (let page = 1; ; page++) {
          const body = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-beijing', PageNumber: page, PageSize: 100 })).body;
          const list = body.ReplicaPairs as Rec[];
          assert.equal(body.PageNumber, page);
          assert.equal(body.PageSize, 100);
          assert.equal(body.TotalCount, 1300);
          assert.equal(body.NextToken, '');
          if (list.length === 0) {
            assert.equal(page, 14);
            break;
          }
          for (const p of list) seen.add(String(p.ReplicaPairId));
        }
        assert.equal(seen.size, 1300);
      });

      it('defaults to 10 results and enforces the limits', async () => {
        const client = makeClient(emu.endpoint, { mode });
        const first = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-beijing' })).body;
        assert.equal((first.ReplicaPairs as unknown[]).length, 10);
        assert.equal(first.PageSize, 10);
        assert.equal(first.PageNumber, 1);
        assert.notEqual(first.NextToken, '');
        for (const bad of [{ MaxResults: 501 }, { MaxResults: 0 }, { MaxResults: 'x' }, { PageSize: 101 }, { PageSize: 0 }, { PageNumber: 0 }, { NextToken: 'garbage' }]) {
          const err = await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-beijing', ...bad });
          assert.equal(err.code, 'InvalidParameter', JSON.stringify(bad));
          assert.equal(err.statusCode, 400);
        }
        // A NextToken from another query is rejected.
        const err = await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-qingdao', NextToken: String(first.NextToken) });
        assert.equal(err.code, 'InvalidParameter');
        // NextToken wins over PageNumber/PageSize.
        const next = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-beijing', NextToken: String(first.NextToken), PageNumber: 7, PageSize: 50 })).body;
        assert.equal(next.PageNumber, 2);
        assert.equal((next.ReplicaPairs as unknown[]).length, 10);
      });

      it('pages groups too', async () => {
        const client = makeClient(emu.endpoint, { mode });
        const body = (await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-beijing', MaxResults: 4 })).body;
        assert.equal((body.ReplicaGroups as unknown[]).length, 4);
        assert.equal(body.TotalCount, 6);
        const rest = (await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-beijing', MaxResults: 4, NextToken: String(body.NextToken) })).body;
        assert.equal((rest.ReplicaGroups as unknown[]).length, 2);
        assert.equal(rest.NextToken, '');
      });
    });
  }
});
