// Builds the extension bundle (dist/extension.js) and transpiles src/ and test/ to out/ for the test tiers.
//   node scripts/build.mjs               development bundle with source maps
//   node scripts/build.mjs --production  minified bundle without source maps (what the VSIX ships)
//   --clean removes out/ first (the full test run does; helpers building in parallel must not); --quiet prints nothing
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
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

const started = Date.now();
rmSync(join(root, 'dist', 'extension.js.map'), { force: true });
await build({
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
  metafile: false,
});

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
