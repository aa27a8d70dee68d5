// Entry point of the host benchmark (extensionTestsPath for `npm run bench`, never for `npm test`: the host suites'
// index loads *.test.js only). Runs every *.bench.js here with mocha inside the real VS Code; the figures are printed
// as "name: value unit" lines, which test/bench/hostBench.ts picks out of the relayed output.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 300_000 });
  for (const name of readdirSync(__dirname).filter((n) => n.endsWith('.bench.js')).sort()) mocha.addFile(join(__dirname, name));
  await new Promise<void>((resolveRun, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} host benchmark(s) failed`)) : resolveRun()));
  });
}
