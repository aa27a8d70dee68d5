// Runs the extension-host suites (out/test/host) in a real VS Code through @vscode/test-electron.
// Default: code-server via scripts/vscode-launcher. EBS_DR_VSCODE=desktop: stock VS Code that test-electron downloads.
//   node scripts/run-host-tests.mjs TEMP_DIR [TESTS_MODULE]
// TESTS_MODULE defaults to out/test/host/index.js (every *.test.js); `npm run bench` passes out/test/host/bench/index.js.
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAFE_TEST_ENV, testCertificateEnv } from './test-certificate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = process.argv[2];
const testsModule = process.argv[3] ?? join(root, 'out', 'test', 'host', 'index.js');
const desktop = process.env.EBS_DR_VSCODE === 'desktop';
// code-server and its extension host inherit this environment: the emulator's certificate is trusted there.
Object.assign(process.env, testCertificateEnv(), SAFE_TEST_ENV);
try {
  await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: join(root, 'scripts', 'vscode-launcher') }),
    extensionDevelopmentPath: root,
    extensionTestsPath: testsModule,
    launchArgs: [
      join(root, 'test', 'fixtures', 'workspace'),
      `--user-data-dir=${join(temp, 'user-data')}`,
      `--extensions-dir=${join(temp, 'extensions')}`,
      '--disable-extensions',
    ],
  });
} catch (error) {
  console.error(`host tests failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
