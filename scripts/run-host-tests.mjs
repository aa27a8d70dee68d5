// Runs the extension-host suites (out/test/host) in a real VS Code through @vscode/test-electron.
// Default: code-server via scripts/vscode-launcher. EBS_DR_VSCODE=desktop: stock VS Code that test-electron downloads.
//   node scripts/run-host-tests.mjs TEMP_DIR
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const temp = process.argv[2];
const desktop = process.env.EBS_DR_VSCODE === 'desktop';
try {
  await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: join(root, 'scripts', 'vscode-launcher') }),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'host', 'index.js'),
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
