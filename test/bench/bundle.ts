// Size of the production bundle and the median time Node takes to evaluate it; then what the SDK, which the
// bundle evaluates on first use only, costs the first API call:
//   bundle_min_kb            size of dist/extension.js
//   bundle_eval_median_ms    require() of dist/extension.js with `vscode` stubbed (activation's share of load time)
//   sdk_first_call_ms        first DescribeRegions of a fresh process (minified src/ebs bundle, local emulator):
//                            includes evaluating @alicloud/openapi-client and tea-util
//   sdk_next_call_ms         the second one, the same request without that cost
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { repoRoot } from '../harness/paths';
import { figure, median } from './report';

export function benchBundle(runs = 9): void {
  const bundle = join(repoRoot, 'dist', 'extension.js');
  figure('bundle_min_kb', statSync(bundle).size / 1024, 'KB');
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, [join(__dirname, 'evalBundle.js'), bundle], { encoding: 'utf8' })),
  );
  figure('bundle_eval_median_ms', median(times), 'ms');
  benchSdkFirstCall(runs);
}

function benchSdkFirstCall(runs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'ebs-bench-'));
  try {
    const ebsBundle = join(dir, 'ebs.js');
    buildSync({
      entryPoints: [join(repoRoot, 'src', 'ebs', 'index.ts')],
      outfile: ebsBundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      minify: true,
      external: ['vscode'],
      logLevel: 'warning',
    });
    const pairs = Array.from({ length: runs }, () => {
      const out = execFileSync(process.execPath, [join(__dirname, 'evalBundle.js'), '--first-call', ebsBundle], { encoding: 'utf8' });
      const [first, next] = out.trim().split(' ').map(Number);
      return { first, next };
    });
    figure('sdk_first_call_ms', median(pairs.map((p) => p.first)), 'ms');
    figure('sdk_next_call_ms', median(pairs.map((p) => p.next)), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
