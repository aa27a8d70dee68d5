// The evidence journal over a real record store in a temporary folder: what the drill features tell it becomes one
// record per drill, in the order it happened, written only when something changed.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DrillTarget, TrackedDrill } from '../../../src/drills/model';
import { EvidenceJournal } from '../../../src/evidence/evidenceJournal';
import { RecordSet } from '../../../src/evidence/recordSet';
import { EvidenceStore } from '../../../src/evidence/store';

const T0 = Date.UTC(2026, 2, 10, 1, 0, 0);
const DRILL = 'drill-5r7t9v1x3z5b7d9f1h3j';

describe('evidence: the journal', () => {
  let folder: string;
  let now: number;
  let store: EvidenceStore;
  let records: RecordSet;
  let journal: EvidenceJournal;
  let updates: number;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'ebs-dr-journal-'));
    now = T0;
    store = new EvidenceStore({ primary: folder });
    records = new RecordSet();
    updates = 0;
    const counted = { update: (...args: Parameters<EvidenceStore['update']>) => (updates++, store.update(...args)) };
    journal = new EvidenceJournal({
      store: counted,
      records,
      // The account lookup takes a moment (it resolves the profile): the order must still hold.
      account: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { profileName: 'prod-dr', accessKeyId: 'STS.NUqS7FAKEFAKEFAKE' };
      },
      osUser: 'li.wei',
      extensionVersion: '0.2.0',
      now: () => now,
      onError: (_drill, error) => {
        throw error;
      },
    });
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const drill = (overrides: Partial<TrackedDrill> = {}): TrackedDrill => ({
    kind: 'pair',
    regionId: 'cn-shanghai',
    ownerId: 'pair-drill-web01',
    ownerName: 'web-01',
    zoneId: 'cn-shanghai-e',
    drillId: DRILL,
    account: 'p-1',
    status: 'executing',
    disks: [],
    startedAt: T0,
    recoverPoint: T0 - 240_000,
    followed: true,
    ...overrides,
  });
  const target: DrillTarget = { kind: 'pair', ownerId: 'pair-drill-web01', ownerName: 'web-01', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', sourceRegionId: 'cn-hangzhou', status: 'normal', recoverPoint: T0 - 240_000, rpoSeconds: 900 };
  const observed = (d: TrackedDrill, at: number, flags: { vanished?: boolean; discovered?: boolean } = {}) => ({ drill: d, at, source: 'poll' as const, vanished: flags.vanished ?? false, discovered: flags.discovered ?? false });

  it('records start, observations, clear and verdict in order, with the figures their times give', async () => {
    journal.started(drill(), { target, requestId: '0F3B9A1C-6D2E-4F7A-9B8C-1D2E3F4A5B6C', adopted: false });
    journal.observed(observed(drill(), T0 + 5_000));
    journal.observed(observed(drill({ status: 'executed', disks: [{ pairId: 'pair-drill-web01', diskId: 'd-8vq2k1x7c3m5n9b2', status: 'created' }] }), T0 + 10_000));
    now = T0 + 600_000;
    journal.clearRequested(drill({ status: 'executed' }), { requestId: '5E6F7A8B-9C0D-4E1F-8A2B-3C4D5E6F7A8B', verdict: { verdict: 'passed', notes: 'orders table readable' } });
    journal.observed(observed(drill({ status: 'clearing' }), T0 + 602_000, { vanished: true }));
    await journal.flushed();
    const [r] = records.all();
    assert.ok(r);
    assert.deepEqual(r.events.map((e) => e.type), ['started', 'executed', 'clearRequested', 'verdict', 'cleared']);
    assert.equal(r.sourceRegionId, 'cn-hangzhou');
    assert.equal(r.rpoSeconds, 900);
    assert.equal(r.account.accessKeyId, 'STS.NUqS7FAKEFAKEFAKE');
    assert.equal(r.lastExecutingAt, new Date(T0 + 5_000).toISOString());
    assert.equal(r.firstExecutedAt, new Date(T0 + 10_000).toISOString());
    assert.equal(r.notes, 'orders table readable');
    assert.equal(r.startedBy?.osUser, 'li.wei');
    assert.deepEqual(readdirSync(join(folder, 'prod-dr')), [`pair-${DRILL}.json`]);
  });

  it('writes nothing for an answer that changes nothing', async () => {
    journal.observed(observed(drill({ status: 'executed' }), T0 + 10_000, { discovered: true }));
    await journal.flushed();
    const after = updates;
    const written = JSON.stringify(records.all());
    journal.observed(observed(drill({ status: 'executed' }), T0 + 20_000));
    await journal.flushed();
    assert.equal(updates, after + 1, 'asked once');
    assert.equal(JSON.stringify(records.all()), written, 'and nothing was written: the record is the same');
    assert.deepEqual(records.all()[0]?.events.map((e) => e.type), ['discovered', 'executed']);
  });
});
