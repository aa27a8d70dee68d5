// ACS3-HMAC-SHA256 (and the SM3 variant): canonical request, string to sign and signature, exactly as
// described in docs/ebs-api.md (Signing and SDK, Verifying a signature). Pure functions; no I/O.
import { createHash, createHmac } from 'node:crypto';
import { canonicalize, parsePairs } from '../encoding';

export const ACS3_ALGORITHMS = ['ACS3-HMAC-SHA256', 'ACS3-HMAC-SM3'] as const;
export type Acs3Algorithm = (typeof ACS3_ALGORITHMS)[number];

export interface Acs3Authorization {
  algorithm: Acs3Algorithm;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; returns undefined when malformed. */
export function parseAcs3Authorization(value: string): Acs3Authorization | undefined {
  const m = /^(ACS3-[A-Z0-9-]+) +(.*)$/.exec(value.trim());
  if (!m) return undefined;
  const algorithm = ACS3_ALGORITHMS.find((a) => a === m[1]);
  if (!algorithm) return undefined;
  const fields = new Map<string, string>();
  for (const part of m[2].split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const key = part.slice(0, eq).trim();
    if (fields.has(key)) return undefined;
    fields.set(key, part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (fields.size !== 3 || !accessKeyId || !signedHeaders || !signature) return undefined;
  if (!/^[0-9a-f]+$/.test(signature)) return undefined;
  const names = signedHeaders.split(';');
  if (names.some((n) => n === '' || n !== n.toLowerCase())) return undefined;
  return { algorithm, accessKeyId, signedHeaders: names, signature };
}

function hashAlgorithm(algorithm: Acs3Algorithm): string {
  return algorithm === 'ACS3-HMAC-SM3' ? 'sm3' : 'sha256';
}

export function hashPayload(body: Buffer | string, algorithm: Acs3Algorithm = 'ACS3-HMAC-SHA256'): string {
  return createHash(hashAlgorithm(algorithm)).update(body).digest('hex');
}

export interface Acs3CanonicalInput {
  method: string;
  /** Request path as sent, without the query. */
  path: string;
  /** Raw query string as received (no leading '?'). */
  rawQuery: string;
  /** Header values by lower-case name; a repeated header as an array. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  signedHeaders: readonly string[];
  hashedPayload: string;
}

export function canonicalHeaderValue(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => v.trim()).sort().join(',');
  return value.trim();
}

export function acs3CanonicalRequest(input: Acs3CanonicalInput): string {
  const names = [...input.signedHeaders].map((n) => n.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${canonicalHeaderValue(input.headers[n])}\n`).join('');
  return [
    input.method.toUpperCase(),
    input.path,
    canonicalize(parsePairs(input.rawQuery)),
    canonicalHeaders,
    names.join(';'),
    input.hashedPayload,
  ].join('\n');
}

export function acs3StringToSign(canonicalRequest: string, algorithm: Acs3Algorithm = 'ACS3-HMAC-SHA256'): string {
  return `${algorithm}\n${createHash(hashAlgorithm(algorithm)).update(canonicalRequest, 'utf8').digest('hex')}`;
}

export function acs3Signature(stringToSign: string, secret: string, algorithm: Acs3Algorithm = 'ACS3-HMAC-SHA256'): string {
  return createHmac(hashAlgorithm(algorithm), secret).update(stringToSign, 'utf8').digest('hex');
}
