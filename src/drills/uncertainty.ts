// Whether a failed drill start may have started a drill anyway, and which drill of a later listing is the one the
// action started. Pure. The facts behind it are in docs/ebs-api.md ("Uncertain outcomes of a drill start").
import { EbsError, LocalErrorCode, toEbsError } from '../ebs/errors';
import type { ListedDrill } from './model';

/** Socket failures that happen before a request is sent: nothing reached the service. */
const NOT_SENT_ERRNOS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * `mayHaveStarted`: the request may have reached the service and the answer was lost or unclear (a network error
 * after connecting, a timeout or deadline, any 5xx, an HTML or empty gateway answer, `LastTokenProcessing`, or a
 * transient failure that ended a series of retries, any of which may have been the one that arrived).
 * `notStarted`: the service answered that it refused (a business 4xx), or nothing was sent.
 */
export type StartFailure = 'mayHaveStarted' | 'notStarted';

export function classifyStartFailure(thrown: unknown): StartFailure {
  const error: EbsError = toEbsError(thrown);
  if (error.service !== undefined) return 'notStarted'; // getting credentials failed: no request was signed
  switch (error.code) {
    case LocalErrorCode.ConfigurationError:
    case LocalErrorCode.InvalidArgument:
    case LocalErrorCode.EcsMetadataUnavailable:
    case LocalErrorCode.CredentialProviderError:
      return 'notStarted';
    case LocalErrorCode.NetworkError:
      return error.errno !== undefined && NOT_SENT_ERRNOS.has(error.errno) ? 'notStarted' : 'mayHaveStarted';
    case LocalErrorCode.Timeout:
    case LocalErrorCode.DeadlineExceeded:
    case LocalErrorCode.GatewayError:
    case LocalErrorCode.UnexpectedResponse:
    case 'LastTokenProcessing':
      return 'mayHaveStarted';
  }
  if (error.httpStatus !== undefined && error.httpStatus >= 500) return 'mayHaveStarted';
  // A transient 4xx (Throttling.*) may be the last of several attempts, an earlier one of which arrived.
  if (error.retryable) return 'mayHaveStarted';
  return 'notStarted';
}

/**
 * How far the service's clock may be behind ours when a drill's StartAt is compared with the time of the action:
 * requests are signed with a timestamp the service accepts within 15 minutes (docs/ebs-api.md, Signing).
 */
export const START_CLOCK_TOLERANCE_MS = 15 * 60 * 1000;

/**
 * The drill the action started, from a listing of the pair's or group's drills taken after the failure: a drill that
 * was not there before the action (when that listing is known), is executing, and whose StartAt is not older than the
 * action (less the clock tolerance). Undefined when there is none — or more than one, which cannot be told apart.
 */
export function adoptableDrill(listed: readonly ListedDrill[], before: ReadonlySet<string> | undefined, actionStartMs: number): ListedDrill | undefined {
  const candidates = listed.filter(
    (d) =>
      d.status === 'executing' &&
      !(before?.has(d.drillId) ?? false) &&
      (d.startedAt === undefined ? before !== undefined : d.startedAt >= actionStartMs - START_CLOCK_TOLERANCE_MS),
  );
  return candidates.length === 1 ? candidates[0] : undefined;
}
