import * as assert from 'node:assert/strict';
import type { DrillObservation, TrackedDrill } from '../../../src/drills/model';
import type { DrillStore } from '../../../src/drills/persistence';
import { DrillTracker, type DrillCompletion } from '../../../src/drills/tracker';
import { FakeClock, settle } from './fakeClock';

class MemoryStore implements DrillStore {
  saved: TrackedDrill[] = [];
  constructor(initial: TrackedDrill[] = []) {
    this.saved = initial;
  }
  load(): readonly TrackedDrill[] {
    return this.saved;
  }
  save(drills: readonly TrackedDrill[]): void {
    this.saved = JSON.parse(JSON.stringify(drills));
  }
}

/** A fake DescribePairDrills: the drill executes for `seconds` (fake-clock time), then reports `then`. */
class FakeService {
  calls: number[] = [];
  cleared = new Map<string, number>();
  failures = 0;
  constructor(
    private readonly clock: FakeClock,
    private readonly startedAt: number,
    private readonly seconds: number,
    private readonly then: DrillObservation = { status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] },
  ) {}
  describe = async (drill: TrackedDrill): Promise<DrillObservation | undefined> => {
    this.calls.push(this.clock.now() - this.startedAt);
    if (this.failures > 0) {
      this.failures--;
      throw new Error('network down');
    }
    const clearedAt = this.cleared.get(drill.drillId);
    if (clearedAt !== undefined) {
      return this.clock.now() >= clearedAt ? undefined : { status: 'clearing', disks: [{ diskId: 'd-1', status: 'deleting' }] };
    }
    if (this.clock.now() - this.startedAt < this.seconds * 1000) return { status: 'executing', disks: [{ diskId: 'd-1', status: 'creating' }] };
    return this.then;
  };
}

function drill(overrides: Partial<TrackedDrill> = {}): TrackedDrill {
  return {
    kind: 'pair',
    regionId: 'cn-shanghai',
    ownerId: 'pair-1',
    ownerName: 'web-01',
    drillId: 'drill-1',
    account: 'acct',
    status: 'executing',
    disks: [{ diskId: 'd-1', status: 'creating' }],
    zoneId: 'cn-shanghai-e',
    followed: true,
    ...overrides,
  };
}

function setup(seconds = 60, then?: DrillObservation, store = new MemoryStore()) {
  const clock = new FakeClock();
  const service = new FakeService(clock, clock.now(), seconds, then);
  const errors: unknown[] = [];
  const tracker = new DrillTracker({ describe: service.describe, store, clock, onPollError: (_d, e) => errors.push(e) });
  const completions: DrillCompletion[] = [];
  tracker.onDidComplete((c) => completions.push(c));
  tracker.setAccount('acct');
  return { clock, service, tracker, completions, store, errors };
}

describe('drills/tracker', () => {
  it('has no timer at all when nothing executes', async () => {
    const { clock, tracker, service } = setup();
    assert.equal(tracker.hasTimer(), false);
    tracker.track(drill({ status: 'executed', followed: false, disks: [{ diskId: 'd-1', status: 'created' }] }));
    assert.equal(tracker.hasTimer(), false);
    await clock.advance(3_600_000);
    assert.equal(service.calls.length, 0);
    assert.equal(clock.pending, 0);
  });

  it('polls an executing drill with backoff until executed, notifies once, then drops its timer', async () => {
    const { clock, tracker, service, completions } = setup(60);
    tracker.track(drill());
    assert.equal(tracker.hasTimer(), true);
    assert.equal(clock.pending, 1);
    await clock.advance(10 * 60_000);
    // 5 s, then x1.5 per unchanged answer: 5, 7.5, 11.25, 16.9, 25.3 s apart.
    assert.deepEqual(service.calls.slice(0, 5).map(Math.round), [5000, 12500, 23750, 40625, 65938]);
    assert.equal(completions.length, 1);
    assert.equal(completions[0].outcome, 'executed');
    assert.equal(completions[0].drill.status, 'executed');
    assert.equal(tracker.hasTimer(), false);
    assert.equal(clock.pending, 0);
    const callsAtEnd = service.calls.length;
    await clock.advance(3_600_000);
    assert.equal(service.calls.length, callsAtEnd, 'no polling after completion');
    assert.equal(completions.length, 1);
  });

  it('needs about 23 polls for a 10-minute drill (30 s ceiling)', async () => {
    const { clock, tracker, service, completions } = setup(600);
    tracker.track(drill());
    await clock.advance(20 * 60_000);
    assert.equal(completions.length, 1);
    assert.ok(service.calls.length >= 20 && service.calls.length <= 25, `polls: ${service.calls.length}`);
    const last = service.calls[service.calls.length - 1];
    assert.ok(last >= 600_000 && last <= 630_000, `completion seen ${last - 600_000} ms late`);
  });

  it('reports execute_failed with its StatusMessage', async () => {
    const { clock, tracker, completions } = setup(20, { status: 'execute_failed', statusMessage: 'PAIR_SYNCPOINT_NOT_FOUND', disks: [] });
    tracker.track(drill());
    await clock.advance(120_000);
    assert.equal(completions.length, 1);
    assert.equal(completions[0].outcome, 'execute_failed');
    assert.equal(completions[0].drill.statusMessage, 'PAIR_SYNCPOINT_NOT_FOUND');
  });

  it('pauses without a timer and polls at once on resume', async () => {
    const { clock, tracker, service, completions } = setup(30);
    tracker.track(drill());
    tracker.pause();
    assert.equal(tracker.hasTimer(), false);
    await clock.advance(300_000);
    assert.equal(service.calls.length, 0);
    tracker.resume();
    assert.equal(tracker.hasTimer(), true);
    await clock.advance(0);
    assert.equal(service.calls.length, 1);
    assert.equal(completions.length, 1);
    assert.equal(tracker.hasTimer(), false);
  });

  it('backs off harder on errors and keeps tracking', async () => {
    const { clock, tracker, service, errors, completions } = setup(0);
    service.failures = 3;
    tracker.track(drill());
    await clock.advance(5000);
    await clock.advance(10_000);
    await clock.advance(20_000);
    assert.deepEqual(service.calls, [5000, 15000, 35000]);
    assert.equal(errors.length, 3);
    await clock.advance(40_000);
    assert.equal(completions.length, 1);
  });

  it('persists drills and resumes them in a new tracker (reload) without repeating a notification', async () => {
    const store = new MemoryStore();
    const first = setup(60, undefined, store);
    first.tracker.track(drill());
    await first.clock.advance(20_000);
    assert.equal(store.saved.length, 1);
    assert.equal(store.saved[0].status, 'executing');
    first.tracker.dispose();

    const second = setup(60, undefined, store);
    // The reloaded tracker polls at once.
    assert.equal(second.tracker.hasTimer(), true);
    assert.equal(second.tracker.drills().length, 1);
    await second.clock.advance(120_000);
    assert.equal(second.completions.length, 1);
    assert.equal(store.saved[0].status, 'executed');
    second.tracker.dispose();

    const third = setup(60, undefined, store);
    await third.clock.advance(600_000);
    assert.equal(third.completions.length, 0);
    assert.equal(third.service.calls.length, 0);
    assert.equal(third.tracker.drills()[0].status, 'executed', 'finished drills stay for the disk reminder');
  });

  it('follows a cleared drill through clearing until it disappears', async () => {
    const { clock, tracker, service, completions } = setup(0);
    tracker.track(drill({ status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] }));
    service.cleared.set('drill-1', clock.now() + 10_000);
    tracker.markClearing(drill());
    assert.equal(tracker.drills()[0].status, 'clearing');
    assert.equal(tracker.hasTimer(), true);
    await clock.advance(60_000);
    assert.deepEqual(
      completions.map((c) => c.outcome),
      ['cleared'],
    );
    assert.deepEqual(completions[0].drill.disksAtClear, ['d-1'], 'the disk the clear deleted');
    assert.equal(tracker.drills().length, 0);
    assert.equal(tracker.hasTimer(), false);
  });

  it('reconciles with a listing: follows executing drills, keeps finished disks quietly, drops vanished ones', async () => {
    const { clock, tracker, completions } = setup(600);
    tracker.reconcile({
      account: 'acct',
      kind: 'pair',
      regionId: 'cn-shanghai',
      ownerId: 'pair-1',
      ownerName: 'web-01',
      zoneId: 'cn-shanghai-e',
      drills: [
        { drillId: 'drill-run', status: 'executing', disks: [{ diskId: 'd-run', status: 'creating' }] },
        { drillId: 'drill-done', status: 'executed', disks: [{ diskId: 'd-done', status: 'created' }] },
        { drillId: 'drill-failed', status: 'execute_failed', disks: [] },
      ],
    });
    assert.deepEqual(tracker.drills().map((d) => [d.drillId, d.followed]).sort(), [
      ['drill-done', false],
      ['drill-run', true],
    ]);
    assert.equal(tracker.hasTimer(), true);
    assert.equal(completions.length, 0);
    // A later listing shows drill-run finished and drill-done gone (cleared elsewhere).
    tracker.reconcile({
      account: 'acct',
      kind: 'pair',
      regionId: 'cn-shanghai',
      ownerId: 'pair-1',
      drills: [{ drillId: 'drill-run', status: 'executed', disks: [{ diskId: 'd-run', status: 'created' }] }],
    });
    assert.deepEqual(
      completions.map((c) => [c.drill.drillId, c.outcome]),
      [['drill-run', 'executed']],
    );
    assert.deepEqual(tracker.drills().map((d) => d.drillId), ['drill-run']);
    assert.equal(tracker.hasTimer(), false);
    await clock.advance(600_000);
    assert.equal(completions.length, 1);
  });

  it('drops a poll answer that raced with a newer update (no double notification)', async () => {
    const clock = new FakeClock();
    let release: ((o: DrillObservation) => void) | undefined;
    const tracker = new DrillTracker({
      clock,
      store: new MemoryStore(),
      describe: () => new Promise<DrillObservation>((resolve) => (release = resolve)),
    });
    const completions: DrillCompletion[] = [];
    tracker.onDidComplete((c) => completions.push(c));
    tracker.setAccount('acct');
    tracker.track(drill());
    await clock.advance(5000);
    assert.ok(release, 'a poll is in flight');
    tracker.reconcile({ account: 'acct', kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-1', drills: [{ drillId: 'drill-1', status: 'executed', disks: [] }] });
    assert.equal(completions.length, 1);
    release?.({ status: 'executing', disks: [] });
    await settle();
    assert.equal(tracker.drills()[0].status, 'executed');
    assert.equal(completions.length, 1);
    assert.equal(tracker.hasTimer(), false);
  });

  it('ignores a listing older than what it already knows (a drill never goes back to executing, nor from clearing to finished)', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore();
    const tracker = new DrillTracker({ clock, store, describe: async () => ({ status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] }) });
    const completions: DrillCompletion[] = [];
    tracker.onDidComplete((c) => completions.push(c));
    tracker.setAccount('acct');
    tracker.track(drill());
    await clock.advance(5000);
    assert.equal(tracker.drills()[0].status, 'executed');
    // The tree's listing was requested before the drill finished and answers only now.
    const stale = { account: 'acct', kind: 'pair' as const, regionId: 'cn-shanghai', ownerId: 'pair-1', drills: [{ drillId: 'drill-1', status: 'executing', disks: [] }] };
    tracker.reconcile(stale);
    assert.equal(tracker.drills()[0].status, 'executed', 'not back to executing');
    assert.deepEqual(store.load().map((d) => d.status), ['executed'], 'nor saved as executing for the next window or reload');
    assert.equal(tracker.hasTimer(), false);
    tracker.markClearing(tracker.drills()[0]);
    tracker.reconcile({ ...stale, drills: [{ drillId: 'drill-1', status: 'executed', disks: [] }] });
    assert.equal(tracker.drills()[0].status, 'clearing', 'not back to executed');
    assert.equal(completions.filter((c) => c.outcome === 'executed').length, 1, 'announced once');
  });

  it('shows and polls only the active account', async () => {
    const { clock, tracker, service } = setup(600);
    tracker.track(drill({ account: 'other' }));
    assert.equal(tracker.drills().length, 0);
    assert.equal(tracker.hasTimer(), false);
    await clock.advance(60_000);
    assert.equal(service.calls.length, 0);
    tracker.setAccount('other');
    assert.equal(tracker.drills().length, 1);
    assert.equal(tracker.hasTimer(), true);
  });

  it('pollNow polls every executing drill at once, even while paused', async () => {
    const { tracker, service, completions } = setup(0);
    tracker.track(drill());
    tracker.pause();
    await tracker.pollNow();
    assert.equal(service.calls.length, 1);
    assert.equal(completions.length, 1);
  });
});

/** globalState as every window of one VS Code sees it: the tracked drills and the announced completions. */
class SharedStore extends MemoryStore {
  announced: Record<string, number> = {};
  loadAnnounced(): Readonly<Record<string, number>> {
    return this.announced;
  }
  saveAnnounced(announced: Readonly<Record<string, number>>): void {
    this.announced = { ...announced };
  }
}

describe('drills/tracker across windows (one shared store)', () => {
  /** The drill as the service reports it now; every window's describe reads it. */
  let world: DrillObservation | undefined;
  const describe_ = async (): Promise<DrillObservation | undefined> => (world ? JSON.parse(JSON.stringify(world)) : undefined);

  function windows(count: number) {
    const clock = new FakeClock();
    const store = new SharedStore();
    const all = Array.from({ length: count }, () => {
      const tracker = new DrillTracker({ describe: describe_, store, clock });
      const completions: DrillCompletion[] = [];
      tracker.onDidComplete((c) => completions.push(c));
      tracker.setAccount('acct');
      return { tracker, completions };
    });
    const announced = (): string[] => all.flatMap((w, i) => w.completions.filter((c) => c.announce).map((c) => `window ${i}: ${c.outcome}`));
    return { clock, store, all, announced };
  }

  const listing = (observation: DrillObservation) => ({
    account: 'acct',
    kind: 'pair' as const,
    regionId: 'cn-shanghai',
    ownerId: 'pair-1',
    drills: [{ drillId: 'drill-1', ...observation }],
  });

  beforeEach(() => {
    world = { status: 'executing', disks: [{ diskId: 'd-1', status: 'creating' }] };
  });

  it('announces a completion in only one window; the other still gets the event (to refresh its tree)', async () => {
    const { clock, all, announced, store } = windows(2);
    const [a, b] = all;
    a.tracker.track(drill()); // started in window A
    await clock.advance(1000);
    b.tracker.reconcile(listing(world as DrillObservation)); // window B's tree finds it executing
    await clock.advance(30_000);
    world = { status: 'execute_failed', statusMessage: 'PAIR_SYNCPOINT_NOT_FOUND', disks: [{ diskId: 'd-1', status: 'PAIR_SYNCPOINT_NOT_FOUND' }] };
    await clock.advance(120_000);
    assert.deepEqual(
      all.map((w) => w.completions.map((c) => c.outcome)),
      [['execute_failed'], ['execute_failed']],
      'both windows observed it',
    );
    assert.equal(announced().length, 1, `announced once: ${announced().join(', ')}`);
    assert.deepEqual(Object.keys(store.announced), ['pair/cn-shanghai/pair-1/drill-1#execute_failed']);
    assert.equal(b.tracker.hasTimer() || a.tracker.hasTimer(), false);
  });

  it('the window that observes first announces, whichever started the drill', async () => {
    const { clock, all, announced } = windows(2);
    const [a, b] = all;
    a.tracker.track(drill());
    b.tracker.reconcile(listing(world as DrillObservation));
    await clock.advance(2000);
    world = { status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] };
    // Before window A's next poll, window B's tree lists the drill again and sees it finished.
    b.tracker.reconcile(listing(world));
    assert.deepEqual(announced(), ['window 1: executed']);
    await clock.advance(60_000);
    assert.deepEqual(announced(), ['window 1: executed']);
    assert.equal(a.completions.length, 1);
    assert.equal(a.completions[0].announce, false);
  });

  it('a lone window still announces (nobody else claimed it), also after the starting window closed', async () => {
    const { clock, all, announced } = windows(2);
    const [a, b] = all;
    a.tracker.track(drill());
    b.tracker.reconcile(listing(world as DrillObservation));
    a.tracker.dispose();
    world = { status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] };
    await clock.advance(60_000);
    assert.deepEqual(announced(), ['window 1: executed']);
  });

  it('each clear attempt that ends clear_failed is announced once, in one window', async () => {
    const { clock, all, announced } = windows(2);
    const [a, b] = all;
    world = { status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] };
    a.tracker.track(drill({ status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] }));
    b.tracker.reconcile(listing(world));
    for (const attempt of [1, 2]) {
      world = { status: 'clearing', disks: [{ diskId: 'd-1', status: 'deleting' }] };
      a.tracker.markClearing(drill()); // the user clears in window A
      b.tracker.reconcile(listing(world)); // window B's tree shows it clearing
      await clock.advance(7000);
      world = { status: 'clear_failed', disks: [{ diskId: 'd-1', status: 'created' }] };
      await clock.advance(60_000);
      assert.equal(announced().filter((x) => x.endsWith('clear_failed')).length, attempt, `attempt ${attempt}: ${announced().join(', ')}`);
    }
    // The third attempt works: the drill disappears, and that is announced once too.
    world = { status: 'clearing', disks: [{ diskId: 'd-1', status: 'deleting' }] };
    b.tracker.markClearing(drill()); // this time from window B
    a.tracker.reconcile(listing(world));
    await clock.advance(7000);
    world = undefined;
    await clock.advance(60_000);
    assert.deepEqual(
      announced().filter((x) => x.endsWith('cleared')).length,
      1,
      announced().join(', '),
    );
    assert.deepEqual([a.tracker.drills(), b.tracker.drills()], [[], []]);
  });

  it('forgets claims after a week', async () => {
    const { clock, all, store } = windows(1);
    const [a] = all;
    a.tracker.track(drill());
    world = { status: 'executed', disks: [{ diskId: 'd-1', status: 'created' }] };
    await clock.advance(60_000);
    assert.equal(Object.keys(store.announced).length, 1);
    await clock.advance(8 * 24 * 3_600_000);
    world = { status: 'executed', disks: [{ diskId: 'd-2', status: 'created' }] };
    a.tracker.track(drill({ drillId: 'drill-2' }));
    await clock.advance(60_000);
    assert.deepEqual(Object.keys(store.announced), ['pair/cn-shanghai/pair-1/drill-2#executed']);
  });

  it('counts and polls the drills of every shown account (profiles side by side), each with its own account', async () => {
    const clock = new FakeClock();
    const asked: string[] = [];
    const tracker = new DrillTracker({
      describe: async (drill) => {
        asked.push(drill.account);
        return { status: 'executing', disks: [] };
      },
      store: new MemoryStore(),
      clock,
    });
    const drill = (account: string, drillId: string): TrackedDrill => ({
      kind: 'pair',
      regionId: 'cn-shanghai',
      ownerId: `pair-${account}`,
      drillId,
      account,
      status: 'executing',
      disks: [],
      followed: true,
      startedAt: clock.now(),
    });
    tracker.track(drill('p-prod', 'drill-prod-1'));
    tracker.track(drill('p-dr', 'drill-dr-1'));
    tracker.track(drill('p-hidden', 'drill-hidden-1'));
    tracker.setAccount('p-prod');
    assert.deepEqual(tracker.drills().map((d) => d.drillId), ['drill-prod-1']);
    tracker.setAccounts(['p-prod', 'p-dr']);
    assert.deepEqual(tracker.drills().map((d) => d.drillId).sort(), ['drill-dr-1', 'drill-prod-1']);
    await tracker.pollNow();
    assert.deepEqual(asked.sort(), ['p-dr', 'p-prod']);
    assert.equal(tracker.get({ kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-p-hidden', drillId: 'drill-hidden-1' }), undefined);
    tracker.dispose();
  });
});
