// Log of every API request received (admin: GET /__emulator/requests). Secrets are never recorded.

export interface RequestLogEntry {
  /** Emulated time of arrival, ISO-8601. */
  time: string;
  requestId: string;
  method: string;
  path: string;
  action: string | null;
  version: string | null;
  regionId: string | null;
  accessKeyId: string | null;
  signatureMethod: string | null;
  /** Operation parameters (query + form body) without Signature, SecurityToken or other protocol values. */
  params: Record<string, string>;
  /** HTTP status answered; 0 when the connection was dropped without an answer. */
  status: number;
  /** Error code, or null on success. */
  code: string | null;
  /** Fault mode applied, if any. */
  fault: string | null;
  durationMs: number;
}

const SECRET_PARAMS = new Set(['Signature', 'SecurityToken', 'AccessKeySecret', 'BearerToken']);

export function redactParams(params: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) if (!SECRET_PARAMS.has(k)) out[k] = v.length > 512 ? `${v.slice(0, 512)}…(${v.length} chars)` : v;
  return out;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private readonly limit = 20000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
