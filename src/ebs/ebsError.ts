// EbsError: the one error type callers of the EBS core ever see, its locally made-up codes, and which codes are
// transient. Built from what the SDK throws by sdkErrors.ts, from credential-provider failures by credentialErrors.ts.

/** Codes made up locally (never sent by the service). */
export const LocalErrorCode = {
  /** The caller's AbortSignal fired. The UI should stay silent. */
  Cancelled: 'Cancelled',
  /** The call's overall deadline passed (including retries). */
  DeadlineExceeded: 'DeadlineExceeded',
  /** One attempt took too long (the SDK's read/connect timeout or our own attempt timer). */
  Timeout: 'Timeout',
  /** Connection refused/reset, DNS failure, TLS failure… `errno` holds the system code. */
  NetworkError: 'NetworkError',
  /** An error status (>= 400) with a body that is not JSON: HTML error page, empty, plain text. */
  GatewayError: 'GatewayError',
  /** An answer larger than MAX_RESPONSE_BYTES (httpObserver.ts): the connection is closed before it is all read. */
  ResponseTooLarge: 'ResponseTooLarge',
  /** A 3xx answer (with or without a JSON body): EBS and ECS never redirect, so the endpoint is not theirs. */
  UnexpectedRedirect: 'UnexpectedRedirect',
  /** Anything else we cannot make sense of: non-JSON 2xx, JSON array, missing fields, unknown throwables. */
  UnexpectedResponse: 'UnexpectedResponse',
  /** Bad endpoint template, plain http to a non-loopback host, missing credentials. */
  ConfigurationError: 'ConfigurationError',
  /** A caller-side argument is invalid (e.g. a ClientToken that is not ASCII or too long). */
  InvalidArgument: 'InvalidArgument',
  /** A RunCommand script that is larger, base64-encoded, than Cloud Assistant accepts (refused before sending). */
  CommandTooLarge: 'CommandTooLarge',
  /** The verification instance's Cloud Assistant is not installed or has not sent a heartbeat lately. */
  CloudAssistantOffline: 'CloudAssistantOffline',
  /** A disk did not reach the state an attach or a detach leads to within the verification's wait. */
  DiskStateTimeout: 'DiskStateTimeout',
  /** Cloud Assistant gave no final result for a check within its timeout (and a grace period). */
  CheckResultTimeout: 'CheckResultTimeout',
  /** The ECS instance metadata service gave no credentials (not on ECS, no RAM role attached, metadata disabled). */
  EcsMetadataUnavailable: 'EcsMetadataUnavailable',
  /** A credential provider failed in a way none of the codes above describes. */
  CredentialProviderError: 'CredentialProviderError',
} as const;
export type LocalErrorCode = (typeof LocalErrorCode)[keyof typeof LocalErrorCode];

export interface EbsErrorInit {
  code: string;
  message: string;
  httpStatus?: number;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  /** The server's own Message (without the SDK's decoration). */
  serverMessage?: string;
  /** Set for NetworkError: ECONNRESET, ECONNREFUSED, ENOTFOUND… */
  errno?: string;
  retryable?: boolean;
  action?: string;
  regionId?: string;
  /** The RAM namespace of the API called (`ebs`, `ecs`); the transport sets it. */
  api?: string;
  accessDeniedDetail?: unknown;
  /** Set when the failure came from getting temporary credentials, not from EBS: `sts` (AssumeRole) or `ecsMetadata`. */
  service?: CredentialService;
  cause?: unknown;
}

/** Where temporary credentials come from. */
export type CredentialService = 'sts' | 'ecsMetadata';

export class EbsError extends Error {
  override readonly name = 'EbsError';
  readonly code: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
  readonly recommend: string | undefined;
  readonly serverMessage: string | undefined;
  readonly errno: string | undefined;
  /** Transient: the client retries these itself, and the UI may offer Retry when they still surface. */
  readonly retryable: boolean;
  readonly accessDeniedDetail: unknown;
  /** Filled in by the client for the catalogue (e.g. to name `ebs:StartPairDrill`). */
  action: string | undefined;
  regionId: string | undefined;
  /** The RAM namespace of the API called (`ebs`, `ecs`), for the catalogue's permission; `ebs` when unset. */
  api: string | undefined;
  readonly service: CredentialService | undefined;

  constructor(init: EbsErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.hostId = init.hostId;
    this.recommend = init.recommend;
    this.serverMessage = init.serverMessage;
    this.errno = init.errno;
    this.retryable = init.retryable ?? isRetryableCode(init.code, init.httpStatus);
    this.accessDeniedDetail = init.accessDeniedDetail;
    this.action = init.action;
    this.regionId = init.regionId;
    this.api = init.api;
    this.service = init.service;
  }

  /** True when the user (or the shell on their behalf) cancelled: show nothing. */
  get isCancellation(): boolean {
    return this.code === LocalErrorCode.Cancelled;
  }
}

export function isEbsError(value: unknown): value is EbsError {
  return value instanceof EbsError;
}

/** True for an EbsError caused by the caller's AbortSignal. */
export function isCancellation(value: unknown): boolean {
  return value instanceof EbsError && value.isCancellation;
}

/**
 * Transient failures worth retrying with the same ClientToken: network errors, timeouts, 5xx,
 * non-JSON error bodies, Throttling*, ServiceUnavailable, LastTokenProcessing (ECS: IdempotentProcessing). Never
 * business 4xx.
 */
export function isRetryableCode(code: string, httpStatus?: number): boolean {
  switch (code) {
    case LocalErrorCode.Timeout:
    case LocalErrorCode.NetworkError:
    case LocalErrorCode.GatewayError:
    case LocalErrorCode.DeadlineExceeded:
    case 'ServiceUnavailable':
    case 'LastTokenProcessing':
    case 'IdempotentProcessing':
    case 'RequestTimeout':
    case 'InternalError':
      return true;
    case LocalErrorCode.Cancelled:
    case LocalErrorCode.ConfigurationError:
    case LocalErrorCode.InvalidArgument:
    case LocalErrorCode.ResponseTooLarge:
    case LocalErrorCode.UnexpectedRedirect:
      return false;
  }
  if (code === 'Throttling' || code.startsWith('Throttling.')) return true;
  return httpStatus !== undefined && httpStatus >= 500 && httpStatus <= 599;
}
