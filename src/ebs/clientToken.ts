// Idempotency tokens: one per user action, reused by every retry of that action.

import { randomUUID } from 'node:crypto';
import { EbsError, LocalErrorCode } from './errors';

export const MAX_CLIENT_TOKEN_LENGTH = 64;

/** A fresh token, e.g. `ebsdr-2f1c…` (42 printable ASCII characters). */
export function newClientToken(prefix = 'ebsdr'): string {
  const token = `${prefix}-${randomUUID()}`;
  assertClientToken(token);
  return token;
}

export function isValidClientToken(token: string): boolean {
  return token.length >= 1 && token.length <= MAX_CLIENT_TOKEN_LENGTH && /^[\x21-\x7e]+$/.test(token);
}

/** Throws EbsError `InvalidArgument` unless the token is 1–64 printable ASCII characters. */
export function assertClientToken(token: string): void {
  if (!isValidClientToken(token)) {
    throw new EbsError({
      code: LocalErrorCode.InvalidArgument,
      message: `ClientToken must be 1–${MAX_CLIENT_TOKEN_LENGTH} printable ASCII characters (got ${token.length} characters).`,
      retryable: false,
    });
  }
}
