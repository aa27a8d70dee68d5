import * as assert from 'node:assert/strict';
import { iso, type DrillEvidence } from '../../../src/evidence/evidence';
import { mergeEvidence } from '../../../src/evidence/merge';
import { recordClearRequested, recordObservation, recordStarted, recordTracking, recordVanished, recordVerdict } from '../../../src/evidence/recorder';
import { ALICE, BOB, DISK, DISK_2, min, PAIR, record, tracked } from './fixtures';

const created = [{ pairId: PAIR, diskId: DISK, status: 'created' }];

/** Two windows' copies of one drill: A started it and saw it execute; B found it, saw it executed later, cleared it. */
function copies(): { a: DrillEvidence; b: DrillEvidence } {
  let a = recordStarted(record(), { requestId: 'REQ-START-1', by: ALICE }, min(0));
  a = recordObservation(a, { status: 'executing', disks: [{ pairId: PAIR, diskId: DISK, status: 'creating' }] }, min(1));
  a = recordObservation(a, { status: 'executed', disks: created }, min(4));
  let b = recordObservation(record({ zoneId: undefined, owner: { id: PAIR } }), { status: 'executing', disks: [] }, min(2));
  b = recordObservation(b, { status: 'executed', disks: [{ pairId: PAIR, diskId: DISK_2, status: 'created' }] }, min(6));
  b = recordClearRequested(b, { requestId: 'REQ-CLEAR-1', by: BOB }, min(10));
  b = recordObservation(b, { status: 'clearing', disks: [] }, min(11));
  return { a, b };
}

describe('evidence: merge', () => {
  it('unites events (each once) in time order', () => {
    const { a, b } = copies();
    const m = mergeEvidence(a, b);
    assert.deepEqual(
      m.events.map((e) => `${e.type}@${e.at}`),
      [`started@${iso(min(0))}`, `executed@${iso(min(4))}`, `executed@${iso(min(6))}`, `clearRequested@${iso(min(10))}`],
    );
    assert.deepEqual(mergeEvidence(m, m).events, m.events, 'the same events merged again stay once');
  });

  it('firsts keep the earliest, lastExecutingAt the latest not after the first executed', () => {
    const { a, b } = copies();
    const m = mergeEvidence(a, b);
    assert.equal(m.firstExecutedAt, iso(min(4)));
    assert.equal(m.lastExecutingAt, iso(min(2)));
    assert.equal(m.clearRequestedAt, iso(min(10)));
    const late = { ...b, lastExecutingAt: iso(min(5)) };
    assert.equal(mergeEvidence(a, late).lastExecutingAt, iso(min(4)), 'clamped to the first executed');
  });

  it('status, disks and tracking come from the later statusAt; defined IDs and names win', () => {
    const { a, b } = copies();
    const m = mergeEvidence(a, b);
    assert.equal(m.status, 'clearing');
    assert.equal(m.statusAt, iso(min(11)));
    assert.deepEqual(m.disks, []);
    assert.equal(m.zoneId, 'cn-shanghai-e');
    assert.equal(m.owner.name, 'web-01');
    assert.equal(m.startRequestId, 'REQ-START-1');
    assert.equal(m.clearRequestId, 'REQ-CLEAR-1');
    assert.deepEqual(m.startedBy, ALICE);
    assert.deepEqual(m.clearedBy, BOB);
    assert.deepEqual(m.drillDiskIds, [DISK, DISK_2].sort());
    assert.equal(m.updatedAt, iso(min(11)));
  });

  it('is commutative', () => {
    const { a, b } = copies();
    assert.deepEqual(mergeEvidence(a, b), mergeEvidence(b, a));
    const v = recordVerdict(a, { verdict: 'passed', by: ALICE }, min(20));
    const w = recordVerdict(b, { verdict: 'failed', notes: 'disk empty', by: BOB }, min(21));
    assert.deepEqual(mergeEvidence(v, w), mergeEvidence(w, v));
    // Same statusAt and updatedAt, different content: still one answer whatever the order.
    const x = { ...a, statusMessage: 'one' };
    const y = { ...a, statusMessage: 'other' };
    assert.deepEqual(mergeEvidence(x, y), mergeEvidence(y, x));
  });

  it('the verdict comes from the later verdictAt', () => {
    const { a, b } = copies();
    const v = recordVerdict(a, { verdict: 'failed', notes: 'db did not start', by: ALICE }, min(21));
    const w = recordVerdict(b, { verdict: 'passed', by: BOB }, min(20));
    const m = mergeEvidence(w, v);
    assert.equal(m.verdict, 'failed');
    assert.equal(m.notes, 'db did not start');
    assert.deepEqual(m.verdictBy, ALICE);
    assert.equal(mergeEvidence(a, w).verdict, 'passed', 'a verdict wins over none');
  });

  it('a cleared or gone drill is never active, whichever copy is later', () => {
    const { a, b } = copies();
    const cleared = recordVanished(b, min(12));
    // A window that still tracked it wrote later (it had not seen the drill go).
    const stillTracked = recordTracking(a, tracked({ status: 'executed', disks: created }), min(13));
    assert.equal(stillTracked.tracking.active, true);
    const m = mergeEvidence(stillTracked, cleared);
    assert.equal(m.clearedAt, iso(min(12)));
    assert.equal(m.tracking.active, false);
  });
});
