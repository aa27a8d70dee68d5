// Legacy RPC signature v1 (HMAC-SHA1 in the `Signature` query parameter), as described in
// docs/ebs-api.md (Signing and SDK, Verifying a signature). Pure functions; no I/O.
import { createHmac } from 'node:crypto';
import { canonicalize, pct } from '../encoding';

/** Builds the string to sign from the decoded parameters (query merged with form body, `Signature` removed). */
export function rpcV1StringToSign(method: string, params: ReadonlyArray<readonly [string, string]>): string {
  return `${method.toUpperCase()}&${pct('/')}&${pct(canonicalize(params))}`;
}

/** base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function rpcV1Signature(stringToSign: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}
