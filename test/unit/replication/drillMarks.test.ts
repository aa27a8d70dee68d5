// State on the row: a pair's or group's drill mark (running, held drill disks) from the tree's own listing and the
// drill tracker's port, its text, the region roll-up, the rows redrawing when the port fires, and why a pair or group
// cannot be drilled (tooltip row).
import * as assert from 'node:assert/strict';
import type { GroupDrill, PairDrill, ReplicaPair } from '../../../src/ebs/types';
import {
  drillMarkSignature,
  drillMarkText,
  listedDrillMark,
  notDrillableMessage,
  NO_DRILL_MARK,
  ownerDrillMark,
  regionDrillRollupText,
  rollUpDrillMarks,
  withDrillMark,
} from '../../../src/replication/drillMarks';
import { ReplicationExplorer, type ExplorerClient } from '../../../src/replication/explorer';
import { groupTooltipRows } from '../../../src/replication/nodes/group';
import { pairTooltipRows } from '../../../src/replication/nodes/pair';
import { NO_RUNNING_DRILLS, type RunningDrills } from '../../../src/replication/runningDrills';
import { ENGLISH as l } from '../../../src/replication/text';
import { Emitter } from '../../../src/shared/events';
import { NOW, samplePair } from '../support/samples';

const pairDrill = (drillId: string, status: string, disk?: { id: string; status?: string }): PairDrill => ({
  drillId,
  pairId: 'pair-cn-1',
  status,
  drillDiskId: disk?.id,
  drillDiskStatus: disk?.status,
});

/** A RunningDrills port the test drives. */
class FakeRunning implements RunningDrills {
  running = new Set<string>();
  held = new Map<string, string[]>();
  private readonly changes = new Emitter<void>();
  count = (): number => this.running.size;
  isRunning = (ownerId: string): boolean => this.running.has(ownerId);
  heldDisks = (ownerId: string): readonly string[] => this.held.get(ownerId) ?? [];
  onDidChange(listener: () => void): { dispose(): void } {
    return this.changes.event(listener);
  }
  fire(): void {
    this.changes.fire();
  }
}

class OneRegionApi implements ExplorerClient {
  drills = new Map<string, PairDrill[]>();
  constructor(private readonly pairs: ReplicaPair[]) {}
  async listReplicaPairs(): Promise<ReplicaPair[]> {
    return this.pairs;
  }
  async listReplicaGroups(): Promise<[]> {
    return [];
  }
  async describePairDrills(_regionId: string, pairId: string): Promise<PairDrill[]> {
    return this.drills.get(pairId) ?? [];
  }
  async describeReplicaGroupDrills(): Promise<GroupDrill[]> {
    return [];
  }
}

describe('replication/drillMarks', () => {
  it('reads a listing: executing or clearing runs; billed disks are held (the one billed-disk rule)', () => {
    assert.deepEqual(listedDrillMark([]), NO_DRILL_MARK);
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'executing', { id: 'd-1', status: 'creating' })]), { running: true, heldDiskIds: [] });
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'clearing', { id: 'd-1', status: 'deleting' })]), { running: true, heldDiskIds: [] });
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'executed', { id: 'd-1', status: 'created' })]), { running: false, heldDiskIds: ['d-1'] });
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'clear_failed', { id: 'd-1' })]), { running: false, heldDiskIds: ['d-1'] });
    // A failed drill holds only a disk that was created; deleting/deleted disks are not billed.
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'execute_failed', { id: 'd-1', status: 'creating' })]).heldDiskIds, []);
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'execute_failed', { id: 'd-1', status: 'created' })]).heldDiskIds, ['d-1']);
    assert.deepEqual(listedDrillMark([pairDrill('drill-1', 'executed', { id: 'd-1', status: 'deleted' })]).heldDiskIds, []);
    const group: GroupDrill = {
      drillId: 'pg-drill-1',
      groupId: 'pg-1',
      status: 'executed',
      pairs: [
        { pairId: 'pair-a', drillDiskId: 'd-a', drillDiskStatus: 'created' },
        { pairId: 'pair-b', drillDiskId: 'd-b', drillDiskStatus: 'created' },
        { pairId: 'pair-c' },
      ],
    };
    assert.deepEqual(listedDrillMark([group]), { running: false, heldDiskIds: ['d-a', 'd-b'] });
  });

  it('combines the listing with the tracker: running if either says so, a disk both know counted once', () => {
    const running = new FakeRunning();
    running.held.set('pair-cn-1', ['d-1', 'd-2']);
    const listed = listedDrillMark([pairDrill('drill-1', 'executed', { id: 'd-1', status: 'created' })]);
    assert.deepEqual(ownerDrillMark(listed, running, 'pair-cn-1'), { running: false, heldDiskIds: ['d-1', 'd-2'] });
    running.running.add('pair-cn-1');
    assert.equal(ownerDrillMark(NO_DRILL_MARK, running, 'pair-cn-1').running, true);
    // A port without the optional parts: the listing alone.
    assert.deepEqual(ownerDrillMark(listed, NO_RUNNING_DRILLS, 'pair-cn-1'), listed);
  });

  it('says it in short words, first in the description; the region rolls it up', () => {
    assert.equal(drillMarkText(l, NO_DRILL_MARK), undefined);
    assert.equal(drillMarkText(l, { running: true, heldDiskIds: [] }), 'drill running');
    assert.equal(drillMarkText(l, { running: false, heldDiskIds: ['d-1'] }), 'drill disk held');
    assert.equal(drillMarkText(l, { running: true, heldDiskIds: ['d-1', 'd-2'] }), 'drill running · 2 drill disks held');
    assert.equal(withDrillMark('Normal · RP 4 min ago · → cn-shanghai', 'drill running'), 'Normal · drill running · RP 4 min ago · → cn-shanghai', 'right after the status');
    assert.equal(withDrillMark('→ cn-shanghai', undefined), '→ cn-shanghai');
    assert.equal(withDrillMark('', 'drill running'), 'drill running');

    const rollup = rollUpDrillMarks([
      { running: true, heldDiskIds: [] },
      { running: false, heldDiskIds: ['d-1'] },
      { running: true, heldDiskIds: ['d-2', 'd-1'] },
      NO_DRILL_MARK,
    ]);
    assert.deepEqual(rollup, { running: 2, held: 2 });
    assert.equal(regionDrillRollupText(l, rollup), '2 drills running · 2 drill disks held');
    assert.equal(regionDrillRollupText(l, { running: 1, held: 0 }), '1 drill running');
    assert.equal(regionDrillRollupText(l, { running: 0, held: 1 }), '1 drill disk held');
    assert.equal(regionDrillRollupText(l, { running: 0, held: 0 }), undefined);
  });

  it('changes its signature exactly when the mark changes', () => {
    assert.equal(drillMarkSignature(NO_DRILL_MARK), '');
    assert.notEqual(drillMarkSignature({ running: true, heldDiskIds: [] }), drillMarkSignature({ running: false, heldDiskIds: [] }));
    assert.notEqual(drillMarkSignature({ running: false, heldDiskIds: ['d-1'] }), drillMarkSignature({ running: false, heldDiskIds: ['d-2'] }));
  });

  it('redraws the rows (and their region) whose mark the tracker changed, and only those', async () => {
    const api = new OneRegionApi([samplePair(), samplePair({ pairId: 'pair-cn-2', name: 'web-02' })]);
    const running = new FakeRunning();
    const explorer = new ReplicationExplorer({ localiser: l, now: () => NOW, runningDrills: running });
    explorer.setSource(api, ['cn-hangzhou']);
    const region = explorer.regionRef('cn-hangzhou');
    const [first, second] = await explorer.children(region);
    assert.ok(first && second);
    assert.doesNotMatch(explorer.present(first).description ?? '', /drill/);
    const changes: string[][] = [];
    explorer.onDidChange((c) => changes.push(c?.map((r) => r.id) ?? ['*']));

    running.held.set('pair-cn-1', ['d-held']);
    running.fire();
    assert.deepEqual(changes, [['region/cn-hangzhou/pair/pair-cn-1', 'region/cn-hangzhou']]);
    assert.match(explorer.present(first).description ?? '', /^Normal · drill disk held · /);
    assert.doesNotMatch(explorer.present(second).description ?? '', /drill/);
    assert.match(explorer.present(region).description ?? '', /^2 pairs · 1 drill disk held/);

    // Nothing changed: nothing redraws.
    running.fire();
    assert.equal(changes.length, 1);

    running.running.add('pair-cn-2');
    running.fire();
    assert.deepEqual(changes[1], ['region/cn-hangzhou/pair/pair-cn-2', 'region/cn-hangzhou']);
    assert.equal(explorer.present(second).contextValue, 'pair.drillable.drillRunning');
    assert.match(explorer.present(region).description ?? '', /^\d+ pairs? · 1 drill running · 1 drill disk held/);

    // The tree's own listing counts too, and the same disk known to both is one disk.
    api.drills.set('pair-cn-1', [pairDrill('drill-1', 'executed', { id: 'd-held', status: 'created' }), pairDrill('drill-0', 'executed', { id: 'd-old', status: 'created' })]);
    await explorer.children(first);
    assert.match(explorer.present(first).description ?? '', /^Normal · 2 drill disks held · /);
    assert.match(explorer.present(region).description ?? '', /^\d+ pairs? · 1 drill running · 2 drill disks held/);
  });

  it('says in the tooltip why a pair or group cannot be drilled (the one rule and text), right after its status', () => {
    const failedOver = samplePair({ status: 'failovered' });
    assert.equal(notDrillableMessage(l, 'pair', failedOver), 'The pair is failed over; a drill needs a pair that is replicating or stopped.');
    assert.equal(notDrillableMessage(l, 'pair', samplePair({ lastRecoverPoint: undefined })), 'No recovery point yet: the first replication cycle of this pair has not completed.');
    assert.equal(notDrillableMessage(l, 'pair', samplePair()), undefined);
    const rows = pairTooltipRows(l, failedOver, 'cn-hangzhou', NOW);
    const index = rows.findIndex(([field]) => field === 'Cannot be drilled');
    assert.equal(rows[index - 1]?.[0], 'Status');
    assert.ok(!pairTooltipRows(l, samplePair(), 'cn-hangzhou', NOW).some(([field]) => field === 'Cannot be drilled'), 'none when it can be drilled');
    const group = groupTooltipRows(
      l,
      {
        groupId: 'pg-1', name: 'orders', description: '', status: 'invalid', sourceRegionId: 'cn-hangzhou', sourceZoneId: 'cn-hangzhou-h',
        destinationRegionId: 'cn-shanghai', destinationZoneId: 'cn-shanghai-e', primaryRegionId: 'cn-hangzhou', primaryZoneId: 'cn-hangzhou-h',
        standbyRegionId: 'cn-shanghai', standbyZoneId: 'cn-shanghai-e', pairIds: [], tags: [], lastRecoverPoint: NOW.getTime(),
      },
      'cn-hangzhou',
      [],
      NOW,
    );
    assert.deepEqual(group.find(([field]) => field === 'Cannot be drilled'), ['Cannot be drilled', 'The group is invalid; a drill needs a group that is replicating or stopped.']);
  });
});
