// The esbuild settings the extension bundle uses (scripts/build.mjs), for tests and benches that bundle a part of
// src/ the same way: Node CJS, `vscode` external, and the stand-ins of scripts/bundle-stubs.json (the XML stack of
// @alicloud/openapi-client, the `debug` logger, the root of @alicloud/credentials) in place of the packages they
// replace. The plugin is the same as scripts/build.mjs's (an .mjs script cannot share it with the transpiled tests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildOptions, Plugin } from 'esbuild';
import { repoRoot } from './paths';

/** Package name → absolute path of the module that stands in for it in the bundle. */
export function bundleStubs(): Record<string, string> {
  const stubs = JSON.parse(readFileSync(join(repoRoot, 'scripts', 'bundle-stubs.json'), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(stubs).map(([name, path]) => [name, join(repoRoot, path)]));
}

/** Resolves exactly those package names (not their subpaths: a stand-in may use the package's own files). */
export function standIns(): Plugin {
  const stubs = bundleStubs();
  const filter = new RegExp(`^(${Object.keys(stubs).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return { name: 'stand-ins', setup: (b) => b.onResolve({ filter }, (args) => ({ path: stubs[args.path] })) };
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
    plugins: [standIns()],
    logLevel: 'warning',
  };
}
