// Cloud Assistant (ECS 2014-05-26): DescribeCloudAssistantStatus, RunCommand, DescribeInvocationResults. RunCommand
// really runs the script with bash in the instance's sandbox (see sandbox/sandbox.ts).
import { ApiError } from '../errors';
import type { Invocation, InstanceRun } from '../ecsState';
import type { ParamSpec } from '../params';
import { tokenPage } from '../paging';
import { utcSeconds } from '../state';
import type { EcsInstance } from '../types';
import { ECS_P, ramDenied, requireEcsRegion } from './ecs';
import type { Operation } from './types';

/** Command content limit, measured after base64 encoding. */
export const MAX_CONTENT_BYTES = 24 * 1024;
/** Output kept per result; the rest is counted in Dropped. */
export const MAX_OUTPUT_BYTES = 24 * 1024;
export const DEFAULT_TIMEOUT_SECONDS = 60;
export const MAX_TIMEOUT_SECONDS = 86400;
export const AGENT_VERSION = '2.2.3.857';

/** `InstanceId.1` … `InstanceId.max` as declared parameters (so that they are part of the ClientToken fingerprint). */
function instanceIdSpecs(max: number): ParamSpec[] {
  return Array.from({ length: max }, (_, i) => ({ name: `InstanceId.${i + 1}`, maxLength: 64 }));
}

/** The `InstanceId.N` values in N order (any N, so that a caller sending too many is told so). */
function instanceIdList(raw: ReadonlyMap<string, string>): string[] {
  return [...raw]
    .flatMap(([k, v]) => {
      const m = /^InstanceId\.(\d+)$/.exec(k);
      return m && v ? [[Number(m[1]), v] as const] : [];
    })
    .sort((a, b) => a[0] - b[0])
    .map(([, v]) => v);
}

const invalidInstance = (): ApiError => new ApiError(404, 'InvalidInstance.NotFound', 'The specified instance does not exist.');

export const describeCloudAssistantStatus: Operation = {
  action: 'DescribeCloudAssistantStatus',
  params: [ECS_P.regionId, ...instanceIdSpecs(50), { name: 'OSType' }, { name: 'MaxResults', type: 'integer', min: 1, max: 50 }, ECS_P.nextToken],
  denied: ramDenied,
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireEcsRegion(state, regionId);
    const ids = instanceIdList(params.raw);
    if (ids.length > 50) throw new ApiError(403, 'InstanceIds.ExceedLimit', 'The number of instances exceeds the limit of 50.');
    const osType = params.str('OSType')?.toLowerCase();
    let list: EcsInstance[];
    if (ids.length > 0) {
      list = ids.map((id) => {
        const i = state.ecs.findInstance(id, account.AccountId);
        if (!i || i.RegionId !== regionId) throw invalidInstance();
        return i;
      });
    } else {
      list = [...state.ecs.instances.values()].filter((i) => i.AccountId === account.AccountId && i.RegionId === regionId);
    }
    if (osType !== undefined) list = list.filter((i) => i.OSType === osType);
    const limit = ids.length > 0 ? Math.max(list.length, 1) : (params.int('MaxResults') ?? 10);
    const { page, NextToken, PageNumber } = tokenPage(list, limit, ids.length > 0 ? undefined : params.str('NextToken'), JSON.stringify(['caStatus', regionId, osType]));
    const invs = [...state.ecs.invocations.values()];
    return {
      InstanceCloudAssistantStatusSet: {
        InstanceCloudAssistantStatus: page.map((i) => {
          const online = state.ecs.agentOnline(i);
          const heartbeat = state.ecs.lastHeartbeat(i, nowMs);
          const runs = invs.flatMap((inv) => inv.runs.filter((r) => r.InstanceId === i.InstanceId).map((r) => ({ inv, r })));
          const last = runs.length > 0 ? Math.max(...runs.map(({ inv }) => inv.creationMs)) : undefined;
          return {
            InstanceId: i.InstanceId,
            CloudAssistantStatus: online ? 'true' : 'false',
            CloudAssistantVersion: online ? AGENT_VERSION : '',
            LastHeartbeatTime: heartbeat === undefined ? '' : utcSeconds(heartbeat),
            LastInvokedTime: last === undefined ? '' : utcSeconds(last),
            OSType: i.OSType === 'linux' ? 'Linux' : 'Windows',
            ActiveTaskCount: runs.filter(({ r }) => r.status === 'Running').length,
            InvocationCount: runs.length,
            SupportSessionManager: online,
          };
        }),
      },
      TotalCount: list.length,
      PageNumber,
      PageSize: limit,
      NextToken,
    };
  },
};

const COMMAND_TYPES = ['RunShellScript', 'RunBatScript', 'RunPowerShellScript'];

export const runCommand: Operation = {
  action: 'RunCommand',
  params: [
    ECS_P.regionId,
    { name: 'Type', required: true },
    { name: 'CommandContent', required: true },
    { name: 'ContentEncoding' },
    ...instanceIdSpecs(100),
    { name: 'Timeout', type: 'integer', min: 1, max: MAX_TIMEOUT_SECONDS },
    { name: 'Name' },
    { name: 'Description' },
    { name: 'ClientToken', maxLength: 64, ascii: true },
    { name: 'WorkingDir' },
    { name: 'Username' },
    { name: 'RepeatMode' },
  ],
  denied: ramDenied,
  idempotent: true,
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireEcsRegion(state, regionId);
    const type = params.req('Type');
    if (!COMMAND_TYPES.includes(type)) throw new ApiError(403, 'InvalidCmdType.NotFound', 'The specified command type does not exist.');
    const content = params.req('CommandContent');
    const base64 = params.str('ContentEncoding') === 'Base64';
    const script = base64 ? Buffer.from(content, 'base64').toString('utf8') : content;
    const encodedLength = base64 ? content.length : Buffer.from(content, 'utf8').toString('base64').length;
    if (encodedLength > MAX_CONTENT_BYTES) throw new ApiError(403, 'CmdContent.ExceedLimit', 'The maximum length of a command is exceeded.');
    const name = params.str('Name') ?? '';
    if (name.length > 128) throw new ApiError(403, 'CmdName.ExceedLimit', 'The length of the command name exceeds the limit of 128 characters.');
    const description = params.str('Description') ?? '';
    if (description.length > 512) throw new ApiError(403, 'CmdDesc.ExceedLimit', 'The length of the command description exceeds the limit of 512 characters.');
    const workingDir = params.str('WorkingDir') ?? '/root';
    if (workingDir.length > 200) throw new ApiError(400, 'InvalidParameter.WorkingDir', 'The specified parameter WorkingDir is not valid.');
    const username = params.str('Username') ?? 'root';
    if (username.length > 255) throw new ApiError(403, 'Username.ExceedLimit', 'The length of the username exceeds the limit of 255 characters.');
    const repeat = params.str('RepeatMode') ?? 'Once';
    if (repeat !== 'Once') throw new ApiError(404, 'InvalidRepeatMode.NotFound', 'Only RepeatMode Once is supported by this emulator.');
    const ids = instanceIdList(params.raw);
    if (ids.length === 0) throw new ApiError(400, 'MissingParam.InstanceId', 'The input parameter InstanceId that is mandatory for processing this request is not supplied.');
    if (ids.length > 100) throw new ApiError(403, 'InstanceIds.ExceedLimit', 'The number of instances exceeds the limit of 100.');
    const instances = ids.map((id) => {
      const i = state.ecs.findInstance(id, account.AccountId);
      if (!i || i.RegionId !== regionId) throw invalidInstance();
      return i;
    });
    const wanted = type === 'RunShellScript' ? 'linux' : 'windows';
    if (instances.some((i) => i.OSType !== wanted)) throw new ApiError(403, 'InvalidCmdType.NotFound', `The command type ${type} is not supported by the operating system of the specified instance.`);
    const inv = state.ecs.invoke(
      { RegionId: regionId, AccountId: account.AccountId, Name: name, Description: description, Script: script, Timeout: params.int('Timeout') ?? DEFAULT_TIMEOUT_SECONDS, WorkingDir: workingDir, Username: username },
      instances,
      nowMs,
    );
    return { CommandId: inv.CommandId, InvokeId: inv.InvokeId };
  },
};

/** One instance's result as DescribeInvocationResults shows it. */
export function resultView(inv: Invocation, run: InstanceRun, output: Buffer, plainText: boolean): Record<string, unknown> {
  const kept = output.subarray(0, MAX_OUTPUT_BYTES);
  const finished = run.status !== 'Running';
  return {
    InvokeId: inv.InvokeId,
    CommandId: inv.CommandId,
    InstanceId: run.InstanceId,
    InvocationStatus: run.status,
    InvokeRecordStatus: finished ? 'Finished' : 'Running',
    ...(run.ExitCode === undefined ? {} : { ExitCode: run.ExitCode }),
    Output: plainText ? kept.toString('utf8') : kept.toString('base64'),
    Dropped: output.length - kept.length,
    ErrorCode: run.ErrorCode,
    ErrorInfo: run.ErrorInfo,
    StartTime: utcSeconds(run.startMs),
    FinishedTime: run.finishedMs === undefined ? '' : utcSeconds(run.finishedMs),
    StopTime: '',
    Repeats: 1,
    Username: inv.Username,
    TerminationMode: 'Process',
  };
}

export const describeInvocationResults: Operation = {
  action: 'DescribeInvocationResults',
  params: [
    ECS_P.regionId,
    { name: 'InvokeId', maxLength: 64 },
    { name: 'InstanceId', maxLength: 64 },
    { name: 'CommandId', maxLength: 64 },
    { name: 'InvokeRecordStatus' },
    { name: 'ContentEncoding' },
    { name: 'MaxResults', type: 'integer', min: 1, max: 50 },
    ECS_P.nextToken,
  ],
  denied: ramDenied,
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireEcsRegion(state, regionId);
    const invokeId = params.str('InvokeId');
    const instanceId = params.str('InstanceId');
    const commandId = params.str('CommandId');
    const recordStatus = params.str('InvokeRecordStatus');
    const plainText = params.str('ContentEncoding') === 'PlainText';
    const rows = [...state.ecs.invocations.values()]
      .filter((inv) => inv.AccountId === account.AccountId && inv.RegionId === regionId && (invokeId === undefined || inv.InvokeId === invokeId) && (commandId === undefined || inv.CommandId === commandId))
      .reverse()
      .flatMap((inv) => inv.runs.filter((run) => instanceId === undefined || run.InstanceId === instanceId).map((run) => ({ inv, run })))
      .filter(({ run }) => recordStatus === undefined || (run.status === 'Running' ? 'Running' : 'Finished') === recordStatus || (recordStatus === 'Success' && run.status === 'Success'));
    const limit = params.int('MaxResults') ?? 10;
    const { page, NextToken, PageNumber } = tokenPage(rows, limit, params.str('NextToken'), JSON.stringify(['invocationResults', regionId, invokeId, instanceId, commandId, recordStatus]));
    return {
      Invocation: {
        TotalCount: rows.length,
        PageNumber,
        PageSize: limit,
        NextToken,
        InvocationResults: { InvocationResult: page.map(({ inv, run }) => resultView(inv, run, state.ecs.runOutput(run), plainText)) },
      },
    };
  },
};
