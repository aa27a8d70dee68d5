// The drill freshness in the Replication tree (the port the drill evidence implements): the row's description part,
// its tooltip rows, the overdue icon colour, a region's overdue count, and the rows redrawing when the port fires.
import * as assert from 'node:assert/strict';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../../../src/ebs/types';
import { ReplicationExplorer, type ExplorerClient } from '../../../src/replication/explorer';
import {
  freshnessDescription,
  freshnessIcon,
  freshnessTooltipRows,
  NO_DRILL_FRESHNESS,
  OVERDUE_COLOR,
  type DrillFreshness,
  type FreshnessOwner,
  type OwnerFreshness,
} from '../../../src/replication/freshness';
import { groupDescription, groupTooltipRows } from '../../../src/replication/nodes/group';
import { pairDescription, pairTooltipRows } from '../../../src/replication/nodes/pair';
import { shapeRegion } from '../../../src/replication/regionContents';
import { regionSummaryText, summarise, summariseRegion } from '../../../src/replication/regionSummary';
import { HEALTH_ICONS } from '../../../src/replication/status';
import { ENGLISH as l } from '../../../src/replication/text';
import { Emitter } from '../../../src/shared/events';
import { formatLocalDateTime } from '../../../src/shared/format';
import { NOW, samplePair } from '../support/samples';

const DAY = 86_400_000;
/** 12 days and 23 hours ago: still "12 d ago" (ages round down). */
const TWELVE_DAYS_AGO = NOW.getTime() - 12 * DAY - 23 * 3_600_000;

function sampleGroup(overrides: Partial<ReplicaGroup> = {}): ReplicaGroup {
  return {
    groupId: 'pg-1', name: 'orders', description: '', status: 'normal', sourceRegionId: 'cn-hangzhou', sourceZoneId: 'cn-hangzhou-h',
    destinationRegionId: 'cn-shanghai', destinationZoneId: 'cn-shanghai-e', primaryRegionId: 'cn-hangzhou', primaryZoneId: 'cn-hangzhou-h',
    standbyRegionId: 'cn-shanghai', standbyZoneId: 'cn-shanghai-e', pairIds: [], tags: [], ...overrides,
  };
}

/** A freshness port the test drives: answers from a map, fires on demand. */
class FakeFreshness implements DrillFreshness {
  readonly byId = new Map<string, OwnerFreshness>();
  readonly asked: FreshnessOwner[] = [];
  private readonly changes = new Emitter<void>();
  listeners = 0;
  of(owner: FreshnessOwner): OwnerFreshness | undefined {
    this.asked.push(owner);
    return this.byId.get(`${owner.kind}:${owner.id}`);
  }
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners++;
    const subscription = this.changes.event(listener);
    return { dispose: () => (this.listeners--, subscription.dispose()) };
  }
  fire(): void {
    this.changes.fire();
  }
}

class OneRegionApi implements ExplorerClient {
  constructor(
    private readonly pairs: ReplicaPair[],
    private readonly groups: ReplicaGroup[] = [],
  ) {}
  async listReplicaPairs(): Promise<ReplicaPair[]> {
    return this.pairs;
  }
  async listReplicaGroups(): Promise<ReplicaGroup[]> {
    return this.groups;
  }
  async describePairDrills(): Promise<PairDrill[]> {
    return [];
  }
  async describeReplicaGroupDrills(): Promise<GroupDrill[]> {
    return [];
  }
}

describe('replication/freshness', () => {
  it('describes the last successful drill with the one age rounding, or that there was none, or nothing when not known', () => {
    assert.equal(freshnessDescription(l, { lastDrilledAt: TWELVE_DAYS_AGO, overdue: false, intervalDays: 30 }, NOW), 'drilled 12 d ago');
    assert.equal(freshnessDescription(l, { lastDrilledAt: NOW.getTime() - 59_600, overdue: false, intervalDays: 30 }, NOW), 'drilled just now');
    assert.equal(freshnessDescription(l, { overdue: true, intervalDays: 30 }, NOW), 'never drilled');
    assert.equal(freshnessDescription(l, { overdue: false, intervalDays: 0 }, NOW), 'never drilled');
    assert.equal(freshnessDescription(l, undefined, NOW), undefined);
    assert.equal(NO_DRILL_FRESHNESS.of({ kind: 'pair', id: 'pair-cn-1', name: 'web-01' }), undefined);
  });

  it('puts the part after the recovery-point age of pair and group rows, and adds nothing when not known', () => {
    const pair = samplePair();
    const fresh = { lastDrilledAt: TWELVE_DAYS_AGO, overdue: false, intervalDays: 30 };
    assert.equal(pairDescription(l, pair, 'cn-hangzhou', NOW, fresh), 'Normal · RP 4 min ago · → cn-shanghai · drilled 12 d ago');
    assert.equal(pairDescription(l, pair, 'cn-hangzhou', NOW, undefined), 'Normal · RP 4 min ago · → cn-shanghai');
    const group = sampleGroup({ lastRecoverPoint: NOW.getTime() - 240_000 });
    assert.equal(groupDescription(l, group, 'cn-hangzhou', 3, NOW, { overdue: true, intervalDays: 30 }), 'Normal · RP 4 min ago · → cn-shanghai · never drilled · 3 pairs');
    assert.equal(groupDescription(l, group, 'cn-hangzhou', 3, NOW), 'Normal · RP 4 min ago · → cn-shanghai · 3 pairs');
  });

  it('colours an overdue icon with the warning colour unless it already shows the failure colour', () => {
    const overdue = { overdue: true, intervalDays: 30 };
    assert.equal(OVERDUE_COLOR, 'list.warningForeground');
    assert.deepEqual(freshnessIcon(HEALTH_ICONS.healthy, overdue), { id: 'pass-filled', color: 'list.warningForeground' });
    assert.deepEqual(freshnessIcon(HEALTH_ICONS.unknown, overdue), { id: 'question', color: 'list.warningForeground' });
    assert.deepEqual(freshnessIcon(HEALTH_ICONS.stopped, overdue), { id: 'debug-pause', color: 'list.warningForeground' });
    assert.deepEqual(freshnessIcon(HEALTH_ICONS.failed, overdue), { id: 'error', color: 'testing.iconFailed' });
    assert.deepEqual(freshnessIcon(HEALTH_ICONS.healthy, { overdue: false, intervalDays: 30 }), HEALTH_ICONS.healthy);
    assert.deepEqual(freshnessIcon(HEALTH_ICONS.healthy, undefined), HEALTH_ICONS.healthy);
  });

  it('lists the last successful drill, the cadence and why the owner is overdue in the tooltip', () => {
    assert.deepEqual(freshnessTooltipRows(l, { lastDrilledAt: TWELVE_DAYS_AGO, overdue: false, intervalDays: 30 }, NOW), [
      ['Last successful drill', `${formatLocalDateTime(TWELVE_DAYS_AGO)}, 12 d ago`],
      ['Drill cadence', 'every 30 days'],
    ]);
    assert.deepEqual(freshnessTooltipRows(l, { lastDrilledAt: TWELVE_DAYS_AGO, overdue: true, intervalDays: 7 }, NOW), [
      ['Last successful drill', `${formatLocalDateTime(TWELVE_DAYS_AGO)}, 12 d ago`],
      ['Drill cadence', 'every 7 days'],
      ['Overdue', 'last successful drill is older than 7 days'],
    ]);
    assert.deepEqual(freshnessTooltipRows(l, { overdue: true, intervalDays: 1 }, NOW), [
      ['Last successful drill', 'never'],
      ['Drill cadence', 'every day'],
      ['Overdue', 'never drilled'],
    ]);
    assert.deepEqual(freshnessTooltipRows(l, { overdue: false, intervalDays: 0 }, NOW), [
      ['Last successful drill', 'never'],
      ['Drill cadence', 'off'],
    ]);
    assert.deepEqual(freshnessTooltipRows(l, undefined, NOW), []);
  });

  it('adds the rows after the recovery point in pair and group tooltips (none when not known)', () => {
    const pair = samplePair({ createdAt: NOW.getTime() });
    const keys = (rows: [string, string][]): string[] => rows.map(([k]) => k);
    const pairRows = keys(pairTooltipRows(l, pair, 'cn-hangzhou', NOW, { overdue: true, intervalDays: 30 }));
    assert.deepEqual(pairRows.slice(pairRows.indexOf('Recovery point')), ['Recovery point', 'Last successful drill', 'Drill cadence', 'Overdue', 'Created']);
    assert.ok(!keys(pairTooltipRows(l, pair, 'cn-hangzhou', NOW)).includes('Drill cadence'));
    const groupRows = keys(groupTooltipRows(l, sampleGroup(), 'cn-hangzhou', [], NOW, { lastDrilledAt: TWELVE_DAYS_AGO, overdue: false, intervalDays: 30 }));
    assert.deepEqual(groupRows.slice(-3), ['Recovery point', 'Last successful drill', 'Drill cadence']);
  });

  it('counts the overdue pairs and groups of a region, each once, in its summary', () => {
    // 10 pairs (pair-0 and pair-1 in group pg-1, pair-2 returned twice: once per site) and 2 groups: 12 listed.
    const pairs = Array.from({ length: 10 }, (_, i) => samplePair({ pairId: `pair-${i}`, name: `p${i}`, groupId: i < 2 ? 'pg-1' : undefined }));
    const backupRecord = { ...samplePair({ pairId: 'pair-2', name: 'p2' }), site: 'backup' };
    const groups = [sampleGroup({ groupId: 'pg-1', pairIds: ['pair-0', 'pair-1'] }), sampleGroup({ groupId: 'pg-2', name: 'empty' })];
    const contents = shapeRegion('cn-hangzhou', [...pairs, backupRecord], [...groups, groups[0] as ReplicaGroup]);
    const overdueIds = new Set(['pair:pair-0', 'pair:pair-2', 'group:pg-1']);
    const asked: string[] = [];
    const summary = summariseRegion(contents, (owner) => {
      asked.push(`${owner.kind}:${owner.id}`);
      return { overdue: overdueIds.has(`${owner.kind}:${owner.id}`), intervalDays: 30 };
    });
    assert.equal(asked.length, 12, 'each pair and group asked once');
    assert.equal(new Set(asked).size, 12);
    assert.equal(regionSummaryText(l, summary), '10 pairs · 3 of 12 overdue');
    // Nothing overdue, or nothing known: the summary reads as before.
    assert.equal(regionSummaryText(l, summariseRegion(contents, () => ({ overdue: false, intervalDays: 30 }))), '10 pairs');
    assert.equal(regionSummaryText(l, summariseRegion(contents, () => undefined)), regionSummaryText(l, summarise([...contents.pairs.values()], 2)));
    const failed = shapeRegion('cn-hangzhou', [samplePair({ status: 'invalid' })], []);
    assert.equal(regionSummaryText(l, summariseRegion(failed, () => ({ overdue: true, intervalDays: 30 }))), '1 pair · 1 failed · 1 of 1 overdue');
  });
});

describe('replication/explorer with the drill freshness', () => {
  it('redraws the rows when the port fires: the pair\'s description and icon change, its node stays the same', async () => {
    const explorer = new ReplicationExplorer({ localiser: l, now: () => NOW });
    explorer.setSource(new OneRegionApi([samplePair()]), ['cn-hangzhou']);
    const region = explorer.regionRef('cn-hangzhou');
    const [pair] = await explorer.children(region);
    assert.ok(pair);
    assert.equal(explorer.present(pair).description, 'Normal · RP 4 min ago · → cn-shanghai');
    assert.equal(explorer.present(region).description, '1 pair');

    const freshness = new FakeFreshness();
    const changes: string[] = [];
    explorer.onDidChange((changed) => changes.push(changed === undefined ? '*' : changed.map((r) => r.id).join()));
    explorer.setDrillFreshness(freshness);
    assert.deepEqual(changes, ['*'], 'the whole tree redraws with the new port');
    assert.equal(explorer.present(pair).description, 'Normal · RP 4 min ago · → cn-shanghai', 'nothing shown while not known');
    assert.deepEqual(freshness.asked.at(-1), { kind: 'pair', id: 'pair-cn-1', name: 'web-01' });

    freshness.byId.set('pair:pair-cn-1', { lastDrilledAt: TWELVE_DAYS_AGO, overdue: false, intervalDays: 30 });
    freshness.fire();
    assert.deepEqual(changes, ['*', '*']);
    assert.equal(explorer.present(pair).description, 'Normal · RP 4 min ago · → cn-shanghai · drilled 12 d ago');
    assert.deepEqual(explorer.present(pair).icon, { id: 'pass-filled', color: 'testing.iconPassed' });

    freshness.byId.set('pair:pair-cn-1', { lastDrilledAt: TWELVE_DAYS_AGO, overdue: true, intervalDays: 7 });
    freshness.fire();
    assert.deepEqual(explorer.present(pair).icon, { id: 'pass-filled', color: 'list.warningForeground' });
    assert.equal(explorer.present(region).description, '1 pair · 1 of 1 overdue');
    assert.ok(explorer.tooltip(pair)?.includes('| Overdue | last successful drill is older than 7 days |'));
    assert.equal((await explorer.children(region))[0], pair, 'the node handle (and its id) survives the redraw');

    // Back to no port: the previous one is released and nothing is shown.
    explorer.setDrillFreshness(NO_DRILL_FRESHNESS);
    assert.equal(freshness.listeners, 0);
    freshness.fire();
    assert.deepEqual(changes, ['*', '*', '*', '*']);
    assert.equal(explorer.present(pair).description, 'Normal · RP 4 min ago · → cn-shanghai');
  });

  it('takes the port from its options and shows it on group rows', async () => {
    const freshness = new FakeFreshness();
    freshness.byId.set('group:pg-1', { overdue: true, intervalDays: 30 });
    const explorer = new ReplicationExplorer({ localiser: l, now: () => NOW, drillFreshness: freshness });
    assert.equal(freshness.listeners, 1);
    const member = samplePair({ groupId: 'pg-1' });
    explorer.setSource(new OneRegionApi([member], [sampleGroup({ pairIds: [member.pairId] })]), ['cn-hangzhou']);
    const [group] = await explorer.children(explorer.regionRef('cn-hangzhou'));
    assert.ok(group?.kind === 'group');
    const shown = explorer.present(group);
    assert.equal(shown.description, 'Normal · no recovery point yet · → cn-shanghai · never drilled · 1 pair');
    assert.deepEqual(shown.icon, { id: 'layers', color: 'list.warningForeground' }, 'a group keeps its own shape, in the overdue colour');
    assert.equal(explorer.present(explorer.regionRef('cn-hangzhou')).description, '1 pair · 1 of 2 overdue');
  });

  it('lists what a root region loaded: its pairs in display order and its groups; undefined before it loads', async () => {
    const explorer = new ReplicationExplorer({ localiser: l, now: () => NOW });
    const grouped = samplePair({ pairId: 'pair-z', name: 'z', groupId: 'pg-1' });
    const loose = samplePair({ pairId: 'pair-a', name: 'a' });
    const group = sampleGroup({ pairIds: ['pair-z'] });
    explorer.setSource(new OneRegionApi([loose, grouped], [group]), ['cn-hangzhou', 'cn-beijing']);
    assert.equal(explorer.loadedRegion('cn-hangzhou'), undefined);
    await explorer.refreshRegion('cn-hangzhou');
    const loaded = explorer.loadedRegion('cn-hangzhou');
    assert.deepEqual(loaded?.pairs.map((p) => p.pairId), ['pair-z', 'pair-a']);
    assert.deepEqual(loaded?.groups.map((g) => g.groupId), ['pg-1']);
    assert.equal(explorer.loadedRegion('cn-beijing'), undefined, 'a root region not loaded yet');
    assert.equal(explorer.loadedRegion('cn-shenzhen'), undefined, 'not a root region');
  });
});
