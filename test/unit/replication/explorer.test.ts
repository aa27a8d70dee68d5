import * as assert from 'node:assert/strict';
import { EbsClient } from '../../../src/ebs/client';
import { EbsError } from '../../../src/ebs/errors';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../../../src/ebs/types';
import { ReplicationExplorer, type ExplorerClient } from '../../../src/replication/explorer';
import type { NodeRef } from '../../../src/replication/nodes';
import { shapeRegion } from '../../../src/replication/regionContents';
import { ENGLISH } from '../../../src/replication/text';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../emulator';
import { expectedTree, formatTreeLine, startTreeDrills, startTreeEmulator, TREE_REGIONS, type TreeEmulator } from '../../fixtures/treeScenario';
import { NOW, samplePair } from '../support/samples';
import { walk } from './treeWalk';

function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !cond(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(cond(), 'condition never became true');
}

/** A scripted stand-in for the EBS API: per-region pairs, optional failures and gates. */
class FakeApi implements ExplorerClient {
  pairs = new Map<string, ReplicaPair[]>();
  failing = new Set<string>();
  gates = new Map<string, Promise<void>>();
  pairDrills = new Map<string, PairDrill[]>();
  running = 0;
  peak = 0;
  calls: string[] = [];

  async listReplicaPairs(regionId: string, options: { pairIds?: readonly string[] } = {}): Promise<ReplicaPair[]> {
    this.calls.push(`pairs ${regionId}${options.pairIds ? ` ${options.pairIds.join(',')}` : ''}`);
    this.running++;
    this.peak = Math.max(this.peak, this.running);
    try {
      await this.gates.get(regionId);
      if (this.failing.has(regionId)) throw new EbsError({ code: 'ServiceUnavailable', message: 'down', httpStatus: 503, requestId: 'REQ-1' });
      const all = this.pairs.get(regionId) ?? [];
      return options.pairIds ? all.filter((p) => options.pairIds?.includes(p.pairId)) : all;
    } finally {
      this.running--;
    }
  }
  async listReplicaGroups(): Promise<ReplicaGroup[]> {
    return [];
  }
  async describePairDrills(_regionId: string, pairId: string): Promise<PairDrill[]> {
    this.calls.push(`drills ${pairId}`);
    return this.pairDrills.get(pairId) ?? [];
  }
  async describeReplicaGroupDrills(): Promise<GroupDrill[]> {
    return [];
  }
}

function explorerWith(api: ExplorerClient, regions: string[], concurrency = 4): ReplicationExplorer {
  const explorer = new ReplicationExplorer({ localiser: ENGLISH, now: () => NOW, concurrency });
  explorer.setSource(api, regions);
  return explorer;
}

describe('replication/regionContents shapeRegion', () => {
  it('lists each pair once per region, groups with members first, ungrouped by name, and drops foreign records', () => {
    const a = samplePair({ pairId: 'pair-a', name: 'b-name', groupId: 'pg-1' });
    const b = samplePair({ pairId: 'pair-b', name: 'A-name' });
    const bBackup = { ...b, site: 'backup' };
    const c = samplePair({ pairId: 'pair-c', name: '' });
    const claimed = samplePair({ pairId: 'pair-d', name: 'claimed' });
    const orphan = samplePair({ pairId: 'pair-e', name: 'orphan', groupId: 'pg-unknown' });
    const foreign = samplePair({ pairId: 'pair-f', sourceRegionId: 'x', destinationRegionId: 'y', primaryRegionId: 'x', standbyRegionId: 'y' });
    const group = {
      groupId: 'pg-1', name: 'g', description: '', status: 'normal', sourceRegionId: 'cn-hangzhou', sourceZoneId: 'z', destinationRegionId: 'cn-shanghai',
      destinationZoneId: 'z', primaryRegionId: 'cn-hangzhou', primaryZoneId: 'z', standbyRegionId: 'cn-shanghai', standbyZoneId: 'z', pairIds: ['pair-d'], tags: [],
    } satisfies ReplicaGroup;
    const r = shapeRegion('cn-shanghai', [a, bBackup, b, c, claimed, orphan, foreign], [group, group]);
    assert.deepEqual(r.groups.map((g) => [g.group.groupId, g.memberIds]), [['pg-1', ['pair-a', 'pair-d']]]);
    assert.deepEqual(r.ungroupedIds, ['pair-b', 'pair-e', 'pair-c']);
    assert.equal(r.pairs.get('pair-b')?.site, 'backup', 'the secondary region keeps the backup-site record');
    assert.equal(r.pairs.has('pair-f'), false);
    assert.equal(r.groupOfPair.get('pair-d'), 'pg-1');
  });
});

describe('replication/explorer ReplicationExplorer (scripted API)', () => {
  it('loads regions with the concurrency limit and shows a failing region as one retry node while the others load', async () => {
    const api = new FakeApi();
    const regions = Array.from({ length: 10 }, (_, i) => `cn-r${i}`);
    const gates = regions.map(() => gate());
    regions.forEach((r, i) => {
      api.gates.set(r, gates[i]?.promise ?? Promise.resolve());
      api.pairs.set(r, [samplePair({ pairId: `pair-${i}`, sourceRegionId: r })]);
    });
    api.failing.add('cn-r3');
    const explorer = explorerWith(api, regions, 3);
    const busy: boolean[] = [];
    explorer.onDidChangeBusy((b) => busy.push(b));
    const done = explorer.loadAll();
    assert.deepEqual(regions.map((r) => explorer.regionState(r)), regions.map(() => 'loading'));
    assert.equal(explorer.present(explorer.regionRef('cn-r9')).description, 'Loading…');
    await until(() => api.running === 3);
    gates.forEach((g) => g.open());
    await done;
    assert.equal(api.peak, 3);
    assert.deepEqual(busy, [true, false]);
    assert.equal(explorer.regionState('cn-r3'), 'failed');
    assert.equal(explorer.regionState('cn-r4'), 'loaded');
    const failed = explorer.present(explorer.regionRef('cn-r3'));
    assert.equal(failed.contextValue, 'region.failed');
    assert.deepEqual(failed.icon, { id: 'error', color: 'testing.iconFailed' });
    const [retry, ...rest] = await explorer.children(explorer.regionRef('cn-r3'));
    assert.equal(rest.length, 0);
    assert.ok(retry);
    const node = explorer.present(retry);
    assert.equal(node.label, 'Could not load: The EBS service is temporarily unavailable. Retry in a few minutes. (error ServiceUnavailable, RequestId REQ-1) — click to retry');
    assert.equal(node.contextValue, 'loadError');
    assert.equal(node.retry, true);
    assert.equal(node.id, 'region/cn-r3/error');

    api.failing.clear();
    await explorer.retry(retry);
    assert.equal(explorer.regionState('cn-r3'), 'loaded');
    const children = await explorer.children(explorer.regionRef('cn-r3'));
    assert.deepEqual(children.map((c) => c.id), ['region/cn-r3/pair/pair-3']);
  });

  it('keeps node handles stable across refreshes and ignores stale results', async () => {
    const api = new FakeApi();
    api.pairs.set('cn-hangzhou', [samplePair()]);
    const explorer = explorerWith(api, ['cn-hangzhou']);
    const region = explorer.roots()[0] as NodeRef;
    const [pair] = await explorer.children(region);
    assert.equal(pair?.id, 'region/cn-hangzhou/pair/pair-cn-1');

    const slow = gate();
    api.gates.set('cn-hangzhou', slow.promise);
    const first = explorer.refreshRegion('cn-hangzhou');
    // While reloading, the previous children stay visible.
    assert.deepEqual(await explorer.children(region), [pair]);
    api.gates.delete('cn-hangzhou');
    api.pairs.set('cn-hangzhou', [samplePair({ status: 'stopped' })]);
    const second = explorer.refreshRegion('cn-hangzhou');
    await second;
    api.pairs.set('cn-hangzhou', [samplePair({ status: 'invalid' })]);
    slow.open();
    await first;
    assert.equal(explorer.pair('cn-hangzhou', 'pair-cn-1')?.status, 'stopped', 'the older request finished last but lost');
    assert.equal(explorer.roots()[0], region);
    assert.equal((await explorer.children(region))[0], pair);
  });

  it('keeps each region its own record when the two listings say different things about a pair', async () => {
    const api = new FakeApi();
    api.pairs.set('cn-hangzhou', [samplePair({ site: 'production' })]);
    api.pairs.set('cn-shanghai', [samplePair({ site: 'backup', status: 'stopped', lastRecoverPoint: NOW.getTime() - 3_600_000 })]);
    const explorer = explorerWith(api, ['cn-hangzhou', 'cn-shanghai']);
    await explorer.loadAll();
    assert.notEqual(explorer.pair('cn-hangzhou', 'pair-cn-1'), explorer.pair('cn-shanghai', 'pair-cn-1'));
    assert.equal(explorer.pair('cn-hangzhou', 'pair-cn-1')?.status, 'normal');
    assert.equal(explorer.pair('cn-shanghai', 'pair-cn-1')?.status, 'stopped');
    api.pairs.set('cn-shanghai', [samplePair({ site: 'backup', tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'dba' }] })]);
    api.pairs.set('cn-hangzhou', [samplePair({ site: 'production', tags: [{ key: 'env', value: 'prod' }, { key: 'team', value: 'sre' }] })]);
    await explorer.refreshRegion('cn-shanghai');
    await explorer.refreshRegion('cn-hangzhou');
    assert.notEqual(explorer.pair('cn-hangzhou', 'pair-cn-1'), explorer.pair('cn-shanghai', 'pair-cn-1'), 'a tag differs');
    assert.equal(explorer.pair('cn-hangzhou', 'pair-cn-1')?.tags[1]?.value, 'sre');
  });

  it('refreshes one pair in every region that shows it and reloads its drills', async () => {
    const api = new FakeApi();
    api.pairs.set('cn-hangzhou', [samplePair()]);
    api.pairs.set('cn-shanghai', [samplePair({ site: 'backup' })]);
    const explorer = explorerWith(api, ['cn-hangzhou', 'cn-shanghai']);
    await explorer.loadAll();
    const changes: string[][] = [];
    explorer.onDidChange((c) => changes.push(c?.map((r) => r.id) ?? ['*']));
    api.pairs.set('cn-shanghai', [samplePair({ site: 'backup', status: 'stopped' })]);
    api.calls = [];
    await explorer.refreshPair('cn-shanghai', 'pair-cn-1');
    assert.deepEqual(api.calls, ['pairs cn-shanghai pair-cn-1']);
    assert.equal(explorer.pair('cn-hangzhou', 'pair-cn-1')?.status, 'stopped');
    assert.equal(explorer.pair('cn-shanghai', 'pair-cn-1')?.status, 'stopped');
    assert.deepEqual(changes, [['region/cn-hangzhou/pair/pair-cn-1', 'region/cn-shanghai/pair/pair-cn-1']]);
  });

  it('marks a pair with a running drill and redraws it once its drills are loaded', async () => {
    const api = new FakeApi();
    api.pairs.set('cn-hangzhou', [samplePair()]);
    api.pairDrills.set('pair-cn-1', [
      { drillId: 'drill-1', pairId: 'pair-cn-1', status: 'executing', drillDiskId: 'd-drill', startedAt: new Date(NOW.getTime() - 120_000), recoverPoint: new Date(NOW.getTime() - 240_000) },
    ]);
    const explorer = explorerWith(api, ['cn-hangzhou']);
    const [pair] = await explorer.children(explorer.regionRef('cn-hangzhou'));
    assert.ok(pair);
    assert.equal(explorer.present(pair).contextValue, 'pair.drillable');
    const changes: string[][] = [];
    explorer.onDidChange((c) => changes.push(c?.map((r) => r.id) ?? ['*']));
    const [drill] = await explorer.children(pair);
    assert.ok(drill);
    // The pair's row (its contextValue and "drill running") and its region's roll-up redraw.
    assert.deepEqual(changes, [['region/cn-hangzhou/pair/pair-cn-1', 'region/cn-hangzhou']]);
    assert.equal(explorer.present(pair).contextValue, 'pair.drillable.drillRunning');
    assert.match(explorer.present(pair).description ?? '', /^Normal · drill running · /);
    assert.match(explorer.present(explorer.regionRef('cn-hangzhou')).description ?? '', /^\d+ pairs? · 1 drill running/);
    const node = explorer.present(drill);
    assert.equal(node.id, 'region/cn-hangzhou/pair/pair-cn-1/drill/drill-1');
    assert.equal(node.description, 'Executing · RP 4 min ago · started 2 min ago · d-drill');
    assert.equal(node.contextValue, 'drill.pair.executing');
    assert.equal(explorer.consoleUrl(drill), 'https://ebs.console.aliyun.com/dataProtection/cn-hangzhou/pair-cn-1');
  });

  it('asks the running-drill tracker too', async () => {
    const api = new FakeApi();
    api.pairs.set('cn-hangzhou', [samplePair()]);
    const explorer = explorerWith(api, ['cn-hangzhou']);
    explorer.setRunningDrills({ count: () => 1, onDidChange: () => ({ dispose: () => undefined }), isRunning: (id) => id === 'pair-cn-1' });
    const [pair] = await explorer.children(explorer.regionRef('cn-hangzhou'));
    assert.equal(pair && explorer.present(pair).contextValue, 'pair.drillable.drillRunning');
  });

  it('forgets everything when the connection changes, ignoring answers for the old one', async () => {
    const api = new FakeApi();
    const slow = gate();
    api.gates.set('cn-hangzhou', slow.promise);
    api.pairs.set('cn-hangzhou', [samplePair()]);
    const explorer = explorerWith(api, ['cn-hangzhou']);
    const load = explorer.loadAll();
    const other = new FakeApi();
    explorer.setSource(other, ['cn-beijing']);
    slow.open();
    await load;
    assert.equal(explorer.regionState('cn-hangzhou'), 'idle');
    assert.deepEqual(explorer.roots().map((r) => r.id), ['region/cn-beijing']);
    assert.deepEqual(await explorer.children(explorer.regionRef('cn-beijing')), [explorer.byId('region/cn-beijing/empty')]);
    assert.equal(explorer.present(explorer.regionRef('cn-beijing')).description, 'no replication pairs');
  });
});

describe('replication/explorer against the emulator (tree scenario)', () => {
  let emu: TreeEmulator;
  let client: EbsClient;

  before(async () => {
    emu = await startTreeEmulator();
    client = new EbsClient({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, endpointTemplate: emu.emulator.url });
  });
  after(async () => {
    await emu?.close();
  });

  it('shows exactly the expected tree: groups, every status, both directions, drills', async () => {
    const drills = await startTreeDrills(client, emu);
    const explorer = new ReplicationExplorer({ localiser: ENGLISH, now: () => emu.at(0) });
    explorer.setSource(client, [...TREE_REGIONS]);
    await explorer.loadAll();
    await walk(explorer); // loads every drill list; the second walk sees the settled tree
    assert.deepEqual((await walk(explorer)).map(formatTreeLine), expectedTree(drills));
  });

  it('holds one record of a pair listed in its two regions, and each region still shows its own Site', async () => {
    const explorer = new ReplicationExplorer({ localiser: ENGLISH, now: () => emu.at(0) });
    explorer.setSource(client, [...TREE_REGIONS]);
    await explorer.loadAll();
    const primary = explorer.pair('cn-hangzhou', 'pair-tree-ord1');
    assert.ok(primary);
    assert.equal(explorer.pair('cn-shanghai', 'pair-tree-ord1'), primary, 'the secondary region holds the same record');
    const siteRow = (regionId: string): string | undefined =>
      explorer
        .tooltip(explorer.pairRef(regionId, 'pair-tree-ord1'))
        ?.split('\n')
        .find((line) => line.startsWith('| Site |'));
    assert.equal(siteRow('cn-hangzhou'), '| Site | Production site \\(production\\) |');
    assert.equal(siteRow('cn-shanghai'), '| Site | DR site \\(backup\\) |');

    // A pair reloaded in one region is the asked region's record; the other keeps the Site its listing gave.
    await explorer.refreshPair('cn-shanghai', 'pair-tree-ord1');
    assert.equal(explorer.pair('cn-hangzhou', 'pair-tree-ord1'), explorer.pair('cn-shanghai', 'pair-tree-ord1'));
    assert.equal(siteRow('cn-hangzhou'), '| Site | Production site \\(production\\) |');
    assert.equal(siteRow('cn-shanghai'), '| Site | DR site \\(backup\\) |');
    await explorer.refreshRegion('cn-hangzhou');
    assert.equal(siteRow('cn-hangzhou'), '| Site | Production site \\(production\\) |');
    assert.equal(siteRow('cn-shanghai'), '| Site | DR site \\(backup\\) |');
  });
});
