// Size of the production bundle and the median time Node takes to evaluate it; then what the SDK, which the
// bundle evaluates on first use only, costs the first API call:
//   bundle_min_kb            size of dist/extension.js
//   bundle_part.<name>       the biggest contributors by esbuild's metafile (dist/extension.meta.json, written by the
//                            build): an npm package, or a folder of src/ for the extension's own code
//   bundle_eval_median_ms    require() of dist/extension.js with `vscode` stubbed (activation's share of load time)
//   sdk_first_call_ms        first DescribeRegions of a fresh process (minified src/ebs bundle, local emulator):
//                            includes evaluating @alicloud/openapi-client and tea-util
//   sdk_next_call_ms         the second one, the same request without that cost
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions } from '../harness/bundle';
import { repoRoot } from '../harness/paths';
import { figure, median } from './report';

export async function benchBundle(runs = 9): Promise<void> {
  const bundle = join(repoRoot, 'dist', 'extension.js');
  figure('bundle_min_kb', statSync(bundle).size / 1024, 'KB');
  for (const [name, bytes] of bundleParts(join(repoRoot, 'dist', 'extension.meta.json')).slice(0, TOP_PARTS)) figure(`bundle_part.${name}`, bytes / 1024, 'KB');
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, [join(__dirname, 'evalBundle.js'), bundle], { encoding: 'utf8' })),
  );
  figure('bundle_eval_median_ms', median(times), 'ms');
  await benchSdkFirstCall(runs);
}

const TOP_PARTS = 10;

/** Bytes in the bundle per npm package (`node_modules/<name>/`) or per folder of src/, biggest first. */
function bundleParts(metafile: string): [string, number][] {
  const meta = JSON.parse(readFileSync(metafile, 'utf8')) as { outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }> };
  const parts = new Map<string, number>();
  for (const output of Object.values(meta.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? /(src\/[^/]+)\//.exec(input)?.[1] ?? input;
      parts.set(name, (parts.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...parts].sort((a, b) => b[1] - a[1]);
}

async function benchSdkFirstCall(runs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ebs-bench-'));
  try {
    const ebsBundle = join(dir, 'ebs.js');
    await build(bundleOptions('src/ebs/index.ts', ebsBundle));
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
