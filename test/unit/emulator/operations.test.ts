// Every operation through the real SDK, in both signature modes.
import * as assert from 'node:assert/strict';
import type OpenApi from '@alicloud/openapi-client';
import { startEmulator } from '../../emulator/index';
import type { RunningEmulator } from '../../emulator/index';
import { call, callError, makeClient, MODES, setSdkClockOffset, syncSdkClock } from './helpers';
import { LRP, OPS_SCENARIO, T0 } from './scenarios';

type Rec = Record<string, unknown>;
const ids = (list: unknown, key = 'ReplicaPairId'): string[] => (list as Rec[]).map((r) => String(r[key]));

for (const mode of MODES) {
  describe(`operations (${mode})`, () => {
    let emu: RunningEmulator;
    let client: OpenApi;
    const advance = async (seconds: number): Promise<void> => {
      await emu.admin.advance(seconds);
      await syncSdkClock(emu.admin);
    };
    beforeEach(async () => {
      emu = await startEmulator({ scenario: OPS_SCENARIO, now: T0, speed: 0 });
      await syncSdkClock(emu.admin);
      client = makeClient(emu.endpoint, { mode });
    });
    afterEach(async () => {
      setSdkClockOffset(0);
      await emu.close();
    });

    describe('DescribeRegions', () => {
      it('lists the catalogue with zones, endpoints and resource types; filters by ResourceType', async () => {
        const all = (await call(client, 'DescribeRegions', { RegionId: 'cn-hangzhou' })).body.Regions as Rec[];
        assert.ok(all.length >= 20);
        const hz = all.find((r) => r.RegionId === 'cn-hangzhou') as Rec;
        assert.equal(hz.RegionEndpoint, 'ebs.cn-hangzhou.aliyuncs.com');
        assert.equal(typeof hz.LocalName, 'string');
        const zones = hz.Zones as Rec[];
        assert.ok(zones.some((z) => (z.ResourceTypes as string[]).includes('ear')));
        const ear = (await call(client, 'DescribeRegions', { ResourceType: 'ear' })).body.Regions as Rec[];
        assert.ok(ear.length < all.length);
        assert.ok(ear.every((r) => (r.Zones as Rec[]).length > 0 && (r.Zones as Rec[]).every((z) => (z.ResourceTypes as string[]).includes('ear'))));
        assert.equal((await callError(client, 'DescribeRegions', { ResourceType: 'disk' })).code, 'InvalidParameter');
      });
    });

    describe('DescribeDiskReplicaPairs', () => {
      it('shows a pair from both of its regions with the site of the caller\'s region', async () => {
        const hz = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', MaxResults: 100 })).body;
        const sh = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai', MaxResults: 100 })).body;
        assert.ok(ids(hz.ReplicaPairs).includes('pair-a-normal'));
        assert.ok(ids(sh.ReplicaPairs).includes('pair-a-normal'));
        assert.ok(!ids(hz.ReplicaPairs).includes('pair-b-far'));
        const inHz = (hz.ReplicaPairs as Rec[]).find((p) => p.ReplicaPairId === 'pair-a-normal') as Rec;
        const inSh = (sh.ReplicaPairs as Rec[]).find((p) => p.ReplicaPairId === 'pair-a-normal') as Rec;
        assert.equal(inHz.Site, 'production');
        assert.equal(inSh.Site, 'backup');
        assert.equal(inHz.Status, 'normal');
        assert.equal(inHz.LastRecoverPoint, LRP);
        assert.equal(inHz.RPO, 900);
        assert.equal(typeof inHz.CreateTime, 'number');
        assert.equal(inHz.SourceRegion, 'cn-hangzhou');
        assert.equal(inHz.DestinationRegion, 'cn-shanghai');
        assert.match(String(inHz.SourceDiskId), /^d-/);
        assert.deepEqual(inHz.Tags, [{ TagKey: 'env', TagValue: 'prod' }]);
        assert.equal(typeof hz.RequestId, 'string');
        assert.equal(hz.TotalCount, (hz.ReplicaPairs as unknown[]).length);
        const created = (hz.ReplicaPairs as Rec[]).find((p) => p.ReplicaPairId === 'pair-a-created') as Rec;
        assert.equal('LastRecoverPoint' in created, false);
      });

      it('filters by Site, PairIds, ReplicaGroupId, Name and tags', async () => {
        const q = async (extra: Rec): Promise<string[]> => ids((await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', MaxResults: 100, ...extra })).body.ReplicaPairs);
        const production = await q({ Site: 'production' });
        assert.ok(production.includes('pair-a-normal') && !production.includes('pair-a-sync'));
        const backup = await q({ Site: 'backup' });
        assert.deepEqual(backup.sort(), ['pair-a-local', 'pair-a-sync']);
        assert.deepEqual(await q({ PairIds: 'pair-a-normal,pair-a-sync,pair-nonexistent' }), ['pair-a-normal', 'pair-a-sync']);
        assert.deepEqual(await q({ ReplicaGroupId: 'pg-a' }), ['pair-a-g1', 'pair-a-g2']);
        assert.ok(!(await q({ ReplicaGroupId: '-' })).some((id) => id.startsWith('pair-a-g')));
        assert.deepEqual(await q({ Name: 'ALP' }), ['pair-a-normal']);
        assert.deepEqual(await q({ 'Tag.1.Key': 'env', 'Tag.1.Value': 'prod' }), ['pair-a-normal']);
        const grouped = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', PairIds: 'pair-a-g1' })).body.ReplicaPairs as Rec[];
        assert.equal(grouped[0].ReplicaGroupId, 'pg-a');
        assert.equal(grouped[0].ReplicaGroupName, 'group-a');
      });

      it('validates its parameters', async () => {
        assert.equal((await callError(client, 'DescribeDiskReplicaPairs', {})).code, 'MissingParameter');
        assert.equal((await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'xx-nowhere' })).code, 'InvalidParameter');
        assert.equal((await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', Site: 'both' })).code, 'InvalidParameter');
        assert.equal((await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', PairIds: 'd-123' })).code, 'InvalidParameter.Format');
        const many = Array.from({ length: 101 }, (_, i) => `pair-x${i}`).join(',');
        assert.equal((await callError(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', PairIds: many })).code, 'InvalidParameter');
      });

      it('advances LastRecoverPoint of syncing pairs every RPO, not of stopped ones', async () => {
        const list = async (): Promise<Rec[]> => (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou', MaxResults: 100 })).body.ReplicaPairs as Rec[];
        // The same page asked before the clock moves (rendered pages are kept while their pairs stay the same).
        assert.equal((await list()).find((p) => p.ReplicaPairId === 'pair-a-normal')?.LastRecoverPoint, LRP);
        await advance(1800);
        const pairs = await list();
        const get = (id: string): Rec => pairs.find((p) => p.ReplicaPairId === id) as Rec;
        assert.equal(get('pair-a-normal').LastRecoverPoint, LRP + 1800);
        assert.equal(get('pair-a-sync').LastRecoverPoint, LRP + 1800);
        assert.equal(get('pair-a-stopped').LastRecoverPoint, LRP);
      });
    });

    describe('DescribeDiskReplicaGroups', () => {
      it('lists groups from both regions with PairIds as a string array', async () => {
        const hz = (await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-hangzhou', MaxResults: 100 })).body;
        const group = (hz.ReplicaGroups as Rec[]).find((g) => g.ReplicaGroupId === 'pg-a') as Rec;
        assert.deepEqual(group.PairIds, ['pair-a-g1', 'pair-a-g2']);
        assert.equal(group.PairNumber, 2);
        assert.equal(group.Site, 'production');
        assert.equal(group.SourceRegionId, 'cn-hangzhou');
        assert.equal(group.DestinationRegionId, 'cn-shanghai');
        const sh = (await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-shanghai', GroupIds: 'pg-a' })).body.ReplicaGroups as Rec[];
        assert.deepEqual(ids(sh, 'ReplicaGroupId'), ['pg-a']);
        assert.equal(sh[0].Site, 'backup');
        assert.deepEqual(ids((await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-shanghai', Site: 'production' })).body.ReplicaGroups, 'ReplicaGroupId'), []);
        assert.deepEqual(ids((await call(client, 'DescribeDiskReplicaGroups', { RegionId: 'cn-beijing' })).body.ReplicaGroups, 'ReplicaGroupId'), []);
      });
    });

    describe('pair drills', () => {
      it('runs a drill: executing → executed, clear → clearing → gone', async () => {
        const { DrillId } = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal' })).body as { DrillId: string };
        assert.match(DrillId, /^drill-[a-z0-9]+$/);
        const list = async (region = 'cn-shanghai'): Promise<Rec[]> => (await call(client, 'DescribePairDrills', { RegionId: region, PairId: 'pair-a-normal' })).body.Drills as Rec[];
        let drills = await list();
        assert.equal(drills.length, 1);
        assert.equal(drills[0].Status, 'executing');
        assert.equal(drills[0].DrillDiskStatus, 'creating');
        assert.equal(drills[0].RecoverPoint, LRP);
        assert.equal(drills[0].StartAt, Date.parse(T0) / 1000);
        assert.match(String(drills[0].DrillDiskId), /^d-/);
        assert.equal((await callError(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', DrillId })).code, 'OperationDenied.InvalidStatus');
        await advance(30);
        drills = await list('cn-hangzhou');
        assert.equal(drills[0].Status, 'executed');
        assert.equal(drills[0].DrillDiskStatus, 'created');
        await call(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', DrillId });
        drills = await list();
        assert.equal(drills[0].Status, 'clearing');
        assert.equal(drills[0].DrillDiskStatus, 'deleting');
        await call(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', DrillId });
        await advance(10);
        assert.deepEqual(await list(), []);
        assert.equal((await callError(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', DrillId })).code, 'NoSuchResource');
      });

      it('lists drills newest first, filters by DrillId and checks the region', async () => {
        const a = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal' })).body.DrillId;
        await advance(1);
        const b = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal' })).body.DrillId;
        const all = (await call(client, 'DescribePairDrills', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal' })).body;
        assert.deepEqual(ids(all.Drills, 'DrillId'), [b, a]);
        assert.equal(all.TotalCount, 2);
        const one = (await call(client, 'DescribePairDrills', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', DrillId: String(a) })).body;
        assert.deepEqual(ids(one.Drills, 'DrillId'), [a]);
        assert.equal((await callError(client, 'DescribePairDrills', { RegionId: 'cn-beijing', PairId: 'pair-a-normal' })).code, 'NoSuchResource');
        assert.equal((await callError(client, 'DescribePairDrills', { RegionId: 'cn-shanghai', PairId: 'pair-nope' })).code, 'NoSuchResource');
        assert.equal((await callError(client, 'DescribePairDrills', { RegionId: 'cn-shanghai' })).code, 'MissingParameter');
        assert.equal((await callError(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal' })).code, 'MissingParameter');
        assert.equal((await callError(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-a-normal', DrillId: 'pg-drill-x' })).code, 'InvalidParameter.Format');
      });
    });

    describe('replica group drills', () => {
      it('runs a group drill with one drill disk per pair', async () => {
        const { DrillId } = (await call(client, 'StartReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-a' })).body as { DrillId: string };
        assert.match(DrillId, /^pg-drill-/);
        const list = async (): Promise<Rec[]> => (await call(client, 'DescribeReplicaGroupDrills', { RegionId: 'cn-shanghai', GroupId: 'pg-a' })).body.Drills as Rec[];
        let drills = await list();
        assert.equal(drills[0].Status, 'executing');
        assert.equal(drills[0].GroupId, 'pg-a');
        assert.equal(drills[0].RecoverPoint, LRP);
        const info = drills[0].PairsInfo as Rec[];
        assert.deepEqual(ids(info, 'PairId'), ['pair-a-g1', 'pair-a-g2']);
        assert.ok(info.every((p) => p.DrillDiskStatus === 'creating' && /^d-/.test(String(p.DrillDiskId))));
        assert.equal((await callError(client, 'ClearReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-a', DrillId })).code, 'OperationDenied.InvalidStatus');
        await advance(30);
        drills = await list();
        assert.equal(drills[0].Status, 'executed');
        assert.ok((drills[0].PairsInfo as Rec[]).every((p) => p.DrillDiskStatus === 'created'));
        await call(client, 'ClearReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-a', DrillId });
        assert.equal((await list())[0].Status, 'clearing');
        await advance(10);
        assert.deepEqual(await list(), []);
        assert.equal((await callError(client, 'DescribeReplicaGroupDrills', { RegionId: 'cn-beijing', GroupId: 'pg-a' })).code, 'NoSuchResource');
      });
    });

    describe('DescribeDiskReplicaPairProgress', () => {
      it('reports progress and the recovery point', async () => {
        const normal = (await call(client, 'DescribeDiskReplicaPairProgress', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-normal' })).body;
        assert.equal(normal.Progress, 100);
        assert.equal(normal.RecoverPoint, LRP);
        const created = (await call(client, 'DescribeDiskReplicaPairProgress', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-created' })).body;
        assert.equal(created.Progress, 0);
        assert.equal('RecoverPoint' in created, false);
        assert.equal((await callError(client, 'DescribeDiskReplicaPairProgress', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-invalid' })).code, 'OperationDenied.InvalidStatus');
        await call(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-created' });
        await advance(30);
        const half = (await call(client, 'DescribeDiskReplicaPairProgress', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-created' })).body;
        assert.equal(half.Progress, 50);
      });
    });

    describe('pair lifecycle', () => {
      const status = async (id: string): Promise<Rec> =>
        ((await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai', PairIds: id })).body.ReplicaPairs as Rec[])[0];

      it('Start from created: initial_syncing → normal with a first recovery point', async () => {
        assert.deepEqual(Object.keys((await call(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-created' })).body), ['RequestId']);
        assert.equal((await status('pair-a-created')).Status, 'initial_syncing');
        await advance(60);
        const pair = await status('pair-a-created');
        assert.equal(pair.Status, 'normal');
        assert.equal(pair.LastRecoverPoint, Date.parse(T0) / 1000 + 60);
        assert.equal((await callError(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-created' })).code, 'OperationDenied.InvalidStatus');
      });

      it('Stop: stopping → stopped; stopping a stopped pair is denied', async () => {
        await call(client, 'StopDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-normal' });
        assert.equal((await status('pair-a-normal')).Status, 'stopping');
        await advance(5);
        assert.equal((await status('pair-a-normal')).Status, 'stopped');
        const err = await callError(client, 'StopDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-normal' });
        assert.equal(err.code, 'OperationDenied.InvalidStatus');
        assert.equal(err.statusCode, 403);
      });

      it('Start from stopped: syncing → normal; OneShot: manual_syncing → stopped, limited to one per RPO/2', async () => {
        await call(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-stopped', OneShot: true });
        assert.equal((await status('pair-a-stopped')).Status, 'manual_syncing');
        await advance(60);
        assert.equal((await status('pair-a-stopped')).Status, 'stopped');
        assert.equal((await callError(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-stopped', OneShot: true })).code, 'OperationDenied.ManualSyncLimit');
        await call(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-stopped', OneShot: false });
        assert.equal((await status('pair-a-stopped')).Status, 'syncing');
        await advance(60);
        assert.equal((await status('pair-a-stopped')).Status, 'normal');
        assert.equal((await callError(client, 'StartDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-stopped', OneShot: 'yes' })).code, 'InvalidParameter');
      });

      it('Failover on the secondary: failovering → failovered; denied on the primary and for invalid pairs', async () => {
        assert.equal((await callError(client, 'FailoverDiskReplicaPair', { RegionId: 'cn-hangzhou', ReplicaPairId: 'pair-a-normal' })).code, 'OperationDenied.OperateNotAllowedForPrimary');
        assert.equal((await callError(client, 'FailoverDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-invalid' })).code, 'OperationDenied.InvalidStatus');
        assert.equal((await callError(client, 'FailoverDiskReplicaPair', { RegionId: 'cn-beijing', ReplicaPairId: 'pair-a-normal' })).code, 'NoSuchResource');
        await call(client, 'FailoverDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-normal' });
        assert.equal((await status('pair-a-normal')).Status, 'failovering');
        await advance(5);
        assert.equal((await status('pair-a-normal')).Status, 'failovered');
      });

      it('Reprotect: only from failovered; reverses the direction and settles in stopped', async () => {
        assert.equal((await callError(client, 'ReprotectDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-normal' })).code, 'OperationDenied.InvalidStatus');
        await call(client, 'ReprotectDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-fo' });
        assert.equal((await status('pair-a-fo')).Status, 'reprotecting');
        await advance(5);
        const pair = await status('pair-a-fo');
        assert.equal(pair.Status, 'stopped');
        assert.equal(pair.SourceRegion, 'cn-shanghai');
        assert.equal(pair.DestinationRegion, 'cn-hangzhou');
        assert.equal(pair.PrimaryRegion, 'cn-hangzhou');
        assert.equal(pair.Site, 'production');
      });

      it('Reprotect with ReverseReplicate=false keeps the original direction', async () => {
        await call(client, 'ReprotectDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-a-fo', ReverseReplicate: false });
        await advance(5);
        const pair = await status('pair-a-fo');
        assert.equal(pair.Status, 'stopped');
        assert.equal(pair.SourceRegion, 'cn-hangzhou');
      });
    });
  });
}
