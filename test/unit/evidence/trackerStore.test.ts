import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrackedDrill } from '../../../src/drills/model';
import { DrillTracker } from '../../../src/drills/tracker';
import type { DrillEvidence } from '../../../src/evidence/evidence';
import { EvidenceStore, parseEvidence } from '../../../src/evidence/store';
import { evidenceDrillStore, type ProfileOf } from '../../../src/evidence/trackerStore';
import { FakeClock } from '../drills/fakeClock';
import { DISK, FAKE_KEY, GROUP, GROUP_DRILL, min, PAIR, PAIR_2, PAIR_DRILL, PAIR_DRILL_2, tempFolder, tracked } from './fixtures';

const ACCOUNT = 'profile-prod-hz';
const profileOf: ProfileOf = (id) => (id === ACCOUNT ? { name: 'prod-hz', accessKeyId: FAKE_KEY } : undefined);

/** One window: its own file store and tracker store over the shared folder. */
function window(folder: string, clock: FakeClock) {
  const files = new EvidenceStore({ primary: folder });
  let updates = 0;
  const update = files.update.bind(files);
  files.update = (where, change) => {
    updates++;
    return update(where, change);
  };
  const store = evidenceDrillStore(files, profileOf, '0.14.0', () => clock.now());
  return { files, store, updates: () => updates };
}

function readRecord(folder: string, drill: Pick<TrackedDrill, 'kind' | 'drillId'>): DrillEvidence {
  return parseEvidence(readFileSync(join(folder, 'prod-hz', `${drill.kind}-${drill.drillId}.json`), 'utf8')) as DrillEvidence;
}

describe('evidence: the tracker store over drill records', () => {
  let temp: ReturnType<typeof tempFolder>;
  let clock: FakeClock;
  beforeEach(() => {
    temp = tempFolder();
    clock = new FakeClock(min(0));
  });
  afterEach(() => temp.remove());

  it('two windows tracking different drills: a third window loads both', async () => {
    const describe = async () => undefined;
    const a = window(temp.path, clock);
    const b = window(temp.path, clock);
    const trackerA = new DrillTracker({ describe, store: a.store, clock });
    const trackerB = new DrillTracker({ describe, store: b.store, clock });
    trackerA.track(tracked({ drillId: PAIR_DRILL }));
    trackerB.track(tracked({ kind: 'group', drillId: GROUP_DRILL, ownerId: GROUP, ownerName: 'orders', disks: [] }));
    // Each window saves again: its whole list, which does not hold the other window's drill.
    trackerA.track(tracked({ drillId: PAIR_DRILL, status: 'executed', disks: [{ pairId: PAIR, diskId: DISK, status: 'created' }] }));
    trackerB.track(tracked({ kind: 'group', drillId: GROUP_DRILL, ownerId: GROUP, ownerName: 'orders (renamed)', disks: [] }));
    await Promise.all([a.store.flushed(), b.store.flushed()]);
    trackerA.dispose();
    trackerB.dispose();

    const third = new DrillTracker({ describe, store: window(temp.path, clock).store, clock });
    third.setAccount(ACCOUNT);
    assert.deepEqual(third.drills().map((d) => `${d.drillId} ${d.status} ${d.ownerName}`).sort(), [`${GROUP_DRILL} executing orders (renamed)`, `${PAIR_DRILL} executed web-01`].sort());
    third.dispose();
  });

  it('(the same two windows over one shared key, as globalState keeps them, lose a drill)', () => {
    const describe = async () => undefined;
    let shared: readonly TrackedDrill[] = [];
    const sharedKey = { load: () => shared, save: (drills: readonly TrackedDrill[]) => void (shared = JSON.parse(JSON.stringify(drills))) };
    const trackerA = new DrillTracker({ describe, store: sharedKey, clock });
    const trackerB = new DrillTracker({ describe, store: sharedKey, clock });
    trackerA.track(tracked({ drillId: PAIR_DRILL }));
    trackerB.track(tracked({ kind: 'group', drillId: GROUP_DRILL, ownerId: GROUP, disks: [] }));
    assert.deepEqual(shared.map((d) => d.drillId), [GROUP_DRILL], "window B's save replaced window A's drill");
    trackerA.dispose();
    trackerB.dispose();
  });

  it('creates a record for a new drill with the profile, the version and the tracking state', async () => {
    const { store } = window(temp.path, clock);
    store.load();
    await store.save([tracked({ followed: true })]);
    const r = readRecord(temp.path, tracked());
    assert.deepEqual(r.account, { profileId: ACCOUNT, profileName: 'prod-hz', accessKeyId: FAKE_KEY });
    assert.deepEqual(r.owner, { id: PAIR, name: 'web-01' });
    assert.equal(r.extensionVersion, '0.14.0');
    assert.equal(r.status, 'executing');
    assert.deepEqual(r.tracking, { active: true, followed: true });
    assert.deepEqual(r.drillDiskIds, [DISK]);
    assert.equal(r.status, 'executing');
    assert.equal(r.statusAt, '2026-03-10T01:00:00.000Z');
  });

  it('writes only drills that changed since it last loaded or saved them', async () => {
    const first = window(temp.path, clock);
    first.store.load();
    await first.store.save([tracked({ drillId: PAIR_DRILL }), tracked({ drillId: PAIR_DRILL_2, ownerId: PAIR_2 })]);
    assert.equal(first.updates(), 2);
    await first.store.save([tracked({ drillId: PAIR_DRILL }), tracked({ drillId: PAIR_DRILL_2, ownerId: PAIR_2 })]);
    assert.equal(first.updates(), 2, 'nothing changed: nothing written');

    const second = window(temp.path, clock);
    const loaded = second.store.load();
    assert.equal(loaded.length, 2);
    // The tracker saves copies of what it loaded, keys in any order: still unchanged.
    await second.store.save(loaded.map((d) => Object.fromEntries(Object.entries(d).reverse()) as unknown as TrackedDrill));
    assert.equal(second.updates(), 0);
    await clock.advance(4 * 60_000);
    await second.store.save(loaded.map((d) => (d.drillId === PAIR_DRILL ? { ...d, status: 'executed', disks: [{ pairId: PAIR, diskId: DISK, status: 'created' }] } : d)));
    assert.equal(second.updates(), 1);
    const r = readRecord(temp.path, tracked());
    assert.equal(r.status, 'executed');
    assert.equal(r.statusAt, '2026-03-10T01:04:00.000Z');
  });

  it('a drill this window dropped stays as evidence, inactive; drills it never saw are left alone', async () => {
    const a = window(temp.path, clock);
    a.store.load();
    await a.store.save([tracked({ drillId: PAIR_DRILL })]);
    const b = window(temp.path, clock);
    b.store.load();
    await b.store.save([tracked({ drillId: PAIR_DRILL }), tracked({ drillId: PAIR_DRILL_2, ownerId: PAIR_2 })]);
    const c = window(temp.path, clock);
    c.store.load();

    // Window A forgets its drill; window B's drill was never seen by A.
    await a.store.save([]);
    await a.store.flushed();
    assert.equal(readRecord(temp.path, tracked()).tracking.active, false);
    assert.equal(readRecord(temp.path, tracked({ drillId: PAIR_DRILL_2 })).tracking.active, true);
    assert.deepEqual(window(temp.path, clock).store.load().map((d) => d.drillId), [PAIR_DRILL_2]);
    assert.equal(new EvidenceStore({ primary: temp.path }).loadPrimarySync().length, 2, 'both records are kept');

    // A window that never saved since loading writes nothing for drills it does not change.
    await c.store.save(c.store.load());
    assert.equal(c.updates(), 0);
  });
});
