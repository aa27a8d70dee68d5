// Runs every test tier and ends with one plain "N passed, N failed" line summing them.
//   node scripts/test.mjs              static checks, unit, extension host (real VS Code), browser UI
//   node scripts/test.mjs unit host    only the named tiers (static | unit | host | ui)
// Environment: EBS_DR_VSCODE=desktop runs the host tier under stock @vscode/test-electron (downloads VS Code)
// instead of the code-server launcher; EBS_DR_HOST_GREP / EBS_DR_UI_GREP filter tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAFE_TEST_ENV, testCertificateEnv } from './test-certificate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const all = ['static', 'unit', 'host', 'ui'];
const requested = process.argv.slice(2).filter((a) => all.includes(a));
const tiers = requested.length > 0 ? requested : all;
const results = [];
// The test tiers' processes (mocha, code-server and its extension host) trust the emulator's throw-away certificate;
// the setup and packaging steps (npm) run without it.
const testEnv = { ...testCertificateEnv(), ...SAFE_TEST_ENV };

function run(label, command, args, env = {}) {
  return new Promise((resolveRun) => {
    console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('close', (code, signal) => resolveRun({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Reads mocha's closing counts ("N passing", "N failing") or the launcher's "vscode-test: N passed, N failed". */
function counts(output) {
  const last = (re) => { const all = [...output.matchAll(re)]; return all.length ? Number(all[all.length - 1][1]) : 0; };
  const launcher = [...output.matchAll(/vscode-test: (\d+) passed, (\d+) failed/g)].pop();
  if (launcher) return { passed: Number(launcher[1]), failed: Number(launcher[2]) };
  return { passed: last(/^\s*(\d+) passing/gm), failed: last(/^\s*(\d+) failing/gm) };
}

function record(tier, { code, output }) {
  const { passed, failed } = counts(output);
  // A tier that exited non-zero with no failing test still failed (crash, timeout, missing tools).
  const failedCount = code !== 0 && failed === 0 ? 1 : failed;
  results.push({ tier, passed, failed: failedCount, code });
}

const npx = (bin) => join(root, 'node_modules', '.bin', bin);
const mochaArgs = ['--ui', 'bdd', '--no-color'];

if (tiers.includes('host') || tiers.includes('ui')) {
  const setup = await run('setup', 'bash', ['scripts/setup-vscode-offline.sh']);
  if (setup.code !== 0) { results.push({ tier: 'setup', passed: 0, failed: 1, code: setup.code }); }
}
const built = await run('build', 'node', ['scripts/build.mjs', '--clean']);
if (built.code !== 0) results.push({ tier: 'build', passed: 0, failed: 1, code: built.code });

if (tiers.includes('static')) {
  const types = await run('typecheck', npx('tsc'), ['-p', '.', '--noEmit']);
  const lint = await run('lint', npx('eslint'), ['.']);
  results.push({ tier: 'static', passed: [types, lint].filter((r) => r.code === 0).length, failed: [types, lint].filter((r) => r.code !== 0).length });
}

if (tiers.includes('unit')) {
  record('unit', await run('unit', npx('mocha'), [...mochaArgs, '--timeout', '30000', '--recursive', 'out/test/unit'], testEnv));
}

if (tiers.includes('host')) {
  const temp = mkdtempSync(join(tmpdir(), 'ebs-dr-host-'));
  const runner = join(root, 'scripts', 'run-host-tests.mjs');
  record('host', await run('host', 'node', [runner, temp], testEnv));
  rmSync(temp, { recursive: true, force: true });
}

if (tiers.includes('ui')) {
  const pack = await run('package', 'npm', ['run', '--silent', 'package']);
  if (pack.code !== 0) {
    results.push({ tier: 'ui', passed: 0, failed: 1, code: pack.code });
  } else {
    const grep = process.env.EBS_DR_UI_GREP ? ['--grep', process.env.EBS_DR_UI_GREP] : [];
    record('ui', await run('ui', npx('mocha'), [...mochaArgs, '--timeout', '180000', '--recursive', ...grep, 'out/test/ui'], testEnv));
  }
}

console.log('\n=== summary');
for (const r of results) console.log(`${r.tier}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
