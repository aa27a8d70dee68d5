// The drill quick pick and the Replication tree read the same facts the same way: one drillable rule
// (src/ebs/drillable.ts, which the tree's menus and icons follow) and one age rounding (src/shared/format.ts, the
// tree's "RP … ago"), so the tree never offers a drill the quick pick refuses, nor shows another age.
import * as assert from 'node:assert/strict';
import { isDrillable } from '../../../src/ebs/drillable';
import { KNOWN_PAIR_STATUSES, type ReplicaGroup } from '../../../src/ebs/types';
import { lineText } from '../../../src/drills/indicator';
import { groupTarget, pairTarget } from '../../../src/drills/kinds';
import { notDrillableReason, targetDescription } from '../../../src/drills/start';
import { formatText } from '../../../src/drills/text';
import { ageMessage } from '../../../src/shared/format';
import { formatMessage } from '../../../src/shared/text';
import { samplePair } from '../support/samples';

const NOW = Date.UTC(2026, 0, 1, 12);

const group = (overrides: Partial<ReplicaGroup>): ReplicaGroup => ({
  groupId: 'pg-1',
  name: 'orders',
  description: '',
  status: 'normal',
  sourceRegionId: 'cn-hangzhou',
  sourceZoneId: 'cn-hangzhou-i',
  destinationRegionId: 'cn-shanghai',
  destinationZoneId: 'cn-shanghai-e',
  primaryRegionId: 'cn-hangzhou',
  primaryZoneId: 'cn-hangzhou-i',
  standbyRegionId: 'cn-shanghai',
  standbyZoneId: 'cn-shanghai-e',
  pairIds: ['pair-1', 'pair-2'],
  tags: [],
  ...overrides,
});

describe('drills and the tree agree', () => {
  it('on what is drillable: the quick pick refuses exactly what the one rule refuses (pairs and groups, every status)', () => {
    for (const status of [...KNOWN_PAIR_STATUSES, 'some_future_status']) {
      for (const lastRecoverPoint of [NOW - 60_000, undefined]) {
        const rule = isDrillable({ status, recoverPoint: lastRecoverPoint });
        const what = `${status}, ${lastRecoverPoint ? 'with' : 'without'} a recovery point`;
        assert.equal(notDrillableReason(pairTarget(samplePair({ status, lastRecoverPoint }))) === undefined, rule, `pair ${what}`);
        assert.equal(notDrillableReason(groupTarget(group({ status, lastRecoverPoint }))) === undefined, rule, `group ${what}`);
      }
    }
  });

  it('on the age at 59.6 s: "just now" (rounded down), in the pick, the drill lines and the tree alike', () => {
    const then = NOW - 59_600;
    const tree = formatMessage(ageMessage(then, NOW));
    assert.equal(tree, 'just now');
    const pick = formatText(targetDescription(pairTarget(samplePair({ status: 'normal', lastRecoverPoint: then })), NOW));
    assert.equal(pick, `Normal · recovery point ${tree}`);
    const line = formatText(lineText({ kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-1', drillId: 'drill-1', account: 'a', status: 'executing', disks: [], followed: true, startedAt: then }, NOW));
    assert.equal(line, `drill-1 for pair-1: running, started ${tree}`);
    assert.equal(formatText(targetDescription(pairTarget(samplePair({ status: 'normal', lastRecoverPoint: NOW - 119_600 })), NOW)), 'Normal · recovery point 1 min ago');
  });
});
