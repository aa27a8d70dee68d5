// The command line: `node out/test/emulator/cli.js` (what `npm run emulator` runs after building).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as https from 'node:https';
import { join } from 'node:path';
import { createTestCertificate, EmulatorAdmin } from '../../emulator/index';
import { parseArgs } from '../../emulator/cli';
import { call, makeClient, setSdkClockOffset, syncSdkClock } from './helpers';

const CLI = join(__dirname, '..', '..', 'emulator', 'cli.js');
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'scenarios');

function run(args: string[]): { child: ChildProcess; firstLine: Promise<string>; secondLine: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const nthLine = (n: number): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      const check = (): void => {
        const lines = stdout.split('\n');
        if (lines.length > n + 1) resolve(lines[n]);
      };
      child.stdout?.on('data', check);
      child.on('exit', () => reject(new Error(`exited before printing line ${n + 1}: ${stderr}`)));
    });
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  const firstLine = nthLine(0);
  const secondLine = nthLine(1);
  firstLine.catch(() => undefined);
  secondLine.catch(() => undefined);
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, firstLine, secondLine, exit };
}

describe('cli', () => {
  afterEach(() => setSdkClockOffset(0));

  it('parses its flags', () => {
    assert.deepEqual(parseArgs(['--host', '0.0.0.0', '--port=0', '--scenario', 'x.json', '--now', '2026-01-01T00:00:00Z', '--speed', '60', '--latency-ms', '100']), {
      host: '0.0.0.0',
      port: 0,
      scenario: 'x.json',
      now: '2026-01-01T00:00:00Z',
      speed: 60,
      latencyMs: 100,
    });
    assert.throws(() => parseArgs(['--port', '70000']));
    assert.throws(() => parseArgs(['--speed', 'fast']));
    assert.throws(() => parseArgs(['--now', 'tomorrow']));
    assert.throws(() => parseArgs(['--bogus']));
    assert.throws(() => parseArgs(['--port']));
    assert.deepEqual(parseArgs(['--tls-key', 'k.pem', '--tls-cert=c.pem']), { tlsKeyFile: 'k.pem', tlsCertFile: 'c.pem' });
    assert.throws(() => parseArgs(['--tls-key', 'k.pem']), /go together/);
  });

  it('with --tls-key and --tls-cert also listens with HTTPS and prints a second line', async () => {
    const cert = createTestCertificate();
    try {
      const { child, firstLine, secondLine, exit } = run(['--port', '0', '--tls-key', cert.keyFile, '--tls-cert', cert.certFile]);
      assert.match(await firstLine, /^EBS emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
      const second = await secondLine;
      const m = /^EBS emulator listening on https:\/\/127\.0\.0\.1:(\d+)$/.exec(second);
      assert.ok(m, second);
      const status = await new Promise<number>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port: Number(m[1]), path: '/__emulator/clock', ca: cert.cert }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      assert.equal(status, 200);
      child.kill('SIGTERM');
      assert.equal((await exit).code, 0);
    } finally {
      rmSync(cert.dir, { recursive: true, force: true });
    }
  });

  it('prints the listening line, serves the scenario, and exits 0 on SIGTERM', async () => {
    const { child, firstLine, exit } = run(['--port', '0', '--scenario', join(FIXTURES, 'minimal.json'), '--now', '2026-03-01T00:00:00Z', '--speed', '2']);
    const line = await firstLine;
    const m = /^EBS emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    assert.ok(m, line);
    const admin = new EmulatorAdmin(m[1]);
    const clock = await admin.clock();
    assert.equal(clock.speed, 2);
    assert.ok(clock.now.startsWith('2026-03-01T00:00'));
    await syncSdkClock(admin);
    const client = makeClient(`127.0.0.1:${m[2]}`, { accessKeyId: 'MINIMALKEYID01', accessKeySecret: 'MinimalSecret0000000000001' });
    const pairs = (await call(client, 'DescribeDiskReplicaPairs', { RegionId: 'cn-hangzhou' })).body.ReplicaPairs as unknown[];
    assert.equal(pairs.length, 3);
    child.kill('SIGTERM');
    assert.equal((await exit).code, 0);
  });

  it('uses the demo scenario by default and stops on SIGINT', async () => {
    const { child, firstLine, exit } = run(['--port', '0']);
    const url = (await firstLine).replace('EBS emulator listening on ', '');
    assert.ok((await new EmulatorAdmin(url).state()).pairs.some((p) => p.ReplicaPairId === 'pair-demo-web01'));
    child.kill('SIGINT');
    assert.equal((await exit).code, 0);
  });

  it('exits 1 with readable validation errors for an invalid scenario, 2 for bad flags', async () => {
    const invalid = await run(['--scenario', join(FIXTURES, 'invalid-unknown-region.json')]).exit;
    assert.equal(invalid.code, 1);
    assert.match(invalid.stderr, /ReplicaPairs\[0\]\.DestinationRegion: unknown region "cn-atlantis"/);
    assert.match(invalid.stderr, /ReplicaPairs\[1\]\.ReplicaPairId: required/);
    const bad = await run(['--speed', 'x']).exit;
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /usage:/);
  });
});
