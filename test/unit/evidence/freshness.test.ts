import * as assert from 'node:assert/strict';
import type { DrillEvidence } from '../../../src/evidence/evidence';
import { DAY_MS, EvidenceIndex, freshness, freshnessText, lastSuccessfulDrill, movesFreshness, overdueSummary } from '../../../src/evidence/freshness';
import { newEvidence, recordObservation, recordVerdict } from '../../../src/evidence/recorder';
import { ENGLISH, localised, type Localiser } from '../../../src/replication/text';
import { formatMessage } from '../../../src/shared/text';
import { drillRecord } from './records';

const NOW = Date.parse('2026-03-01T08:00:00Z');
const WEB = { kind: 'pair' as const, id: 'pair-demo-web01' };
const ORDERS01 = { kind: 'pair' as const, id: 'pair-demo-orders01' };
const ORDERS = { kind: 'group' as const, id: 'pg-demo-orders' };

function pairDrill(drillId: string, startAt: string, extra: Partial<DrillEvidence> = {}, teammate = false): DrillEvidence {
  return drillRecord({
    drillId, owner: { id: 'pair-demo-web01', name: 'web-01' }, regionId: 'cn-shanghai', startAt,
    firstExecutedAt: new Date(Date.parse(startAt) + 200_000).toISOString(), ...extra,
  }, teammate);
}

function groupDrill(drillId: string, startAt: string, extra: Partial<DrillEvidence> = {}): DrillEvidence {
  return drillRecord({
    drillId, owner: { id: 'pg-demo-orders', name: 'orders-db', memberPairIds: ['pair-demo-orders01', 'pair-demo-orders02'] },
    regionId: 'cn-shanghai', startAt, firstExecutedAt: new Date(Date.parse(startAt) + 390_000).toISOString(), ...extra,
  });
}

/** Both ways of asking: a scan of the records and the index. */
function both(records: DrillEvidence[], owner: { kind: 'pair' | 'group'; id: string }): string | undefined {
  const scanned = lastSuccessfulDrill(records, owner)?.drillId;
  const indexed = lastSuccessfulDrill(new EvidenceIndex(records), owner)?.drillId;
  assert.equal(indexed, scanned, 'the index and the scan agree');
  return scanned;
}

describe('evidence freshness', () => {
  it('the last successful drill is the newest by StartAt that reached a usable disk and was not judged failed', () => {
    const records = [
      pairDrill('drill-1c3e5g7i9k1m3o5q7s9u', '2026-01-05T02:00:00.000Z', { verdict: 'passed' }),
      pairDrill('drill-5r7t9v1x3z5b7d9f1h3j', '2026-02-10T02:00:00.000Z', { verdict: 'notChecked' }),
      pairDrill('drill-7i9k1m3o5q7s9u1w3y5a', '2026-02-20T02:00:00.000Z', { verdict: 'failed' }),
      pairDrill('drill-9a1c3e5g7i9k1m3o5q7s', '2026-02-25T02:00:00.000Z', { firstExecutedAt: undefined, failedAt: '2026-02-25T02:02:00.000Z', status: 'execute_failed' }),
    ];
    assert.equal(both(records, WEB), 'drill-5r7t9v1x3z5b7d9f1h3j');
    assert.equal(both(records, { kind: 'pair', id: 'pair-demo-app01' }), undefined);
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
      drillRecord({ drillId: 'drill-3e5g7i9k1m3o5q7s9u1w', owner: { id: 'pair-demo-orders01' }, regionId: 'cn-shanghai', startAt: '2026-02-22T02:00:00.000Z', firstExecutedAt: '2026-02-22T02:05:00.000Z' }),
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
      records.push(drillRecord({ drillId: `drill-${i}`, owner: { id: `pair-${i % 15_000}` }, regionId: 'cn-shanghai', startAt: new Date(NOW - i * 60_000).toISOString(), firstExecutedAt: new Date(NOW - i * 60_000 + 1000).toISOString() }));
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
  it('a poll of a running drill does not; its first usable disk, a failed verdict or a new owner does', () => {
    const t0 = Date.UTC(2026, 2, 10, 1);
    const base = newEvidence({ kind: 'pair', drillId: 'drill-5r7t9v1x3z5b7d9f1h3j', account: { profileId: 'p-1', profileName: 'prod-dr' }, owner: { id: 'pair-demo-web01', name: 'web-01' }, regionId: 'cn-shanghai', startAt: t0, extensionVersion: '0.2.0' }, t0);
    const polled = recordObservation(base, { status: 'executing', disks: [] }, t0 + 5_000);
    const again = recordObservation(polled, { status: 'executing', disks: [] }, t0 + 10_000);
    assert.equal(movesFreshness(again, polled), false);
    assert.equal(movesFreshness(polled, undefined), false, 'a new drill that is still running');
    const usable = recordObservation(again, { status: 'executed', disks: [] }, t0 + 15_000);
    assert.equal(movesFreshness(usable, again), true);
    const failed = recordVerdict(usable, { verdict: 'failed', by: { osUser: 'li.wei', profileName: 'prod-dr' } }, t0 + 60_000);
    assert.equal(movesFreshness(failed, usable), true);
    assert.equal(movesFreshness({ ...usable, owner: { id: 'pair-demo-app01' } }, usable), true);
  });
});
