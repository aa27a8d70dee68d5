// Drill report figures: the pure report (src/evidence/report.ts) for a large estate, records generated in memory.
//   evidence_report_15k_pairs_50k_records_ms   15,000 pairs and 300 replica groups in 3 regions, 50,000 drill records of
//                          one year (a tenth of them group drills, a few failed, most with a verdict and some with notes),
//                          the period the whole year: buildDrillReport, Markdown and JSON twin and its SHA-256 (median of 3)
//   evidence_report_markdown_kb / evidence_report_json_kb   the size of the two texts
import { EVIDENCE_SCHEMA_VERSION, iso, type Actor, type DrillEvidence, type EvidenceEvent, type Verdict } from '../../src/evidence/evidence';
import { intervalDaysFor, parsePolicy } from '../../src/evidence/policy';
import { buildDrillReport, type ReportInput, type ReportOwner } from '../../src/evidence/report';
import { ENGLISH } from '../../src/replication/text';
import { figure, median } from './report';

const PAIRS = 15_000;
const GROUPS = 300;
const RECORDS = 50_000;
const NOW = Date.parse('2026-03-01T08:00:00Z');
const YEAR_MS = 365 * 24 * 3_600_000;
const ROUTES = [['cn-hangzhou', 'cn-shanghai'], ['cn-shanghai', 'cn-beijing'], ['cn-beijing', 'cn-hangzhou']] as const;
const PEOPLE: Actor[] = [{ osUser: 'lwang', profileName: 'prod-dr' }, { osUser: 'chen.jie', profileName: 'ops-dr' }, { osUser: 'zhao.min', profileName: 'prod-dr' }];

/** A small deterministic generator (mulberry32): the same estate on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789ABCDEF';

function estate(): { owners: ReportOwner[]; records: DrillEvidence[] } {
  const next = random(14);
  const id = (prefix: string, length = 20): string => prefix + Array.from({ length }, () => ALPHABET[Math.floor(next() * 36)]).join('');
  const hex = (n: number): string => Array.from({ length: n }, () => HEX[Math.floor(next() * 16)]).join('');
  const requestId = (): string => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89AB'[Math.floor(next() * 4)]}${hex(3)}-${hex(12)}`;
  const owners: ReportOwner[] = [];
  for (let i = 0; i < PAIRS; i++) {
    const [source, dr] = ROUTES[i % ROUTES.length];
    owners.push({ kind: 'pair', id: id('pair-'), name: `app-${String(i).padStart(5, '0')}`, sourceRegionId: source, regionId: dr, status: i % 17 === 0 ? 'syncing' : 'normal', rpoSeconds: 900, lastRecoverPoint: NOW - Math.floor(next() * 900_000) });
  }
  for (let g = 0; g < GROUPS; g++) {
    const members = owners.slice(g * 10, g * 10 + 10).filter((o) => o.kind === 'pair');
    const [source, dr] = [members[0].sourceRegionId, members[0].regionId];
    owners.push({ kind: 'group', id: id('pg-'), name: `db-cluster-${g}`, sourceRegionId: source, regionId: dr, status: 'normal', rpoSeconds: 900, lastRecoverPoint: NOW - 600_000, memberPairIds: members.map((m) => m.id) });
  }
  const groups = owners.filter((o) => o.kind === 'group');
  const records: DrillEvidence[] = [];
  for (let i = 0; i < RECORDS; i++) {
    const group = i % 10 === 0;
    const owner = group ? groups[Math.floor(next() * groups.length)] : owners[Math.floor(next() * PAIRS)];
    const by = PEOPLE[Math.floor(next() * PEOPLE.length)];
    const start = NOW - Math.floor(next() * YEAR_MS);
    const executing = start + 60_000 + Math.floor(next() * 600_000);
    const failed = next() < 0.03;
    const executed = executing + 5_000;
    const cleared = executed + 600_000 + Math.floor(next() * 7_200_000);
    const verdict: Verdict | undefined = failed ? 'failed' : (['passed', 'passed', 'passed', 'notChecked', undefined] as const)[Math.floor(next() * 5)];
    const disks = (group ? (owner.memberPairIds ?? []) : [owner.id]).map((pairId) => ({ pairId, diskId: id('d-'), status: 'deleted' }));
    const startRequestId = requestId();
    const clearRequestId = requestId();
    const events: EvidenceEvent[] = [
      { type: 'started', at: iso(start), requestId: startRequestId, by },
      failed ? { type: 'failed', at: iso(executed), statusMessage: 'InsufficientBalance' } : { type: 'executed', at: iso(executed) },
      { type: 'clearRequested', at: iso(cleared - 20_000), requestId: clearRequestId, by },
      { type: 'cleared', at: iso(cleared) },
    ];
    if (verdict) events.push({ type: 'verdict', at: iso(cleared + 30_000), by });
    records.push({
      schemaVersion: EVIDENCE_SCHEMA_VERSION, kind: group ? 'group' : 'pair', drillId: id(group ? 'pg-drill-' : 'drill-'),
      account: { profileId: '6f1d2c3b-8a9e-4b7c-9d0e-1f2a3b4c5d6e', profileName: by.profileName, accessKeyId: 'STS.NUqS7FAKEFAKEFAKE' },
      owner: { id: owner.id, name: owner.name, ...(group ? { memberPairIds: owner.memberPairIds } : {}) },
      sourceRegionId: owner.sourceRegionId, regionId: owner.regionId, zoneId: `${owner.regionId}-e`, rpoSeconds: 900,
      drillDiskIds: disks.map((d) => d.diskId), recoveryPoint: iso(start - Math.floor(next() * 900_000)), startAt: iso(start),
      lastExecutingAt: iso(executing), ...(failed ? { failedAt: iso(executed), statusMessage: 'InsufficientBalance' } : { firstExecutedAt: iso(executed) }),
      clearRequestedAt: iso(cleared - 20_000), clearedAt: iso(cleared), startRequestId, clearRequestId, startedBy: by, clearedBy: by,
      extensionVersion: '0.1.0', ...(verdict ? { verdict, verdictBy: by, verdictAt: iso(cleared + 30_000) } : {}),
      ...(next() < 0.2 ? { notes: 'Application started on the drill disk; row counts matched | checked by hand' } : {}),
      status: 'clearing', statusAt: iso(cleared - 20_000), disks, tracking: { active: false, followed: true }, events, updatedAt: iso(cleared + 30_000),
    });
  }
  return { owners, records };
}

export function benchEvidenceReport(): void {
  const { owners, records } = estate();
  const { policy } = parsePolicy('{ "intervalDays": 90, "groups": { "db-cluster-0": 30 } }');
  const input: ReportInput = {
    generatedAt: NOW,
    period: { from: NOW - YEAR_MS, to: NOW },
    regions: ['cn-hangzhou', 'cn-shanghai', 'cn-beijing'],
    profileName: 'prod-dr',
    extensionVersion: '0.1.0',
    owners,
    records,
    intervalDaysFor: (o) => intervalDaysFor(policy, 30, o),
    formatTime: (t) => new Date(t).toISOString(),
  };
  const runs: number[] = [];
  let markdownLength = 0;
  let jsonLength = 0;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const report = buildDrillReport(input, ENGLISH);
    runs.push(performance.now() - started);
    markdownLength = Buffer.byteLength(report.markdown);
    jsonLength = Buffer.byteLength(report.json);
  }
  figure('evidence_report_15k_pairs_50k_records_ms', median(runs), 'ms');
  figure('evidence_report_markdown_kb', markdownLength / 1024, 'KB');
  figure('evidence_report_json_kb', jsonLength / 1024, 'KB');
}
