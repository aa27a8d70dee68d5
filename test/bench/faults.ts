// The drill fault figures: the host fault suite (test/host/drillFaults.test.ts) with 100 seeded Start Pair Drill
// actions in a real VS Code extension host against the emulator, run through the host tier; its figures are read back
// from the file the suite writes. Goals: fault_duplicate_drills, fault_false_failures, fault_unresolved and
// fault_unhandled_rejections all 0. EBS_DR_BENCH_FAULT_ACTIONS changes the count.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultFigures } from '../host/support/faultPlan';
import { figure } from './report';

const ROOT = join(__dirname, '../../..');

export function benchFaults(): void {
  const actions = Number(process.env.EBS_DR_BENCH_FAULT_ACTIONS ?? 100);
  const dir = mkdtempSync(join(tmpdir(), 'ebs-dr-faults-'));
  const file = join(dir, 'figures.json');
  try {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['scripts/test.mjs', 'host'], {
      cwd: ROOT,
      env: { ...process.env, EBS_DR_HOST_GREP: 'under faults', EBS_DR_FAULT_ACTIONS: String(actions), EBS_DR_FAULT_FIGURES: file },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    let figures: FaultFigures & { problems?: string[] };
    try {
      figures = JSON.parse(readFileSync(file, 'utf8')) as FaultFigures & { problems?: string[] };
    } catch {
      console.error(run.stdout.slice(-4000), run.stderr.slice(-4000));
      throw new Error('the fault suite wrote no figures');
    }
    // What went wrong, action by action (the figures' goals are 0), for whoever reads the bench.
    for (const problem of figures.problems ?? []) console.error(`fault suite: ${problem}`);
    figure('fault_actions', figures.fault_actions, 'actions (extension host)');
    figure('fault_drills_created', figures.fault_drills_created, 'drills');
    figure('fault_duplicate_drills', figures.fault_duplicate_drills, 'drills (goal 0)');
    figure('fault_false_failures', figures.fault_false_failures, 'actions (goal 0)');
    figure('fault_unresolved', figures.fault_unresolved, 'actions (goal 0)');
    figure('fault_unhandled_rejections', figures.fault_unhandled_rejections, 'rejections (goal 0)');
    figure('fault_suite_wall_time', (Date.now() - started) / 1000, `s (host tier exit ${run.status})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
