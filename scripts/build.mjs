// Builds the extension bundle (dist/extension.js) and transpiles src/ and test/ to out/ for the test tiers.
//   node scripts/build.mjs               development bundle with source maps
//   node scripts/build.mjs --production  minified bundle without source maps (what the VSIX ships)
//   --clean removes out/ first (the full test run does; helpers building in parallel must not); --quiet prints nothing
// The bundle replaces packages the extension cannot use by small modules of its own (scripts/bundle-stubs.json: the
// XML stack of @alicloud/openapi-client, the `debug` logger) and writes esbuild's metafile to
// dist/extension.meta.json (what each package costs the bundle; `npm run bench` prints the biggest).
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');

function tsFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      found.push(...tsFiles(full));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      found.push(full);
    }
  }
  return found;
}

/** Package name → absolute path of the module that stands in for it in the bundle. */
function bundleStubs() {
  const stubs = JSON.parse(readFileSync(join(root, 'scripts', 'bundle-stubs.json'), 'utf8'));
  return Object.fromEntries(Object.entries(stubs).map(([name, path]) => [name, join(root, path)]));
}

/** Resolves exactly the package names of bundle-stubs.json (not their subpaths: a stand-in may use the package's files). */
function standIns() {
  const stubs = bundleStubs();
  const filter = new RegExp(`^(${Object.keys(stubs).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  return { name: 'stand-ins', setup: (b) => b.onResolve({ filter }, (args) => ({ path: stubs[args.path] })) };
}

const started = Date.now();
rmSync(join(root, 'dist', 'extension.js.map'), { force: true });
const bundled = await build({
  entryPoints: [join(root, 'src', 'extension.ts')],
  outfile: join(root, 'dist', 'extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  plugins: [standIns()],
  metafile: true,
});
writeFileSync(join(root, 'dist', 'extension.meta.json'), JSON.stringify(bundled.metafile));

if (process.argv.includes('--clean')) rmSync(join(root, 'out'), { recursive: true, force: true });
await build({
  entryPoints: [...tsFiles(join(root, 'src')), ...tsFiles(join(root, 'test'))],
  outdir: join(root, 'out'),
  outbase: root,
  bundle: false,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});

if (!process.argv.includes('--quiet')) console.log(`build: ${production ? 'production' : 'development'} bundle and ${relative(root, join(root, 'out'))}/ in ${Date.now() - started} ms`);
