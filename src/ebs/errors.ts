// The errors of the EBS core, for importers outside src/ebs: the EbsError type (ebsError.ts), the normaliser of what
// the SDK throws (sdkErrors.ts) and the one for credential-provider failures (credentialErrors.ts).

export { EbsError, LocalErrorCode, isCancellation, isEbsError, isRetryableCode } from './ebsError';
export type { CredentialService, EbsErrorInit } from './ebsError';
export { toEbsError } from './sdkErrors';
export type { WireObservation } from './sdkErrors';
export { credentialProviderError } from './credentialErrors';
