// The parsers from the ECS 2014-05-26 answers (shapes in wireShapes.ts) to the records of types.ts. Defensive as the
// EBS ones (src/ebs/wire.ts): a missing or null list is empty, a list or record of the wrong type and a record
// without its ID or status are an EbsError `UnexpectedResponse` naming the action; unknown status strings are kept.

import { assign, isObject, Obj, objects, optBoolean, optNumber, optString, requestIdOf, requireString, str, unexpected } from '../ebs/coerce';
import { CloudAssistantStatus, EcsDisk, EcsInstance, InvocationResult, RunCommandResult } from './types';

/**
 * `body[outer][inner]` as records: ECS wraps each list in an object named after it (`Instances.Instance[]`). Missing
 * or null at either level is an empty list; anything else that is not an object / an array is an error.
 */
export function wrappedList(body: unknown, outer: string, inner: string, what: string, root: unknown = body): Obj[] {
  if (!isObject(body)) throw unexpected(`${what}: the response body is not a JSON object.`);
  const wrapper = body[outer];
  if (wrapper === undefined || wrapper === null) return [];
  if (!isObject(wrapper)) throw unexpected(`${what}: ${outer} is not an object.`, root);
  const list = wrapper[inner];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw unexpected(`${what}: ${outer}.${inner} is not an array.`, root);
  return objects(list, what, root);
}

export function parseInstancesPage(body: unknown): EcsInstance[] {
  const what = 'DescribeInstances';
  return wrappedList(body, 'Instances', 'Instance', what).map((i) => {
    const instance: EcsInstance = {
      instanceId: requireString(i, 'InstanceId', `${what} instance`, body),
      name: str(i.InstanceName),
      status: requireString(i, 'Status', `${what} instance`, body),
      regionId: str(i.RegionId),
      zoneId: str(i.ZoneId),
      osType: str(i.OSType).toLowerCase(),
    };
    assign(instance, 'osName', optString(i.OSName));
    assign(instance, 'instanceType', optString(i.InstanceType));
    return instance;
  });
}

export function parseCloudAssistantStatus(body: unknown): CloudAssistantStatus[] {
  const what = 'DescribeCloudAssistantStatus';
  return wrappedList(body, 'InstanceCloudAssistantStatusSet', 'InstanceCloudAssistantStatus', what).map((s) => {
    const status: CloudAssistantStatus = {
      instanceId: requireString(s, 'InstanceId', `${what} status`, body),
      // Only "true" (the service's string; a JSON true is taken as well) means online: anything else is not a heartbeat.
      online: optBoolean(s.CloudAssistantStatus) === true,
    };
    assign(status, 'version', optString(s.CloudAssistantVersion));
    assign(status, 'lastHeartbeatTime', optString(s.LastHeartbeatTime));
    return status;
  });
}

export function parseDisksPage(body: unknown): EcsDisk[] {
  const what = 'DescribeDisks';
  return wrappedList(body, 'Disks', 'Disk', what).map((d) => {
    const disk: EcsDisk = {
      diskId: requireString(d, 'DiskId', `${what} disk`, body),
      status: requireString(d, 'Status', `${what} disk`, body),
      regionId: str(d.RegionId),
      zoneId: str(d.ZoneId),
    };
    assign(disk, 'instanceId', optString(d.InstanceId));
    assign(disk, 'category', optString(d.Category));
    assign(disk, 'sizeGiB', optNumber(d.Size));
    assign(disk, 'serialNumber', optString(d.SerialNumber));
    return disk;
  });
}

export function parseRunCommand(body: unknown): RunCommandResult {
  const what = 'RunCommand';
  if (!isObject(body)) throw unexpected(`${what}: the response body is not a JSON object.`);
  const result: RunCommandResult = { commandId: requireString(body, 'CommandId', what, body), invokeId: requireString(body, 'InvokeId', what, body) };
  assign(result, 'requestId', optString(body.RequestId));
  return result;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Cloud Assistant's output (base64 by default) as text. Text that is not base64 (an answer asked for in PlainText) is
 * kept as it came. A cut at 24 KB may split a UTF-8 character: it decodes as U+FFFD.
 */
export function decodeOutput(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !BASE64.test(compact)) return text;
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The next page's token of DescribeInvocationResults (under `Invocation`). */
export function invocationNextToken(body: unknown): string | undefined {
  return isObject(body) && isObject(body.Invocation) ? optString(body.Invocation.NextToken) : undefined;
}

export function parseInvocationResultsPage(body: unknown, invokeId: string): InvocationResult[] {
  const what = 'DescribeInvocationResults';
  if (!isObject(body)) throw unexpected(`${what}: the response body is not a JSON object.`);
  const invocation = body.Invocation;
  if (invocation === undefined || invocation === null) return [];
  if (!isObject(invocation)) throw unexpected(`${what}: Invocation is not an object.`, body);
  return wrappedList(invocation, 'InvocationResults', 'InvocationResult', what, body).map((r) => {
    const result: InvocationResult = {
      invokeId: optString(r.InvokeId) ?? invokeId,
      instanceId: requireString(r, 'InstanceId', `${what} result`, body),
      invocationStatus: requireString(r, 'InvocationStatus', `${what} result`, body),
      output: decodeOutput(r.Output),
      dropped: Math.max(0, optNumber(r.Dropped) ?? 0),
    };
    assign(result, 'invokeRecordStatus', optString(r.InvokeRecordStatus));
    assign(result, 'exitCode', optNumber(r.ExitCode));
    assign(result, 'errorCode', optString(r.ErrorCode));
    assign(result, 'errorInfo', optString(r.ErrorInfo));
    assign(result, 'startTime', optString(r.StartTime));
    assign(result, 'finishedTime', optString(r.FinishedTime));
    return result;
  });
}

/** An answer that carries only its RequestId (AttachDisk, DetachDisk). */
export function parseRequestOnly(body: unknown): { requestId: string } {
  return { requestId: requestIdOf(body) };
}
