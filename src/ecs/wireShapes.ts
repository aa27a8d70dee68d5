// The PascalCase response shapes of ECS 2014-05-26 (and Cloud Assistant) that the parsers in wire.ts read:
// documentation of what the extension relies on (docs/ecs-api.md), not a promise: every field may be missing.
// Lists come wrapped in an object named after the list (`Instances.Instance[]`, `Disks.Disk[]`).

export interface WireInstance {
  InstanceId: string;
  InstanceName?: string;
  Status: string;
  RegionId?: string;
  ZoneId?: string;
  InstanceType?: string;
  /** `linux` or `windows`. */
  OSType?: string;
  OSName?: string;
}

export interface WireDescribeInstancesResponse {
  RequestId: string;
  NextToken?: string;
  Instances?: { Instance?: WireInstance[] };
}

export interface WireCloudAssistantStatus {
  InstanceId: string;
  /** The string `"true"` or `"false"`. */
  CloudAssistantStatus?: string;
  CloudAssistantVersion?: string;
  LastHeartbeatTime?: string;
  OSType?: string;
}

export interface WireDescribeCloudAssistantStatusResponse {
  RequestId: string;
  InstanceCloudAssistantStatusSet?: { InstanceCloudAssistantStatus?: WireCloudAssistantStatus[] };
}

export interface WireDisk {
  DiskId: string;
  Status: string;
  RegionId?: string;
  ZoneId?: string;
  /** Only in `In_use` and `Detaching`. */
  InstanceId?: string;
  Category?: string;
  /** GiB. */
  Size?: number;
  /** The disk ID without `d-`. */
  SerialNumber?: string;
}

export interface WireDescribeDisksResponse {
  RequestId: string;
  NextToken?: string;
  Disks?: { Disk?: WireDisk[] };
}

export interface WireRunCommandResponse {
  RequestId: string;
  CommandId: string;
  InvokeId: string;
}

export interface WireInvocationResult {
  InvokeId?: string;
  InstanceId: string;
  InvocationStatus: string;
  InvokeRecordStatus?: string;
  ExitCode?: number;
  /** Base64 unless PlainText was asked for; cut at 24 KB. */
  Output?: string;
  /** Bytes of output cut. */
  Dropped?: number;
  ErrorCode?: string;
  ErrorInfo?: string;
  StartTime?: string;
  FinishedTime?: string;
}

export interface WireDescribeInvocationResultsResponse {
  RequestId: string;
  Invocation?: { NextToken?: string; InvocationResults?: { InvocationResult?: WireInvocationResult[] } };
}
