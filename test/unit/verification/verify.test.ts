// The Verify Drill flow (src/verification/verify.ts) with the real ECS client against the emulator at real speed
// (drills take 1 s, attach and detach 1 s; Cloud Assistant runs the wrapper with bash in the emulator's sandbox):
// a group drill's member disks in turn, an AttachDisk answer lost after the disk attached, a DetachDisk that keeps
// failing (reported, the disk stays attached) and its retry.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EbsClient } from '../../../src/ebs/client';
import { realSleep } from '../../../src/ebs/deadline';
import { EcsClient } from '../../../src/ecs/client';
import type { Verification } from '../../../src/evidence/evidence';
import { builtInCheck } from '../../../src/verification/checkScript';
import { retryDetach, verifyDrill, type VerifyPorts, type VerifyTarget } from '../../../src/verification/verify';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../../emulator';

const SCENARIO = join(__dirname, '../../../../test/fixtures/scenarios/drill-verify.json');
const INSTANCE = { instanceId: 'i-uf6f3kq8w1z9x2c7v5b4', name: 'dr-verify-01', zoneId: 'cn-shanghai-e' };
const BY = { osUser: 'sre', profileName: 'Environment' };
const credentials = { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET };

/** The scenario with a two-pair replica group and one-second drills, attaches and detaches. */
function scenario(): unknown {
  const s = JSON.parse(readFileSync(SCENARIO, 'utf8')) as Record<string, unknown> & { ReplicaPairs: Record<string, unknown>[] };
  s.DrillSeconds = 1;
  s.ecs = { attachSeconds: 1, detachSeconds: 1 };
  s.ReplicaGroups = [{ ReplicaGroupId: 'pg-vf-orders', GroupName: 'orders', Status: 'normal', RPO: 900, SourceRegionId: 'cn-hangzhou', SourceZoneId: 'cn-hangzhou-h', DestinationRegionId: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e' }];
  for (const pair of s.ReplicaPairs) if (pair.ReplicaPairId !== 'pair-vf-web01') pair.ReplicaGroupId = 'pg-vf-orders';
  for (const pair of s.ReplicaPairs) if (pair.ReplicaPairId === 'pair-vf-db01') delete pair.drillDisk;
  return s;
}

async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('verification flow against the emulator (real ECS client, real bash)', function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  let ebs: EbsClient;
  let ecs: EcsClient;
  let records: { verification: Verification; event?: string }[];

  before(async () => {
    emu = await startEmulator({ port: 0, scenario: scenario() as never, speed: 1 });
    ebs = new EbsClient({ credentials, endpointTemplate: emu.url, retry: { maxAttempts: 1 } });
    ecs = new EcsClient({ credentials, endpointTemplate: emu.url, retry: { maxAttempts: 2, baseDelayMs: 10 } });
  });
  after(async () => emu?.close());
  beforeEach(async () => {
    await emu.admin.reset();
    records = [];
  });

  const ports = (): VerifyPorts => ({
    ecs,
    now: () => Date.now(),
    sleep: realSleep,
    record: async (verification, event) => void records.push({ verification, event: event?.type }),
  });

  async function executedPairDrill(pairId: string): Promise<VerifyTarget> {
    const { drillId } = await ebs.startPairDrill({ regionId: 'cn-shanghai', pairId });
    const drill = await until(async () => (await ebs.describePairDrills('cn-shanghai', pairId, { drillId })).find((d) => d.status === 'executed'), 'the pair drill');
    return { kind: 'pair', regionId: 'cn-shanghai', ownerId: pairId, drillId, zoneId: 'cn-shanghai-e', disks: [{ pairId, diskId: drill.drillDiskId as string }] };
  }

  async function diskState(diskId: string): Promise<{ Status: string; InstanceId: string }> {
    const state = (await emu.admin.state()) as unknown as { disks: { DiskId: string; Status: string; InstanceId: string }[] };
    return state.disks.find((d) => d.DiskId === diskId) as { Status: string; InstanceId: string };
  }

  it('verifies each member disk of a group drill in turn; passed only when every one passed', async () => {
    const { drillId } = await ebs.startReplicaGroupDrill({ regionId: 'cn-shanghai', groupId: 'pg-vf-orders' });
    const drill = await until(async () => (await ebs.describeReplicaGroupDrills('cn-shanghai', 'pg-vf-orders', { drillId })).find((d) => d.status === 'executed'), 'the group drill');
    const disks = drill.pairs.map((p) => ({ pairId: p.pairId, diskId: p.drillDiskId as string }));
    assert.equal(disks.length, 2);
    const outcome = await verifyDrill({ kind: 'group', regionId: 'cn-shanghai', ownerId: 'pg-vf-orders', drillId, zoneId: 'cn-shanghai-e', disks }, { instance: INSTANCE, check: builtInCheck(), timeoutSeconds: 300, by: BY, pollMs: 100 }, ports());
    assert.equal(outcome.verification.state, 'passed', outcome.verification.problem);
    assert.deepEqual(outcome.verification.disks.map((d) => [d.diskId, d.verdict, d.exitCode]), disks.map((d) => [d.diskId, 'passed', 0]));
    assert.deepEqual(new Set(outcome.verification.disks.map((d) => d.filesystem)), new Set(['ext4', 'xfs']));
    // One disk at a time: the second is attached only after the first was detached.
    const [first, second] = outcome.verification.disks;
    assert.ok(first?.detachedAt && second?.attachRequestedAt && first.detachedAt <= second.attachRequestedAt, JSON.stringify(outcome.verification.disks));
    assert.equal(outcome.verification.verifiedAt, second?.checkFinishedAt);
    assert.deepEqual(records.map((r) => r.event).filter((e) => e !== undefined), ['verifyStarted', 'diskAttached', 'diskDetached', 'diskAttached', 'diskDetached', 'verifyPassed']);
    for (const d of disks) assert.equal((await diskState(d.diskId)).Status, 'Available');
  });

  it('goes on when the AttachDisk answer is lost after the disk attached (DescribeDisks says so)', async () => {
    const target = await executedPairDrill('pair-vf-web01');
    await emu.admin.setFaults([{ action: 'AttachDisk', mode: 'drop-after-commit', times: 1 }]);
    const outcome = await verifyDrill(target, { instance: INSTANCE, check: builtInCheck(), timeoutSeconds: 300, by: BY, pollMs: 100 }, ports());
    assert.equal(outcome.verification.state, 'passed', outcome.verification.problem);
    assert.equal((await emu.admin.requests()).filter((r) => r.action === 'AttachDisk').length, 1, 'attached once, never twice');
    assert.equal((await diskState(target.disks[0]?.diskId as string)).Status, 'Available');
  });

  it('reports a detach that keeps failing (the disk stays attached and billed), and Retry Detach detaches it', async () => {
    const target = await executedPairDrill('pair-vf-web01');
    const diskId = target.disks[0]?.diskId as string;
    await emu.admin.setFaults([{ action: 'DetachDisk', mode: 'error', status: 500, code: 'InternalError', message: 'The request processing has failed due to some unknown error.' }]);
    const outcome = await verifyDrill(target, { instance: INSTANCE, check: builtInCheck(), timeoutSeconds: 300, by: BY, pollMs: 100 }, ports());
    assert.equal(outcome.verification.state, 'passed', 'the check itself passed');
    assert.equal(outcome.detachFailures.length, 1);
    assert.equal(outcome.detachFailures[0]?.diskId, diskId);
    assert.match(outcome.detachFailures[0]?.problem ?? '', /InternalError/);
    assert.equal(outcome.detachFailures[0]?.stillAttached, true, 'DescribeDisks confirms it is still attached');
    assert.match(outcome.verification.disks[0]?.detachProblem ?? '', /InternalError/);
    assert.ok(records.some((r) => r.event === 'detachFailed'));
    assert.deepEqual(await diskState(diskId), { ...(await diskState(diskId)), Status: 'In_use', InstanceId: INSTANCE.instanceId });

    await emu.admin.clearFaults();
    const again = await retryDetach(outcome.verification, target, diskId, { pollMs: 100 }, ports());
    assert.equal(again, undefined);
    assert.equal((await diskState(diskId)).Status, 'Available');
    const last = records.at(-1);
    assert.equal(last?.event, 'diskDetached');
    assert.ok(last?.verification.disks[0]?.detachedAt && last.verification.disks[0].detachProblem === undefined);
  });
});
