import * as assert from 'node:assert/strict';
import { regionChoiceKey } from '../../../src/regions/regionChoice';
import { walkthroughState, wasCleared, type WalkthroughInput } from '../../../src/evidence/walkthrough';

const mine = { profileId: 'p1', profileName: 'prod' };

function input(overrides: Partial<WalkthroughInput> = {}): WalkthroughInput {
  return { usableProfile: false, globalState: [], records: [], profileIds: new Set(['p1']), ...overrides };
}

describe('Walkthrough progress from state', () => {
  it('nothing is checked for a new user', () => {
    assert.deepEqual(walkthroughState(input()), { connected: false, regionsChosen: false, drilled: false, cleared: false });
  });

  it('connected follows a usable profile (not merely an existing one)', () => {
    assert.equal(walkthroughState(input({ usableProfile: true })).connected, true);
  });

  it('regions are chosen when a profile has a non-empty, valid choice in global state', () => {
    assert.equal(walkthroughState(input({ globalState: [[regionChoiceKey('p1'), ['cn-hangzhou']]] })).regionsChosen, true);
    assert.equal(walkthroughState(input({ globalState: [[regionChoiceKey('p1'), []]] })).regionsChosen, false);
    assert.equal(walkthroughState(input({ globalState: [[regionChoiceKey('p1'), ['not a region!']]] })).regionsChosen, false);
    assert.equal(walkthroughState(input({ globalState: [['other.key', ['cn-hangzhou']]] })).regionsChosen, false);
  });

  it('a drill has run once a record of one of this machine\'s profiles exists; cleared once one was seen cleared', () => {
    const started = walkthroughState(input({ records: [{ account: mine }] }));
    assert.deepEqual([started.drilled, started.cleared], [true, false]);
    const cleared = walkthroughState(input({ records: [{ account: mine }, { account: mine, clearRequestedAt: 'x', clearedAt: 'y' }] }));
    assert.deepEqual([cleared.drilled, cleared.cleared], [true, true]);
  });

  it("a teammate's committed record checks nothing", () => {
    const state = walkthroughState(input({ records: [{ account: { profileId: 'someone-else', profileName: 'x' }, clearedAt: 'y' }] }));
    assert.deepEqual([state.drilled, state.cleared], [false, false]);
  });

  it('a drill gone after a clear request counts as cleared; one gone without a clear does not', () => {
    assert.equal(wasCleared({ clearRequestedAt: 'a', goneAt: 'b' }), true);
    assert.equal(wasCleared({ goneAt: 'b' }), false);
    assert.equal(wasCleared({ clearRequestedAt: 'a' }), false);
  });
});
