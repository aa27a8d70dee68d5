// ClientToken idempotency: the same token with the same parameters returns the first result for 24 emulated hours;
// different parameters give IdempotentParameterMismatch; a token still in flight gives LastTokenProcessing.
import { ApiError } from './errors';

export const IDEMPOTENCY_WINDOW_MS = 24 * 3600 * 1000;

type Entry = { fingerprint: string; processing: true } | { fingerprint: string; processing: false; result: Record<string, unknown>; atMs: number };

export type TokenCheck = { kind: 'new' } | { kind: 'replay'; result: Record<string, unknown> };

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  static key(accessKeyId: string, action: string, token: string): string {
    return `${accessKeyId}\n${action}\n${token}`;
  }

  /** Checks a token; on `new` the token is marked in flight until complete() or abandon(). */
  begin(key: string, fingerprint: string, nowMs: number): TokenCheck {
    const entry = this.entries.get(key);
    if (entry && !entry.processing && nowMs - entry.atMs > IDEMPOTENCY_WINDOW_MS) this.entries.delete(key);
    const current = this.entries.get(key);
    if (current) {
      if (current.fingerprint !== fingerprint) {
        throw new ApiError(400, 'IdempotentParameterMismatch', 'The request uses the same client token as a previous, but non-identical request.');
      }
      if (current.processing) throw new ApiError(403, 'LastTokenProcessing', 'The last token request is processing.');
      return { kind: 'replay', result: current.result };
    }
    this.entries.set(key, { fingerprint, processing: true });
    return { kind: 'new' };
  }

  complete(key: string, fingerprint: string, result: Record<string, unknown>, nowMs: number): void {
    this.entries.set(key, { fingerprint, processing: false, result, atMs: nowMs });
  }

  abandon(key: string): void {
    const entry = this.entries.get(key);
    if (entry?.processing) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Tokens whose first request is still being processed. */
  inFlight(): Array<{ accessKeyId: string; action: string; clientToken: string }> {
    return [...this.entries]
      .filter(([, e]) => e.processing)
      .map(([key]) => {
        const [accessKeyId, action, clientToken] = key.split('\n');
        return { accessKeyId, action, clientToken };
      });
  }
}
