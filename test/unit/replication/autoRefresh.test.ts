import * as assert from 'node:assert/strict';
import { dueRegions, loadedRows, nextDueDelay, refresherActive, type DueInput } from '../../../src/replication/autoRefresh';
import { ENGLISH } from '../../../src/replication/text';
import { startSimulation } from '../../fixtures/autoRefreshSim';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);

function input(overrides: Partial<DueInput> = {}): DueInput {
  return {
    targets: [
      { key: 'a', loadedAt: T0 },
      { key: 'b', loadedAt: T0 + 2 * MIN },
      { key: 'c', loadedAt: undefined },
    ],
    lastRefreshAt: new Map(),
    now: T0 + 5 * MIN,
    thresholdMs: 5 * MIN,
    visible: true,
    focused: true,
    ...overrides,
  };
}

describe('Background refresh: which regions are due (fixed clock)', () => {
  it('a loaded region is due once its data is a threshold old; a younger one and one not loaded are not', () => {
    assert.deepEqual(dueRegions(input()), ['a']);
    assert.deepEqual(dueRegions(input({ now: T0 + 5 * MIN - 1 })), []);
    assert.deepEqual(dueRegions(input({ now: T0 + 7 * MIN })), ['a', 'b']);
  });

  it('nothing is due while the view is hidden, the window unfocused or the setting is 0', () => {
    const late = T0 + 60 * MIN;
    assert.deepEqual(dueRegions(input({ now: late, visible: false })), []);
    assert.deepEqual(dueRegions(input({ now: late, focused: false })), []);
    assert.deepEqual(dueRegions(input({ now: late, thresholdMs: 0 })), []);
    assert.equal(nextDueDelay(input({ visible: false })), undefined);
    assert.equal(nextDueDelay(input({ focused: false })), undefined);
    assert.equal(refresherActive(input({ targets: [{ key: 'c', loadedAt: undefined }] })), false, 'no timer while nothing is loaded');
  });

  it('at most one background load per region per threshold, even when the data did not get fresher', () => {
    // 'a' was reloaded by the refresher 1 min ago but its load time did not move (the reload failed or is running).
    const lastRefreshAt = new Map([['a', T0 + 9 * MIN]]);
    assert.deepEqual(dueRegions(input({ now: T0 + 10 * MIN, lastRefreshAt })), ['b']);
    assert.deepEqual(dueRegions(input({ now: T0 + 14 * MIN, lastRefreshAt })), ['a', 'b']);
  });

  it('the timer waits exactly until the next region is due', () => {
    assert.equal(nextDueDelay(input({ now: T0 + MIN })), 4 * MIN);
    assert.equal(nextDueDelay(input({ now: T0 + 5 * MIN })), 1, 'already due: as soon as possible');
    assert.equal(nextDueDelay(input({ now: T0 + 6 * MIN, lastRefreshAt: new Map([['a', T0 + 6 * MIN]]) })), MIN, "b's turn first");
  });

  it('the tooltip row says when the data was loaded', () => {
    assert.deepEqual(loadedRows(ENGLISH, undefined, new Date(T0)), []);
    const [row] = loadedRows(ENGLISH, new Date(T0 - 3 * MIN), new Date(T0));
    assert.equal(row?.[0], 'Loaded');
    assert.match(row?.[1] ?? '', /3 min ago$/);
  });
});

describe('Background refresh: the refresher over the explorer (fake clock)', () => {
  it('loads nothing and keeps no timer while hidden or unfocused', async () => {
    const sim = await startSimulation();
    const initial = sim.api.calls.length;
    sim.setVisible(false);
    sim.setFocused(true);
    await sim.clock.advance(60 * MIN);
    assert.equal(sim.api.calls.length, initial);
    assert.equal(sim.refresher.hasTimer(), false);
    assert.equal(sim.clock.pending, 0);
    sim.setFocused(false);
    sim.setVisible(true);
    await sim.clock.advance(60 * MIN);
    assert.equal(sim.api.calls.length, initial);
    assert.equal(sim.clock.pending, 0);
  });

  it('while visible and focused reloads each region once per threshold, with one timer', async () => {
    const sim = await startSimulation();
    sim.setFocused(true);
    sim.setVisible(true);
    assert.equal(sim.clock.pending, 1);
    assert.equal(sim.api.regionLoads(), 3, 'only the first load so far');
    await sim.clock.advance(4 * MIN);
    assert.equal(sim.api.regionLoads(), 3);
    await sim.clock.advance(MIN);
    assert.equal(sim.api.regionLoads(), 6);
    await sim.clock.advance(55 * MIN);
    // 60 minutes: one load per region every 5 minutes.
    assert.equal(sim.api.regionLoads('cn-hangzhou'), 13);
    assert.equal(sim.api.regionLoads(), 39);
    assert.ok(sim.clock.pending <= 1);
  });

  it('a long-hidden view reloads the stale regions when shown, and the load time moves', async () => {
    const sim = await startSimulation();
    sim.setFocused(true);
    await sim.clock.advance(30 * MIN);
    const before = sim.explorer.loadedAt('cn-hangzhou')?.getTime();
    sim.setVisible(true);
    await sim.clock.advance(0);
    assert.equal(sim.api.regionLoads(), 6);
    assert.equal(sim.explorer.loadedAt('cn-hangzhou')?.getTime(), (before ?? 0) + 30 * MIN);
    sim.setVisible(false);
    assert.equal(sim.clock.pending, 0, 'hiding the view drops the timer');
  });

  it('0 turns it off', async () => {
    const sim = await startSimulation({ thresholdMinutes: 0 });
    sim.setFocused(true);
    sim.setVisible(true);
    await sim.clock.advance(60 * MIN);
    assert.equal(sim.api.regionLoads(), 3);
    assert.equal(sim.clock.pending, 0);
  });
});
