// Shared test data for the evidence tests: drill, pair, group and disk IDs shaped like the emulator's
// (test/emulator/state.ts: `drill-`, `pg-drill-`, `d-` and 20 random characters), the scenario fixtures' pair and
// group IDs, and an obviously fake STS AccessKey ID.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrackedDrill } from '../../../src/drills/model';
import type { Actor, DrillEvidence } from '../../../src/evidence/evidence';
import { newEvidence, type EvidenceBase } from '../../../src/evidence/recorder';

/** 2026-03-10T01:00:00Z; the tests' times are minutes after it. */
export const T0 = Date.UTC(2026, 2, 10, 1, 0, 0);
export const min = (n: number): number => T0 + n * 60_000;

export const PAIR_DRILL = 'drill-9t3x2k1m7q4w5e8r0y2u';
export const PAIR_DRILL_2 = 'drill-4k8s1n6v0c3b7z2x5m9q';
export const GROUP_DRILL = 'pg-drill-2h7d4j9f1l6p3r8t0w5y';
export const DISK = 'd-uf6h2k9m3x7q1w5e8r0t';
export const DISK_2 = 'd-uf63j8d1a0s5g2h7k4l9';
export const PAIR = 'pair-demo-web01';
export const PAIR_2 = 'pair-demo-orders01';
export const GROUP = 'pg-demo-orders';
export const FAKE_KEY = 'STS.NUqS7FAKEFAKEFAKE';

export const ALICE: Actor = { osUser: 'alice', profileName: 'prod-hz' };
export const BOB: Actor = { osUser: 'bob', profileName: 'prod-hz' };

export function base(overrides: Partial<EvidenceBase> = {}): EvidenceBase {
  return {
    kind: 'pair',
    drillId: PAIR_DRILL,
    account: { profileId: 'profile-prod-hz', profileName: 'prod-hz', accessKeyId: FAKE_KEY },
    owner: { id: PAIR, name: 'web-01' },
    regionId: 'cn-shanghai',
    sourceRegionId: 'cn-hangzhou',
    zoneId: 'cn-shanghai-e',
    rpoSeconds: 15,
    recoveryPoint: min(-2),
    startAt: T0,
    extensionVersion: '0.14.0',
    ...overrides,
  };
}

export function record(overrides: Partial<EvidenceBase> = {}, at = T0): DrillEvidence {
  return newEvidence(base(overrides), at);
}

export function tracked(overrides: Partial<TrackedDrill> = {}): TrackedDrill {
  return {
    kind: 'pair',
    regionId: 'cn-shanghai',
    ownerId: PAIR,
    ownerName: 'web-01',
    drillId: PAIR_DRILL,
    account: 'profile-prod-hz',
    status: 'executing',
    disks: [{ pairId: PAIR, diskId: DISK, status: 'creating' }],
    zoneId: 'cn-shanghai-e',
    startedAt: T0,
    recoverPoint: min(-2),
    followed: true,
    ...overrides,
  };
}

/** A fresh temporary folder, removed by the returned function. */
export function tempFolder(prefix = 'ebs-dr-evidence-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
