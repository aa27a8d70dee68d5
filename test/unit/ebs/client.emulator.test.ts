import * as assert from 'node:assert/strict';
import { EbsClient } from '../../../src/ebs/client';
import { EbsError } from '../../../src/ebs/errors';
import { isDrillTerminal, isKnownPairStatus } from '../../../src/ebs/types';
import { DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN, generateScenario } from '../../emulator';
import { loadInventory } from '../../../src/ebs/inventory';
import { useEmulator } from './emulatorFixture';

describe('ebs/client against the emulator: operations', function () {
  const fx = useEmulator();

  it('describeRegions returns regions with zones (signed ACS3 requests verify)', async () => {
    const regions = await fx.client().describeRegions({ resourceType: 'ear', acceptLanguage: 'en-US' });
    assert.ok(regions.length > 3);
    const hz = regions.find((r) => r.regionId === 'cn-hangzhou');
    assert.ok(hz);
    assert.ok(hz.zones.length > 0);
    assert.ok(hz.zones.every((z) => z.resourceTypes.includes('ear')));
    const [log] = await fx.emulator.admin.requests();
    assert.equal(log?.signatureMethod?.startsWith('ACS3'), true, JSON.stringify(log));
    assert.equal(log?.params.ResourceType, 'ear');
    assert.equal(log?.params.AcceptLanguage, 'en-US');
  });

  it('listReplicaPairs maps pairs, with filters, using MaxResults=500', async () => {
    const client = fx.client();
    const pairs = await client.listReplicaPairs('cn-shanghai');
    const web = pairs.find((p) => p.pairId === 'pair-demo-web01');
    assert.ok(web);
    assert.equal(web.sourceRegionId, 'cn-hangzhou');
    assert.equal(web.destinationRegionId, 'cn-shanghai');
    assert.equal(web.status, 'normal');
    assert.equal(typeof web.lastRecoverPoint, 'number');
    assert.equal(web.createdAt, Date.parse('2025-06-01T00:00:00.000Z'));
    assert.ok(pairs.every((p) => isKnownPairStatus(p.status)));
    const filtered = await client.listReplicaPairs('cn-shanghai', { pairIds: ['pair-demo-web01', 'pair-demo-log01'] });
    assert.deepEqual(filtered.map((p) => p.pairId).sort(), ['pair-demo-log01', 'pair-demo-web01']);
    const inGroup = await client.listReplicaPairs('cn-hangzhou', { groupId: 'pg-demo-orders' });
    assert.deepEqual(inGroup.map((p) => p.pairId).sort(), ['pair-demo-orders01', 'pair-demo-orders02']);
    const requests = await fx.emulator.admin.requests();
    assert.ok(requests.every((r) => r.params.MaxResults === '500'));
  });

  it('listReplicaGroups maps groups and their pair IDs', async () => {
    const groups = await fx.client().listReplicaGroups('cn-shanghai');
    const orders = groups.find((g) => g.groupId === 'pg-demo-orders');
    assert.ok(orders);
    assert.equal(orders.sourceRegionId, 'cn-hangzhou');
    assert.equal(orders.destinationRegionId, 'cn-shanghai');
    assert.deepEqual([...orders.pairIds].sort(), ['pair-demo-orders01', 'pair-demo-orders02']);
    const one = await fx.client().listReplicaGroups('cn-hangzhou', { groupIds: ['pg-demo-orders'] });
    assert.deepEqual(one.map((g) => g.groupId), ['pg-demo-orders']);
  });

  it('pair drill lifecycle: start, describe, clear', async () => {
    const client = fx.client();
    const { drillId, requestId } = await client.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01', clientToken: 'tok-pair-1' });
    assert.match(drillId, /^drill-/);
    assert.ok(requestId);
    let drills = await client.describePairDrills('cn-shanghai', 'pair-demo-web01');
    assert.equal(drills.length, 1);
    assert.equal(drills[0]?.drillId, drillId);
    assert.equal(drills[0]?.status, 'executing');
    assert.equal(drills[0]?.pairId, 'pair-demo-web01');
    assert.ok(drills[0]?.startedAt instanceof Date);
    await fx.emulator.admin.advance(60);
    drills = await client.describePairDrills('cn-shanghai', 'pair-demo-web01', { drillId });
    assert.equal(drills[0]?.status, 'executed');
    assert.ok(drills[0] && isDrillTerminal(drills[0].status));
    assert.ok(drills[0]?.drillDiskId);
    assert.ok(drills[0]?.recoverPoint instanceof Date);
    const cleared = await client.clearPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01', drillId });
    assert.ok(cleared.requestId);
    drills = await client.describePairDrills('cn-shanghai', 'pair-demo-web01');
    assert.equal(drills[0]?.status, 'clearing');
    await fx.emulator.admin.advance(60);
    assert.deepEqual(await client.describePairDrills('cn-shanghai', 'pair-demo-web01'), []);
    const start = (await fx.emulator.admin.requests()).find((r) => r.action === 'StartPairDrill');
    assert.equal(start?.params.ClientToken, 'tok-pair-1');
  });

  it('group drill lifecycle: start, describe, clear', async () => {
    const client = fx.client();
    const { drillId } = await client.startReplicaGroupDrill({ regionId: 'cn-shanghai', groupId: 'pg-demo-orders' });
    assert.match(drillId, /^pg-drill-/);
    await fx.emulator.admin.advance(60);
    const drills = await client.describeReplicaGroupDrills('cn-shanghai', 'pg-demo-orders');
    assert.equal(drills.length, 1);
    const d = drills[0];
    assert.ok(d);
    assert.equal(d.drillId, drillId);
    assert.equal(d.groupId, 'pg-demo-orders');
    assert.equal(d.status, 'executed');
    assert.deepEqual(d.pairs.map((p) => p.pairId).sort(), ['pair-demo-orders01', 'pair-demo-orders02']);
    assert.ok(d.pairs.every((p) => p.drillDiskId !== undefined));
    await client.clearReplicaGroupDrill({ regionId: 'cn-shanghai', groupId: 'pg-demo-orders', drillId });
    await fx.emulator.admin.advance(60);
    assert.deepEqual(await client.describeReplicaGroupDrills('cn-shanghai', 'pg-demo-orders'), []);
    const start = (await fx.emulator.admin.requests()).find((r) => r.action === 'StartReplicaGroupDrill');
    assert.ok(start?.params.ClientToken && start.params.ClientToken.length <= 64, 'a generated ClientToken is sent');
  });

  it('describeReplicaPairProgress returns progress and recover point', async () => {
    const progress = await fx.client().describeReplicaPairProgress('cn-hangzhou', 'pair-demo-web01');
    assert.equal(progress.pairId, 'pair-demo-web01');
    assert.equal(typeof progress.progress, 'number');
    assert.ok(progress.recoverPoint instanceof Date);
    assert.ok(progress.requestId);
  });

  it('works with STS credentials (security token signed and accepted)', async () => {
    const sts = fx.client({ credentials: { accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN } });
    const pairs = await sts.listReplicaPairs('cn-hangzhou');
    assert.ok(pairs.length > 0);
  });

  it('logs one record per attempt without secrets', async () => {
    const client = fx.client();
    await client.listReplicaPairs('cn-hangzhou');
    await assert.rejects(client.startPairDrill({ regionId: 'cn-hangzhou', pairId: 'pair-demo-web01' }));
    assert.equal(fx.records.length, 2);
    const [ok, failed] = fx.records;
    assert.equal(ok?.action, 'DescribeDiskReplicaPairs');
    assert.equal(ok?.regionId, 'cn-hangzhou');
    assert.equal(ok?.attempt, 1);
    assert.equal(ok?.httpStatus, 200);
    assert.ok(ok?.requestId);
    assert.ok(typeof ok?.durationMs === 'number');
    assert.equal(failed?.errorCode, 'OperationDenied.StartDrillShouldOnDestRegion');
    assert.equal(failed?.httpStatus, 403);
    assert.equal(failed?.willRetry, false);
    const text = JSON.stringify(fx.records);
    for (const secret of ['EBSDRSandboxSecret', 'Signature', 'ACS3', DEMO_STS_TOKEN]) assert.ok(!text.includes(secret), secret);
  });

  it('rejects a non-loopback http endpoint template with ConfigurationError before any request', async () => {
    const client = fx.client({ endpointTemplate: 'http://ebs.{regionId}.example.com' });
    await assert.rejects(client.listReplicaPairs('cn-hangzhou'), (e: EbsError) => e.code === 'ConfigurationError' && !e.retryable);
    assert.deepEqual(await fx.emulator.admin.requests(), []);
    assert.throws(() => new EbsClient({ credentials: { accessKeyId: '', accessKeySecret: 'x' } }), (e: EbsError) => e.code === 'ConfigurationError');
  });
});

describe('ebs/inventory against the emulator', function () {
  const fx = useEmulator({ scenario: generateScenario({ regions: 6, pairsPerRegion: 30, groupsPerRegion: 1 }) });

  it('loads many regions in parallel; a failing region does not spoil the others', async () => {
    const state = await fx.emulator.admin.state();
    const regionIds = [...new Set(state.pairs.map((p) => p.SourceRegion))];
    assert.equal(regionIds.length, 6);
    const broken = regionIds[2] as string;
    await fx.emulator.admin.setFaults([{ action: 'DescribeDiskReplicaPairs', mode: 'error', regionId: broken, status: 403, code: 'Forbidden.Action' }]);
    const result = await loadInventory(fx.client(), regionIds, { concurrency: 2 });
    assert.deepEqual(result.map((r) => r.regionId), regionIds);
    for (const r of result) {
      if (r.regionId === broken) {
        assert.ok(r.status === 'rejected');
        assert.equal(r.error.code, 'Forbidden.Action');
        assert.equal(r.error.regionId, broken);
      } else {
        assert.ok(r.status === 'fulfilled', r.regionId);
        assert.equal(r.pairs.length, 60, r.regionId); // 30 as source + 30 as destination
        assert.equal(r.groups.length, 2, r.regionId);
      }
    }
  });
});

describe('ebs/client against the emulator: paging', function () {
  const fx = useEmulator({ scenario: generateScenario({ regions: 2, pairsPerRegion: 1300, groupsPerRegion: 0 }) });

  it('loads all pages (>= 1,200 pairs) transparently with NextToken and MaxResults=500', async () => {
    const state = await fx.emulator.admin.state();
    const regionId = state.pairs[0]?.SourceRegion;
    assert.ok(regionId);
    const expected = state.pairs.filter((p) => p.SourceRegion === regionId || p.DestinationRegion === regionId).map((p) => p.ReplicaPairId);
    assert.ok(expected.length >= 1200);
    const pairs = await fx.client().listReplicaPairs(regionId);
    assert.equal(pairs.length, expected.length);
    assert.deepEqual(new Set(pairs.map((p) => p.pairId)), new Set(expected));
    const requests = (await fx.emulator.admin.requests()).filter((r) => r.action === 'DescribeDiskReplicaPairs');
    assert.equal(requests.length, Math.ceil(expected.length / 500));
    assert.ok(requests.every((r) => r.params.MaxResults === '500'));
    assert.equal(requests[0]?.params.NextToken, undefined);
    assert.ok(requests.slice(1).every((r) => typeof r.params.NextToken === 'string' && r.params.NextToken !== ''));
  });
});
