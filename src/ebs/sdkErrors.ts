// The normaliser that turns every shape @alicloud/openapi-client 0.4.15 throws into an EbsError. The shapes, and what
// the SDK loses on the way (status and request ID of a non-JSON body), are in docs/ebs-api.md, section Errors.

import { isObject } from './coerce';
import { EbsError, LocalErrorCode } from './ebsError';

/** What the client observed on the wire for the attempt, to recover what the SDK loses. */
export interface WireObservation {
  httpStatus?: number;
  /** `x-acs-request-id` response header, when present. */
  requestId?: string;
  contentType?: string;
  action?: string;
  regionId?: string;
  /** The API the request was for, in messages (`EBS` unless given). */
  apiName?: string;
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

/** A string field as the SDK reports it; empty and the SDK's "undefined" (for a missing Code) count as absent. */
export function presentString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '' && value !== 'undefined') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function withContext(err: EbsError, ctx: WireObservation | undefined): EbsError {
  if (ctx?.action !== undefined && err.action === undefined) err.action = ctx.action;
  if (ctx?.regionId !== undefined && err.regionId === undefined) err.regionId = ctx.regionId;
  return err;
}

/**
 * Turns anything thrown by the SDK (or by our own code) into an EbsError. Never throws.
 *
 * Shapes handled (docs/ebs-api.md, section Errors):
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

  if (!(err instanceof Error) && !isObject(err)) {
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
  if (typeof e.code === 'string' && isObject(e.data)) {
    const data = e.data;
    const httpStatus = typeof e.statusCode === 'number' ? e.statusCode : numberOr(data.statusCode, status);
    const sentCode = data.Code ?? data.code;
    const rawCode = sentCode === undefined || sentCode === null ? usableCode(e.code) : usableCode(sentCode);
    const serverMessage = presentString(data.Message) ?? presentString(data.message);
    const requestId = presentString(data.RequestId) ?? presentString(data.requestId) ?? wireRequestId;
    const hostId = presentString(data.HostId) ?? presentString(data.hostId);
    const recommend = presentString(data.Recommend) ?? presentString(data.recommend);
    if (rawCode === undefined) {
      const odd = sentCode === undefined || sentCode === null || sentCode === '' ? '' : ` (its code ${shortForm(sentCode)} is not an error code)`;
      return new EbsError({
        code: LocalErrorCode.UnexpectedResponse,
        message: `The service answered HTTP ${httpStatus ?? '?'} without an error code${odd}${serverMessage ? `: ${serverMessage}` : '.'}`,
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
    if (status !== undefined && status >= 300 && status < 400) {
      return new EbsError({
        code: LocalErrorCode.UnexpectedRedirect,
        message: `The endpoint answered HTTP ${status} (a redirect) with a ${describeBody(message, ctx?.contentType)} instead of an ${ctx?.apiName ?? 'EBS'} answer.`,
        httpStatus: status,
        requestId: wireRequestId,
        cause: err,
        retryable: false,
      });
    }
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

/** The longest error code taken as one (the service's are below 60 characters). */
export const MAX_ERROR_CODE_LENGTH = 100;

/**
 * A code as the service sent it, when it is one: text (or a number) of at most MAX_ERROR_CODE_LENGTH characters
 * without spaces or control characters. An object, a list or a paragraph is not a code (never "[object Object]").
 */
function usableCode(value: unknown): string | undefined {
  const text = presentString(value)?.trim();
  if (text === undefined || text === '' || text.length > MAX_ERROR_CODE_LENGTH) return undefined;
  // eslint-disable-next-line no-control-regex -- a code with control characters is not one
  return /[\s\u0000-\u001f\u007f-\u009f]/.test(text) ? undefined : text;
}

/** A value off the wire in a few characters, for a message: JSON, cut at 60 characters. */
function shortForm(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function numberOr(value: unknown, fallback: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function firstLine(text: string): string {
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

