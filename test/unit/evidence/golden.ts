// The fixed world of the report's golden files: the demo scenario's pairs and groups, drills of February 2026 (and a
// few older ones), the cadence policy and a UTC time format, so the files do not depend on the machine's time zone.
import type { DrillEvidence } from '../../../src/evidence/evidence';
import { intervalDaysFor, parsePolicy } from '../../../src/evidence/policy';
import type { ReportInput, ReportOwner } from '../../../src/evidence/report';
import { drillRecord, ME, NOW, TEAMMATE } from './records';

const WEB = { id: 'pair-demo-web01', name: 'web-01' };
const ORDERS = { id: 'pg-demo-orders', name: 'orders-db', memberPairIds: ['pair-demo-orders01', 'pair-demo-orders02'] };
const APP = { id: 'pair-demo-app01', name: 'app-01' };
const LOG = { id: 'pair-demo-log01', name: 'log-archive' };
const CRM_DATA = { id: 'pair-demo-crm01', name: 'crm-data' };
const LOCAL = { id: 'pair-demo-local01', name: 'hz-cross-zone' };

/** The drills of the golden report: February 2026 and a few older ones. */
export function goldenRecords(): DrillEvidence[] {
  return [
    // web-01: an older drill (before the period) and a passed one with a note that tries to break the table.
    drillRecord({
      drillId: 'drill-8k2m4q6s0u1w3y5a7c9e', owner: WEB, sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', rpoSeconds: 900,
      drillDiskIds: ['d-uf6h3k5m7p9r1t3v5x7z'], recoveryPoint: '2026-01-05T01:50:00.000Z', startAt: '2026-01-05T02:00:00.000Z',
      lastExecutingAt: '2026-01-05T02:04:10.000Z', firstExecutedAt: '2026-01-05T02:04:15.000Z',
      clearRequestedAt: '2026-01-05T02:40:00.000Z', clearedAt: '2026-01-05T02:40:15.000Z', clearedBy: ME,
      startRequestId: '3A7C1E9B-2D4F-4B6A-8C0E-5F1A3B7D9C2E', clearRequestId: '9E2B4D6F-8A1C-4E3B-9D5F-7C0A2E4B6D8F',
      verdict: 'passed', verdictBy: ME, verdictAt: '2026-01-05T02:41:00.000Z', notes: 'Monthly drill: web tier came up.',
      status: 'clearing', disks: [{ diskId: 'd-uf6h3k5m7p9r1t3v5x7z', status: 'deleting' }],
    }),
    drillRecord({
      drillId: 'drill-5r7t9v1x3z5b7d9f1h3j', owner: WEB, sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', rpoSeconds: 900,
      drillDiskIds: ['d-uf6a2c4e6g8i0k2m4o6q'], recoveryPoint: '2026-02-10T01:52:30.000Z', startAt: '2026-02-10T02:00:00.000Z',
      lastExecutingAt: '2026-02-10T02:03:40.000Z', firstExecutedAt: '2026-02-10T02:03:45.000Z',
      clearRequestedAt: '2026-02-10T03:10:00.000Z', clearedAt: '2026-02-10T03:10:20.000Z', clearedBy: ME,
      startRequestId: '0F3B9A1C-6D2E-4F7A-9B8C-1D2E3F4A5B6C', clearRequestId: '7B1D3F5A-9C2E-4A6B-8D0F-2E4A6C8B0D1F',
      verdict: 'passed', verdictBy: ME, verdictAt: '2026-02-10T03:11:02.000Z',
      notes: 'Checked orders | row count matched `SELECT count(*)`\nthen *all* <good> & done',
      status: 'clearing', disks: [{ diskId: 'd-uf6a2c4e6g8i0k2m4o6q', status: 'deleting' }],
    }),
    // orders-db: a teammate's group drill, found already executed (no `executing` seen), not checked.
    drillRecord({
      drillId: 'pg-drill-2b4d6f8h0j2l4n6p8r0t', owner: ORDERS, sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', rpoSeconds: 900,
      drillDiskIds: ['d-uf6b3d5f7h9j1l3n5p7r', 'd-uf6c4e6g8i0k2m4o6q8s'], recoveryPoint: '2026-02-20T01:45:00.000Z', startAt: '2026-02-20T02:00:00.000Z',
      firstExecutedAt: '2026-02-20T02:06:30.000Z', clearRequestedAt: '2026-02-21T02:06:30.000Z', clearedAt: '2026-02-21T02:07:00.000Z',
      clearedBy: TEAMMATE, clearRequestId: '4C6E8A0B-2D4F-4A6C-8E0B-3D5F7A9C1E2B', verdict: 'notChecked', verdictBy: TEAMMATE, verdictAt: '2026-02-21T02:07:30.000Z',
      status: 'clearing',
      disks: [{ pairId: 'pair-demo-orders01', diskId: 'd-uf6b3d5f7h9j1l3n5p7r', status: 'deleting' }, { pairId: 'pair-demo-orders02', diskId: 'd-uf6c4e6g8i0k2m4o6q8s', status: 'deleting' }],
    }, true),
    // app-01: the drill disk failed to be created.
    drillRecord({
      drillId: 'drill-9a1c3e5g7i9k1m3o5q7s', owner: APP, sourceRegionId: 'cn-shanghai', regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-i',
      drillDiskIds: ['d-bp1d5f7h9j1l3n5p7r9t'], recoveryPoint: '2026-02-25T05:58:00.000Z', startAt: '2026-02-25T06:00:00.000Z',
      lastExecutingAt: '2026-02-25T06:01:50.000Z', failedAt: '2026-02-25T06:02:00.000Z', statusMessage: 'InsufficientBalance',
      startRequestId: '5D7F9B1C-3E5A-4C7E-9A1B-4F6B8D0E2A3C', verdict: 'failed', verdictBy: ME, verdictAt: '2026-02-25T06:05:00.000Z',
      notes: 'Account balance too low; topped up.', status: 'execute_failed', statusAt: '2026-02-25T06:02:00.000Z',
      clearRequestedAt: '2026-02-25T06:04:00.000Z', clearedAt: '2026-02-25T06:04:10.000Z', clearRequestId: '6E8A0C2D-4F6B-4D8F-8B2C-5A7C9E1F3B4D', clearedBy: ME,
    }),
    // log-archive: a passed drill in December (so overdue now), and one still executing.
    drillRecord({
      drillId: 'drill-1c3e5g7i9k1m3o5q7s9u', owner: LOG, sourceRegionId: 'cn-shanghai', regionId: 'cn-beijing', zoneId: 'cn-beijing-f',
      drillDiskIds: ['d-2ze6g8i0k2m4o6q8s0u2'], recoveryPoint: '2025-12-15T09:30:00.000Z', startAt: '2025-12-15T10:00:00.000Z',
      lastExecutingAt: '2025-12-15T10:12:00.000Z', firstExecutedAt: '2025-12-15T10:12:30.000Z', clearedAt: '2025-12-15T11:00:00.000Z',
      clearRequestedAt: '2025-12-15T10:59:40.000Z', clearRequestId: '8A0C2E4F-6B8D-4F0A-9C3E-6B8D0F2A4C5E', clearedBy: ME,
      startRequestId: '1B3D5F7A-9C0E-4B2D-8F4A-7C9E1B3D5F6A', verdict: 'passed', verdictBy: ME, verdictAt: '2025-12-15T11:01:00.000Z', status: 'clearing',
    }),
    drillRecord({
      drillId: 'drill-3e5g7i9k1m3o5q7s9u1w', owner: LOG, sourceRegionId: 'cn-shanghai', regionId: 'cn-beijing', zoneId: 'cn-beijing-f',
      drillDiskIds: ['d-2ze7h9j1l3n5p7r9t1v3'], recoveryPoint: '2026-03-01T07:40:00.000Z', startAt: '2026-03-01T07:50:00.000Z',
      lastExecutingAt: '2026-03-01T07:59:55.000Z', startRequestId: '2C4E6A8B-0D1F-4C3E-9A5B-8D0F2C4E6A7B', status: 'executing',
      statusAt: '2026-03-01T07:59:55.000Z', tracking: { active: true, followed: true },
      disks: [{ diskId: 'd-2ze7h9j1l3n5p7r9t1v3', status: 'creating' }],
    }),
    // crm-data: the disk came up but the application did not: judged failed, so not a successful drill.
    drillRecord({
      drillId: 'drill-7i9k1m3o5q7s9u1w3y5a', owner: CRM_DATA, sourceRegionId: 'cn-beijing', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-f',
      drillDiskIds: ['d-uf6e7g9i1k3m5o7q9s1u'], recoveryPoint: '2026-02-15T00:10:00.000Z', startAt: '2026-02-15T01:00:00.000Z',
      lastExecutingAt: '2026-02-15T01:05:00.000Z', firstExecutedAt: '2026-02-15T01:05:10.000Z',
      clearRequestedAt: '2026-02-15T02:00:00.000Z', clearedAt: '2026-02-15T02:00:30.000Z', clearedBy: TEAMMATE,
      startRequestId: 'A1C3E5F7-B9D0-4E2A-8C4B-9E1A3C5E7F8A', clearRequestId: 'B2D4F6A8-C0E1-4F3B-9D5C-0F2B4D6F8A9B',
      verdict: 'failed', verdictBy: TEAMMATE, verdictAt: '2026-02-15T02:01:00.000Z',
      notes: 'CRM service would not start: /etc/fstab still names the production disk.', status: 'clearing',
    }, true),
    // hz-cross-zone: found executed by the tree and gone without a clear seen here; no verdict.
    drillRecord({
      drillId: 'drill-0k2m4o6q8s0u2w4y6a8c', owner: LOCAL, sourceRegionId: 'cn-hangzhou', regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-k',
      drillDiskIds: ['d-bp1f8h0j2l4n6p8r0t2v'], recoveryPoint: '2026-02-27T03:59:00.000Z', startAt: '2026-02-27T04:00:00.000Z',
      lastExecutingAt: '2026-02-27T04:01:00.000Z', firstExecutedAt: '2026-02-27T04:01:30.000Z', goneAt: '2026-02-28T09:30:00.000Z',
      status: 'executed',
    }, true),
  ];
}

const owner = (o: ReportOwner): ReportOwner => o;

export function goldenOwners(): ReportOwner[] {
  const lastRp = Date.parse('2026-03-01T07:45:00Z');
  return [
    owner({ kind: 'pair', id: 'pair-demo-web01', name: 'web-01', sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', status: 'normal', rpoSeconds: 900, lastRecoverPoint: lastRp }),
    owner({ kind: 'pair', id: 'pair-demo-orders01', name: 'orders-data', sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', status: 'normal', rpoSeconds: 900, lastRecoverPoint: lastRp }),
    owner({ kind: 'pair', id: 'pair-demo-orders02', name: 'orders-log', sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', status: 'syncing', rpoSeconds: 900 }),
    owner({ kind: 'group', id: 'pg-demo-orders', name: 'orders-db', sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', status: 'normal', rpoSeconds: 900, lastRecoverPoint: lastRp, memberPairIds: ['pair-demo-orders01', 'pair-demo-orders02'] }),
    owner({ kind: 'pair', id: 'pair-demo-app01', name: 'app-01', sourceRegionId: 'cn-shanghai', regionId: 'cn-hangzhou', status: 'syncing', rpoSeconds: 900, lastRecoverPoint: Date.parse('2026-03-01T07:50:00Z') }),
    owner({ kind: 'pair', id: 'pair-demo-log01', name: 'log-archive', sourceRegionId: 'cn-shanghai', regionId: 'cn-beijing', status: 'normal', rpoSeconds: 3600, lastRecoverPoint: Date.parse('2026-03-01T07:00:00Z') }),
    owner({ kind: 'group', id: 'pg-demo-crm', name: 'crm', sourceRegionId: 'cn-beijing', regionId: 'cn-shanghai', status: 'syncing', memberPairIds: ['pair-demo-crm01', 'pair-demo-crm02'] }),
    owner({ kind: 'pair', id: 'pair-demo-crm01', name: 'crm-data', sourceRegionId: 'cn-beijing', regionId: 'cn-shanghai', status: 'syncing' }),
    owner({ kind: 'pair', id: 'pair-demo-local01', name: 'hz-cross-zone', sourceRegionId: 'cn-hangzhou', regionId: 'cn-hangzhou', status: 'normal', rpoSeconds: 900, lastRecoverPoint: lastRp }),
  ];
}

export const GOLDEN_POLICY = '{ "intervalDays": 30, "pairs": { "hz-cross-zone": 7 }, "groups": { "pg-demo-crm": 0 } }\n';

/** `2026-02-10 02:00:00 UTC`: the golden files do not depend on the machine's time zone. */
export const utcTime = (t: number): string => new Date(t).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');

export function goldenInput(): ReportInput {
  const { policy } = parsePolicy(GOLDEN_POLICY);
  return {
    generatedAt: NOW,
    period: { from: Date.parse('2026-02-01T00:00:00Z'), to: NOW },
    regions: ['cn-hangzhou', 'cn-shanghai'],
    profileName: 'prod-dr',
    extensionVersion: '0.1.0',
    owners: goldenOwners(),
    records: goldenRecords(),
    intervalDaysFor: (o) => intervalDaysFor(policy, 0, o),
    formatTime: utcTime,
  };
}
