// Entry point that VS Code's extension host loads (extensionTestsPath): runs every host suite with mocha.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return testFiles(full);
    return name.endsWith('.test.js') ? [full] : [];
  });
}

export async function run(): Promise<void> {
  const grep = process.env.EBS_DR_HOST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, ...(grep ? { grep } : {}) });
  for (const file of testFiles(__dirname).sort()) {
    mocha.addFile(file);
  }
  await new Promise<void>((resolveRun, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host test(s) failed`)) : resolveRun()));
  });
}
