// The window's records in memory: a reread that finds nothing new says nothing (the team folder's watcher rereads
// after this window's own writes), one that finds a teammate's record says so, and a write reports what it replaced.
import * as assert from 'node:assert/strict';
import { newEvidence, recordObservation } from '../../../src/evidence/recorder';
import { RecordSet, type RecordChange } from '../../../src/evidence/recordSet';

const T0 = Date.UTC(2026, 2, 10, 1);
const record = (drillId: string, ownerId = 'pair-demo-web01') =>
  newEvidence({ kind: 'pair', drillId, account: { profileId: 'p-1', profileName: 'prod-dr' }, owner: { id: ownerId }, regionId: 'cn-shanghai', startAt: T0, extensionVersion: '0.2.0' }, T0);

describe('evidence: the record set', () => {
  it('fires on the first read, then only when a reread finds something new', () => {
    const set = new RecordSet();
    const fired: RecordChange[] = [];
    set.onDidChange((change) => fired.push(change));
    const mine = record('drill-5r7t9v1x3z5b7d9f1h3j');
    set.replace([mine]);
    assert.equal(set.loaded, true);
    assert.equal(fired.length, 1);
    set.replace([{ ...mine }]);
    assert.equal(fired.length, 1, 'the same records again: nothing');
    set.replace([mine, record('drill-8k2m4p6r8t0v2x4z6b8d', 'pair-demo-app01')]);
    assert.equal(fired.length, 2, "a teammate's record arrived");
    set.replace([mine, recordObservation(record('drill-8k2m4p6r8t0v2x4z6b8d', 'pair-demo-app01'), { status: 'executed', disks: [] }, T0 + 60_000)]);
    assert.equal(fired.length, 3, 'a record changed');
  });

  it('reports a write with the version it replaced', () => {
    const set = new RecordSet();
    const fired: RecordChange[] = [];
    set.onDidChange((change) => fired.push(change));
    const first = record('drill-5r7t9v1x3z5b7d9f1h3j');
    set.upsert(first);
    const second = recordObservation(first, { status: 'executed', disks: [] }, T0 + 60_000);
    set.upsert(second);
    assert.equal(fired[0]?.previous, undefined);
    assert.equal(fired[1]?.previous?.status, 'executing');
    assert.equal(fired[1]?.record.status, 'executed');
  });
});
