// Runs the host benchmark (test/host/bench) in the real VS Code through the host-test launcher
// (scripts/run-host-tests.mjs with the benchmark's entry point) and prints its figures: activation to the first
// rows of 3 regions, and the extension host heap with 15,000 pairs. Skipped, with a note, when the offline VS Code
// tools are missing (scripts/setup-vscode-offline.sh installs them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingTools, repoRoot } from '../harness/paths';

export function benchHost(): void {
  const missing = missingTools();
  if (missing.length > 0 && process.env.EBS_DR_VSCODE !== 'desktop') {
    console.log(`# host benchmark skipped: missing ${missing.join(', ')} (run scripts/setup-vscode-offline.sh)`);
    return;
  }
  const temp = mkdtempSync(join(tmpdir(), 'ebs-dr-host-bench-'));
  try {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'run-host-tests.mjs'), temp, join(repoRoot, 'out', 'test', 'host', 'bench', 'index.js')], {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const figures = run.stdout.split('\n').filter((line) => /^host_[a-z0-9_]+: \S+ \S+$/.test(line.trim()));
    for (const line of figures) console.log(line.trim());
    if (run.status !== 0 || figures.length === 0) {
      throw new Error(`host benchmark failed (exit ${run.status ?? run.signal}):\n${(run.stdout + run.stderr).split('\n').slice(-40).join('\n')}`);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
