// ECS 2014-05-26 and Cloud Assistant through the real SDK: instances, drill disks as ECS disks, attach/detach timing on
// the emulator clock, RAM denial, and scripts that really run with bash in the instance's sandbox.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type OpenApi from '@alicloud/openapi-client';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, normalizeScenario, ScenarioError, startEmulator } from '../../emulator/index';
import type { RunningEmulator, Scenario } from '../../emulator/index';
import { call, callError, makeClient, setSdkClockOffset, syncSdkClock, waitFor } from './helpers';

type Rec = Record<string, unknown>;
const ECS = { version: '2014-05-26' };
const T0 = '2026-06-07T06:00:00Z';
const DENIED_KEY_ID = 'EBSDRDENIEDKEY0001';
const DENIED_KEY_SECRET = 'EbsDrDeniedSecret000000000000001';

const VERIFY = 'i-uf6f5ab3c0verify0001';
const OTHER_ZONE = 'i-uf6f5ab3c0verify0002';
const STOPPED = 'i-uf6f5ab3c0stopped001';
const WINDOWS = 'i-uf6f5ab3c0windows001';
const NO_AGENT = 'i-uf6f5ab3c0noagent001';
const PENDING = 'i-uf6f5ab3c0pending001';
const SECOND = 'i-uf6f5ab3c0verify0003';

export const ECS_SCENARIO: Scenario = {
  Accounts: [
    { AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET },
    { AccessKeyId: DENIED_KEY_ID, AccessKeySecret: DENIED_KEY_SECRET, DeniedActions: ['AttachDisk'] },
  ],
  Regions: [
    { RegionId: 'cn-hangzhou', Zones: [{ ZoneId: 'cn-hangzhou-h' }, { ZoneId: 'cn-hangzhou-i' }] },
    {
      RegionId: 'cn-shanghai',
      Zones: [{ ZoneId: 'cn-shanghai-e' }, { ZoneId: 'cn-shanghai-f' }],
      instances: [
        { InstanceId: VERIFY, InstanceName: 'dr-verify-e', ZoneId: 'cn-shanghai-e' },
        { InstanceId: OTHER_ZONE, InstanceName: 'dr-verify-f', ZoneId: 'cn-shanghai-f' },
        { InstanceId: STOPPED, InstanceName: 'dr-stopped', ZoneId: 'cn-shanghai-e', Status: 'Stopped' },
        { InstanceId: WINDOWS, InstanceName: 'dr-windows', ZoneId: 'cn-shanghai-e', OSType: 'windows', InstanceType: 'ecs.g7.xlarge' },
        { InstanceId: NO_AGENT, InstanceName: 'dr-no-agent', ZoneId: 'cn-shanghai-e', cloudAssistant: false },
        { InstanceId: PENDING, InstanceName: 'dr-pending', ZoneId: 'cn-shanghai-e', Status: 'Pending' },
        { InstanceId: SECOND, InstanceName: 'dr-verify-e2', ZoneId: 'cn-shanghai-e' },
      ],
    },
  ],
  ReplicaPairs: [
    { ReplicaPairId: 'pair-web-01', PairName: 'web-01', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e' },
    {
      ReplicaPairId: 'pair-db-xfs',
      SourceRegion: 'cn-hangzhou',
      DestinationRegion: 'cn-shanghai',
      DestinationZoneId: 'cn-shanghai-e',
      diskContents: { fsType: 'xfs', files: { 'var/lib/pgsql/PG_VERSION': '15\n', 'etc/hostname': 'db-01\n' } },
    },
    { ReplicaPairId: 'pair-empty', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e', drillDisk: 'empty' },
    { ReplicaPairId: 'pair-damaged', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-e', drillDisk: 'damaged' },
    { ReplicaPairId: 'pair-grp-a', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-f', ReplicaGroupId: 'pg-app' },
    { ReplicaPairId: 'pair-grp-b', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-f', ReplicaGroupId: 'pg-app' },
  ],
  ReplicaGroups: [{ ReplicaGroupId: 'pg-app', SourceRegionId: 'cn-hangzhou', DestinationRegionId: 'cn-shanghai', DestinationZoneId: 'cn-shanghai-f' }],
  DrillSeconds: 5,
  ClearSeconds: 2,
};

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: unknown): string => Buffer.from(String(s), 'base64').toString('utf8');

describe('ECS 2014-05-26 and Cloud Assistant', () => {
  let emu: RunningEmulator;
  let client: OpenApi;
  const advance = async (seconds: number): Promise<void> => {
    await emu.admin.advance(seconds);
    await syncSdkClock(emu.admin);
  };
  const ecs = (action: string, query: Record<string, string | number | boolean | undefined>): Promise<Rec> => call(client, action, query, ECS).then((r) => r.body);
  const ecsError = (action: string, query: Record<string, string | number | boolean | undefined>): ReturnType<typeof callError> => callError(client, action, query, ECS);
  const describeDisk = async (diskId: string): Promise<Rec | undefined> => ((await ecs('DescribeDisks', { RegionId: 'cn-shanghai', DiskIds: JSON.stringify([diskId]) })).Disks as { Disk: Rec[] }).Disk[0];

  /** Starts a drill of `pairId` and lets it finish: its disk is Available. */
  const drillDisk = async (pairId: string): Promise<string> => {
    const { DrillId } = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: pairId })).body as { DrillId: string };
    const drill = ((await emu.admin.state()).drills as Rec[]).find((d) => d.DrillId === DrillId) as Rec;
    await advance(5);
    return String(drill.DrillDiskId);
  };
  const attached = async (diskId: string, instanceId = VERIFY): Promise<void> => {
    await ecs('AttachDisk', { InstanceId: instanceId, DiskId: diskId });
    await advance(2);
    assert.equal((await describeDisk(diskId))?.Status, 'In_use');
  };
  const run = async (script: string, instanceId = VERIFY, extra: Record<string, string | number> = {}): Promise<string> => {
    const body = await ecs('RunCommand', { RegionId: 'cn-shanghai', Type: 'RunShellScript', CommandContent: b64(script), ContentEncoding: 'Base64', 'InstanceId.1': instanceId, Timeout: 60, ...extra });
    assert.match(String(body.CommandId), /^c-sh0[a-z0-9]{14}$/);
    assert.match(String(body.InvokeId), /^t-sh0[a-z0-9]{14}$/);
    return String(body.InvokeId);
  };
  const result = async (invokeId: string, extra: Record<string, string> = {}): Promise<Rec> =>
    ((await ecs('DescribeInvocationResults', { RegionId: 'cn-shanghai', InvokeId: invokeId, ...extra })).Invocation as { InvocationResults: { InvocationResult: Rec[] } }).InvocationResults.InvocationResult[0];
  const finished = (invokeId: string, extra: Record<string, string> = {}): Promise<Rec> =>
    waitFor(async () => {
      const r = await result(invokeId, extra);
      return r.InvocationStatus === 'Running' ? undefined : r;
    }, 15_000);

  beforeEach(async () => {
    emu = await startEmulator({ scenario: ECS_SCENARIO, now: T0, speed: 0 });
    await syncSdkClock(emu.admin);
    client = makeClient(emu.endpoint);
  });
  afterEach(async () => {
    setSdkClockOffset(0);
    await emu.close();
  });

  describe('DescribeInstances', () => {
    it('lists the region\'s instances with their shape, filters by zone, status and ids, and pages with NextToken', async () => {
      const all = await ecs('DescribeInstances', { RegionId: 'cn-shanghai', MaxResults: 100 });
      const list = (all.Instances as { Instance: Rec[] }).Instance;
      assert.equal(list.length, 7);
      assert.equal(all.TotalCount, 7);
      assert.equal(all.NextToken, '');
      const v = list.find((i) => i.InstanceId === VERIFY) as Rec;
      assert.deepEqual(
        { InstanceName: v.InstanceName, Status: v.Status, RegionId: v.RegionId, ZoneId: v.ZoneId, InstanceType: v.InstanceType, OSType: v.OSType, IoOptimized: v.IoOptimized, OperationLocks: v.OperationLocks },
        { InstanceName: 'dr-verify-e', Status: 'Running', RegionId: 'cn-shanghai', ZoneId: 'cn-shanghai-e', InstanceType: 'ecs.g7.large', OSType: 'linux', IoOptimized: true, OperationLocks: { LockReason: [] } },
      );
      assert.match(String(v.OSName), /Linux/);
      assert.equal((list.find((i) => i.InstanceId === WINDOWS) as Rec).OSType, 'windows');
      const zoneF = (await ecs('DescribeInstances', { RegionId: 'cn-shanghai', ZoneId: 'cn-shanghai-f' })).Instances as { Instance: Rec[] };
      assert.deepEqual(zoneF.Instance.map((i) => i.InstanceId), [OTHER_ZONE]);
      const stopped = (await ecs('DescribeInstances', { RegionId: 'cn-shanghai', Status: 'Stopped' })).Instances as { Instance: Rec[] };
      assert.deepEqual(stopped.Instance.map((i) => i.InstanceId), [STOPPED]);
      const byIds = (await ecs('DescribeInstances', { RegionId: 'cn-shanghai', InstanceIds: JSON.stringify([VERIFY, 'i-uf6doesnotexist00000']) })).Instances as { Instance: Rec[] };
      assert.deepEqual(byIds.Instance.map((i) => i.InstanceId), [VERIFY]);
      const first = await ecs('DescribeInstances', { RegionId: 'cn-shanghai', MaxResults: 3 });
      assert.equal((first.Instances as { Instance: Rec[] }).Instance.length, 3);
      assert.notEqual(first.NextToken, '');
      const second = await ecs('DescribeInstances', { RegionId: 'cn-shanghai', MaxResults: 3, NextToken: String(first.NextToken) });
      assert.equal((second.Instances as { Instance: Rec[] }).Instance[0].InstanceId, list[3].InstanceId);
      assert.equal(((await ecs('DescribeInstances', { RegionId: 'cn-hangzhou' })).Instances as { Instance: Rec[] }).Instance.length, 0);
    });

    it('answers the documented errors', async () => {
      assert.equal((await ecsError('DescribeInstances', { RegionId: 'cn-shanghai', Status: 'Sleeping' })).code, 'InvalidStatus.NotFound');
      assert.equal((await ecsError('DescribeInstances', { RegionId: 'cn-shanghai', MaxResults: 101 })).code, 'InvalidParameter');
      assert.equal((await ecsError('DescribeInstances', { RegionId: 'cn-shanghai', InstanceIds: 'i-uf6f5ab3c0verify0001' })).code, 'InvalidInstanceIds.Malformed');
      assert.equal((await ecsError('DescribeInstances', {})).code, 'MissingParameter');
      const e = await ecsError('DescribeInstances', { RegionId: 'xx-nowhere-9' });
      assert.equal(e.code, 'InvalidRegionId.NotFound');
      assert.equal(e.statusCode, 404);
    });
  });

  describe('DescribeDisks, AttachDisk, DetachDisk', () => {
    it('shows a drill disk as Creating, then Available, and gone after the clear', async () => {
      const { DrillId } = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-web-01' })).body as { DrillId: string };
      const diskId = String((((await emu.admin.state()).drills as Rec[])[0]).DrillDiskId);
      assert.match(diskId, /^d-[a-z0-9]{20}$/);
      assert.equal((await describeDisk(diskId))?.Status, 'Creating');
      await advance(5);
      const d = (await describeDisk(diskId)) as Rec;
      assert.deepEqual(
        { Status: d.Status, InstanceId: d.InstanceId, Device: d.Device, ZoneId: d.ZoneId, RegionId: d.RegionId, Category: d.Category, Type: d.Type, Portable: d.Portable, SerialNumber: d.SerialNumber },
        { Status: 'Available', InstanceId: '', Device: '', ZoneId: 'cn-shanghai-e', RegionId: 'cn-shanghai', Category: 'cloud_essd', Type: 'data', Portable: true, SerialNumber: diskId.slice(2) },
      );
      assert.equal(d.CreationTime, '2026-06-07T06:00:00Z');
      assert.deepEqual(d.Attachments, { Attachment: [] });
      assert.equal(((await ecs('DescribeDisks', { RegionId: 'cn-hangzhou' })).Disks as { Disk: Rec[] }).Disk.length, 0);
      const page = await ecs('DescribeDisks', { RegionId: 'cn-shanghai', MaxResults: 1 });
      assert.equal(page.PageSize, 10, 'MaxResults below 10 is clamped');
      assert.equal((await ecsError('DescribeDisks', { RegionId: 'cn-shanghai', DiskIds: 'd-notjson' })).code, 'InvalidDiskIds.Malformed');
      assert.equal((await ecsError('DescribeDisks', { RegionId: 'cn-shanghai', DiskIds: 'd-notjson' })).statusCode, 403);
      assert.equal((await ecsError('DescribeDisks', { RegionId: 'cn-shanghai', Status: 'Broken' })).code, 'InvalidStatus.ValueNotSupported');
      await call(client, 'ClearPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-web-01', DrillId });
      assert.equal((await describeDisk(diskId))?.Status, 'Available');
      await advance(2);
      assert.equal(await describeDisk(diskId), undefined);
    });

    it('shows each member disk of a group drill in its pair\'s destination zone', async () => {
      await call(client, 'StartReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-app' });
      const drill = ((await emu.admin.state()).drills as Rec[]).find((d) => d.GroupId === 'pg-app') as { PairsInfo: Array<{ PairId: string; DrillDiskId: string }> };
      await advance(5);
      const ids = drill.PairsInfo.map((p) => p.DrillDiskId);
      const disks = ((await ecs('DescribeDisks', { RegionId: 'cn-shanghai', DiskIds: JSON.stringify(ids) })).Disks as { Disk: Rec[] }).Disk;
      assert.deepEqual(disks.map((d) => [d.DiskId, d.Status, d.ZoneId]).sort(), ids.map((id) => [id, 'Available', 'cn-shanghai-f']).sort());
    });

    it('attaches in attachSeconds and detaches in detachSeconds of emulator time', async () => {
      const diskId = await drillDisk('pair-web-01');
      assert.deepEqual(await ecs('AttachDisk', { InstanceId: VERIFY, DiskId: diskId }).then((b) => Object.keys(b)), ['RequestId']);
      assert.equal((await describeDisk(diskId))?.Status, 'Attaching');
      assert.equal((await describeDisk(diskId))?.InstanceId, '');
      await advance(1);
      assert.equal((await describeDisk(diskId))?.Status, 'Attaching');
      await advance(1);
      const inUse = (await describeDisk(diskId)) as Rec;
      assert.equal(inUse.Status, 'In_use');
      assert.equal(inUse.InstanceId, VERIFY);
      assert.equal(inUse.Device, '/dev/xvdb');
      assert.equal(inUse.AttachedTime, '2026-06-07T06:00:07Z');
      assert.deepEqual(inUse.Attachments, { Attachment: [{ InstanceId: VERIFY, Device: '/dev/xvdb', AttachedTime: '2026-06-07T06:00:07Z' }] });
      const byInstance = (await ecs('DescribeDisks', { RegionId: 'cn-shanghai', InstanceId: VERIFY })).Disks as { Disk: Rec[] };
      assert.deepEqual(byInstance.Disk.map((d) => d.DiskId), [diskId]);
      await ecs('DetachDisk', { InstanceId: VERIFY, DiskId: diskId });
      assert.equal((await describeDisk(diskId))?.Status, 'Detaching');
      assert.equal((await describeDisk(diskId))?.InstanceId, VERIFY);
      await advance(2);
      assert.equal((await describeDisk(diskId))?.Status, 'Detaching');
      await advance(1);
      const back = (await describeDisk(diskId)) as Rec;
      assert.equal(back.Status, 'Available');
      assert.equal(back.InstanceId, '');
      assert.equal(back.DetachedTime, '2026-06-07T06:00:10Z');
      const snap = (await emu.admin.state()).disks.find((d) => d.DiskId === diskId);
      assert.equal(snap?.Status, 'Available');
      assert.equal(snap?.PairId, 'pair-web-01');
    });

    it('honours ecs.attachSeconds and ecs.detachSeconds', async () => {
      await emu.close();
      emu = await startEmulator({ scenario: { ...ECS_SCENARIO, ecs: { attachSeconds: 10, detachSeconds: 0 } }, now: T0, speed: 0 });
      await syncSdkClock(emu.admin);
      client = makeClient(emu.endpoint);
      const diskId = await drillDisk('pair-web-01');
      await ecs('AttachDisk', { InstanceId: VERIFY, DiskId: diskId });
      await advance(9);
      assert.equal((await describeDisk(diskId))?.Status, 'Attaching');
      await advance(1);
      assert.equal((await describeDisk(diskId))?.Status, 'In_use');
      await ecs('DetachDisk', { InstanceId: VERIFY, DiskId: diskId });
      assert.equal((await describeDisk(diskId))?.Status, 'Available');
    });

    it('answers the documented AttachDisk and DetachDisk errors', async () => {
      const { DrillId } = (await call(client, 'StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-web-01' })).body as { DrillId: string };
      const creating = String(((await emu.admin.state()).drills as Rec[]).find((d) => d.DrillId === DrillId)?.DrillDiskId);
      const expect = async (action: string, query: Record<string, string>, code: string, status: number): Promise<void> => {
        const e = await ecsError(action, query);
        assert.equal(e.code, code, `${action} ${JSON.stringify(query)}`);
        assert.equal(e.statusCode, status, code);
      };
      await expect('AttachDisk', { InstanceId: VERIFY, DiskId: creating }, 'IncorrectDiskStatus', 403);
      await advance(5);
      const diskId = creating;
      await expect('AttachDisk', { InstanceId: 'i-uf6doesnotexist00000', DiskId: diskId }, 'InvalidInstanceId.NotFound', 404);
      await expect('AttachDisk', { InstanceId: VERIFY, DiskId: 'd-uf6doesnotexist00000' }, 'InvalidDiskId.NotFound', 404);
      await expect('AttachDisk', { InstanceId: OTHER_ZONE, DiskId: diskId }, 'ResourcesNotInSameZone', 403);
      await expect('AttachDisk', { InstanceId: PENDING, DiskId: diskId }, 'IncorrectInstanceStatus', 400);
      await expect('AttachDisk', { InstanceId: VERIFY }, 'MissingParameter', 400);
      await expect('DetachDisk', { InstanceId: VERIFY, DiskId: diskId }, 'InvalidDisk.AlreadyDetached', 404);
      await ecs('AttachDisk', { InstanceId: VERIFY, DiskId: diskId });
      await expect('AttachDisk', { InstanceId: VERIFY, DiskId: diskId }, 'IncorrectDiskStatus', 403);
      await expect('DetachDisk', { InstanceId: VERIFY, DiskId: diskId }, 'IncorrectDiskStatus', 403);
      await advance(2);
      await expect('AttachDisk', { InstanceId: SECOND, DiskId: diskId }, 'InvalidDisk.InUse', 404);
      await expect('DetachDisk', { InstanceId: SECOND, DiskId: diskId }, 'DependencyViolation', 403);
      // A stopped instance takes a data disk.
      const other = await drillDisk('pair-db-xfs');
      await ecs('AttachDisk', { InstanceId: STOPPED, DiskId: other });
    });

    it('answers Forbidden.RAM to a key whose DeniedActions name AttachDisk, in the real error shape', async () => {
      const diskId = await drillDisk('pair-web-01');
      const denied = makeClient(emu.endpoint, { accessKeyId: DENIED_KEY_ID, accessKeySecret: DENIED_KEY_SECRET });
      const e = await callError(denied, 'AttachDisk', { InstanceId: VERIFY, DiskId: diskId }, ECS);
      assert.equal(e.statusCode, 403);
      assert.equal(e.code, 'Forbidden.RAM');
      assert.equal(e.data.Message, "User not authorized to operate on the specified resource, or this API doesn't support RAM.");
      assert.match(String(e.data.RequestId), /^[0-9A-F-]{36}$/);
      assert.equal(e.data.HostId, emu.endpoint);
      assert.match(String(e.data.Recommend), /product=Ecs/);
      assert.equal((await call(denied, 'DescribeDisks', { RegionId: 'cn-shanghai' }, ECS)).statusCode, 200);
      assert.equal((await describeDisk(diskId))?.Status, 'Available');
    });
  });

  describe('DescribeCloudAssistantStatus', () => {
    it('reports the agent as the string "true"/"false" with its version, and follows setInstance', async () => {
      const body = await ecs('DescribeCloudAssistantStatus', { RegionId: 'cn-shanghai', 'InstanceId.1': VERIFY, 'InstanceId.2': NO_AGENT, 'InstanceId.3': STOPPED });
      const set = (body.InstanceCloudAssistantStatusSet as { InstanceCloudAssistantStatus: Rec[] }).InstanceCloudAssistantStatus;
      assert.deepEqual(set.map((s) => [s.InstanceId, s.CloudAssistantStatus, s.CloudAssistantVersion]), [
        [VERIFY, 'true', '2.2.3.857'],
        [NO_AGENT, 'false', ''],
        [STOPPED, 'false', ''],
      ]);
      assert.equal(set[0].LastHeartbeatTime, '2026-06-07T06:00:00Z');
      assert.equal(set[0].OSType, 'Linux');
      assert.equal(set[0].ActiveTaskCount, 0);
      assert.equal(set[0].InvocationCount, 0);
      assert.equal(set[0].SupportSessionManager, true);
      assert.equal(set[1].LastHeartbeatTime, '');
      const e = await ecsError('DescribeCloudAssistantStatus', { RegionId: 'cn-shanghai', 'InstanceId.1': 'i-uf6doesnotexist00000' });
      assert.equal(e.code, 'InvalidInstance.NotFound');
      assert.equal(e.statusCode, 404);
      const windows = await ecs('DescribeCloudAssistantStatus', { RegionId: 'cn-shanghai', OSType: 'Windows' });
      assert.deepEqual((windows.InstanceCloudAssistantStatusSet as { InstanceCloudAssistantStatus: Rec[] }).InstanceCloudAssistantStatus.map((s) => s.InstanceId), [WINDOWS]);
      await advance(90);
      const updated = await emu.admin.setInstance(VERIFY, { cloudAssistant: false });
      assert.equal(updated.cloudAssistant, false);
      await advance(120);
      const after = (await ecs('DescribeCloudAssistantStatus', { RegionId: 'cn-shanghai', 'InstanceId.1': VERIFY })).InstanceCloudAssistantStatusSet as { InstanceCloudAssistantStatus: Rec[] };
      assert.equal(after.InstanceCloudAssistantStatus[0].CloudAssistantStatus, 'false');
      assert.equal(after.InstanceCloudAssistantStatus[0].LastHeartbeatTime, '2026-06-07T06:01:00Z');
      await assert.rejects(emu.admin.setInstance('i-uf6doesnotexist00000', { Status: 'Stopped' }), /InvalidInstanceId.NotFound/);
      await emu.admin.reset();
      assert.equal((await emu.admin.state()).instances.find((i) => i.InstanceId === VERIFY)?.cloudAssistant, true);
    });
  });

  describe('RunCommand and DescribeInvocationResults', () => {
    it('really runs the script: stdout and stderr interleaved in Output (base64), its exit code, the admin record', async () => {
      const script = 'echo "hello from $(uname -s)"\necho oops >&2\necho "cwd=$PWD"\nexit 3\n';
      const invokeId = await run(script);
      const r = await finished(invokeId);
      assert.equal(r.InvocationStatus, 'Failed');
      assert.equal(r.InvokeRecordStatus, 'Finished');
      assert.equal(r.ExitCode, 3);
      assert.equal(r.ErrorCode, 'ExitCodeNonzero');
      assert.equal(r.ErrorInfo, 'the command execution exit code is not zero.');
      assert.equal(unb64(r.Output), 'hello from Linux\noops\ncwd=/root\n');
      assert.equal(r.Dropped, 0);
      assert.equal(r.InstanceId, VERIFY);
      assert.equal(r.StartTime, '2026-06-07T06:00:00Z');
      assert.equal(r.Repeats, 1);
      const plain = await result(invokeId, { ContentEncoding: 'PlainText' });
      assert.equal(plain.Output, 'hello from Linux\noops\ncwd=/root\n');
      const ok = await finished(await run('printf ok'));
      assert.equal(ok.InvocationStatus, 'Success');
      assert.equal(ok.ExitCode, 0);
      assert.equal(ok.ErrorCode, '');
      const inv = (await emu.admin.state()).invocations;
      assert.equal(inv.length, 2);
      assert.equal(inv[0].Script, script);
      assert.equal(inv[0].ExitCode, 3);
      assert.equal(inv[0].Output, 'hello from Linux\noops\ncwd=/root\n');
      assert.equal(inv[1].InvocationStatus, 'Success');
      const status = (await ecs('DescribeCloudAssistantStatus', { RegionId: 'cn-shanghai', 'InstanceId.1': VERIFY })).InstanceCloudAssistantStatusSet as { InstanceCloudAssistantStatus: Rec[] };
      assert.equal(status.InstanceCloudAssistantStatus[0].InvocationCount, 2);
    });

    it('accepts PlainText content, cuts Output at 24 KB with Dropped, and replays a ClientToken', async () => {
      const body = await ecs('RunCommand', { RegionId: 'cn-shanghai', Type: 'RunShellScript', CommandContent: "head -c 30000 /dev/zero | tr '\\0' x", 'InstanceId.1': VERIFY, ClientToken: 'verify-0001' });
      const r = await finished(String(body.InvokeId));
      assert.equal(unb64(r.Output).length, 24 * 1024);
      assert.equal(r.Dropped, 30000 - 24 * 1024);
      const again = await ecs('RunCommand', { RegionId: 'cn-shanghai', Type: 'RunShellScript', CommandContent: "head -c 30000 /dev/zero | tr '\\0' x", 'InstanceId.1': VERIFY, ClientToken: 'verify-0001' });
      assert.equal(again.InvokeId, body.InvokeId);
      assert.equal((await emu.admin.state()).invocations.length, 1);
      const mismatch = await ecsError('RunCommand', { RegionId: 'cn-shanghai', Type: 'RunShellScript', CommandContent: 'true', 'InstanceId.1': VERIFY, ClientToken: 'verify-0001' });
      assert.equal(mismatch.code, 'IdempotentParameterMismatch');
    });

    it('answers the documented errors, and fails a run on a stopped instance or without the agent', async () => {
      const base = { RegionId: 'cn-shanghai', Type: 'RunShellScript', CommandContent: 'true', 'InstanceId.1': VERIFY };
      const expect = async (query: Record<string, string | number>, code: string, status: number): Promise<void> => {
        const e = await ecsError('RunCommand', query);
        assert.equal(e.code, code, JSON.stringify(query));
        assert.equal(e.statusCode, status, code);
      };
      await expect({ ...base, 'InstanceId.1': WINDOWS }, 'InvalidCmdType.NotFound', 403);
      await expect({ ...base, Type: 'RunPythonScript' }, 'InvalidCmdType.NotFound', 403);
      await expect({ ...base, CommandContent: 'x'.repeat(18 * 1024 + 1) }, 'CmdContent.ExceedLimit', 403);
      await expect({ ...base, 'InstanceId.1': 'i-uf6doesnotexist00000' }, 'InvalidInstance.NotFound', 404);
      await expect({ RegionId: 'cn-shanghai', Type: 'RunShellScript', CommandContent: 'true' }, 'MissingParam.InstanceId', 400);
      await expect({ ...base, Name: 'n'.repeat(129) }, 'CmdName.ExceedLimit', 403);
      const stopped = await ecs('RunCommand', { ...base, 'InstanceId.1': STOPPED, ContentEncoding: 'Gzip' });
      const s = await result(String(stopped.InvokeId));
      assert.deepEqual([s.InvocationStatus, s.InvokeRecordStatus, s.ErrorCode, s.Output], ['Failed', 'Finished', 'InstanceNotRunning', '']);
      assert.equal(s.ExitCode, undefined);
      const noAgent = await ecs('RunCommand', { ...base, 'InstanceId.1': NO_AGENT });
      assert.equal((await result(String(noAgent.InvokeId))).ErrorCode, 'ClientNotRunning');
    });

    it('kills the whole process tree when the emulator clock passes StartTime + Timeout', async () => {
      const invokeId = await run('echo "pid=$$"\nsleep 300\necho never\n', VERIFY, { Timeout: 60 });
      const pid = await waitFor(async () => /pid=(\d+)/.exec(unb64((await result(invokeId)).Output))?.[1]);
      assert.equal((await result(invokeId)).InvocationStatus, 'Running');
      assert.equal((await result(invokeId)).InvokeRecordStatus, 'Running');
      await advance(59);
      assert.equal((await result(invokeId)).InvocationStatus, 'Running');
      await advance(2);
      const r = await result(invokeId);
      assert.equal(r.InvocationStatus, 'Timeout');
      assert.equal(r.ErrorCode, 'ExecutionTimeout');
      assert.equal(r.FinishedTime, '2026-06-07T06:01:00Z');
      assert.equal(unb64(r.Output), `pid=${pid}\n`);
      const gone = (): boolean => {
        try {
          process.kill(-Number(pid), 0);
          return false;
        } catch {
          return true;
        }
      };
      await waitFor(async () => (gone() ? true : undefined), 5000);
    });

    it('reset and close remove the sandboxes', async () => {
      await finished(await run('true'));
      const root = (await emu.admin.state()).sandboxRoot;
      assert.ok(root && existsSync(root));
      await emu.admin.reset();
      assert.equal(existsSync(root), false);
      assert.equal((await emu.admin.state()).invocations.length, 0);
    });
  });

  describe('the verification script end to end', () => {
    /** A small wrapper like the product's: find by serial, blkid, no-modify fsck, read-only mount, list, unmount. */
    const wrapper = (diskId: string): string => `set -u
dev=/dev/disk/by-id/virtio-${diskId.slice(2)}
for i in $(seq 1 30); do [ -e "$dev" ] && break; sleep 1; done
real=$(readlink -f "$dev")
echo "EBS-DR: device=$real"
fs=$(blkid -o value -s TYPE "$real") || { echo "EBS-DR: result=failed no-filesystem"; exit 2; }
echo "EBS-DR: filesystem=$fs"
if [ "$fs" = xfs ]; then opts=ro,norecovery; xfs_repair -n "$real" >/dev/null 2>&1 && fsck=clean || fsck=errors
else opts=ro,noload; e2fsck -fn "$real" >/dev/null 2>&1 && fsck=clean || fsck=errors; fi
echo "EBS-DR: fsck=$fsck"
mnt=$(mktemp -d)
trap 'umount "$mnt" 2>/dev/null; rmdir "$mnt"' EXIT
mount -o "$opts" "$real" "$mnt" || { echo "EBS-DR: result=failed mount"; exit 3; }
echo "changed" > "$mnt/etc/hostname" 2>/dev/null || true
(cd "$mnt" && find . -type f | sort)
[ "$fsck" = clean ] || { echo "EBS-DR: result=failed fsck"; exit 4; }
echo "EBS-DR: result=passed"
`;

    it('passes for an ok ext4 disk: files listed, mounted ro,noload, unmounted, the disk unchanged', async () => {
      const diskId = await drillDisk('pair-web-01');
      await attached(diskId);
      const r = await finished(await run(wrapper(diskId)));
      const out = unb64(r.Output);
      assert.equal(r.ExitCode, 0, out);
      assert.equal(r.InvocationStatus, 'Success');
      assert.match(out, /^EBS-DR: device=\/dev\/vdb$/m);
      assert.match(out, /^EBS-DR: filesystem=ext4$/m);
      assert.match(out, /^EBS-DR: fsck=clean$/m);
      assert.match(out, /^\.\/etc\/hostname\n\.\/var\/lib\/app\/data\.db$/m);
      assert.match(out, /EBS-DR: result=passed\n$/);
      const inv = (await emu.admin.state()).invocations[0];
      assert.match(inv.Mounts, /^\/dev\/vdb\t\/.*\/tmp\/tmp\.[A-Za-z0-9]+\tro,noload\n$/);
      assert.ok(inv.Script.includes(`/dev/disk/by-id/virtio-${diskId.slice(2)}`), 'the script is recorded as submitted');
      // Mounting again shows the disk's own file, not what the first run wrote into its copy.
      const again = await finished(await run(`m=$(mktemp -d); mount -o ro,noload /dev/disk/by-id/virtio-${diskId.slice(2)} "$m" && cat "$m/etc/hostname"; umount "$m"; umount "$m"; echo "rc=$?"`));
      assert.match(unb64(again.Output), /^web-01\numount: \/tmp\/tmp\.[A-Za-z0-9]+: not mounted\.\nrc=32\n$/);
      await ecs('DetachDisk', { InstanceId: VERIFY, DiskId: diskId });
      await advance(3);
      assert.equal((await emu.admin.state()).disks.find((d) => d.DiskId === diskId)?.Status, 'Available');
      const afterDetach = await finished(await run(wrapper(diskId).replace('seq 1 30', 'seq 1 1')));
      assert.notEqual(afterDetach.ExitCode, 0, 'the device is gone after the detach');
    });

    it('passes for an xfs disk mounted ro,norecovery (and noload fails on xfs)', async () => {
      const diskId = await drillDisk('pair-db-xfs');
      await attached(diskId);
      const r = await finished(await run(wrapper(diskId)));
      const out = unb64(r.Output);
      assert.equal(r.ExitCode, 0, out);
      assert.match(out, /^EBS-DR: filesystem=xfs$/m);
      assert.match(out, /^\.\/var\/lib\/pgsql\/PG_VERSION$/m);
      const noload = await finished(await run(`m=$(mktemp -d); mount -o ro,noload /dev/disk/by-id/virtio-${diskId.slice(2)} "$m"`));
      assert.equal(noload.ExitCode, 32);
      assert.match(unb64(noload.Output), /^mount: \/tmp\/tmp\.[A-Za-z0-9]+: wrong fs type, bad option, bad superblock on \/dev\/vdb, missing codepage or helper program, or other error\.\n$/);
    });

    it('fails for an empty disk (no filesystem) and for a damaged one (fsck errors, mount fails)', async () => {
      const empty = await drillDisk('pair-empty');
      const damaged = await drillDisk('pair-damaged');
      await attached(empty);
      await attached(damaged);
      const e = await finished(await run(wrapper(empty)));
      assert.equal(e.ExitCode, 2);
      assert.equal(unb64(e.Output), 'EBS-DR: device=/dev/vdb\nEBS-DR: result=failed no-filesystem\n');
      const blkid = await finished(await run(`blkid -o value -s TYPE /dev/disk/by-id/virtio-${empty.slice(2)}; echo "rc=$?"`));
      assert.equal(unb64(blkid.Output), 'rc=2\n');
      const d = await finished(await run(wrapper(damaged)));
      const out = unb64(d.Output);
      assert.equal(d.ExitCode, 3, out);
      assert.match(out, /^EBS-DR: device=\/dev\/vdc$/m);
      assert.match(out, /^EBS-DR: fsck=errors$/m);
      assert.match(out, /wrong fs type, bad option, bad superblock on \/dev\/vdc/);
      const fsck = await finished(await run(`e2fsck -fn /dev/disk/by-id/virtio-${damaged.slice(2)}`));
      assert.equal(fsck.ExitCode, 4);
      assert.match(unb64(fsck.Output), /WARNING: Filesystem still has errors/);
      const clean = await finished(await run(`e2fsck -fn /dev/vdb; echo "rc=$?"`));
      assert.match(unb64(clean.Output), /Bad magic number in super-block[\s\S]*rc=8\n$/);
    });
  });
});

describe('ECS scenario fields', () => {
  it('derives instance ids with the region\'s prefix and fills the defaults', () => {
    const n = normalizeScenario({ ecs: { instances: [{ RegionId: 'cn-hangzhou', InstanceName: 'web', ZoneId: 'cn-hangzhou-h' }] }, ReplicaPairs: [{ ReplicaPairId: 'pair-x', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' }] }, Date.parse(T0) / 1000);
    const [i] = n.Instances;
    assert.match(i.InstanceId, /^i-bp[a-z0-9]{18}$/);
    assert.deepEqual({ ...i, InstanceId: '' }, { InstanceId: '', InstanceName: 'web', RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', Status: 'Running', OSType: 'linux', cloudAssistant: true, InstanceType: 'ecs.g7.large', AccountId: n.Accounts[0].AccountId });
    assert.equal(n.AttachSeconds, 2);
    assert.equal(n.DetachSeconds, 3);
    assert.equal(n.DiskContents['pair-x'].fsType, 'ext4');
    assert.equal(n.DiskContents['pair-x'].drillDisk, 'ok');
    assert.deepEqual(Object.keys(n.DiskContents['pair-x'].files), ['etc/hostname', 'var/lib/app/data.db']);
  });

  it('lists every problem of the ECS fields', () => {
    const bad = {
      Regions: [{ RegionId: 'cn-shanghai', Zones: [{ ZoneId: 'cn-shanghai-e' }], instances: [{ InstanceName: 'a', ZoneId: 'cn-shanghai-z', Status: 'Sleeping', OSType: 'bsd', InstanceId: 'vm-1', colour: 'red' }] }],
      ReplicaPairs: [{ ReplicaPairId: 'pair-x', SourceRegion: 'cn-shanghai', DestinationRegion: 'cn-shanghai', drillDisk: 'broken', diskContents: { fsType: 'ntfs', files: { '../etc/passwd': 'x' }, size: 1 } }],
      ecs: { attachSeconds: -1, speed: 2, instances: [{ InstanceName: 'b', ZoneId: 'cn-shanghai-e' }] },
    };
    try {
      normalizeScenario(bad, Date.parse(T0) / 1000);
      assert.fail('expected a ScenarioError');
    } catch (e) {
      assert.ok(e instanceof ScenarioError);
      const text = e.issues.join('\n');
      for (const part of ['instances[0].colour', 'unknown zone "cn-shanghai-z"', 'Status: unknown instance status', 'OSType: must be', 'InstanceId: must look like', 'drillDisk: must be one of', 'fsType: must be "ext4" or "xfs"', '"../etc/passwd" must be a relative path', 'diskContents.size: unknown field', 'ecs.attachSeconds', 'ecs.speed: unknown field', 'ecs.instances[0].RegionId: required']) {
        assert.ok(text.includes(part), `missing "${part}" in:\n${text}`);
      }
    }
  });
});
