// Verify Drill in a real VS Code against the emulator (its clock at real speed: drills take 3 s, attach 2 s, detach
// 3 s; Cloud Assistant really runs the wrapper with bash in the emulator's per-instance sandbox): a drill verified end
// to end, a damaged drill disk, the team's own check from the evidence folder, the disk detached after a failing check,
// a check timeout and a cancellation, which instances are offered, and a key without ecs:AttachDisk.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { DrillEvidence, Verification } from '../../src/evidence/evidence';
import { drillFigures } from '../../src/evidence/figures';
import { sha256Hex } from '../../src/verification/checkScript';
import { DrillHarness, eventually, pairDrillNode, pairNode } from './support/drillHarness';

const SCENARIO = join(__dirname, '../../../test/fixtures/scenarios/drill-verify.json');
const STARTED = /^Drill (drill-[a-z0-9]+) started for /;
const NO_ATTACH = { id: 'VERIFYNOATTACHKEY01', secret: 'VerifyNoAttachSecret000000000001' };
const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ebsDr');

interface EmulatorDisk {
  DiskId: string;
  Status: string;
  InstanceId: string;
}
interface EmulatorInvocation {
  InvokeId: string;
  InstanceId: string;
  Script: string;
  InvocationStatus: string;
  ExitCode?: number;
  Output: string;
  Mounts: string;
}

describe('Verify Drill: attach, check through Cloud Assistant, always detach, record (emulator at real speed)', function () {
  this.timeout(120_000);
  let h: DrillHarness;
  let team: string;

  before(async () => {
    h = await DrillHarness.start(SCENARIO, 1);
    await h.setConfirm(false);
    await h.api.globalState.update('ebsDr.regions.environment', ['cn-hangzhou']);
    await h.api.globalState.update('ebsDr.verificationInstances', undefined);
  });

  beforeEach(async () => {
    team = mkdtempSync(join(tmpdir(), 'ebs-dr-team-verify-'));
    await config().update('evidenceFolder', team, vscode.ConfigurationTarget.Global);
    await h.api.evidence.reset();
    await h.useAccount({ id: 'EBSDRSANDBOXKEYID01', secret: 'EBSDRSandboxSecret0000000000001' });
    h.newUser();
  });

  afterEach(async () => {
    assert.deepEqual(h.input.unexpected, [], 'no unexpected prompts');
    await h.api.verification.idle();
    await h.drills.reset();
    await h.emulator.admin.reset();
    await config().update('evidenceFolder', undefined, vscode.ConfigurationTarget.Global);
    await config().update('verificationTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    rmSync(team, { recursive: true, force: true });
  });

  after(async () => {
    await h.api.globalState.update('ebsDr.regions.environment', undefined);
    await h.api.globalState.update('ebsDr.verificationInstances', undefined);
    await h?.stop();
  });

  async function executedDrill(pairId: string): Promise<string> {
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', pairId));
    const shown = await h.input.notification(STARTED);
    const drillId = STARTED.exec(shown.message)?.[1] ?? '';
    await eventually(
      async () => {
        await h.drills.pollNow();
        return h.drills.tracked().find((d) => d.drillId === drillId)?.status === 'executed';
      },
      `drill ${drillId} executed`,
      30_000,
    );
    return drillId;
  }

  async function record(drillId: string): Promise<DrillEvidence & { verification: Verification }> {
    await h.api.evidence.flushed();
    const found = (await h.api.evidence.records()).filter((r) => r.drillId === drillId);
    assert.equal(found.length, 1, `one record of ${drillId}`);
    const r = found[0] as DrillEvidence;
    assert.ok(r.verification, `drill ${drillId} has a verification`);
    return r as DrillEvidence & { verification: Verification };
  }

  async function emulatorDisk(drillId: string): Promise<EmulatorDisk> {
    const state = (await h.emulator.admin.state()) as unknown as { drills: { DrillId: string; DrillDiskId: string }[]; disks: EmulatorDisk[] };
    const diskId = state.drills.find((d) => d.DrillId === drillId)?.DrillDiskId;
    const disk = state.disks.find((d) => d.DiskId === diskId);
    assert.ok(disk, `the emulator knows drill disk ${diskId}`);
    return disk;
  }

  async function invocations(): Promise<EmulatorInvocation[]> {
    return ((await h.emulator.admin.state()) as unknown as { invocations: EmulatorInvocation[] }).invocations;
  }

  function verify(pairId: string, drillId: string): Thenable<unknown> {
    return vscode.commands.executeCommand('ebsDr.verifyDrill', pairDrillNode('cn-hangzhou', pairId, drillId));
  }

  function teamCheck(name: string, text: string): string {
    mkdirSync(join(team, 'checks'), { recursive: true });
    writeFileSync(join(team, 'checks', name), text);
    return text;
  }

  it('verifies a drill end to end: passed verdict, instance, output and time to verified on record; the disk ends detached', async () => {
    const drillId = await executedDrill('pair-vf-web01');
    h.input.pick('dr-verify-01').confirmWith(true);
    await verify('pair-vf-web01', drillId);
    const shown = await h.input.notification(new RegExp(`^Drill ${drillId} verified on dr-verify-01 \\(i-uf6f3kq8w1z9x2c7v5b4\\): the check passed\\. Time to verified: \\d+ s\\.`));
    assert.ok(shown.actions.includes('Clear Drill') && shown.actions.includes('Show Output'), JSON.stringify(shown.actions));

    const confirm = h.input.prompts.find((p) => p.type === 'confirm');
    assert.equal(confirm?.title, `Verify drill ${drillId} on dr-verify-01 (i-uf6f3kq8w1z9x2c7v5b4)?`);
    assert.match(confirm?.detail ?? '', /mounted read-only/);
    assert.match(confirm?.detail ?? '', /Check: built-in/);

    const r = await record(drillId);
    const v = r.verification;
    assert.equal(v.state, 'passed');
    assert.deepEqual(v.instance, { instanceId: 'i-uf6f3kq8w1z9x2c7v5b4', name: 'dr-verify-01', zoneId: 'cn-shanghai-e' });
    assert.equal(v.script.source, 'builtin');
    assert.match(v.script.sha256, /^[0-9a-f]{64}$/);
    const [disk] = v.disks;
    assert.equal(disk?.exitCode, 0);
    assert.equal(disk?.invocationStatus, 'Success');
    assert.equal(disk?.filesystem, 'ext4');
    assert.match(disk?.output ?? '', /^EBS-DR: fsck=clean$/m);
    assert.match(disk?.output ?? '', /^EBS-DR: result=passed$/m);
    assert.match(disk?.output ?? '', /\bvar\b/, 'the top-level listing of the drill disk');
    assert.ok(disk?.attachedAt && disk.detachedAt && disk.checkFinishedAt, JSON.stringify(disk));
    const types = r.events.map((e) => e.type);
    for (const type of ['verifyStarted', 'diskAttached', 'diskDetached', 'verifyPassed']) assert.ok(types.includes(type as never), `event ${type} in ${types.join(', ')}`);
    const figures = drillFigures(r);
    assert.ok(figures.timeToVerifiedMs !== undefined && figures.timeToVerifiedMs > figures.timeToUsableMs! && figures.timeToVerifiedMs < 60_000, JSON.stringify(figures));

    const final = await emulatorDisk(drillId);
    assert.equal(final.Status, 'Available');
    assert.equal(final.InstanceId, '');
    const [run] = await invocations();
    assert.equal(run?.InstanceId, 'i-uf6f3kq8w1z9x2c7v5b4');
    assert.match(run?.Mounts ?? '', /ro,noload/, 'mounted read-only, without replaying the journal');
    assert.equal(h.api.evidence.freshness.verificationOf({ kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-vf-web01', drillId }), 'passed');
  });

  it('offers only running Linux instances with Cloud Assistant online in the drill disk’s zone, and names why the others are not', async () => {
    const drillId = await executedDrill('pair-vf-web01');
    h.input.pick(undefined);
    await verify('pair-vf-web01', drillId);
    const pick = h.input.prompts.find((p) => p.type === 'pick');
    assert.match(pick?.title ?? '', /cn-shanghai-e/);
    const items = (pick?.items ?? []).map((i) => ({ label: i.label, detail: i.detail, disabled: i.disabledReason !== undefined }));
    const offered = items.filter((i) => !i.disabled).map((i) => i.label);
    assert.deepEqual(offered, ['$(vm) dr-verify-01']);
    const reasons = Object.fromEntries(items.filter((i) => i.disabled).map((i) => [i.label, i.detail]));
    assert.deepEqual(reasons, { 'dr-verify-02': 'Cloud Assistant is not online', 'dr-win-01': 'not a Linux instance', 'dr-stopped-01': 'not running' });
    assert.ok(!items.some((i) => i.label.includes('dr-verify-f')), 'an instance in another zone is not even listed');
    assert.deepEqual(await invocations(), [], 'nothing ran');
    assert.equal((await emulatorDisk(drillId)).Status, 'Available');
  });

  it('records a failed verdict with the check’s output for a damaged drill disk, and detaches it', async () => {
    const drillId = await executedDrill('pair-vf-db01');
    h.input.pick('dr-verify-01').confirmWith(true);
    await verify('pair-vf-db01', drillId);
    await h.input.notification(new RegExp(`^Drill ${drillId} failed verification on dr-verify-01 .*: the filesystem check found errors\\.`));
    const v = (await record(drillId)).verification;
    assert.equal(v.state, 'failed');
    assert.equal(v.disks[0]?.verdict, 'failed');
    assert.equal(v.disks[0]?.exitCode, 12);
    assert.match(v.disks[0]?.output ?? '', /^EBS-DR: fsck=errors$/m);
    assert.ok(v.disks[0]?.detachedAt, 'detached after the failing check');
    assert.equal((await emulatorDisk(drillId)).Status, 'Available');
  });

  it('runs the team’s own check from the evidence folder (its hash on record) against the read-only mount', async () => {
    const text = teamCheck('log-01.sh', '#!/bin/bash\nset -e\ngrep -q "order 10442" "$EBS_DR_MOUNT/var/log/app/app.log"\necho "orders log present on $EBS_DR_DISK_ID"\n');
    const drillId = await executedDrill('pair-vf-log01');
    h.input.pick('dr-verify-01').confirmWith(true);
    await verify('pair-vf-log01', drillId);
    await h.input.notification(new RegExp(`^Drill ${drillId} verified on dr-verify-01`));
    const confirm = h.input.prompts.find((p) => p.type === 'confirm');
    assert.match(confirm?.detail ?? '', new RegExp(`Check: checks/log-01\\.sh from the evidence folder \\(SHA-256 ${sha256Hex(text)}\\)`));
    const v = (await record(drillId)).verification;
    assert.deepEqual(v.script, { source: 'team', name: 'checks/log-01.sh', sha256: sha256Hex(text) });
    assert.equal(v.disks[0]?.filesystem, 'xfs');
    assert.match(v.disks[0]?.output ?? '', /^orders log present on d-/m);
    const [run] = await invocations();
    assert.ok(run?.Script.includes(Buffer.from(text, 'utf8').toString('base64')), 'the script that ran carries exactly the team’s check');
    assert.match(run?.Mounts ?? '', /ro,norecovery/);
  });

  it('detaches the disk after a check timeout and records the verification as incomplete', async () => {
    await config().update('verificationTimeoutSeconds', 90, vscode.ConfigurationTarget.Global);
    teamCheck('log-01.sh', '#!/bin/bash\nsleep 600\n');
    const drillId = await executedDrill('pair-vf-log01');
    h.input.pick('dr-verify-01').confirmWith(true);
    const done = verify('pair-vf-log01', drillId);
    await eventually(async () => (await invocations()).some((i) => i.InvocationStatus === 'Running'), 'the check to run', 30_000);
    await h.emulator.admin.advance(95);
    await done;
    await h.input.notification(new RegExp(`^Drill ${drillId} was not verified: Cloud Assistant: Timeout`));
    const v = (await record(drillId)).verification;
    assert.equal(v.state, 'incomplete');
    assert.equal(v.disks[0]?.invocationStatus, 'Timeout');
    assert.ok(v.disks[0]?.detachedAt, 'detached after the timeout');
    assert.equal((await emulatorDisk(drillId)).Status, 'Available');
  });

  it('detaches the disk when the user cancels, and says so', async () => {
    teamCheck('log-01.sh', '#!/bin/bash\nsleep 600\n');
    const drillId = await executedDrill('pair-vf-log01');
    h.input.pick('dr-verify-01').confirmWith(true);
    const done = verify('pair-vf-log01', drillId);
    await eventually(async () => (await invocations()).some((i) => i.InvocationStatus === 'Running'), 'the check to run', 30_000);
    h.api.verification.cancel();
    await done;
    await h.input.notification(new RegExp(`^Verification of drill ${drillId} was cancelled; its drill disk was detached\\.`));
    const r = await record(drillId);
    assert.equal(r.verification.state, 'incomplete');
    assert.match(r.verification.problem ?? '', /Cancelled/);
    assert.ok(r.verification.disks[0]?.detachedAt, 'detached after the cancellation');
    assert.ok(r.events.some((e) => e.type === 'verifyIncomplete'));
    assert.equal((await emulatorDisk(drillId)).Status, 'Available');
  });

  it('verifies when ready, as asked on the start notification; with clearAfterVerification the passed drill is cleared at once', async () => {
    await config().update('clearAfterVerification', true, vscode.ConfigurationTarget.Global);
    try {
      h.input.pressOn(STARTED, 'Verify When Ready').pick('dr-verify-01').confirmWith(true);
      await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-vf-web01'));
      const drillId = STARTED.exec((await h.input.notification(STARTED)).message)?.[1] ?? '';
      // The tracker's poll sees it executed; the completion runs Verify Drill (its pick and confirmation) instead of a notice.
      await eventually(
        async () => {
          await h.drills.pollNow();
          return h.input.notifications.some((n) => n.message.startsWith(`Drill ${drillId} verified on dr-verify-01`));
        },
        'the verification to pass',
        60_000,
      );
      assert.match(h.input.notifications.find((n) => n.message.startsWith(`Drill ${drillId} verified`))?.message ?? '', /Clearing the drill \(ebsDr\.clearAfterVerification\)/);
      assert.ok(!h.input.notifications.some((n) => n.message.startsWith(`Drill ${drillId} for web-01 (pair-vf-web01) finished`)), 'no completion notice: the verification followed at once');
      await h.api.verification.idle();
      await eventually(
        async () => {
          await h.drills.pollNow();
          return !h.drills.tracked().some((d) => d.drillId === drillId);
        },
        'the drill to be cleared',
        30_000,
      );
      const r = await record(drillId);
      assert.equal(r.verification.state, 'passed');
      assert.equal(r.verdict, 'passed');
      assert.match(r.notes ?? '', /^Verified on dr-verify-01/);
      assert.ok(r.clearRequestedAt && r.clearRequestedAt >= (r.verification.finishedAt ?? ''), 'cleared after the verification');
    } finally {
      await config().update('clearAfterVerification', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('names the missing ecs:AttachDisk permission and leaves the disk as it was', async () => {
    const drillId = await executedDrill('pair-vf-web01');
    await h.useAccount(NO_ATTACH);
    h.input.pick('dr-verify-01').confirmWith(true);
    await verify('pair-vf-web01', drillId);
    const shown = await h.input.notification(/ecs:AttachDisk/);
    assert.equal(shown.kind, 'error');
    assert.match(shown.message, new RegExp(`^Could not verify drill ${drillId}:`));
    const v = (await record(drillId)).verification;
    assert.equal(v.state, 'incomplete');
    assert.match(v.problem ?? '', /Forbidden\.RAM/);
    assert.equal((await emulatorDisk(drillId)).Status, 'Available');
    assert.deepEqual(await invocations(), [], 'nothing ran');
  });
});
