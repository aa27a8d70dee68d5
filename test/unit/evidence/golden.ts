// The fixed world of the report's golden files: the demo scenario's pairs and groups, drills of February 2026 (and a
// few older ones), the cadence policy and a UTC time format, so the files do not depend on the machine's time zone.
import type { DrillEvidence, Verification } from '../../../src/evidence/evidence';
import { intervalDaysFor, parsePolicy } from '../../../src/evidence/policy';
import type { ReportInput, ReportOwner } from '../../../src/evidence/report';
import { drillRecord, ME, NOW, TEAMMATE } from './records';

const WEB = { id: 'pair-demo-web01', name: 'web-01' };
const ORDERS = { id: 'pg-demo-orders', name: 'orders-db', memberPairIds: ['pair-demo-orders01', 'pair-demo-orders02'] };
const APP = { id: 'pair-demo-app01', name: 'app-01' };
const LOG = { id: 'pair-demo-log01', name: 'log-archive' };
const CRM_DATA = { id: 'pair-demo-crm01', name: 'crm-data' };
const LOCAL = { id: 'pair-demo-local01', name: 'hz-cross-zone' };

/** SHA-256 of the wrapper alone (the built-in check) and of the team's scripts, as the confirmation showed them. */
const BUILTIN_SHA = '5a03bd5a48a48bf6773452c919db5b8362d527ef085adaf2281c30dbbbe45ffa';
const ORDERS_SCRIPT_SHA = '5b9987daaa924d90dbe5c453267c1c54871587820ac99bf68b1e7f5361d365e4';
const CRM_SCRIPT_SHA = '7867d6d6fda2fb026f5ee9480dfc2aa5b997e430e88f95305d4c188178519659';

/** What the wrapper prints for a clean disk: its EBS-DR lines around the top-level listing. */
function passedOutput(device: string, filesystem: string, listing: string[], script?: string[]): string {
  const fsck = filesystem === 'xfs' ? 'EBS-DR: fsck=clean (xfs_repair -n)' : 'EBS-DR: fsck=clean';
  return [`EBS-DR: device=${device}`, `EBS-DR: filesystem=${filesystem}`, fsck, 'EBS-DR: mounted read-only', ...listing, ...(script ?? []), 'EBS-DR: result=passed', ''].join('\n');
}

/** web-01, 10 February: the built-in check on a Shanghai instance, passed 10 min 27 s after the start. */
const WEB_VERIFIED: Verification = {
  state: 'passed',
  instance: { instanceId: 'i-uf6012y1698fz77ttf7g', name: 'dr-verify-sh-e', zoneId: 'cn-shanghai-e' },
  script: { source: 'builtin', name: 'built-in', sha256: BUILTIN_SHA },
  timeoutSeconds: 300,
  by: ME,
  startedAt: '2026-02-10T02:10:00.000Z',
  finishedAt: '2026-02-10T02:10:36.000Z',
  verifiedAt: '2026-02-10T02:10:27.000Z',
  disks: [{
    diskId: 'd-uf6a2c4e6g8i0k2m4o6q', attachRequestedAt: '2026-02-10T02:10:05.000Z', attachedAt: '2026-02-10T02:10:12.000Z', attachRequestId: 'C1E3A5B7-D9F0-4A2C-8E4B-1A3C5E7A9B0D',
    invokeId: 't-sh02jb8ne5m1xq4', invocationStatus: 'Success', exitCode: 0,
    output: passedOutput('/dev/vdb', 'ext4', [
      'total 28', 'drwxr-xr-x  4 root root  4096 Feb 10 01:52 .', 'drwx------  3 root root  4096 Feb 10 02:10 ..',
      'drwx------  2 root root 16384 Nov  3  2025 lost+found', 'drwxr-xr-x  6 www  www   4096 Feb 10 01:50 www',
    ]),
    checkStartedAt: '2026-02-10T02:10:15.000Z', checkFinishedAt: '2026-02-10T02:10:27.000Z', filesystem: 'ext4',
    detachRequestedAt: '2026-02-10T02:10:28.000Z', detachedAt: '2026-02-10T02:10:36.000Z', detachRequestId: 'D2F4B6C8-E0A1-4B3D-9F5C-2B4D6F8B0C1E', verdict: 'passed',
  }],
};

/** orders-db, 20 February: the team's script on both member disks, one after the other; the second output was cut. */
const ORDERS_VERIFIED: Verification = {
  state: 'passed',
  instance: { instanceId: 'i-uf6zgzpgo00gmv6kljp2', zoneId: 'cn-shanghai-e' },
  script: { source: 'team', name: 'checks/orders-db.sh', sha256: ORDERS_SCRIPT_SHA },
  timeoutSeconds: 600,
  by: TEAMMATE,
  startedAt: '2026-02-20T02:20:00.000Z',
  finishedAt: '2026-02-20T02:21:40.000Z',
  verifiedAt: '2026-02-20T02:21:31.000Z',
  disks: [
    {
      pairId: 'pair-demo-orders01', diskId: 'd-uf6b3d5f7h9j1l3n5p7r', attachRequestedAt: '2026-02-20T02:20:03.000Z', attachedAt: '2026-02-20T02:20:10.000Z',
      invokeId: 't-sh02jc1pq7r3yz8', invocationStatus: 'Success', exitCode: 0,
      output: passedOutput('/dev/vdb', 'ext4', [
        'total 24', 'drwxr-xr-x  3 root  root   4096 Feb 20 01:44 .', 'drwx------  3 root  root   4096 Feb 20 02:20 ..',
        'drwx------  2 root  root  16384 Sep 12  2025 lost+found', 'drwx------ 19 mysql mysql  4096 Feb 20 01:45 mysql',
      ], ['orders: ibdata1 and 212 tables present; newest binlog mysql-bin.004417']),
      checkStartedAt: '2026-02-20T02:20:12.000Z', checkFinishedAt: '2026-02-20T02:20:40.000Z', filesystem: 'ext4',
      detachRequestedAt: '2026-02-20T02:20:41.000Z', detachedAt: '2026-02-20T02:20:50.000Z', verdict: 'passed',
    },
    {
      pairId: 'pair-demo-orders02', diskId: 'd-uf6c4e6g8i0k2m4o6q8s', attachRequestedAt: '2026-02-20T02:20:52.000Z', attachedAt: '2026-02-20T02:21:00.000Z',
      invokeId: 't-sh02jc4tw0a6bc1', invocationStatus: 'Success', exitCode: 0,
      output: passedOutput('/dev/vdc', 'xfs', ['total 0', 'drwxr-xr-x 3 root  root   22 Feb 20 01:44 .', 'drwx------ 3 root  root   60 Feb 20 02:21 ..', 'drwxr-x--- 2 mysql mysql 4096 Feb 20 01:45 binlog']),
      outputTruncated: true,
      checkStartedAt: '2026-02-20T02:21:02.000Z', checkFinishedAt: '2026-02-20T02:21:31.000Z', filesystem: 'xfs',
      detachRequestedAt: '2026-02-20T02:21:32.000Z', detachedAt: '2026-02-20T02:21:40.000Z', verdict: 'passed',
    },
  ],
};

/** crm-data, 15 February: the team's script found filesystem errors (and its output has backticks and a `|`). */
const CRM_FAILED: Verification = {
  state: 'failed',
  instance: { instanceId: 'i-uf695hqac5jbyzq4n03k', name: 'dr-verify-sh-f', zoneId: 'cn-shanghai-f' },
  script: { source: 'team', name: 'checks/default.sh', sha256: CRM_SCRIPT_SHA },
  timeoutSeconds: 600,
  by: TEAMMATE,
  startedAt: '2026-02-15T01:20:00.000Z',
  finishedAt: '2026-02-15T01:21:30.000Z',
  disks: [{
    diskId: 'd-uf6e7g9i1k3m5o7q9s1u', attachRequestedAt: '2026-02-15T01:20:04.000Z', attachedAt: '2026-02-15T01:20:11.000Z',
    invokeId: 't-sh02ja7kd2f9gh5', invocationStatus: 'Failed', errorCode: 'ExitCodeNonzero', exitCode: 1,
    output: [
      'EBS-DR: device=/dev/vdb', 'EBS-DR: filesystem=ext4', 'e2fsck 1.46.5 (30-Dec-2021)', 'Pass 1: Checking inodes, blocks, and sizes',
      'Inode 1311 has an invalid extent (logical block 0, invalid physical block 8912896, len 1)', 'crm: /etc/fstab | grep `blkid -s UUID` found no match',
      '````', 'EBS-DR: fsck=errors', 'EBS-DR: result=failed fsck found errors', '',
    ].join('\n'),
    checkStartedAt: '2026-02-15T01:20:13.000Z', checkFinishedAt: '2026-02-15T01:21:20.000Z', filesystem: 'ext4',
    detachRequestedAt: '2026-02-15T01:21:21.000Z', detachedAt: '2026-02-15T01:21:30.000Z', verdict: 'failed',
  }],
};

/** hz-cross-zone, 27 February: the check timed out; the disk was detached; no verdict. */
const LOCAL_INCOMPLETE: Verification = {
  state: 'incomplete',
  instance: { instanceId: 'i-bp1ngaeihoz91qj2lpps', zoneId: 'cn-hangzhou-k' },
  script: { source: 'builtin', name: 'built-in', sha256: BUILTIN_SHA },
  timeoutSeconds: 300,
  by: TEAMMATE,
  startedAt: '2026-02-27T04:10:00.000Z',
  finishedAt: '2026-02-27T04:15:40.000Z',
  disks: [{
    diskId: 'd-bp1f8h0j2l4n6p8r0t2v', attachRequestedAt: '2026-02-27T04:10:03.000Z', attachedAt: '2026-02-27T04:10:09.000Z',
    invokeId: 't-hz02jd9xc3v5bn7', invocationStatus: 'Timeout', errorCode: 'InvocationTimeout', errorInfo: 'the command execution has timed out',
    output: 'EBS-DR: device=/dev/vdb\nEBS-DR: filesystem=ext4\n', checkStartedAt: '2026-02-27T04:10:12.000Z', checkFinishedAt: '2026-02-27T04:15:12.000Z', filesystem: 'ext4',
    detachRequestedAt: '2026-02-27T04:15:13.000Z', detachedAt: '2026-02-27T04:15:40.000Z',
  }],
  problem: 'The check did not finish within 300 s (Cloud Assistant: Timeout).',
};

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
      status: 'clearing', disks: [{ diskId: 'd-uf6a2c4e6g8i0k2m4o6q', status: 'deleting' }], verification: WEB_VERIFIED,
    }),
    // orders-db: a teammate's group drill, found already executed (no `executing` seen), verified on both member disks,
    // verdict not checked: the verification makes it a successful drill.
    drillRecord({
      drillId: 'pg-drill-2b4d6f8h0j2l4n6p8r0t', owner: ORDERS, sourceRegionId: 'cn-hangzhou', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', rpoSeconds: 900,
      drillDiskIds: ['d-uf6b3d5f7h9j1l3n5p7r', 'd-uf6c4e6g8i0k2m4o6q8s'], recoveryPoint: '2026-02-20T01:45:00.000Z', startAt: '2026-02-20T02:00:00.000Z',
      firstExecutedAt: '2026-02-20T02:06:30.000Z', clearRequestedAt: '2026-02-21T02:06:30.000Z', clearedAt: '2026-02-21T02:07:00.000Z',
      clearedBy: TEAMMATE, clearRequestId: '4C6E8A0B-2D4F-4A6C-8E0B-3D5F7A9C1E2B', verdict: 'notChecked', verdictBy: TEAMMATE, verdictAt: '2026-02-21T02:07:30.000Z',
      status: 'clearing', verification: ORDERS_VERIFIED,
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
    // crm-data: the disk came up but its check failed (filesystem errors), and it was judged failed: not a successful drill.
    drillRecord({
      drillId: 'drill-7i9k1m3o5q7s9u1w3y5a', owner: CRM_DATA, sourceRegionId: 'cn-beijing', regionId: 'cn-shanghai', zoneId: 'cn-shanghai-f',
      drillDiskIds: ['d-uf6e7g9i1k3m5o7q9s1u'], recoveryPoint: '2026-02-15T00:10:00.000Z', startAt: '2026-02-15T01:00:00.000Z',
      lastExecutingAt: '2026-02-15T01:05:00.000Z', firstExecutedAt: '2026-02-15T01:05:10.000Z',
      clearRequestedAt: '2026-02-15T02:00:00.000Z', clearedAt: '2026-02-15T02:00:30.000Z', clearedBy: TEAMMATE,
      startRequestId: 'A1C3E5F7-B9D0-4E2A-8C4B-9E1A3C5E7F8A', clearRequestId: 'B2D4F6A8-C0E1-4F3B-9D5C-0F2B4D6F8A9B',
      verdict: 'failed', verdictBy: TEAMMATE, verdictAt: '2026-02-15T02:01:00.000Z',
      notes: 'CRM service would not start: /etc/fstab still names the production disk.', status: 'clearing', verification: CRM_FAILED,
    }, true),
    // hz-cross-zone: found executed by the tree and gone without a clear seen here; its verification timed out and there
    // is no verdict: a usable disk alone is not a successful drill, so it is overdue (never drilled successfully).
    drillRecord({
      drillId: 'drill-0k2m4o6q8s0u2w4y6a8c', owner: LOCAL, sourceRegionId: 'cn-hangzhou', regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-k',
      drillDiskIds: ['d-bp1f8h0j2l4n6p8r0t2v'], recoveryPoint: '2026-02-27T03:59:00.000Z', startAt: '2026-02-27T04:00:00.000Z',
      lastExecutingAt: '2026-02-27T04:01:00.000Z', firstExecutedAt: '2026-02-27T04:01:30.000Z', goneAt: '2026-02-28T09:30:00.000Z',
      status: 'executed', verification: LOCAL_INCOMPLETE,
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
