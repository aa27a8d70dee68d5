import * as assert from 'node:assert/strict';
import { DRILLABLE_STATUSES, isDrillable, notDrillableText, whyNotDrillable } from '../../../src/ebs/drillable';
import { isDrillDiskBilled, KNOWN_DRILL_STATUSES } from '../../../src/ebs/types';

describe('ebs/drillable: the one drillable rule', () => {
  it('allows a drill from a replicating or stopped pair that has a recovery point', () => {
    for (const status of ['created', 'initial_syncing', 'manual_syncing', 'syncing', 'normal', 'stopping', 'stopped', 'stop_failed']) {
      assert.equal(isDrillable({ status, recoverPoint: 1 }), true, status);
    }
    assert.equal(DRILLABLE_STATUSES.size, 8);
  });

  it('says why not: the status, else the missing recovery point', () => {
    for (const status of ['invalid', 'creating', 'create_failed', 'failovering', 'failovered', 'reprotecting', 'deleting', 'deleted']) {
      assert.equal(whyNotDrillable({ status, recoverPoint: 1 }), 'status', status);
    }
    assert.equal(whyNotDrillable({ status: 'normal' }), 'noRecoveryPoint');
    assert.equal(whyNotDrillable({ status: 'failovered' }), 'status', 'the status comes first');
  });

  it('words the reason once, for the palette, the tooltip and Why Can\'t I Drill This? (the noun a message of its own)', () => {
    assert.equal(notDrillableText('pair', { status: 'normal', recoverPoint: 1 }), undefined);
    assert.deepEqual(notDrillableText('group', { status: 'failovered', recoverPoint: 1 }), {
      message: 'The {0} is {1}; a drill needs a {0} that is replicating or stopped.',
      args: [{ message: 'group', args: [] }, { message: 'Failed over', args: [], inSentence: true }],
    });
    assert.deepEqual(notDrillableText('pair', { status: 'normal' })?.args, [{ message: 'pair', args: [] }]);
  });
});

describe('ebs/statuses isDrillDiskBilled: the one billed-drill-disk rule', () => {
  it('bills every live disk of an executed or clear_failed drill, a created disk of an execute_failed one, nothing else', () => {
    const billed = (drill: string, disk?: string): boolean => isDrillDiskBilled(drill, disk);
    for (const status of KNOWN_DRILL_STATUSES) {
      assert.equal(billed(status, 'deleting'), false, status);
      assert.equal(billed(status, 'deleted'), false, status);
    }
    assert.equal(billed('executed', 'created'), true);
    assert.equal(billed('executed', undefined), true);
    assert.equal(billed('clear_failed', 'creating'), true);
    assert.equal(billed('execute_failed', 'created'), true);
    assert.equal(billed('execute_failed', 'creating'), false);
    assert.equal(billed('executing', 'created'), false);
    assert.equal(billed('clearing', 'created'), false);
    assert.equal(billed('some_future_status', 'created'), false);
  });
});
