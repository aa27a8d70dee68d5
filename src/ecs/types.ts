// The ECS 2014-05-26 and Cloud Assistant records the extension uses, as the client (client.ts) returns them: camelCase,
// strings and numbers checked, unknown enum values kept as they came. Facts about the operations: docs/ecs-api.md.
import type { CallOptions } from '../ebs/transport';

export type InstanceStatus = 'Pending' | 'Starting' | 'Running' | 'Stopping' | 'Stopped';

export interface EcsInstance {
  instanceId: string;
  name: string;
  /** One of InstanceStatus, or what the service sent. */
  status: string;
  regionId: string;
  zoneId: string;
  /** `linux` or `windows` as the service spells it (lower case). */
  osType: string;
  osName?: string;
  instanceType?: string;
}

export interface CloudAssistantStatus {
  instanceId: string;
  /** `CloudAssistantStatus` is the string "true": a heartbeat within the last two minutes. */
  online: boolean;
  version?: string;
  lastHeartbeatTime?: string;
}

export type DiskStatus = 'Creating' | 'Available' | 'Attaching' | 'In_use' | 'Detaching' | 'ReIniting';

export interface EcsDisk {
  diskId: string;
  /** One of DiskStatus, or what the service sent. */
  status: string;
  regionId: string;
  zoneId: string;
  /** The instance it is attached to (only in In_use / Detaching). */
  instanceId?: string;
  category?: string;
  sizeGiB?: number;
  serialNumber?: string;
}

export interface RunCommandResult {
  requestId?: string;
  commandId: string;
  invokeId: string;
}

/** One instance's result of an invocation (DescribeInvocationResults). */
export interface InvocationResult {
  invokeId: string;
  instanceId: string;
  /** `Pending`, `Running`, `Success`, `Failed`, `Timeout`, `Error`, `Invalid`, `Aborted`, `Cancelled`, `Terminated`, … */
  invocationStatus: string;
  invokeRecordStatus?: string;
  exitCode?: number;
  /** Decoded (the service sends base64). */
  output: string;
  /** Bytes of output the service discarded (it keeps 24 KB). */
  dropped: number;
  errorCode?: string;
  errorInfo?: string;
  startTime?: string;
  finishedTime?: string;
}

export interface DescribeInstancesOptions extends CallOptions {
  zoneId?: string;
  instanceIds?: readonly string[];
  status?: InstanceStatus;
}

export interface DiskOnInstanceRequest extends CallOptions {
  /** Picks the endpoint; AttachDisk and DetachDisk themselves take no RegionId. */
  regionId: string;
  instanceId: string;
  diskId: string;
}

export interface RunShellScriptRequest extends CallOptions {
  regionId: string;
  instanceId: string;
  /** Plain text; the client sends it base64-encoded. */
  script: string;
  timeoutSeconds: number;
  name?: string;
  description?: string;
  /** One per check; every retry of the request reuses it. Generated when omitted. */
  clientToken?: string;
}

/**
 * What the verification flow needs from ECS. EcsClient (client.ts) implements it on the same transport as EBS.
 */
export interface EcsApi {
  /** All pages (NextToken, MaxResults 100). */
  describeInstances(regionId: string, options?: DescribeInstancesOptions): Promise<EcsInstance[]>;
  /** In chunks of 50 IDs. */
  describeCloudAssistantStatus(regionId: string, instanceIds: readonly string[], options?: CallOptions): Promise<CloudAssistantStatus[]>;
  /** In chunks of 100 IDs (DiskIds is a JSON array). */
  describeDisks(regionId: string, diskIds: readonly string[], options?: CallOptions): Promise<EcsDisk[]>;
  attachDisk(request: DiskOnInstanceRequest): Promise<{ requestId?: string }>;
  /** Always with DeleteWithInstance=false semantics: the drill disk is never deleted with the instance. */
  detachDisk(request: DiskOnInstanceRequest): Promise<{ requestId?: string }>;
  runShellScript(request: RunShellScriptRequest): Promise<RunCommandResult>;
  /** The instance's results of one invocation. */
  describeInvocationResults(regionId: string, invokeId: string, options?: CallOptions): Promise<InvocationResult[]>;
}
