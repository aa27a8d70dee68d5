import * as assert from 'node:assert/strict';
import { iso } from '../../../src/evidence/evidence';
import {
  newEvidence,
  recordClearRequested,
  recordDiscovered,
  recordObservation,
  recordStarted,
  recordTracking,
  recordUntracked,
  recordVanished,
  recordVerdict,
  trackedFromEvidence,
} from '../../../src/evidence/recorder';
import { ALICE, BOB, base, DISK, DISK_2, FAKE_KEY, GROUP, GROUP_DRILL, min, PAIR, PAIR_2, record, T0, tracked } from './fixtures';

const creating = [{ pairId: PAIR, diskId: DISK, status: 'creating' }];
const created = [{ pairId: PAIR, diskId: DISK, status: 'created' }];

describe('evidence: recorder', () => {
  it('newEvidence starts an executing, actively tracked record without events', () => {
    const r = newEvidence(base(), T0);
    assert.equal(r.schemaVersion, 1);
    assert.equal(r.status, 'executing');
    assert.deepEqual(r.tracking, { active: true, followed: false });
    assert.deepEqual(r.events, []);
    assert.deepEqual(r.drillDiskIds, []);
    assert.equal(r.startAt, '2026-03-10T01:00:00.000Z');
    assert.equal(r.recoveryPoint, '2026-03-10T00:58:00.000Z');
    assert.equal(r.account.accessKeyId, FAKE_KEY);
    assert.equal(r.statusAt, iso(T0));
    assert.equal(r.updatedAt, iso(T0));
  });

  it('newEvidence of a group keeps its member pairs (and no undefined keys)', () => {
    const r = newEvidence(base({ kind: 'group', drillId: GROUP_DRILL, owner: { id: GROUP, memberPairIds: [PAIR, PAIR_2] }, rpoSeconds: undefined }), T0);
    assert.deepEqual(r.owner, { id: GROUP, memberPairIds: [PAIR, PAIR_2] });
    assert.ok(!('rpoSeconds' in r));
  });

  it('recordStarted adds one started event with the request and who; a second start only fills gaps', () => {
    const r0 = record();
    const r1 = recordStarted(r0, { by: ALICE }, min(0));
    const r2 = recordStarted(r1, { requestId: 'A1B2C3D4-0000-4000-8000-000000000001', by: BOB }, min(1));
    assert.deepEqual(r0.events, [], 'the argument is left alone');
    assert.deepEqual(r2.events, [{ type: 'started', at: iso(min(0)), by: ALICE }]);
    assert.equal(r2.startRequestId, 'A1B2C3D4-0000-4000-8000-000000000001');
    assert.deepEqual(r2.startedBy, ALICE);
    assert.equal(r2.updatedAt, iso(min(1)));
  });

  it('recordDiscovered records once, and never after a start', () => {
    const once = recordDiscovered(recordDiscovered(record(), min(1)), min(2));
    assert.deepEqual(once.events.map((e) => e.type), ['discovered']);
    const started = recordDiscovered(recordStarted(record(), { by: ALICE }, min(0)), min(1));
    assert.deepEqual(started.events.map((e) => e.type), ['started']);
  });

  it('executing sets lastExecutingAt; the first executed sets firstExecutedAt and one event', () => {
    let r = recordObservation(record(), { status: 'executing', disks: creating, startedAt: T0, recoverPoint: min(-3) }, min(1));
    assert.equal(r.lastExecutingAt, iso(min(1)));
    assert.equal(r.recoveryPoint, iso(min(-3)));
    assert.deepEqual(r.drillDiskIds, [DISK]);
    r = recordObservation(r, { status: 'executed', disks: created }, min(4));
    r = recordObservation(r, { status: 'executed', disks: created }, min(5));
    assert.equal(r.firstExecutedAt, iso(min(4)));
    assert.equal(r.lastExecutingAt, iso(min(1)));
    assert.equal(r.status, 'executed');
    assert.equal(r.statusAt, iso(min(4)), 'when the status was first seen');
    assert.deepEqual(r.disks, created);
    assert.deepEqual(r.events, [{ type: 'executed', at: iso(min(4)) }]);
  });

  it('an executing observation after executed is stale: status stays, only new disk IDs are kept', () => {
    let r = recordObservation(record(), { status: 'executed', disks: created }, min(4));
    r = recordObservation(r, { status: 'executing', disks: [{ pairId: PAIR, diskId: DISK_2, status: 'creating' }] }, min(5));
    assert.equal(r.status, 'executed');
    assert.equal(r.statusAt, iso(min(4)));
    assert.equal(r.lastExecutingAt, undefined);
    assert.deepEqual(r.disks, created);
    assert.deepEqual(r.drillDiskIds, [DISK, DISK_2].sort());
  });

  it('clearing is not moved back by an executed answer', () => {
    let r = recordObservation(record(), { status: 'clearing', disks: [] }, min(6));
    r = recordObservation(r, { status: 'executed', disks: created }, min(7));
    assert.equal(r.status, 'clearing');
    assert.equal(r.firstExecutedAt, undefined);
  });

  it('the first execute_failed sets failedAt, the message and a failed event', () => {
    let r = recordObservation(record(), { status: 'execute_failed', statusMessage: 'InsufficientBalance', disks: [] }, min(3));
    r = recordObservation(r, { status: 'execute_failed', statusMessage: 'InsufficientBalance', disks: [] }, min(4));
    assert.equal(r.failedAt, iso(min(3)));
    assert.equal(r.statusMessage, 'InsufficientBalance');
    assert.deepEqual(r.events, [{ type: 'failed', at: iso(min(3)), statusMessage: 'InsufficientBalance' }]);
  });

  it('clear_failed adds one event per transition into it', () => {
    let r = recordObservation(record(), { status: 'executed', disks: created }, min(4));
    r = recordObservation(r, { status: 'clearing', disks: [] }, min(5));
    r = recordObservation(r, { status: 'clear_failed', disks: created }, min(6));
    r = recordObservation(r, { status: 'clear_failed', disks: created }, min(7));
    r = recordObservation(r, { status: 'clearing', disks: [] }, min(8));
    r = recordObservation(r, { status: 'clear_failed', disks: created }, min(9));
    assert.deepEqual(r.events.filter((e) => e.type === 'clearFailed').map((e) => e.at), [iso(min(6)), iso(min(9))]);
  });

  it('a vanished drill is cleared after a clear request, or when it was clearing; else gone; once', () => {
    const requested = recordClearRequested(recordObservation(record(), { status: 'executed', disks: created }, min(4)), { requestId: 'REQ-CLEAR-1', by: ALICE }, min(10));
    assert.equal(requested.clearRequestedAt, iso(min(10)));
    assert.equal(requested.clearRequestId, 'REQ-CLEAR-1');
    assert.deepEqual(requested.clearedBy, ALICE);
    const cleared = recordVanished(requested, min(12));
    assert.equal(cleared.status, 'cleared');
    assert.equal(cleared.clearedAt, iso(min(12)));
    assert.equal(cleared.tracking.active, false);
    assert.deepEqual(cleared.events.map((e) => e.type), ['executed', 'clearRequested', 'cleared']);
    assert.equal(recordVanished(cleared, min(13)), cleared);

    const clearing = recordVanished(recordObservation(record(), { status: 'clearing', disks: [] }, min(5)), min(6));
    assert.equal(clearing.status, 'cleared');

    const gone = recordVanished(recordObservation(record(), { status: 'executed', disks: created }, min(4)), min(30));
    assert.equal(gone.status, 'gone');
    assert.equal(gone.goneAt, iso(min(30)));
    assert.equal(gone.clearedAt, undefined);
    assert.equal(gone.tracking.active, false);
  });

  it('nothing observed after the drill vanished changes its status', () => {
    const gone = recordVanished(record(), min(30));
    const later = recordObservation(gone, { status: 'executed', disks: created }, min(31));
    assert.equal(later.status, 'gone');
    assert.equal(later.firstExecutedAt, undefined);
  });

  it('recordVerdict keeps the verdict, notes, who and when, and an event', () => {
    const r = recordVerdict(record(), { verdict: 'passed', notes: 'App came up on the drill disk; checked orders table.', by: BOB }, min(20));
    assert.equal(r.verdict, 'passed');
    assert.equal(r.notes, 'App came up on the drill disk; checked orders table.');
    assert.deepEqual(r.verdictBy, BOB);
    assert.equal(r.verdictAt, iso(min(20)));
    assert.deepEqual(r.events, [{ type: 'verdict', at: iso(min(20)), by: BOB }]);
    const again = recordVerdict(r, { verdict: 'failed', by: ALICE }, min(21));
    assert.equal(again.verdict, 'failed');
    assert.ok(!('notes' in again));
  });

  it('recordTracking applies the tracker view (its state, not events: the journal records those when answers arrive), and trackedFromEvidence gives it back', () => {
    const drill = tracked({ status: 'executed', disks: created, disksAtClear: [DISK], followed: true, ownerName: 'web-01 (renamed)' });
    const r = recordTracking(record(), drill, min(4));
    assert.equal(r.status, 'executed');
    assert.equal(r.statusAt, iso(min(4)));
    assert.equal(r.firstExecutedAt, undefined, 'a save may be written later than the answer: no first time from it');
    assert.deepEqual(r.events, []);
    assert.deepEqual(r.tracking, { active: true, followed: true, disksAtClear: [DISK] });
    assert.equal(r.owner.name, 'web-01 (renamed)');
    assert.deepEqual(trackedFromEvidence(r), drill);
  });

  it('recordTracking keeps a vanished drill inactive; recordUntracked sets tracking inactive once', () => {
    const r = recordTracking(recordVanished(record(), min(30)), tracked(), min(31));
    assert.equal(r.tracking.active, false);
    const untracked = recordUntracked(record(), min(5));
    assert.equal(untracked.tracking.active, false);
    assert.equal(recordUntracked(untracked, min(6)), untracked);
  });
});
