// Reading the aliyun CLI config with checks: real files, a real FIFO, a real Unix socket and a real device.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliFileError, MAX_CLI_CONFIG_BYTES, parseCliConfig, readCliConfigFile } from '../../../src/credentials/aliyunCli';

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'aliyun');

async function problem(promise: Promise<unknown>): Promise<CliFileError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof CliFileError, String(err));
    return err;
  }
  assert.fail('expected the read to be refused');
}

describe('credentials: reading the aliyun CLI config file', function () {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ebs-dr-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a regular config file', async () => {
    const path = join(dir, 'config.json');
    writeFileSync(path, readFileSync(join(fixtures, 'config.json')));
    assert.equal(parseCliConfig(await readCliConfigFile(path)).current, 'dev');
  });

  it('refuses a FIFO at once instead of hanging on it', async function () {
    if (process.platform === 'win32') return this.skip();
    const path = join(dir, 'config.fifo');
    execFileSync('mkfifo', [path]);
    const started = Date.now();
    assert.equal((await problem(readCliConfigFile(path))).problem, 'notFile');
    assert.ok(Date.now() - started < 1000);
  });

  it('refuses a Unix socket and a device', async function () {
    if (process.platform === 'win32') return this.skip();
    const path = join(dir, 'config.sock');
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(path, resolve));
    try {
      assert.equal((await problem(readCliConfigFile(path))).problem, 'notFile');
    } finally {
      await new Promise((r) => server.close(r));
    }
    assert.equal((await problem(readCliConfigFile('/dev/zero'))).problem, 'notFile');
  });

  it(`refuses a file over ${MAX_CLI_CONFIG_BYTES / 1024} KiB, a folder and a missing file, each with its reason`, async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{"profiles":[],"padding":"${'x'.repeat(MAX_CLI_CONFIG_BYTES)}"}`);
    assert.equal((await problem(readCliConfigFile(big))).problem, 'tooLarge');
    assert.equal((await problem(readCliConfigFile(dir))).problem, 'folder');
    assert.equal((await problem(readCliConfigFile(join(dir, 'missing.json')))).problem, 'notFound');
  });
});
