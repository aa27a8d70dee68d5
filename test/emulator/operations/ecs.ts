// ECS 2014-05-26: DescribeInstances, DescribeDisks, AttachDisk, DetachDisk. Served by the same process as EBS; the
// Version picks the registry. Cloud Assistant's operations are in cloudAssistant.ts.
import { ApiError } from '../errors';
import type { EcsDisk } from '../ecsState';
import type { Params, ParamSpec } from '../params';
import { tokenPage } from '../paging';
import { REGION_ID_PATTERN } from '../scenario';
import type { EmulatorState } from '../state';
import { utcSeconds } from '../state';
import type { Account, EcsInstance } from '../types';
import { INSTANCE_STATUSES } from '../types';
import type { Operation } from './types';

export const ECS_VERSION = '2014-05-26';

/** ECS's answer to a caller whose RAM policy does not allow the action. */
export const ramDenied = (): ApiError => new ApiError(403, 'Forbidden.RAM', "User not authorized to operate on the specified resource, or this API doesn't support RAM.");

export const ECS_P = {
  regionId: { name: 'RegionId', required: true, format: REGION_ID_PATTERN, maxLength: 64 } satisfies ParamSpec,
  nextToken: { name: 'NextToken', maxLength: 256 } satisfies ParamSpec,
} as const;

export function requireEcsRegion(state: EmulatorState, regionId: string): void {
  if (!state.regionIds.has(regionId)) throw new ApiError(404, 'InvalidRegionId.NotFound', 'The specified RegionId does not exist.');
}

/** A JSON-array parameter (`["i-…","i-…"]`): at most `max` ids; anything else → `malformed`. */
export function jsonIds(params: Params, name: string, max: number, malformed: () => ApiError): string[] | undefined {
  const text = params.str(name);
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'string')) throw malformed();
  if (parsed.length > max) throw malformed();
  return parsed as string[];
}

const OS_NAMES: Readonly<Record<string, string>> = {
  linux: 'Alibaba Cloud Linux  3.2104 LTS 64位',
  windows: 'Windows Server  2022 数据中心版 64位中文版',
};

export function instanceView(i: EcsInstance): Record<string, unknown> {
  return {
    InstanceId: i.InstanceId,
    InstanceName: i.InstanceName,
    HostName: i.InstanceName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 64) || 'localhost',
    Status: i.Status,
    RegionId: i.RegionId,
    ZoneId: i.ZoneId,
    InstanceType: i.InstanceType,
    OSType: i.OSType,
    OSName: OS_NAMES[i.OSType],
    IoOptimized: true,
    InstanceNetworkType: 'vpc',
    OperationLocks: { LockReason: [] },
  };
}

export const describeInstances: Operation = {
  action: 'DescribeInstances',
  params: [
    ECS_P.regionId,
    { name: 'InstanceIds' },
    { name: 'ZoneId', maxLength: 64 },
    { name: 'Status' },
    { name: 'MaxResults', type: 'integer', min: 1, max: 100 },
    ECS_P.nextToken,
  ],
  denied: ramDenied,
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireEcsRegion(state, regionId);
    const ids = jsonIds(params, 'InstanceIds', 100, () => new ApiError(403, 'InvalidInstanceIds.Malformed', 'The specified parameter InstanceIds is not valid.'));
    const status = params.str('Status');
    if (status !== undefined && !INSTANCE_STATUSES.some((s) => s === status)) throw new ApiError(404, 'InvalidStatus.NotFound', 'The specified Status is not found.');
    const zoneId = params.str('ZoneId');
    const list = [...state.ecs.instances.values()].filter(
      (i) => i.AccountId === account.AccountId && i.RegionId === regionId && (ids === undefined || ids.includes(i.InstanceId)) && (zoneId === undefined || i.ZoneId === zoneId) && (status === undefined || i.Status === status),
    );
    const limit = params.int('MaxResults') ?? 10;
    const { page, NextToken, PageNumber } = tokenPage(list, limit, params.str('NextToken'), JSON.stringify(['ecsInstances', regionId, ids, zoneId, status]));
    return { Instances: { Instance: page.map(instanceView) }, TotalCount: list.length, PageNumber, PageSize: limit, NextToken };
  },
};

export function diskView(d: EcsDisk): Record<string, unknown> {
  const attached = d.Status === 'In_use' || d.Status === 'Detaching';
  return {
    DiskId: d.DiskId,
    DiskName: '',
    Description: '',
    Status: d.Status,
    InstanceId: attached ? d.InstanceId : '',
    Device: attached ? d.Device : '',
    ZoneId: d.ZoneId,
    RegionId: d.RegionId,
    Category: 'cloud_essd',
    PerformanceLevel: 'PL1',
    Size: 40,
    Type: 'data',
    Portable: true,
    DeleteWithInstance: d.DeleteWithInstance,
    Encrypted: false,
    MultiAttach: 'Disabled',
    SerialNumber: d.DiskId.replace(/^d-/, ''),
    CreationTime: utcSeconds(d.CreationMs),
    AttachedTime: d.AttachedTime,
    DetachedTime: d.DetachedTime,
    Attachments: { Attachment: attached ? [{ InstanceId: d.InstanceId, Device: d.Device, AttachedTime: d.AttachedTime }] : [] },
    OperationLocks: { OperationLock: [] },
  };
}

const DISK_STATUSES = ['Creating', 'Available', 'Attaching', 'In_use', 'Detaching', 'ReIniting', 'All'];

export const describeDisks: Operation = {
  action: 'DescribeDisks',
  params: [
    ECS_P.regionId,
    { name: 'DiskIds' },
    { name: 'InstanceId', maxLength: 64 },
    { name: 'ZoneId', maxLength: 64 },
    { name: 'Status' },
    { name: 'MaxResults', type: 'integer' },
    ECS_P.nextToken,
  ],
  denied: ramDenied,
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireEcsRegion(state, regionId);
    const ids = jsonIds(params, 'DiskIds', 100, () => new ApiError(403, 'InvalidDiskIds.Malformed', 'The specified parameter DiskIds is not valid.'));
    const status = params.str('Status');
    if (status !== undefined && !DISK_STATUSES.includes(status)) throw new ApiError(400, 'InvalidStatus.ValueNotSupported', 'The specified parameter Status is not supported.');
    const zoneId = params.str('ZoneId');
    const instanceId = params.str('InstanceId');
    const list = state.ecs.disks().filter(
      (d) =>
        d.AccountId === account.AccountId &&
        d.RegionId === regionId &&
        (ids === undefined || ids.includes(d.DiskId)) &&
        (zoneId === undefined || d.ZoneId === zoneId) &&
        (status === undefined || status === 'All' || d.Status === status) &&
        (instanceId === undefined || ((d.Status === 'In_use' || d.Status === 'Detaching') && d.InstanceId === instanceId)),
    );
    const limit = Math.min(500, Math.max(10, params.int('MaxResults') ?? 10));
    const { page, NextToken, PageNumber } = tokenPage(list, limit, params.str('NextToken'), JSON.stringify(['ecsDisks', regionId, ids, zoneId, status, instanceId]));
    return { Disks: { Disk: page.map(diskView) }, TotalCount: list.length, PageNumber, PageSize: limit, NextToken };
  },
};

const instanceNotFound = (): ApiError => new ApiError(404, 'InvalidInstanceId.NotFound', 'The specified InstanceId does not exist.');
const diskNotFound = (): ApiError => new ApiError(404, 'InvalidDiskId.NotFound', 'The specified disk does not exist.');
const incorrectDiskStatus = (): ApiError => new ApiError(403, 'IncorrectDiskStatus', 'The current disk status does not support this operation.');
const incorrectInstanceStatus = (): ApiError => new ApiError(400, 'IncorrectInstanceStatus', 'The current status of the resource does not support this operation.');

function findInstanceDisk(state: EmulatorState, params: Params, account: Account): { instance: EcsInstance; disk: EcsDisk } {
  const instance = state.ecs.findInstance(params.req('InstanceId'), account.AccountId);
  if (!instance) throw instanceNotFound();
  const disk = state.ecs.disk(params.req('DiskId'));
  if (!disk || disk.AccountId !== account.AccountId) throw diskNotFound();
  return { instance, disk };
}

export const attachDisk: Operation = {
  action: 'AttachDisk',
  params: [
    { name: 'InstanceId', required: true, maxLength: 64 },
    { name: 'DiskId', required: true, maxLength: 64 },
    { name: 'DeleteWithInstance', type: 'boolean' },
    { name: 'Bootable', type: 'boolean' },
    { name: 'Force', type: 'boolean' },
  ],
  denied: ramDenied,
  handle({ params, state, account, nowMs }) {
    const { instance, disk } = findInstanceDisk(state, params, account);
    if (disk.Status === 'In_use') throw new ApiError(404, 'InvalidDisk.InUse', 'The specified disk has been attached to an instance.');
    if (disk.Status !== 'Available') throw incorrectDiskStatus();
    if (disk.ZoneId !== instance.ZoneId || disk.RegionId !== instance.RegionId) throw new ApiError(403, 'ResourcesNotInSameZone', 'The specified instance and disk are not in the same zone.');
    if (instance.Status !== 'Running' && instance.Status !== 'Stopped') throw incorrectInstanceStatus();
    state.ecs.attach(disk.DiskId, instance.InstanceId, params.bool('DeleteWithInstance', false), nowMs);
    return {};
  },
};

export const detachDisk: Operation = {
  action: 'DetachDisk',
  params: [
    { name: 'InstanceId', required: true, maxLength: 64 },
    { name: 'DiskId', required: true, maxLength: 64 },
    { name: 'DeleteWithInstance', type: 'boolean' },
  ],
  denied: ramDenied,
  handle({ params, state, account, nowMs }) {
    const { instance, disk } = findInstanceDisk(state, params, account);
    if (disk.Status === 'Available') throw new ApiError(404, 'InvalidDisk.AlreadyDetached', 'The specified disk has already been detached.');
    if (disk.Status !== 'In_use') throw incorrectDiskStatus();
    if (disk.InstanceId !== instance.InstanceId) throw new ApiError(403, 'DependencyViolation', 'The specified disk is not attached to the specified instance.');
    if (instance.Status !== 'Running' && instance.Status !== 'Stopped') throw new ApiError(403, 'IncorrectInstanceStatus', 'The current status of the resource does not support this operation.');
    state.ecs.detach(disk.DiskId, nowMs);
    return {};
  },
};
