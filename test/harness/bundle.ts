// The esbuild settings the extension bundle uses (scripts/build.mjs), for tests and benches that bundle a part of
// src/ the same way: Node CJS, `vscode` external, and the stand-ins of scripts/bundle-stubs.json (the XML stack of
// @alicloud/openapi-client, the `debug` logger) in place of the packages they replace.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { repoRoot } from './paths';

/** Package name → absolute path of the module that stands in for it in the bundle. */
export function bundleStubs(): Record<string, string> {
  const stubs = JSON.parse(readFileSync(join(repoRoot, 'scripts', 'bundle-stubs.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(stubs).map(([name, path]) => [name, join(repoRoot, path)]));
}

/** Minified bundle of `entry` (relative to the repository root) to `outfile`, as the production build makes it. */
export function bundleOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [join(repoRoot, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    minify: true,
    external: ['vscode'],
    alias: bundleStubs(),
    logLevel: 'warning',
  };
}
