// EcsClient: the ECS 2014-05-26 and Cloud Assistant operations the verification flow uses (docs/ecs-api.md), on the
// same transport as EBS (src/ebs/transport.ts: deadline, retries, credentials, wire observation, call log). Everything
// it throws is an EbsError. Reads retry every transient failure; RunCommand does too, with one ClientToken for all
// its attempts; AttachDisk and DetachDisk have no ClientToken, so they are repeated only after failures that prove
// nothing was done (the caller asks DescribeDisks what happened after any other).

import { assertClientToken, newClientToken } from '../ebs/clientToken';
import { EbsError, LocalErrorCode } from '../ebs/ebsError';
import { CallOptions, EbsClientOptions, EbsTransport, Query } from '../ebs/transport';
import { uniqueBy, WireNotes } from '../ebs/wireNotes';
import { ECS_API } from './endpoint';
import {
  CloudAssistantStatus,
  DescribeInstancesOptions,
  DiskOnInstanceRequest,
  EcsApi,
  EcsDisk,
  EcsInstance,
  InvocationResult,
  RunCommandResult,
  RunShellScriptRequest,
} from './types';
import { invocationNextToken, parseCloudAssistantStatus, parseDisksPage, parseInstancesPage, parseInvocationResultsPage, parseRequestOnly, parseRunCommand } from './wire';

export { DEFAULT_ECS_ENDPOINT_TEMPLATE, ECS_API, ECS_API_VERSION, ECS_REGION_HOSTS, ecsDefaultEndpointTemplate } from './endpoint';

/** The client's options: those of EbsClient; the API is always ECS (`endpointTemplate` is `ebsDr.ecsEndpointTemplate`). */
export type EcsClientOptions = Omit<EbsClientOptions, 'api'>;

/** DescribeInstances: MaxResults is 1–100. */
export const INSTANCES_PAGE_SIZE = 100;
/** InstanceIds and DiskIds (JSON arrays) take at most 100 IDs. */
export const MAX_IDS_PER_JSON_FILTER = 100;
/** DescribeCloudAssistantStatus takes InstanceId.1 … InstanceId.50. */
export const MAX_CLOUD_ASSISTANT_IDS = 50;
/** DescribeDisks: MaxResults 100 (the service clamps to 10–500). */
export const DISKS_PAGE_SIZE = 100;
/** DescribeInvocationResults: MaxResults at most 50. */
export const INVOCATION_RESULTS_PAGE_SIZE = 50;
/** RunCommand's CommandContent, base64-encoded, may have at most 24 KB. */
export const MAX_COMMAND_CONTENT_BYTES = 24 * 1024;
export const MAX_COMMAND_NAME_LENGTH = 128;
export const MAX_COMMAND_DESCRIPTION_LENGTH = 512;

function nonEmpty(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EbsError({ code: LocalErrorCode.InvalidArgument, message: `${name} is required.`, retryable: false });
  }
  return value;
}

function invalid(message: string): EbsError {
  return new EbsError({ code: LocalErrorCode.InvalidArgument, message, retryable: false });
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The script as RunCommand's CommandContent (base64 of its UTF-8). */
export function encodeScript(script: string): string {
  return Buffer.from(script, 'utf8').toString('base64');
}

export class EcsClient implements EcsApi {
  private readonly transport: EbsTransport;

  constructor(options: EcsClientOptions) {
    this.transport = new EbsTransport({ ...options, api: ECS_API });
  }

  /** All pages (NextToken, MaxResults 100); with IDs, one listing per 100 of them. An empty ID list lists nothing. */
  async describeInstances(regionId: string, options: DescribeInstancesOptions = {}): Promise<EcsInstance[]> {
    const action = 'DescribeInstances';
    const base: Query = { RegionId: nonEmpty(regionId, 'regionId') };
    if (options.zoneId !== undefined) base.ZoneId = options.zoneId;
    if (options.status !== undefined) base.Status = options.status;
    const idChunks = options.instanceIds === undefined ? [undefined] : chunks(options.instanceIds, MAX_IDS_PER_JSON_FILTER);
    const instances: EcsInstance[] = [];
    for (const chunk of idChunks) {
      const query = chunk === undefined ? base : { ...base, InstanceIds: JSON.stringify(chunk) };
      for (const i of await this.transport.paginate(action, regionId, query, options, parseInstancesPage, INSTANCES_PAGE_SIZE)) instances.push(i);
    }
    return this.unique(action, regionId, instances, (i) => i.instanceId);
  }

  /** In chunks of 50 IDs (InstanceId.1 … InstanceId.50); an empty list asks nothing. */
  async describeCloudAssistantStatus(regionId: string, instanceIds: readonly string[], options: CallOptions = {}): Promise<CloudAssistantStatus[]> {
    const action = 'DescribeCloudAssistantStatus';
    const statuses: CloudAssistantStatus[] = [];
    for (const chunk of chunks(instanceIds, MAX_CLOUD_ASSISTANT_IDS)) {
      const query: Query = { RegionId: nonEmpty(regionId, 'regionId') };
      chunk.forEach((id, i) => (query[`InstanceId.${i + 1}`] = nonEmpty(id, 'instanceId')));
      const { body } = await this.transport.invoke(action, regionId, query, options);
      for (const s of this.transport.parse(action, regionId, () => parseCloudAssistantStatus(body))) statuses.push(s);
    }
    return this.unique(action, regionId, statuses, (s) => s.instanceId);
  }

  /** In chunks of 100 IDs (DiskIds is a JSON array), all pages of MaxResults 100; an empty list asks nothing. */
  async describeDisks(regionId: string, diskIds: readonly string[], options: CallOptions = {}): Promise<EcsDisk[]> {
    const action = 'DescribeDisks';
    const disks: EcsDisk[] = [];
    for (const chunk of chunks(diskIds, MAX_IDS_PER_JSON_FILTER)) {
      const query: Query = { RegionId: nonEmpty(regionId, 'regionId'), DiskIds: JSON.stringify(chunk) };
      for (const d of await this.transport.paginate(action, regionId, query, options, parseDisksPage, DISKS_PAGE_SIZE)) disks.push(d);
    }
    return this.unique(action, regionId, disks, (d) => d.diskId);
  }

  /**
   * AttachDisk (no RegionId: the endpoint is the region's), DeleteWithInstance=false. Not repeated after a failure
   * that may follow a request the service carried out: DescribeDisks says whether the disk is attaching.
   */
  async attachDisk(request: DiskOnInstanceRequest): Promise<{ requestId?: string }> {
    return this.onInstance('AttachDisk', request);
  }

  /** DetachDisk with DeleteWithInstance=false, repeated as AttachDisk is (only after failures that prove nothing was done). */
  async detachDisk(request: DiskOnInstanceRequest): Promise<{ requestId?: string }> {
    return this.onInstance('DetachDisk', request);
  }

  /**
   * RunCommand with the script base64-encoded (RunShellScript, ContentEncoding=Base64) on one instance, with the
   * service's defaults for the rest (RepeatMode Once, KeepCommand false: run once, the command not kept). One ClientToken for every attempt; a script larger than 24 KB encoded is
   * refused before anything is sent (EbsError `CommandTooLarge`).
   */
  async runShellScript(request: RunShellScriptRequest): Promise<RunCommandResult> {
    const action = 'RunCommand';
    const regionId = nonEmpty(request.regionId, 'regionId');
    const content = encodeScript(request.script);
    if (Buffer.byteLength(content, 'ascii') > MAX_COMMAND_CONTENT_BYTES) {
      throw new EbsError({
        code: LocalErrorCode.CommandTooLarge,
        message: `The check script is ${Buffer.byteLength(content, 'ascii')} bytes base64-encoded; Cloud Assistant accepts at most ${MAX_COMMAND_CONTENT_BYTES} bytes (24 KB).`,
        retryable: false,
        action,
        regionId,
        api: ECS_API.ramNamespace,
      });
    }
    const timeout = request.timeoutSeconds;
    if (!Number.isInteger(timeout) || timeout < 1) throw invalid(`timeoutSeconds must be a positive whole number of seconds (got ${String(timeout)}).`);
    if (request.name !== undefined && request.name.length > MAX_COMMAND_NAME_LENGTH) throw invalid(`The command name may have at most ${MAX_COMMAND_NAME_LENGTH} characters.`);
    if (request.description !== undefined && request.description.length > MAX_COMMAND_DESCRIPTION_LENGTH) {
      throw invalid(`The command description may have at most ${MAX_COMMAND_DESCRIPTION_LENGTH} characters.`);
    }
    const clientToken = request.clientToken ?? newClientToken();
    assertClientToken(clientToken);
    const query: Query = {
      RegionId: regionId,
      Type: 'RunShellScript',
      CommandContent: content,
      ContentEncoding: 'Base64',
      'InstanceId.1': nonEmpty(request.instanceId, 'instanceId'),
      Timeout: String(timeout),
      ClientToken: clientToken,
    };
    if (request.name !== undefined && request.name !== '') query.Name = request.name;
    if (request.description !== undefined && request.description !== '') query.Description = request.description;
    // Repeating RunCommand with its ClientToken runs the command once: every transient failure is retried.
    const { body } = await this.transport.invoke(action, regionId, query, request);
    return this.transport.parse(action, regionId, () => parseRunCommand(body));
  }

  /** The instances' results of one invocation, every page, output decoded from base64. */
  async describeInvocationResults(regionId: string, invokeId: string, options: CallOptions = {}): Promise<InvocationResult[]> {
    const action = 'DescribeInvocationResults';
    const query: Query = { RegionId: nonEmpty(regionId, 'regionId'), InvokeId: nonEmpty(invokeId, 'invokeId'), ContentEncoding: 'Base64' };
    return this.transport.paginate(action, regionId, query, options, (body) => parseInvocationResultsPage(body, invokeId), INVOCATION_RESULTS_PAGE_SIZE, invocationNextToken);
  }

  private async onInstance(action: 'AttachDisk' | 'DetachDisk', request: DiskOnInstanceRequest): Promise<{ requestId?: string }> {
    const regionId = nonEmpty(request.regionId, 'regionId');
    const query: Query = {
      InstanceId: nonEmpty(request.instanceId, 'instanceId'),
      DiskId: nonEmpty(request.diskId, 'diskId'),
      // The drill disk must never go with the instance.
      DeleteWithInstance: 'false',
    };
    const { body } = await this.transport.invoke(action, regionId, query, { ...request, retry: 'unsent' });
    return this.transport.parse(action, regionId, () => parseRequestOnly(body));
  }

  /** The first record of each ID; says once in the log how many duplicates were dropped. */
  private unique<T>(action: string, regionId: string, items: T[], key: (item: T) => string): T[] {
    const notes = new WireNotes();
    const out = uniqueBy(items, key, notes);
    const summary = notes.summary(action, regionId);
    if (summary !== undefined) this.transport.note(summary);
    return out;
  }
}
