// The EbsError for a failure of a credential provider (STS AssumeRole, the ECS instance metadata service), naming
// the service so that the catalogue explains it in its own words (docs/credentials.md).

import { CredentialService, EbsError, LocalErrorCode } from './ebsError';
import { isObject } from './coerce';
import { firstLine, presentString as str, toEbsError } from './sdkErrors';

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
    if (isObject(body) && str(body.Code)) {
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
