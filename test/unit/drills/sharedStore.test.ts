import * as assert from 'node:assert/strict';
import { drillKey, type DrillObservation, type TrackedDrill } from '../../../src/drills/model';
import { DrillTracker, mergeDrillChanges, type DrillCompletion, type DrillStore, type PendingChange } from '../../../src/drills/tracker';
import { FakeClock } from './fakeClock';

/** globalState as every window sees it: one list of tracked drills (JSON round-trip) and the announced completions. */
class SharedStore implements DrillStore {
  saved: TrackedDrill[] = [];
  saves = 0;
  announced: Record<string, number> = {};
  load(): readonly TrackedDrill[] {
    return JSON.parse(JSON.stringify(this.saved));
  }
  save(drills: readonly TrackedDrill[]): void {
    this.saves++;
    this.saved = JSON.parse(JSON.stringify(drills));
  }
  loadAnnounced(): Readonly<Record<string, number>> {
    return this.announced;
  }
  saveAnnounced(announced: Readonly<Record<string, number>>): void {
    this.announced = { ...announced };
  }
  ids(): string[] {
    return this.saved.map((d) => d.drillId).sort();
  }
}

function drill(drillId: string, overrides: Partial<TrackedDrill> = {}): TrackedDrill {
  return {
    kind: 'pair',
    regionId: 'cn-shanghai',
    ownerId: `pair-${drillId}`,
    drillId,
    account: 'acct',
    status: 'executing',
    disks: [{ diskId: `d-${drillId}`, status: 'creating' }],
    followed: true,
    ...overrides,
  };
}

const executed = (drillId: string): DrillObservation => ({ status: 'executed', disks: [{ diskId: `d-${drillId}`, status: 'created' }] });

describe('drills/tracker: several windows saving to one shared store', () => {
  /** What the service reports for each drill now (absent: the drill no longer exists). */
  let world: Map<string, DrillObservation>;
  let clock: FakeClock;
  let store: SharedStore;

  beforeEach(() => {
    world = new Map();
    clock = new FakeClock();
    store = new SharedStore();
  });

  function window() {
    const tracker = new DrillTracker({
      clock,
      store,
      describe: async (d) => {
        const observation = world.get(d.drillId);
        return observation ? JSON.parse(JSON.stringify(observation)) : undefined;
      },
    });
    const completions: DrillCompletion[] = [];
    tracker.onDidComplete((c) => completions.push(c));
    tracker.setAccount('acct');
    return { tracker, completions };
  }

  function start(w: ReturnType<typeof window>, drillId: string): void {
    world.set(drillId, { status: 'executing', disks: [{ diskId: `d-${drillId}`, status: 'creating' }] });
    w.tracker.track(drill(drillId));
  }

  for (const order of ['A then B', 'B then A'] as const) {
    it(`keeps the drills of both windows whichever saves last (${order}); a reload resumes both`, async () => {
      const a = window();
      const b = window();
      const [first, second] = order === 'A then B' ? [a, b] : [b, a];
      start(first, first === a ? 'drill-a' : 'drill-b');
      start(second, second === a ? 'drill-a' : 'drill-b');
      assert.deepEqual(store.ids(), ['drill-a', 'drill-b']);

      // Both windows poll and save again, in either order; neither list replaces the other.
      await clock.advance(5000);
      world.set('drill-a', executed('drill-a'));
      await first.tracker.pollNow();
      await second.tracker.pollNow();
      assert.deepEqual(store.ids(), ['drill-a', 'drill-b']);
      assert.deepEqual(
        store.saved.map((d) => [d.drillId, d.status]).sort(),
        [
          ['drill-a', 'executed'],
          ['drill-b', 'executing'],
        ],
      );
      assert.deepEqual(a.completions.map((c) => [c.drill.drillId, c.outcome, c.announce]), [['drill-a', 'executed', true]]);
      a.tracker.dispose();
      b.tracker.dispose();

      // A reload (a third tracker on the same store) resumes both: the executing one is polled, the other shown.
      const reload = window();
      assert.deepEqual(
        reload.tracker.drills().map((d) => [d.drillId, d.status]).sort(),
        [
          ['drill-a', 'executed'],
          ['drill-b', 'executing'],
        ],
      );
      assert.equal(reload.tracker.hasTimer(), true);
      world.set('drill-b', executed('drill-b'));
      await clock.advance(1000);
      assert.deepEqual(reload.completions.map((c) => [c.drill.drillId, c.outcome, c.announce]), [['drill-b', 'executed', true]]);
      assert.equal(reload.tracker.hasTimer(), false);
      reload.tracker.dispose();
    });
  }

  it('a drill tracked in one window survives the other window saving a list that never had it', async () => {
    const a = window();
    const b = window(); // opened before A tracked anything: its list is empty
    start(a, 'drill-a');
    start(b, 'drill-b');
    b.tracker.forget(drill('drill-b')); // B saves an empty list of its own
    assert.deepEqual(store.ids(), ['drill-a']);
    a.tracker.dispose();
    b.tracker.dispose();
    assert.deepEqual(window().tracker.drills().map((d) => d.drillId), ['drill-a']);
  });

  it('a drill cleared in one window is not resurrected by the other window saving', async () => {
    world.set('drill-x', executed('drill-x'));
    const a = window();
    a.tracker.track(drill('drill-x', executed('drill-x')));
    const b = window(); // a reloaded second window: it resumes drill-x from the store
    assert.deepEqual(b.tracker.drills().map((d) => d.drillId), ['drill-x']);

    // The user clears drill-x in window A; A follows it until it disappears.
    world.set('drill-x', { status: 'clearing', disks: [{ diskId: 'd-drill-x', status: 'deleting' }] });
    a.tracker.markClearing(drill('drill-x'));
    await clock.advance(5000);
    world.delete('drill-x');
    await a.tracker.pollNow();
    assert.deepEqual(a.completions.map((c) => c.outcome), ['cleared']);
    assert.deepEqual(store.ids(), []);

    // Window B still holds its stale copy and saves: for a drill of its own, and for a name it learnt of drill-x.
    start(b, 'drill-b');
    b.tracker.reconcile({
      account: 'acct',
      kind: 'pair',
      regionId: 'cn-shanghai',
      ownerId: 'pair-drill-x',
      ownerName: 'renamed',
      drills: [{ drillId: 'drill-x', ...executed('drill-x') }],
    });
    assert.deepEqual(store.ids(), ['drill-b'], 'drill-x stays cleared');
    a.tracker.dispose();
    b.tracker.dispose();
    assert.deepEqual(window().tracker.drills().map((d) => d.drillId), ['drill-b']);
  });

  it('a stale copy polled in another window is not written back once the drill is gone from the store', async () => {
    world.set('drill-x', { status: 'executing', disks: [{ diskId: 'd-drill-x', status: 'creating' }] });
    const a = window();
    a.tracker.track(drill('drill-x'));
    const b = window();
    a.tracker.forget(drill('drill-x')); // forgotten in A (e.g. cleared there)
    assert.deepEqual(store.ids(), []);
    world.set('drill-x', executed('drill-x'));
    await b.tracker.pollNow(); // B observes a change of its copy
    assert.deepEqual(store.ids(), [], 'the update of a drill removed elsewhere is dropped');
    assert.equal(b.completions.length, 1, 'B still reports what it observed');
  });

  it('only writes when something changed (a poll with no news does not rewrite the shared list)', async () => {
    const a = window();
    start(a, 'drill-a');
    const saves = store.saves;
    await clock.advance(5000);
    await clock.advance(7500);
    assert.equal(a.tracker.polls, 2);
    assert.equal(store.saves, saves);
  });

  it('merging keeps the newer state of a drill both windows changed', () => {
    const newer = drill('drill-x', { ...executed('drill-x'), updatedAt: 2000 });
    const older = drill('drill-x', { updatedAt: 1000 });
    const other = drill('drill-o', { updatedAt: 500 });
    const key = drillKey(older);
    const merge = (shared: TrackedDrill[], change: PendingChange, ours: TrackedDrill) =>
      mergeDrillChanges(shared, new Map([[key, change]]), (k) => (k === key ? ours : undefined)).map((d) => [d.drillId, d.status]);
    assert.deepEqual(merge([other, newer], 'update', older), [
      ['drill-o', 'executing'],
      ['drill-x', 'executed'],
    ]);
    assert.deepEqual(merge([other, older], 'update', newer), [
      ['drill-o', 'executing'],
      ['drill-x', 'executed'],
    ]);
    assert.deepEqual(merge([other], 'update', newer), [['drill-o', 'executing']], 'removed elsewhere: not resurrected');
    assert.deepEqual(merge([other], 'add', newer), [
      ['drill-o', 'executing'],
      ['drill-x', 'executed'],
    ]);
    assert.deepEqual(merge([other, newer], 'remove', older), [['drill-o', 'executing']]);
  });
});
