import * as assert from 'node:assert/strict';
import type { DrillEvidence, Verification } from '../../../src/evidence/evidence';
import { DAY_MS, EvidenceIndex, freshness, freshnessText, lastSuccessfulDrill, movesFreshness, overdueSummary } from '../../../src/evidence/freshness';
import { newEvidence, recordObservation, recordVerdict, recordVerification } from '../../../src/evidence/recorder';
import { ENGLISH, localised, type Localiser } from '../../../src/replication/text';
import { formatMessage } from '../../../src/shared/text';
import { drillRecord } from './records';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const WEB = { kind: 'pair' as const, id: 'pair-demo-web01' };
const ORDERS01 = { kind: 'pair' as const, id: 'pair-demo-orders01' };
const ORDERS = { kind: 'group' as const, id: 'pg-demo-orders' };

/** A drill of web-01 that reached a usable disk 200 s after its start, judged passed unless `extra` says otherwise. */
function pairDrill(drillId: string, startAt: string, extra: Partial<DrillEvidence> = {}, teammate = false): DrillEvidence {
  return drillRecord({
    drillId, owner: { id: 'pair-demo-web01', name: 'web-01' }, regionId: 'cn-shanghai', startAt,
    firstExecutedAt: new Date(Date.parse(startAt) + 200_000).toISOString(), verdict: 'passed', ...extra,
  }, teammate);
}

function groupDrill(drillId: string, startAt: string, extra: Partial<DrillEvidence> = {}): DrillEvidence {
  return drillRecord({
    drillId, owner: { id: 'pg-demo-orders', name: 'orders-db', memberPairIds: ['pair-demo-orders01', 'pair-demo-orders02'] },
    regionId: 'cn-shanghai', startAt, firstExecutedAt: new Date(Date.parse(startAt) + 390_000).toISOString(), verdict: 'passed', ...extra,
  });
}

/** A verification of a drill started at `startAt`, ten minutes later, in the given state. */
function verification(startAt: string, state: Verification['state']): Verification {
  const at = (s: number): string => new Date(Date.parse(startAt) + s * 1000).toISOString();
  return {
    state,
    instance: { instanceId: 'i-uf6012y1698fz77ttf7g', zoneId: 'cn-shanghai-e' },
    script: { source: 'builtin', name: 'built-in', sha256: '5a03bd5a48a48bf6773452c919db5b8362d527ef085adaf2281c30dbbbe45ffa' },
    timeoutSeconds: 300,
    by: { osUser: 'li.wei', profileName: 'prod-dr' },
    startedAt: at(600),
    finishedAt: state === 'verifying' ? undefined : at(640),
    verifiedAt: state === 'passed' ? at(630) : undefined,
    disks: [{ diskId: 'd-uf6a2c4e6g8i0k2m4o6q', exitCode: state === 'passed' ? 0 : state === 'failed' ? 1 : undefined, verdict: state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : undefined }],
  };
}

/** Both ways of asking: a scan of the records and the index. */
function both(records: DrillEvidence[], owner: { kind: 'pair' | 'group'; id: string }): string | undefined {
  const scanned = lastSuccessfulDrill(records, owner)?.drillId;
  const indexed = lastSuccessfulDrill(new EvidenceIndex(records), owner)?.drillId;
  assert.equal(indexed, scanned, 'the index and the scan agree');
  return scanned;
}

describe('evidence freshness', () => {
  it('the last successful drill is the newest by StartAt whose verification passed or that was judged passed', () => {
    const records = [
      pairDrill('drill-1c3e5g7i9k1m3o5q7s9u', '2026-01-05T02:00:00.000Z', { verdict: 'passed' }),
      pairDrill('drill-5r7t9v1x3z5b7d9f1h3j', '2026-02-10T02:00:00.000Z', { verdict: 'notChecked', verification: verification('2026-02-10T02:00:00.000Z', 'passed') }),
      pairDrill('drill-2b4d6f8h0j2l4n6p8r0t', '2026-02-12T02:00:00.000Z', { verdict: 'notChecked' }),
      pairDrill('drill-4f6h8j0l2n4p6r8t0v2x', '2026-02-14T02:00:00.000Z', { verdict: undefined }),
      pairDrill('drill-7i9k1m3o5q7s9u1w3y5a', '2026-02-20T02:00:00.000Z', { verdict: 'failed' }),
      pairDrill('drill-9a1c3e5g7i9k1m3o5q7s', '2026-02-25T02:00:00.000Z', { firstExecutedAt: undefined, failedAt: '2026-02-25T02:02:00.000Z', status: 'execute_failed', verdict: undefined }),
    ];
    assert.equal(both(records, WEB), 'drill-5r7t9v1x3z5b7d9f1h3j', 'verified; the later usable disks without a passed verdict do not count');
    assert.equal(both(records.slice(2), WEB), undefined, 'a usable disk alone (no verdict, not checked) is no successful drill');
    assert.equal(both(records.slice(0, 1), WEB), 'drill-1c3e5g7i9k1m3o5q7s9u', 'a verdict of passed by hand counts');
    assert.equal(both(records, { kind: 'pair', id: 'pair-demo-app01' }), undefined);
  });

  it('a failed, incomplete or running verification counts only with a passed verdict; a failed verdict never counts', () => {
    const start = '2026-02-20T02:00:00.000Z';
    const drill = (state: Verification['state'], verdict?: DrillEvidence['verdict']): DrillEvidence => pairDrill('drill-7i9k1m3o5q7s9u1w3y5a', start, { verdict, verification: verification(start, state) });
    for (const state of ['failed', 'incomplete', 'verifying'] as const) {
      assert.equal(both([drill(state)], WEB), undefined, `${state}, no verdict`);
      assert.equal(both([drill(state, 'notChecked')], WEB), undefined, `${state}, not checked`);
      assert.equal(both([drill(state, 'passed')], WEB), 'drill-7i9k1m3o5q7s9u1w3y5a', `${state}, judged passed by hand`);
    }
    assert.equal(both([drill('passed')], WEB), 'drill-7i9k1m3o5q7s9u1w3y5a', 'passed, no verdict');
    assert.equal(both([drill('passed', 'failed')], WEB), undefined, 'passed but judged failed (the application did not work)');
    // A verification that passed is a successful drill even where no `executed` was observed (the disk was attached).
    assert.equal(both([pairDrill('drill-aaaa', start, { firstExecutedAt: undefined, verdict: undefined, verification: verification(start, 'passed') })], WEB), 'drill-aaaa');
    assert.equal(both([pairDrill('drill-bbbb', start, { firstExecutedAt: undefined, verdict: 'passed' })], WEB), undefined, 'judged passed without a usable disk');
  });

  it('the overdue boundary follows the last passed drill, not a later failed verification', () => {
    const last = '2026-01-30T08:00:00.000Z';
    const later = '2026-02-20T08:00:00.000Z';
    const records = [
      pairDrill('drill-5r7t9v1x3z5b7d9f1h3j', last, { verdict: undefined, verification: verification(last, 'passed') }),
      pairDrill('drill-7i9k1m3o5q7s9u1w3y5a', later, { verdict: undefined, verification: verification(later, 'failed') }),
    ];
    const due = Date.parse(last) + 30 * DAY_MS;
    assert.equal(due, NOW);
    assert.deepEqual(freshness(WEB, records, 30, NOW - 1), { lastDrilledAt: Date.parse(last), overdue: false, dueAt: due });
    assert.deepEqual(freshness(WEB, records, 30, NOW), { lastDrilledAt: Date.parse(last), overdue: true, dueAt: due });
    // Judged passed by hand after all: the later drill is the last successful one.
    const judged = [records[0], { ...records[1], verdict: 'passed' as const }];
    assert.deepEqual(freshness(WEB, judged, 30, NOW), { lastDrilledAt: Date.parse(later), overdue: false, dueAt: Date.parse(later) + 30 * DAY_MS });
  });

  it('without a StartAt, the first event dates the drill', () => {
    const records = [
      pairDrill('drill-aaaa', '2026-02-10T02:00:00.000Z'),
      { ...pairDrill('drill-bbbb', '2026-02-12T02:00:00.000Z'), startAt: undefined },
    ];
    assert.equal(both(records, WEB), 'drill-bbbb');
    // Found already executed: the `discovered` event, at the first `executed` observation.
    assert.equal(records[1].events[0].type, 'discovered');
    assert.equal(freshness(WEB, records, 30, NOW).lastDrilledAt, Date.parse('2026-02-12T02:03:20.000Z'));
  });

  it("a teammate's record (another account) counts", () => {
    const records = [pairDrill('drill-0k2m4o6q8s0u2w4y6a8c', '2026-02-27T04:00:00.000Z', {}, true)];
    assert.equal(records[0].account.profileName, 'ops-dr');
    assert.equal(both(records, WEB), 'drill-0k2m4o6q8s0u2w4y6a8c');
  });

  it('a group drill counts for the group and its member pairs; a pair drill does not count for its group', () => {
    const records = [
      groupDrill('pg-drill-2b4d6f8h0j2l4n6p8r0t', '2026-02-20T02:00:00.000Z'),
      drillRecord({ drillId: 'drill-3e5g7i9k1m3o5q7s9u1w', owner: { id: 'pair-demo-orders01' }, regionId: 'cn-shanghai', startAt: '2026-02-22T02:00:00.000Z', firstExecutedAt: '2026-02-22T02:05:00.000Z', verdict: 'passed' }),
    ];
    assert.equal(both(records, ORDERS), 'pg-drill-2b4d6f8h0j2l4n6p8r0t');
    assert.equal(both(records, ORDERS01), 'drill-3e5g7i9k1m3o5q7s9u1w');
    assert.equal(both(records, { kind: 'pair', id: 'pair-demo-orders02' }), 'pg-drill-2b4d6f8h0j2l4n6p8r0t');
    assert.equal(both([records[1]], ORDERS), undefined);
    assert.equal(both([groupDrill('pg-drill-x', '2026-02-20T02:00:00.000Z', { verdict: 'failed' })], ORDERS01), undefined);
  });

  it('is overdue exactly when the interval has passed, never with interval 0, and always when never drilled', () => {
    const last = '2026-01-30T08:00:00.000Z';
    const records = [pairDrill('drill-5r7t9v1x3z5b7d9f1h3j', last)];
    const due = Date.parse(last) + 30 * DAY_MS;
    assert.equal(due, NOW);
    assert.deepEqual(freshness(WEB, records, 30, NOW - 1), { lastDrilledAt: Date.parse(last), overdue: false, dueAt: due });
    assert.deepEqual(freshness(WEB, records, 30, NOW), { lastDrilledAt: Date.parse(last), overdue: true, dueAt: due });
    assert.deepEqual(freshness(WEB, records, 0, NOW + 365 * DAY_MS), { lastDrilledAt: Date.parse(last), overdue: false });
    assert.deepEqual(freshness(ORDERS01, records, 30, NOW), { overdue: true });
    assert.deepEqual(freshness(ORDERS01, records, 0, NOW), { overdue: false });
  });

  it('says when it was drilled, rounded down as every age is, or that it never was', () => {
    const text = (f: ReturnType<typeof freshness>, now = NOW): string => formatMessage(freshnessText(f, now));
    assert.equal(text({ lastDrilledAt: NOW - 12 * DAY_MS - 1, overdue: false }), 'drilled 12 d ago');
    assert.equal(text({ lastDrilledAt: NOW - 59_999, overdue: false }), 'drilled just now');
    assert.equal(text({ lastDrilledAt: NOW - 47 * 3_600_000 - 3_599_000, overdue: false }), 'drilled 47 h ago');
    assert.equal(text({ overdue: true }), 'never drilled');
    assert.equal(formatMessage(overdueSummary(3, 40)), '3 of 40 overdue');
  });

  it('renders the age inside "drilled {0}" with the given localiser', () => {
    const upper: Localiser = { ...ENGLISH, t: (template, ...args) => ENGLISH.t(template, ...args).toUpperCase() };
    assert.equal(localised(upper, freshnessText({ lastDrilledAt: NOW - 2 * DAY_MS, overdue: false }, NOW, upper)), 'DRILLED 2 D AGO');
  });

  it('indexes 50,000 records once for 15,000 owners quickly', () => {
    const records: DrillEvidence[] = [];
    for (let i = 0; i < 50_000; i++) {
      records.push(drillRecord({ drillId: `drill-${i}`, owner: { id: `pair-${i % 15_000}` }, regionId: 'cn-shanghai', startAt: new Date(NOW - i * 60_000).toISOString(), firstExecutedAt: new Date(NOW - i * 60_000 + 1000).toISOString(), verdict: 'passed' }));
    }
    const started = performance.now();
    const index = new EvidenceIndex(records);
    let overdue = 0;
    for (let i = 0; i < 15_000; i++) if (freshness({ kind: 'pair', id: `pair-${i}` }, index, 30, NOW).overdue) overdue++;
    const elapsed = performance.now() - started;
    assert.equal(overdue, 0);
    assert.ok(elapsed < 2_000, `took ${elapsed} ms`);
  });
});

describe('evidence/freshness: which writes move freshness', () => {
  it('a poll of a running drill does not, nor a usable disk alone; a passed verification, a verdict or a new owner does', () => {
    const t0 = Date.UTC(2026, 2, 10, 1);
    const by = { osUser: 'li.wei', profileName: 'prod-dr' };
    const base = newEvidence({ kind: 'pair', drillId: 'drill-5r7t9v1x3z5b7d9f1h3j', account: { profileId: 'p-1', profileName: 'prod-dr' }, owner: { id: 'pair-demo-web01', name: 'web-01' }, regionId: 'cn-shanghai', startAt: t0, extensionVersion: '0.2.0' }, t0);
    const polled = recordObservation(base, { status: 'executing', disks: [] }, t0 + 5_000);
    const again = recordObservation(polled, { status: 'executing', disks: [] }, t0 + 10_000);
    assert.equal(movesFreshness(again, polled), false);
    assert.equal(movesFreshness(polled, undefined), false, 'a new drill that is still running');
    const usable = recordObservation(again, { status: 'executed', disks: [] }, t0 + 15_000);
    assert.equal(movesFreshness(usable, again), false, 'a usable disk is not yet a successful drill');
    const start = new Date(t0).toISOString();
    const verifying = recordVerification(usable, verification(start, 'verifying'), t0 + 600_000);
    assert.equal(movesFreshness(verifying, usable), false);
    const verified = recordVerification(verifying, verification(start, 'passed'), t0 + 640_000);
    assert.equal(movesFreshness(verified, verifying), true, 'the verification passed');
    const failed = recordVerdict(verified, { verdict: 'failed', by }, t0 + 700_000);
    assert.equal(movesFreshness(failed, verified), true, 'judged failed after all');
    const passed = recordVerdict(usable, { verdict: 'passed', by }, t0 + 60_000);
    assert.equal(movesFreshness(passed, usable), true, 'judged passed by hand');
    assert.equal(movesFreshness({ ...passed, owner: { id: 'pair-demo-app01' } }, passed), true);
  });
});
