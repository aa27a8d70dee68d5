// Runs the host benchmark (test/host/bench) in the real VS Code through the host-test launcher
// (scripts/run-host-tests.mjs with the benchmark's entry point) and prints its figures: activation to the first
// rows of 3 regions, and the extension host heap with 15,000 pairs. Activation happens once per VS Code, so each run
// is a new VS Code: the figures are the medians of HOST_RUNS launches (one launch varied by a third on this shared
// machine). Skipped, with a note, when the offline VS Code tools are missing (scripts/setup-vscode-offline.sh
// installs them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTools, repoRoot } from '../harness/paths';
import { figure, median } from './report';

const HOST_RUNS = 3;

/** One launch: its figures by name (value and unit). */
function launch(): Map<string, { value: number; unit: string }> {
  const temp = mkdtempSync(join(tmpdir(), 'ebs-dr-host-bench-'));
  try {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'run-host-tests.mjs'), temp, join(repoRoot, 'out', 'test', 'host', 'bench', 'index.js')], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const figures = new Map<string, { value: number; unit: string }>();
    for (const line of run.stdout.split('\n')) {
      const match = /^(host_[a-z0-9_]+): (\S+) (\S+)$/.exec(line.trim());
      if (match) figures.set(match[1] as string, { value: Number(match[2]), unit: match[3] as string });
    }
    if (run.status !== 0 || figures.size === 0) {
      throw new Error(`host benchmark failed (exit ${run.status ?? run.signal}):\n${(run.stdout + run.stderr).split('\n').slice(-40).join('\n')}`);
    }
    return figures;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

export function benchHost(): void {
  const missing = missingTools();
  if (missing.length > 0 && process.env.EBS_DR_VSCODE !== 'desktop') {
    console.log(`# host benchmark skipped: missing ${missing.join(', ')} (run scripts/setup-vscode-offline.sh)`);
    return;
  }
  const runs = Array.from({ length: HOST_RUNS }, () => launch());
  figure('host_runs', HOST_RUNS, 'launches');
  for (const [name, { unit }] of runs[0] ?? []) {
    figure(name, median(runs.map((r) => r.get(name)?.value ?? Number.NaN)), unit);
  }
}
