import * as assert from 'node:assert/strict';
import { EbsError } from '../../../src/ebs/errors';
import {
  parseDescribeRegions,
  parseGroupDrillsPage,
  parsePairDrillsPage,
  parseReplicaGroupsPage,
  parseReplicaPairProgress,
  parseReplicaPairsPage,
  parseStartDrill,
  unixSecondsToDate,
} from '../../../src/ebs/wire';
import { isDrillTerminal, isKnownPairStatus, isPairFailed, isPairReplicating } from '../../../src/ebs/types';

const unexpected = (e: unknown): boolean => e instanceof EbsError && e.code === 'UnexpectedResponse' && !e.retryable;

describe('ebs/wire', () => {
  it('maps a pair with camelCase names, Dates and unknown status values', () => {
    const [pair] = parseReplicaPairsPage({
      RequestId: 'r',
      NextToken: '',
      ReplicaPairs: [
        {
          ReplicaPairId: 'pair-cn-1',
          PairName: 'db',
          Status: 'quantum_syncing',
          SourceRegion: 'cn-hangzhou',
          SourceZoneId: 'cn-hangzhou-h',
          SourceDiskId: 'd-1',
          DestinationRegion: 'cn-shanghai',
          DestinationZoneId: 'cn-shanghai-b',
          DestinationDiskId: 'd-2',
          PrimaryRegion: 'cn-hangzhou',
          StandbyRegion: 'cn-shanghai',
          RPO: 900,
          Bandwidth: '10240',
          LastRecoverPoint: 1767225600,
          CreateTime: '1767225000',
          ExpiredTime: 0,
          ReplicaGroupId: '',
          Tags: [{ TagKey: 'k', TagValue: 'v' }],
          EnableRtc: 'false',
        },
      ],
    });
    assert.ok(pair);
    assert.equal(pair.pairId, 'pair-cn-1');
    assert.equal(pair.status, 'quantum_syncing');
    assert.equal(isKnownPairStatus(pair.status), false);
    assert.equal(pair.sourceRegionId, 'cn-hangzhou');
    assert.equal(pair.destinationDiskId, 'd-2');
    assert.equal(pair.bandwidthKbps, 10240);
    assert.equal(pair.lastRecoverPoint, Date.parse('2026-01-01T00:00:00Z'));
    assert.equal(pair.createdAt, 1767225000_000);
    assert.equal(pair.expiresAt, undefined);
    assert.equal(pair.groupId, undefined);
    assert.deepEqual(pair.tags, [{ key: 'k', value: 'v' }]);
    assert.equal(pair.enableRtc, false);
  });

  it('maps groups (splitting comma-joined PairIds), drills, progress and regions', () => {
    const [g] = parseReplicaGroupsPage({
      RequestId: 'r',
      ReplicaGroups: [{ ReplicaGroupId: 'pg-1', Status: 'normal', PairIds: ['pair-a,pair-b', 'pair-c'], PairNumber: 3, SourceRegionId: 'x' }],
    });
    assert.deepEqual(g?.pairIds, ['pair-a', 'pair-b', 'pair-c']);
    assert.equal(g?.sourceRegionId, 'x');
    const [d] = parsePairDrillsPage({ RequestId: 'r', Drills: [{ DrillId: 'drill-1', Status: 'executed', StartAt: 1767225610, RecoverPoint: 1767225605, DrillDiskId: 'd-9' }] }, 'pair-a');
    assert.equal(d?.pairId, 'pair-a');
    assert.equal(d?.startedAt?.getTime(), 1767225610_000);
    assert.equal(d && isDrillTerminal(d.status), true);
    const [gd] = parseGroupDrillsPage(
      { RequestId: 'r', Drills: [{ DrillId: 'pg-drill-1', Status: 'executing', PairsInfo: [{ PairId: 'pair-a', DrillDiskId: 'd-1', DrillDiskStatus: 'creating' }] }] },
      'pg-1',
    );
    assert.equal(gd?.groupId, 'pg-1');
    assert.deepEqual(gd?.pairs, [{ pairId: 'pair-a', drillDiskId: 'd-1', drillDiskStatus: 'creating' }]);
    assert.deepEqual(parseReplicaPairProgress({ RequestId: 'r', Progress: 42 }, 'pair-a'), { pairId: 'pair-a', requestId: 'r', progress: 42 });
    const [region] = parseDescribeRegions({
      RequestId: 'r',
      Regions: [{ RegionId: 'cn-hangzhou', LocalName: 'Hangzhou', RegionEndpoint: 'ebs.cn-hangzhou.aliyuncs.com', Zones: [{ ZoneId: 'z', ResourceTypes: ['ear'] }] }],
    });
    assert.deepEqual(region, { regionId: 'cn-hangzhou', localName: 'Hangzhou', endpoint: 'ebs.cn-hangzhou.aliyuncs.com', zones: [{ zoneId: 'z', localName: '', resourceTypes: ['ear'] }] });
  });

  it('turns bodies that lack expected fields into UnexpectedResponse', () => {
    assert.throws(() => parseStartDrill({ RequestId: 'r' }, 'StartPairDrill'), unexpected);
    assert.throws(() => parseStartDrill({ DrillId: 'drill-1' }, 'StartPairDrill'), unexpected);
    assert.throws(() => parseReplicaPairsPage({ RequestId: 'r' }), unexpected);
    assert.throws(() => parseReplicaPairsPage({ RequestId: 'r', ReplicaPairs: [{ Status: 'normal' }] }), unexpected);
    assert.throws(() => parseReplicaPairsPage({ RequestId: 'r', ReplicaPairs: {} }), unexpected);
    assert.throws(() => parseDescribeRegions([]), unexpected);
    assert.deepEqual(parsePairDrillsPage({ RequestId: 'r', Drills: null }, 'p'), []);
    assert.deepEqual(parseStartDrill({ RequestId: 'r', DrillId: 'drill-1' }, 'x'), { requestId: 'r', drillId: 'drill-1' });
  });

  it('converts Unix seconds at the edge', () => {
    assert.equal(unixSecondsToDate(0), undefined);
    assert.equal(unixSecondsToDate(null), undefined);
    assert.equal(unixSecondsToDate('abc'), undefined);
    assert.equal(unixSecondsToDate(1767225600)?.toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(unixSecondsToDate('1767225600')?.toISOString(), '2026-01-01T00:00:00.000Z');
    // Implausible instants are unknown: before 2010, milliseconds sent as seconds, more than a day ahead.
    assert.equal(unixSecondsToDate(1), undefined);
    assert.equal(unixSecondsToDate(1262303999), undefined);
    assert.equal(unixSecondsToDate(1767225600_000), undefined);
    assert.equal(unixSecondsToDate(Math.floor(Date.now() / 1000) + 2 * 86400), undefined);
    assert.ok(unixSecondsToDate(Math.floor(Date.now() / 1000) + 3600) instanceof Date, 'an hour of clock skew is fine');
  });

  it('status predicates handle known and unknown values', () => {
    assert.equal(isPairReplicating('normal'), true);
    assert.equal(isPairReplicating('brand_new'), false);
    assert.equal(isPairFailed('stop_failed'), true);
    assert.equal(isPairFailed('invalid'), true);
    assert.equal(isPairFailed('brand_new_failed'), false);
    assert.equal(isDrillTerminal('something'), false);
  });
});

describe('ebs/wire: pairs and groups share one reader', () => {
  it('reads the shared fields under each kind’s wire names, and no StatusMessage for a group', () => {
    const shared = { Description: 'd', Status: 'invalid', StatusMessage: 'DeviceRemoved', SourceZoneId: 'sz', DestinationZoneId: 'dz', PrimaryRegion: 'p', PrimaryZone: 'pz', StandbyRegion: 's', StandbyZone: 'szz', RPO: '900', Bandwidth: 0, LastRecoverPoint: 1767225100, Site: 'backup', ResourceGroupId: 'rg-1', EnableRtc: true, Tags: [{ TagKey: 'k', TagValue: 'v' }] };
    const [pair] = parseReplicaPairsPage({ RequestId: 'r', ReplicaPairs: [{ ...shared, ReplicaPairId: 'pair-1', PairName: 'n', SourceRegion: 'a', DestinationRegion: 'b' }] });
    const [group] = parseReplicaGroupsPage({ RequestId: 'r', ReplicaGroups: [{ ...shared, ReplicaGroupId: 'pg-1', GroupName: 'n', SourceRegionId: 'a', DestinationRegionId: 'b' }] });
    const common = { name: 'n', description: 'd', status: 'invalid', sourceRegionId: 'a', sourceZoneId: 'sz', destinationRegionId: 'b', destinationZoneId: 'dz', primaryRegionId: 'p', primaryZoneId: 'pz', standbyRegionId: 's', standbyZoneId: 'szz', rpoSeconds: 900, bandwidthKbps: 0, lastRecoverPoint: 1767225100_000, site: 'backup', resourceGroupId: 'rg-1', enableRtc: true, tags: [{ key: 'k', value: 'v' }] };
    assert.deepEqual(pair, { ...common, pairId: 'pair-1', sourceDiskId: '', destinationDiskId: '', statusMessage: 'DeviceRemoved' });
    assert.deepEqual(group, { ...common, groupId: 'pg-1', pairIds: [] });
  });

  it('reads the shared drill fields of both kinds', () => {
    const shared = { DrillId: 'x', Status: 'execute_failed', StatusMessage: 'SYNCPOINT_NOT_FOUND', StartAt: 1767225610, RecoverPoint: 1767225605 };
    const common = { drillId: 'x', status: 'execute_failed', statusMessage: 'SYNCPOINT_NOT_FOUND', startedAt: new Date(1767225610_000), recoverPoint: new Date(1767225605_000) };
    assert.deepEqual(parsePairDrillsPage({ RequestId: 'r', Drills: [shared] }, 'pair-1'), [{ ...common, pairId: 'pair-1' }]);
    assert.deepEqual(parseGroupDrillsPage({ RequestId: 'r', Drills: [shared] }, 'pg-1'), [{ ...common, groupId: 'pg-1', pairs: [] }]);
    assert.throws(() => parseGroupDrillsPage({ RequestId: 'r', Drills: [{ Status: 'executed' }] }, 'pg-1'), unexpected);
  });
});
