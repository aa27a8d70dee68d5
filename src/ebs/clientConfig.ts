// What the shell hands the client: credentials (fixed or self-renewing) and the call log.


export interface EbsCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token, when the AccessKey pair is temporary. */
  securityToken?: string;
}

/** What a credential provider hands the SDK before each request (the shape of @alicloud/credentials' CredentialModel). */
export interface EbsCredentialModel {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** `access_key` or `sts`. */
  type: string;
  providerName?: string;
}

/**
 * Credentials that renew themselves (an assumed RAM role, an ECS instance role): asked before every request and
 * expected to cache and refresh on their own. Implemented with @alicloud/credentials (src/credentials/providers.ts).
 */
export interface EbsCredentialProvider {
  getCredential(): Promise<EbsCredentialModel>;
}

/** Either a fixed AccessKey (with an optional STS token) or a provider of temporary credentials. */
export type EbsCredentialSource = EbsCredentials | EbsCredentialProvider;

export function isCredentialProvider(source: EbsCredentialSource): source is EbsCredentialProvider {
  return typeof (source as Partial<EbsCredentialProvider>).getCredential === 'function';
}

/** One record per HTTP attempt. Never contains secrets, signatures or tokens. */
export interface EbsCallRecord {
  action: string;
  regionId: string;
  durationMs: number;
  /** 1-based attempt number within the call. */
  attempt: number;
  requestId?: string;
  errorCode?: string;
  httpStatus?: number;
  /** True when this attempt failed and the client is going to retry. */
  willRetry?: boolean;
  /** The service's whole error message (notifications show only its first few hundred characters). */
  serverMessage?: string;
}

export interface EbsCallLogger {
  call(record: EbsCallRecord): void;
  /** What the client corrected in an answer (implausible timestamps, duplicate IDs): one line per call. */
  note?(message: string): void;
}
