// Request authentication, done before the action is looked up: ACS3-HMAC-SHA256 (SDK default, also SM3) and the
// legacy RPC HMAC-SHA1 query signature, verified against the request as received; timestamp window and nonce replay.
import { timingSafeEqual } from 'node:crypto';
import { parsePairs } from './encoding';
import { ApiError, missingParameter } from './errors';
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, hashPayload, parseAcs3Authorization } from './signature/acs3';
import { rpcV1Signature, rpcV1StringToSign } from './signature/rpcV1';
import type { Account } from './types';

export const TIMESTAMP_WINDOW_MS = 15 * 60 * 1000;
const TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Query parameters that belong to the v1 signature protocol, not to the operation. */
const V1_SYSTEM_PARAMS = new Set(['Action', 'Version', 'Format', 'Timestamp', 'SignatureNonce', 'SignatureMethod', 'SignatureVersion', 'AccessKeyId', 'Signature', 'SecurityToken', 'SignatureType', 'BearerToken']);

export type SignatureScheme = 'ACS3-HMAC-SHA256' | 'ACS3-HMAC-SM3' | 'HMAC-SHA1';

export interface AuthInput {
  method: string;
  path: string;
  rawQuery: string;
  /** Node's `req.headersDistinct`: lower-case names, every value of a repeated header. */
  headers: Readonly<Record<string, string[] | undefined>>;
  body: Buffer;
  nowMs: number;
}

export interface AuthResult {
  account: Account;
  scheme: SignatureScheme;
  action: string | undefined;
  version: string | undefined;
  /** Operation parameters: query plus form body (the body wins), protocol parameters removed. */
  params: Map<string, string>;
}

const signatureMismatch = (detail?: string): ApiError =>
  new ApiError(400, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation.${detail ? ` ${detail}` : ''}`);
const incomplete = (detail: string): ApiError => new ApiError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards. ${detail}`);

export function isFormBody(headers: Readonly<Record<string, string[] | undefined>>): boolean {
  const ct = headers['content-type']?.[0] ?? '';
  return ct.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function single(headers: AuthInput['headers'], name: string): string | undefined {
  const v = headers[name];
  return v === undefined ? undefined : v.join(',');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Remembers nonces (per access key) for as long as their timestamp could still pass the window. */
export class NonceStore {
  private readonly seen = new Map<string, number>();
  private inserts = 0;

  use(accessKeyId: string, nonce: string, requestMs: number, nowMs: number): void {
    const key = `${accessKeyId}\n${nonce}`;
    if (this.seen.has(key)) throw new ApiError(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    this.seen.set(key, requestMs);
    if (++this.inserts % 1000 === 0) {
      for (const [k, t] of this.seen) if (Math.abs(nowMs - t) > 2 * TIMESTAMP_WINDOW_MS) this.seen.delete(k);
    }
  }

  clear(): void {
    this.seen.clear();
  }
}

/** Where the authenticator looks keys and tokens up (the emulator state: scenario keys and issued sessions). */
export interface KeyDirectory {
  key(accessKeyId: string): Account | undefined;
  tokenOwner(token: string): Account | undefined;
}

export const expiredToken = (): ApiError => new ApiError(400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');

export class Authenticator {
  readonly nonces = new NonceStore();

  constructor(private readonly directory: () => KeyDirectory) {}

  authenticate(input: AuthInput): AuthResult {
    const authorization = single(input.headers, 'authorization');
    return authorization !== undefined ? this.acs3(input, authorization) : this.rpcV1(input);
  }

  private account(accessKeyId: string): Account {
    const account = this.directory().key(accessKeyId);
    if (!account) throw new ApiError(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    return account;
  }

  private checkTimestamp(value: string, nowMs: number, name: string): number {
    if (!TIMESTAMP_PATTERN.test(value) || !Number.isFinite(Date.parse(value))) {
      throw new ApiError(400, 'InvalidTimeStamp.Format', `Specified time stamp or date value is not well formatted. ${name}: ${value}`);
    }
    const ms = Date.parse(value);
    if (Math.abs(nowMs - ms) > TIMESTAMP_WINDOW_MS) {
      throw new ApiError(400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired. ${name}: ${value}, server time: ${new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    }
    return ms;
  }

  private checkSecurityToken(account: Account, token: string | undefined, nowMs: number): void {
    if (token === undefined || token === '') {
      if (account.SecurityTokens.length > 0) throw missingParameter('SecurityToken');
      return;
    }
    if (account.SecurityTokens.includes(token)) {
      if (account.Session && nowMs >= account.Session.ExpiresAtMs) throw expiredToken();
      return;
    }
    const owner = this.directory().tokenOwner(token) !== undefined;
    if (owner || account.SecurityTokens.length === 0) throw new ApiError(400, 'InvalidSecurityToken.MismatchWithAccessKey', 'The security token does not belong to the access key.');
    throw new ApiError(400, 'InvalidSecurityToken.Malformed', 'The security token is malformed or unknown.');
  }

  private collectParams(input: AuthInput): Array<[string, string]> {
    const pairs = parsePairs(input.rawQuery);
    if (input.body.length > 0 && isFormBody(input.headers)) pairs.push(...parsePairs(input.body.toString('utf8')));
    return pairs;
  }

  private acs3(input: AuthInput, authorization: string): AuthResult {
    const auth = parseAcs3Authorization(authorization);
    if (!auth) throw incomplete('The Authorization header must be "ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>".');
    const account = this.account(auth.accessKeyId);
    const signed = new Set(auth.signedHeaders);
    for (const name of ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256']) {
      if (single(input.headers, name) === undefined) throw missingParameter(name);
      if (!signed.has(name)) throw incomplete(`The header ${name} must be signed.`);
    }
    for (const name of Object.keys(input.headers)) {
      if (name.startsWith('x-acs-') && !signed.has(name)) throw incomplete(`The header ${name} must be signed.`);
    }
    if (input.body.length > 0 && input.headers['content-type'] !== undefined && !signed.has('content-type')) throw incomplete('The header content-type must be signed.');
    const hashed = hashPayload(input.body, auth.algorithm);
    if (single(input.headers, 'x-acs-content-sha256') !== hashed) throw signatureMismatch('The x-acs-content-sha256 header does not match the request body.');
    const canonical = acs3CanonicalRequest({ method: input.method, path: input.path, rawQuery: input.rawQuery, headers: input.headers, signedHeaders: auth.signedHeaders, hashedPayload: hashed });
    const expected = acs3Signature(acs3StringToSign(canonical, auth.algorithm), account.AccessKeySecret, auth.algorithm);
    if (!safeEqual(expected, auth.signature)) throw signatureMismatch();
    const stsKey = single(input.headers, 'x-acs-accesskey-id');
    if (stsKey !== undefined && stsKey !== auth.accessKeyId) throw incomplete('The x-acs-accesskey-id header differs from the Credential.');
    this.checkSecurityToken(account, single(input.headers, 'x-acs-security-token'), input.nowMs);
    const date = single(input.headers, 'x-acs-date') ?? '';
    const dateMs = this.checkTimestamp(date, input.nowMs, 'x-acs-date');
    this.nonces.use(account.AccessKeyId, single(input.headers, 'x-acs-signature-nonce') ?? '', dateMs, input.nowMs);
    return {
      account,
      scheme: auth.algorithm,
      action: single(input.headers, 'x-acs-action'),
      version: single(input.headers, 'x-acs-version'),
      params: new Map(this.collectParams(input)),
    };
  }

  private rpcV1(input: AuthInput): AuthResult {
    const all = this.collectParams(input);
    const merged = new Map(all);
    const signature = merged.get('Signature');
    const accessKeyId = merged.get('AccessKeyId');
    if (!accessKeyId) throw missingParameter('AccessKeyId');
    if (!signature) throw missingParameter('Signature');
    const account = this.account(accessKeyId);
    for (const name of ['SignatureMethod', 'SignatureVersion', 'Timestamp', 'SignatureNonce']) {
      if (!merged.get(name)) throw missingParameter(name);
    }
    if (merged.get('SignatureMethod') !== 'HMAC-SHA1') throw new ApiError(400, 'InvalidParameter', 'The parameter SignatureMethod is invalid. Only HMAC-SHA1 is supported.');
    if (merged.get('SignatureVersion') !== '1.0') throw new ApiError(400, 'InvalidParameter', 'The parameter SignatureVersion is invalid. Only 1.0 is supported.');
    const signedPairs = [...merged.entries()].filter(([k]) => k !== 'Signature');
    const stringToSign = rpcV1StringToSign(input.method, signedPairs);
    if (!safeEqual(rpcV1Signature(stringToSign, account.AccessKeySecret), signature)) throw signatureMismatch(`server string to sign is:${stringToSign}`);
    this.checkSecurityToken(account, merged.get('SecurityToken'), input.nowMs);
    const ts = merged.get('Timestamp') ?? '';
    const tsMs = this.checkTimestamp(ts, input.nowMs, 'Timestamp');
    this.nonces.use(account.AccessKeyId, merged.get('SignatureNonce') ?? '', tsMs, input.nowMs);
    const params = new Map([...merged.entries()].filter(([k]) => !V1_SYSTEM_PARAMS.has(k)));
    return { account, scheme: 'HMAC-SHA1', action: merged.get('Action'), version: merged.get('Version'), params };
  }
}
