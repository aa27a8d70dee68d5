// The one error type callers of the EBS core ever see, and the normaliser that builds it from every
// shape @alicloud/openapi-client 0.4.15 throws (alibaba-signing-and-sdk.md §5).

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
  /** Anything else we cannot make sense of: non-JSON 2xx, JSON array, missing fields, unknown throwables. */
  UnexpectedResponse: 'UnexpectedResponse',
  /** Bad endpoint template, plain http to a non-loopback host, missing credentials. */
  ConfigurationError: 'ConfigurationError',
  /** A caller-side argument is invalid (e.g. a ClientToken that is not ASCII or too long). */
  InvalidArgument: 'InvalidArgument',
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
 * non-JSON error bodies, Throttling*, ServiceUnavailable, LastTokenProcessing. Never business 4xx.
 */
export function isRetryableCode(code: string, httpStatus?: number): boolean {
  switch (code) {
    case LocalErrorCode.Timeout:
    case LocalErrorCode.NetworkError:
    case LocalErrorCode.GatewayError:
    case LocalErrorCode.DeadlineExceeded:
    case 'ServiceUnavailable':
    case 'LastTokenProcessing':
    case 'RequestTimeout':
    case 'InternalError':
      return true;
    case LocalErrorCode.Cancelled:
    case LocalErrorCode.ConfigurationError:
    case LocalErrorCode.InvalidArgument:
      return false;
  }
  if (code === 'Throttling' || code.startsWith('Throttling.')) return true;
  return httpStatus !== undefined && httpStatus >= 500 && httpStatus <= 599;
}

/** What the client observed on the wire for the attempt, to recover what the SDK loses. */
export interface WireObservation {
  httpStatus?: number;
  /** `x-acs-request-id` response header, when present. */
  requestId?: string;
  contentType?: string;
  action?: string;
  regionId?: string;
}

const NETWORK_ERRNOS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'EPROTO',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'UND_ERR_SOCKET',
]);

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '' && value !== 'undefined') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withContext(err: EbsError, ctx: WireObservation | undefined): EbsError {
  if (ctx?.action !== undefined && err.action === undefined) err.action = ctx.action;
  if (ctx?.regionId !== undefined && err.regionId === undefined) err.regionId = ctx.regionId;
  return err;
}

/**
 * Turns anything thrown by the SDK (or by our own code) into an EbsError. Never throws.
 *
 * Shapes handled (alibaba-signing-and-sdk.md §5):
 * - plain Error with string `code`, numeric `statusCode`, `data` (the parsed JSON error body);
 * - SyntaxError from a non-JSON body (HTML 504, empty 502, text/plain 400, 302) — status comes from `ctx`;
 * - Error named `RequestTimeoutError` (SDK read/connect timeout);
 * - Error with `code` ECONNRESET / ECONNREFUSED / ENOTFOUND… (socket failures);
 * - "The value is not a object" (JSON array body);
 * - EbsError (returned unchanged, context added).
 */
export function toEbsError(err: unknown, ctx?: WireObservation): EbsError {
  try {
    return withContext(normalise(err, ctx), ctx);
  } catch (inner) {
    return new EbsError({
      code: LocalErrorCode.UnexpectedResponse,
      message: 'Unexpected error while interpreting a failure.',
      cause: inner,
      retryable: false,
    });
  }
}

function normalise(err: unknown, ctx: WireObservation | undefined): EbsError {
  if (err instanceof EbsError) return err;
  const status = ctx?.httpStatus;
  const wireRequestId = ctx?.requestId;

  if (!(err instanceof Error) && !isRecord(err)) {
    return new EbsError({
      code: LocalErrorCode.UnexpectedResponse,
      message: `Unexpected failure: ${String(err)}`,
      httpStatus: status,
      requestId: wireRequestId,
      cause: err,
      retryable: false,
    });
  }
  const e = err as Error & Record<string, unknown>;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';

  // 1. The service answered 4xx/5xx with a JSON object: tea-typescript's ResponseError (a plain Error).
  if (typeof e.code === 'string' && isRecord(e.data)) {
    const data = e.data;
    const httpStatus = typeof e.statusCode === 'number' ? e.statusCode : numberOr(data.statusCode, status);
    const rawCode = str(data.Code) ?? str(data.code) ?? str(e.code);
    const serverMessage = str(data.Message) ?? str(data.message);
    const requestId = str(data.RequestId) ?? str(data.requestId) ?? wireRequestId;
    const hostId = str(data.HostId) ?? str(data.hostId);
    const recommend = str(data.Recommend) ?? str(data.recommend);
    if (rawCode === undefined) {
      return new EbsError({
        code: LocalErrorCode.UnexpectedResponse,
        message: `The service answered HTTP ${httpStatus ?? '?'} without an error code${serverMessage ? `: ${serverMessage}` : '.'}`,
        httpStatus,
        requestId,
        hostId,
        recommend,
        serverMessage,
        cause: err,
        retryable: httpStatus !== undefined && httpStatus >= 500,
      });
    }
    return new EbsError({
      code: rawCode,
      message: serverMessage ? `${rawCode}: ${serverMessage}` : rawCode,
      httpStatus,
      requestId,
      hostId,
      recommend,
      serverMessage,
      accessDeniedDetail: e.accessDeniedDetail ?? data.AccessDeniedDetail,
      cause: err,
    });
  }

  // 2. Timeouts inside the SDK (httpx names them RequestTimeoutError / ReadTimeoutError).
  if (/Timeout/i.test(name) && name !== 'TimeoutError') {
    return new EbsError({
      code: LocalErrorCode.Timeout,
      message: `The request timed out (${stripSdkSuffix(message)}).`,
      httpStatus: status,
      requestId: wireRequestId,
      cause: err,
    });
  }

  // 3. Socket-level failures.
  const errno = typeof e.code === 'string' ? e.code : undefined;
  if (errno !== undefined && (NETWORK_ERRNOS.has(errno) || /^E[A-Z_]+$/.test(errno) || errno.startsWith('ERR_TLS') || errno.includes('CERT'))) {
    return new EbsError({
      code: LocalErrorCode.NetworkError,
      message: `Network error ${errno}: ${stripSdkSuffix(message)}`,
      errno,
      httpStatus: status,
      requestId: wireRequestId,
      cause: err,
      retryable: true,
    });
  }

  // 4. A body that is not JSON (HTML error page, empty body, plain text, redirect).
  if (err instanceof SyntaxError || name === 'SyntaxError') {
    if (status !== undefined && status >= 400) {
      return new EbsError({
        code: LocalErrorCode.GatewayError,
        message: `HTTP ${status} with a ${describeBody(message, ctx?.contentType)} instead of a JSON error.`,
        httpStatus: status,
        requestId: wireRequestId,
        cause: err,
        retryable: true,
      });
    }
    return new EbsError({
      code: LocalErrorCode.UnexpectedResponse,
      message: `Unexpected response${status !== undefined ? ` (HTTP ${status})` : ''}: ${describeBody(message, ctx?.contentType)}.`,
      httpStatus: status,
      requestId: wireRequestId,
      cause: err,
      // Status unknown: it may well have been an error page; retrying is safe with the same ClientToken.
      retryable: status === undefined,
    });
  }

  // 5. Everything else: "The value is not a object", a type mismatch, a programming error…
  return new EbsError({
    code: LocalErrorCode.UnexpectedResponse,
    message: `Unexpected response: ${firstLine(message) || name || 'unknown error'}`,
    httpStatus: status,
    requestId: wireRequestId,
    cause: err,
    retryable: status !== undefined && status >= 500,
  });
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.slice(0, 200) ?? '';
}

/** httpx appends "POST http://host/?query failed." without a separator; the query is not secret but noisy. */
function stripSdkSuffix(message: string): string {
  return firstLine(message.replace(/(?:(?:GET|POST) )?https?:\/\/\S*\s*failed\.$/, '').trim()) || 'connection failed';
}

function describeBody(syntaxMessage: string, contentType: string | undefined): string {
  if (/end of JSON input/i.test(syntaxMessage)) return 'empty body';
  if (contentType !== undefined && /html/i.test(contentType)) return 'HTML page';
  if (/Unexpected token '<'/.test(syntaxMessage)) return 'HTML or XML page';
  return contentType !== undefined ? `${contentType.split(';')[0]} body` : 'non-JSON body';
}

/**
 * Turns a failure of an @alicloud/credentials provider into an EbsError that names the credential service.
 * The library throws plain Errors: "refresh session token failed: <STS JSON error body>" for an STS error answer,
 * "the access key secret is invalid" for a signature mismatch, "get … failed …" from the ECS metadata service,
 * and httpx's socket and timeout errors. Never throws; never quotes credentials (STS error bodies contain none).
 */
export function credentialProviderError(err: unknown): EbsError {
  if (err instanceof EbsError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const metadata = /metadata|Ecs sts token|IMDS|100\.100\.100\.200/i.test(message);
  const service: CredentialService = metadata ? 'ecsMetadata' : 'sts';
  const sts = /^refresh session token failed: ([\s\S]*)$/.exec(message);
  if (sts) {
    let body: unknown;
    try {
      body = JSON.parse(sts[1] ?? '');
    } catch {
      body = undefined;
    }
    if (isRecord(body) && str(body.Code)) {
      const code = str(body.Code) as string;
      const serverMessage = str(body.Message);
      return new EbsError({
        code,
        message: serverMessage ? `${code}: ${serverMessage}` : code,
        serverMessage,
        requestId: str(body.RequestId),
        recommend: str(body.Recommend),
        action: 'AssumeRole',
        service,
        cause: err,
      });
    }
    return new EbsError({ code: LocalErrorCode.GatewayError, message: 'STS answered without a JSON error.', action: 'AssumeRole', service, cause: err, retryable: true });
  }
  if (/the access key secret is invalid/i.test(message)) {
    return new EbsError({ code: 'SignatureDoesNotMatch', message: 'SignatureDoesNotMatch', action: 'AssumeRole', service, cause: err, retryable: false });
  }
  if (metadata) {
    const normalised = toEbsError(err);
    const unreachable = normalised.code === LocalErrorCode.NetworkError || normalised.code === LocalErrorCode.Timeout;
    return new EbsError({
      code: LocalErrorCode.EcsMetadataUnavailable,
      message: `The ECS instance metadata service gave no credentials: ${firstLine(message)}`,
      serverMessage: firstLine(message),
      errno: normalised.errno,
      service,
      cause: err,
      retryable: unreachable,
    });
  }
  const normalised = toEbsError(err);
  if (normalised.code !== LocalErrorCode.UnexpectedResponse) {
    return new EbsError({
      code: normalised.code,
      message: normalised.message,
      errno: normalised.errno,
      action: 'AssumeRole',
      service,
      cause: err,
      retryable: normalised.retryable,
    });
  }
  return new EbsError({ code: LocalErrorCode.CredentialProviderError, message: firstLine(message), serverMessage: firstLine(message), service, cause: err, retryable: false });
}
