// Completion claims as files: of two windows (two claim stores over one folder, as two windows share the global
// storage) exactly one wins a claim; a released or expired claim can be won again; old claims are pruned.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DrillTracker } from '../../../src/drills/tracker';
import { claimFiles } from '../../../src/evidence/claims';
import { FakeClock } from '../drills/fakeClock';

const KEY = 'pair/cn-hangzhou/pair-drill-back01/drill-rv23x0o47knzkgyluwnp#executed';
const T0 = Date.UTC(2026, 2, 10, 1);
const TTL = 7 * 24 * 3_600_000;

describe('evidence: completion claims', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'ebs-dr-claims-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('one of two windows wins a claim; the other learns it was announced', () => {
    const a = claimFiles(folder);
    const b = claimFiles(folder);
    assert.equal(a.claimOnce(KEY, T0, TTL), true);
    assert.equal(b.claimOnce(KEY, T0 + 1_000, TTL), false);
    assert.equal(a.claimOnce(KEY, T0 + 2_000, TTL), false, 'once, even for the winner');
    assert.equal(b.claimOnce(`${KEY}-other`, T0, TTL), true, 'claims are per key');
  });

  it('a released claim, or one past its time to live, is won again', () => {
    const a = claimFiles(folder);
    const b = claimFiles(folder);
    a.claimOnce(KEY, T0, TTL);
    b.releaseClaim(KEY);
    assert.equal(b.claimOnce(KEY, T0 + 1_000, TTL), true);
    assert.equal(a.claimOnce(KEY, T0 + 1_000 + TTL, TTL), true, 'expired: taken over');
    assert.equal(b.claimOnce(KEY, T0 + 2_000 + TTL, TTL), false);
  });

  it('prunes claims older than their time to live', () => {
    const a = claimFiles(folder);
    a.claimOnce('old', T0, TTL);
    a.claimOnce('new', T0 + TTL, TTL);
    a.prune(T0 + TTL + 1, TTL);
    assert.equal(readdirSync(join(folder, 'claims')).length, 1);
    assert.equal(a.claimOnce('new', T0 + TTL + 2, TTL), false);
    assert.equal(a.claimOnce('old', T0 + TTL + 2, TTL), true);
  });
});

describe('evidence: completion claims behind two real trackers (two windows)', () => {
  it('announces a completion in only one window, the claim made in the shared folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ebs-dr-claims-'));
    try {
      const clock = new FakeClock();
      let world = { status: 'executing', disks: [{ diskId: 'd-8vq2k1x7c3m5n9b2', status: 'creating' }] };
      const windows = [0, 1].map(() => {
        const claims = claimFiles(folder);
        // Each window its own (empty) drill list: only the claims are shared.
        const tracker = new DrillTracker({ describe: async () => JSON.parse(JSON.stringify(world)), store: { load: () => [], save: () => undefined, ...claims }, clock });
        const announced: boolean[] = [];
        tracker.onDidComplete((c) => announced.push(c.announce));
        tracker.setAccount('p-1');
        tracker.track({ kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-drill-web01', drillId: 'drill-rv23x0o47knzkgyluwnp', account: 'p-1', status: 'executing', disks: [], followed: true });
        return { tracker, announced };
      });
      world = { status: 'executed', disks: [{ diskId: 'd-8vq2k1x7c3m5n9b2', status: 'created' }] };
      await clock.advance(60_000);
      assert.deepEqual(windows.map((w) => w.announced.length), [1, 1], 'both windows observed it');
      assert.equal(windows.flatMap((w) => w.announced).filter(Boolean).length, 1, 'one announced it');
      windows.forEach((w) => w.tracker.dispose());
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
