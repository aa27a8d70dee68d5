// The Replication tree scenario (test/fixtures/scenarios/tree-three-regions.json) for the unit and host suites:
// its times are written relative to TREE_T0 (the tree clock of the tests); the emulator runs near real time
// (request signatures are checked against its clock), so the scenario is shifted to a real "base" instant and
// the emulator clock is frozen there. No vscode import: the unit tests use it too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type Scenario } from '../../emulator';

/** 2026-01-01T00:00:00Z: "now" for the times written in the fixture. */
export const TREE_T0 = 1767225600;
export const TREE_REGIONS = ['cn-beijing', 'cn-hangzhou', 'cn-shanghai'] as const;

const FIXTURE = join(__dirname, '../../../../test/fixtures/scenarios/tree-three-regions.json');

/** The fixture with every absolute time moved by (baseSec − TREE_T0). */
export function treeScenario(baseSec: number): Scenario {
  const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Scenario & { Description?: string };
  const shift = baseSec - TREE_T0;
  const move = (v: number | null | undefined): number | null | undefined => (typeof v === 'number' && v > 0 ? v + shift : v);
  for (const p of raw.ReplicaPairs ?? []) {
    p.LastRecoverPoint = move(p.LastRecoverPoint) as number | null | undefined as number;
    p.CreateTime = move(p.CreateTime) as number;
    p.ExpiredTime = move(p.ExpiredTime) as number;
  }
  for (const g of raw.ReplicaGroups ?? []) g.LastRecoverPoint = move(g.LastRecoverPoint) as number;
  delete raw.Description;
  return raw;
}

export interface TreeEmulator {
  emulator: RunningEmulator;
  /** The emulator's (frozen) clock in Unix seconds; corresponds to TREE_T0 in the fixture. */
  baseSec: number;
  /** The tree clock: `baseSec + offsetSec`. */
  at(offsetSec: number): Date;
  close(): Promise<void>;
}

/** Starts the emulator on the shifted tree scenario with its clock frozen (speed 0) at a whole minute near now. */
export async function startTreeEmulator(): Promise<TreeEmulator> {
  const baseSec = Math.floor(Date.now() / 60_000) * 60;
  const emulator = await startEmulator({ port: 0, scenario: treeScenario(baseSec), now: new Date(baseSec * 1000), speed: 0 });
  return {
    emulator,
    baseSec,
    at: (offsetSec) => new Date((baseSec + offsetSec) * 1000),
    close: () => emulator.close(),
  };
}

/** One line per node: indentation by depth, then label | description | icon[/colour] | contextValue. */
export interface TreeLine {
  depth: number;
  label: string;
  description?: string;
  icon?: string;
  color?: string;
  contextValue?: string;
}

export function formatTreeLine(line: TreeLine): string {
  const icon = line.icon ? (line.color ? `${line.icon}/${line.color}` : line.icon) : '-';
  return `${'  '.repeat(line.depth)}${line.label} | ${line.description ?? ''} | ${icon} | ${line.contextValue ?? ''}`;
}

/** What the drills in the tree scenario need: the real client's drill calls and the emulator's clock. */
export interface DrillStarter {
  startPairDrill(request: { regionId: string; pairId: string }): Promise<{ drillId: string }>;
  startReplicaGroupDrill(request: { regionId: string; groupId: string }): Promise<{ drillId: string }>;
  describePairDrills(regionId: string, pairId: string): Promise<{ drillId: string; drillDiskId?: string }[]>;
}

export interface TreeDrills {
  /** web-01: executed. */
  web: string;
  /** orders-data: executing. */
  orders: string;
  /** Group orders-db: executing. */
  group: string;
  webDisk: string;
  ordersDisk: string;
}

/**
 * Starts the drills of the tree test, all at the frozen base instant: one on web-01 that is then executed
 * (the clock moves past DrillSeconds and back), one on orders-data and one on group orders-db, both executing.
 */
export async function startTreeDrills(client: DrillStarter, emu: TreeEmulator): Promise<TreeDrills> {
  const web = (await client.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-tree-web1' })).drillId;
  await emu.emulator.admin.advance(30);
  await emu.emulator.admin.setClock(emu.at(0));
  const orders = (await client.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-tree-ord1' })).drillId;
  const group = (await client.startReplicaGroupDrill({ regionId: 'cn-shanghai', groupId: 'pg-tree-orders' })).drillId;
  const diskOf = async (pairId: string, drillId: string): Promise<string> =>
    (await client.describePairDrills('cn-shanghai', pairId)).find((d) => d.drillId === drillId)?.drillDiskId ?? '?';
  return { web, orders, group, webDisk: await diskOf('pair-tree-web1', web), ordersDisk: await diskOf('pair-tree-ord1', orders) };
}

/** The whole tree, every node expanded, once loading has settled (tree clock TREE_T0 = the emulator base). */
export function expectedTree(d: TreeDrills): string[] {
  return [
    `cn-beijing | 14 pairs · 3 failed · 3 stopped · 1 failed over | globe/testing.iconFailed | region`,
    `  crm | → cn-shanghai · Stopped · RP 2 d ago · 2 pairs | debug-pause/charts.yellow | group.drillable`,
    `    crm-data | → cn-shanghai · Stopped · RP 2 d ago | debug-pause/charts.yellow | pair.drillable`,
    `      No drills |  | info | message`,
    `    crm-index | → cn-shanghai · Stop failed · RP 1 h ago | error/testing.iconFailed | pair.drillable`,
    `      No drills |  | info | message`,
    `  batch-stopped | ← cn-hangzhou · Stopped · RP 2 d ago | debug-pause/charts.yellow | pair.drillable`,
    `    No drills |  | info | message`,
    `  being-created | → cn-shanghai · Creating · no recovery point yet | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  create-failed | ← cn-shanghai · Create failed (OperationDenied.QuotaExceed) · no recovery point yet | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  delete-failed | → cn-shanghai · Delete failed · RP 3 d ago | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  deleting | ← cn-hangzhou · Deleting · RP 10 d ago | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  erp-failed-over | ← cn-shanghai · Failed over · RP 26 h ago | arrow-swap/charts.orange | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  failing-over | → cn-shanghai · Failing over · RP 30 min ago | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  first-sync | ← cn-hangzhou · Initial sync · no recovery point yet | sync/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  never-started | ← cn-hangzhou · Created · no recovery point yet | debug-pause/charts.yellow | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  one-shot | → cn-hangzhou · One-shot sync · RP 3 h ago | sync/charts.blue | pair.drillable`,
    `    No drills |  | info | message`,
    `  reprotecting | → cn-hangzhou · Reprotecting · RP 1 min ago | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  stopping-01 | → cn-hangzhou · Stopping · RP 12 min ago | loading~spin/charts.blue | pair.drillable`,
    `    No drills |  | info | message`,
    `cn-hangzhou | 15 pairs · 3 failed · 2 stopped | globe/testing.iconFailed | region`,
    `  orders-db | → cn-shanghai · Normal · RP 4 min ago · 2 pairs | pass-filled/testing.iconPassed | group.drillable.drillRunning`,
    `    ${d.group} | Executing · 2 drill disks · started just now · RP 4 min ago | loading~spin/charts.blue | drill.group.executing`,
    `    orders-data | → cn-shanghai · Normal · RP 4 min ago | pass-filled/testing.iconPassed | pair.drillable.drillRunning`,
    `      ${d.orders} | Executing · ${d.ordersDisk} · started just now · RP 4 min ago | loading~spin/charts.blue | drill.pair.executing`,
    `    orders-log | → cn-shanghai · Syncing · RP 10 min ago | sync/charts.blue | pair.drillable`,
    `      No drills |  | info | message`,
    `  batch-stopped | → cn-beijing · Stopped · RP 2 d ago | debug-pause/charts.yellow | pair.drillable`,
    `    No drills |  | info | message`,
    `  deleting | → cn-beijing · Deleting · RP 10 d ago | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  disk-removed | → cn-shanghai · Invalid (DeviceRemoved) · RP 5 d ago | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  failover-failed | → cn-shanghai · Failover failed · RP 2 d ago | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  first-sync | → cn-beijing · Initial sync · no recovery point yet | sync/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  hz-cross-zone | → cn-hangzhou-i · Normal · RP 4 min ago | pass-filled/testing.iconPassed | pair.drillable`,
    `    No drills |  | info | message`,
    `  never-started | → cn-beijing · Created · no recovery point yet | debug-pause/charts.yellow | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  one-shot | ← cn-beijing · One-shot sync · RP 3 h ago | sync/charts.blue | pair.drillable`,
    `    No drills |  | info | message`,
    `  pair-tree-app1 | ← cn-shanghai · Syncing · RP 10 min ago | sync/charts.blue | pair.drillable`,
    `    No drills |  | info | message`,
    `  reprotect-failed | ← cn-shanghai · Reprotect failed · RP just now | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  reprotecting | ← cn-beijing · Reprotecting · RP 1 min ago | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  stopping-01 | ← cn-beijing · Stopping · RP 12 min ago | loading~spin/charts.blue | pair.drillable`,
    `    No drills |  | info | message`,
    `  web-01 | → cn-shanghai · Normal · RP 4 min ago | pass-filled/testing.iconPassed | pair.drillable`,
    `    ${d.web} | Executed · ${d.webDisk} · started just now · RP 4 min ago | beaker/testing.iconPassed | drill.pair.clearable`,
    `cn-shanghai | 14 pairs · 6 failed · 1 stopped · 1 failed over | globe/testing.iconFailed | region`,
    `  crm | ← cn-beijing · Stopped · RP 2 d ago · 2 pairs | debug-pause/charts.yellow | group.drillable`,
    `    crm-data | ← cn-beijing · Stopped · RP 2 d ago | debug-pause/charts.yellow | pair.drillable`,
    `      No drills |  | info | message`,
    `    crm-index | ← cn-beijing · Stop failed · RP 1 h ago | error/testing.iconFailed | pair.drillable`,
    `      No drills |  | info | message`,
    `  orders-db | ← cn-hangzhou · Normal · RP 4 min ago · 2 pairs | pass-filled/testing.iconPassed | group.drillable.drillRunning`,
    `    ${d.group} | Executing · 2 drill disks · started just now · RP 4 min ago | loading~spin/charts.blue | drill.group.executing`,
    `    orders-data | ← cn-hangzhou · Normal · RP 4 min ago | pass-filled/testing.iconPassed | pair.drillable.drillRunning`,
    `      ${d.orders} | Executing · ${d.ordersDisk} · started just now · RP 4 min ago | loading~spin/charts.blue | drill.pair.executing`,
    `    orders-log | ← cn-hangzhou · Syncing · RP 10 min ago | sync/charts.blue | pair.drillable`,
    `      No drills |  | info | message`,
    `  being-created | ← cn-beijing · Creating · no recovery point yet | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  create-failed | → cn-beijing · Create failed (OperationDenied.QuotaExceed) · no recovery point yet | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  delete-failed | ← cn-beijing · Delete failed · RP 3 d ago | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  disk-removed | ← cn-hangzhou · Invalid (DeviceRemoved) · RP 5 d ago | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  erp-failed-over | → cn-beijing · Failed over · RP 26 h ago | arrow-swap/charts.orange | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  failing-over | ← cn-beijing · Failing over · RP 30 min ago | loading~spin/charts.blue | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  failover-failed | ← cn-hangzhou · Failover failed · RP 2 d ago | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  pair-tree-app1 | → cn-hangzhou · Syncing · RP 10 min ago | sync/charts.blue | pair.drillable`,
    `    No drills |  | info | message`,
    `  reprotect-failed | → cn-hangzhou · Reprotect failed · RP just now | error/testing.iconFailed | pair.notDrillable`,
    `    No drills |  | info | message`,
    `  web-01 | ← cn-hangzhou · Normal · RP 4 min ago | pass-filled/testing.iconPassed | pair.drillable`,
    `    ${d.web} | Executed · ${d.webDisk} · started just now · RP 4 min ago | beaker/testing.iconPassed | drill.pair.clearable`,
  ];
}
