// Size of the production bundle and the median time Node takes to evaluate it.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';
import { figure, median } from './report';

export function benchBundle(runs = 9): void {
  const bundle = join(repoRoot, 'dist', 'extension.js');
  figure('bundle_min_kb', statSync(bundle).size / 1024, 'KB');
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, [join(__dirname, 'evalBundle.js'), bundle], { encoding: 'utf8' })),
  );
  figure('bundle_eval_median_ms', median(times), 'ms');
}
