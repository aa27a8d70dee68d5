// The extension's code as it ships, for the benches that measure the client's CPU: src/ bundled and minified the way
// dist/extension.js is (harness/bundle.ts), not the modules transpiled one by one into out/. There, every call from one
// module to another goes through an export getter of esbuild's module interop; at 30 regions × 2,000 pairs those
// getters were about a quarter of the client's CPU, a cost the shipped bundle does not have.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleOptions } from '../harness/bundle';

export type Shipped = typeof import('./shippedEntry');

let shipped: Promise<Shipped> | undefined;

async function load(): Promise<Shipped> {
  const dir = mkdtempSync(join(tmpdir(), 'ebs-bench-shipped-'));
  try {
    const file = join(dir, 'shipped.js');
    await build(bundleOptions('test/bench/shippedEntry.ts', file));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as Shipped;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** shippedEntry.ts, bundled and minified, loaded once per process. */
export function shippedModules(): Promise<Shipped> {
  shipped ??= load();
  return shipped;
}
