import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeScript, MAX_COMMAND_CONTENT_BYTES } from '../../../src/ecs/client';
import { BUILT_IN_SHA256, builtInCheck, serialOf, sha256Hex, teamCheck, wrapperFacts, wrapperScript } from '../../../src/verification/checkScript';
import { checkScriptCandidates, chooseCheck } from '../../../src/verification/checkSource';
import { isVerificationRunning, type Verification } from '../../../src/evidence/evidence';

const DISK = 'd-uf6bx3c9e2k7p4q1m8zt';

describe('verification check script', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ebs-dr-wrapper-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the disk by the serial a Linux guest sees: the disk ID without d-', () => {
    assert.equal(serialOf(DISK), 'uf6bx3c9e2k7p4q1m8zt');
    const script = wrapperScript({ diskId: DISK, check: builtInCheck(), timeoutSeconds: 600 });
    assert.match(script, /^SERIAL='uf6bx3c9e2k7p4q1m8zt'$/m);
    assert.match(script, /\/dev\/disk\/by-id\/virtio-"\$SERIAL"/);
    assert.match(script, /mount -o "\$OPTIONS"/);
    assert.match(script, /OPTIONS=ro,noload/);
    assert.match(script, /OPTIONS=ro,norecovery/);
    assert.match(script, /^CHECK_SECONDS=540$/m);
  });

  it('is valid bash for any check script, whatever quotes it holds', () => {
    const nasty = `#!/bin/bash\necho "it's $EBS_DR_MOUNT" '\\'' \`date\`\nexit 0\n`;
    const file = join(dir, 'w.sh');
    writeFileSync(file, wrapperScript({ diskId: DISK, check: teamCheck('checks/web-01.sh', nasty), timeoutSeconds: 300 }));
    execFileSync('bash', ['-n', file]);
    // The embedded check decodes back to exactly the team's bytes.
    const b64 = /^CHECK_B64='([^']*)'$/m.exec(wrapperScript({ diskId: DISK, check: teamCheck('c', nasty), timeoutSeconds: 300 }))?.[1];
    assert.equal(Buffer.from(b64 ?? '', 'base64').toString('utf8'), nasty);
  });

  it('fails with exit code 10 and says so when no device has the serial (a real bash run)', function () {
    this.timeout(60_000);
    const file = join(dir, 'w.sh');
    // Waiting 30 s for udev would make the test slow: the loop is shortened to one try.
    writeFileSync(file, wrapperScript({ diskId: DISK, check: builtInCheck(), timeoutSeconds: 300 }).replace('$(seq 1 30)', '1').replace('sleep 1', 'true'));
    const run = spawnSync('bash', [file], { encoding: 'utf8' });
    assert.equal(run.status, 10);
    assert.match(run.stdout, /^EBS-DR: result=failed no block device with serial uf6bx3c9e2k7p4q1m8zt$/m);
  });

  it('hashes the team script, and the built-in check by the wrapper it runs', () => {
    const text = 'test -f "$EBS_DR_MOUNT/etc/hostname"\n';
    assert.equal(teamCheck('checks/web-01.sh', text).sha256, sha256Hex(text));
    assert.equal(builtInCheck().sha256, BUILT_IN_SHA256);
    assert.match(BUILT_IN_SHA256, /^[0-9a-f]{64}$/);
  });

  it('measures the command on the wire (base64) against the 24 KB limit', () => {
    const small = wrapperScript({ diskId: DISK, check: builtInCheck(), timeoutSeconds: 600 });
    assert.ok(encodeScript(small).length < MAX_COMMAND_CONTENT_BYTES);
    const big = wrapperScript({ diskId: DISK, check: teamCheck('big', 'x'.repeat(16 * 1024)), timeoutSeconds: 600 });
    assert.ok(encodeScript(big).length > MAX_COMMAND_CONTENT_BYTES);
  });

  it('refuses a disk ID that is not one', () => {
    assert.throws(() => wrapperScript({ diskId: "d-x'; rm -rf /", check: builtInCheck(), timeoutSeconds: 600 }));
  });

  it('reads what the wrapper printed', () => {
    const facts = wrapperFacts('EBS-DR: device=/dev/vdb\nEBS-DR: filesystem=ext4\nEBS-DR: fsck=clean\ntotal 8\nEBS-DR: result=passed\n');
    assert.deepEqual(facts, { device: '/dev/vdb', filesystem: 'ext4', fsck: 'clean', result: 'passed' });
  });
});

describe('verification check source', () => {
  it('tries the owner name, its ID, then default.sh, as safe file names', () => {
    assert.deepEqual(checkScriptCandidates({ id: 'pair-bp1a2b3c4d5e6f7g8h9i', name: 'web 01/prod' }), ['checks/web-01-prod.sh', 'checks/pair-bp1a2b3c4d5e6f7g8h9i.sh', 'checks/default.sh']);
    assert.deepEqual(checkScriptCandidates({ id: 'pg-bp1x', name: '..' }), ['checks/pg-bp1x.sh', 'checks/default.sh']);
  });

  it('uses the team script in a trusted workspace, and only the built-in check in Restricted Mode', async () => {
    const files = { read: async (p: string) => (p === 'checks/default.sh' ? 'exit 0\n' : undefined) };
    const trusted = await chooseCheck({ id: 'pair-x', name: 'web-01' }, files, true);
    assert.equal(trusted.check.source, 'team');
    assert.equal(trusted.check.name, 'checks/default.sh');
    const restricted = await chooseCheck({ id: 'pair-x', name: 'web-01' }, files, false);
    assert.equal(restricted.check.source, 'builtin');
    assert.equal(restricted.notTrusted, 'checks/default.sh');
    assert.equal((await chooseCheck({ id: 'pair-x' }, undefined, true)).check.source, 'builtin');
  });
});

describe('verification in progress', () => {
  const v = (startedAt: string, disks = 1): Verification => ({
    state: 'verifying',
    instance: { instanceId: 'i-uf6f3kq8w1z9x2c7v5b4', zoneId: 'cn-shanghai-e' },
    script: builtInCheck(),
    timeoutSeconds: 600,
    by: { osUser: 'sre', profileName: 'prod' },
    startedAt,
    disks: Array.from({ length: disks }, (_, i) => ({ diskId: `d-uf6bx3c9e2k7p4q1m8z${i}` })),
  });
  const now = Date.parse('2026-12-02T10:00:00.000Z');

  it('is running within its timeout plus 20 min per disk, and not after (a window closed mid-way)', () => {
    assert.equal(isVerificationRunning(v('2026-12-02T09:30:01.000Z'), now), true);
    assert.equal(isVerificationRunning(v('2026-12-02T09:30:00.000Z'), now), false);
    assert.equal(isVerificationRunning(v('2026-12-02T09:30:00.000Z', 2), now), true);
    assert.equal(isVerificationRunning({ ...v('2026-12-02T09:59:00.000Z'), state: 'passed' }, now), false);
  });
});
