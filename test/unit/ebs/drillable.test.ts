import * as assert from 'node:assert/strict';
import { DRILLABLE_STATUSES, isDrillable, whyNotDrillable } from '../../../src/ebs/drillable';

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
});
