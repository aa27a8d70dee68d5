// EmulatorAdmin: a client for the admin API over HTTP, using only Node's http module
// (works in plain Node tests and inside VS Code's extension host).
import { request } from 'node:http';
import type { ClockSnapshot, EmulatorStateSnapshot } from './admin';
import type { FaultRule } from './faults';
import type { RequestLogEntry } from './requestLog';
import type { EcsInstance, InstanceStatus } from './types';

export class EmulatorAdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EmulatorAdminError';
  }
}

export class EmulatorAdmin {
  private readonly base: URL;

  /** @param baseUrl the emulator URL, e.g. `http://127.0.0.1:41951` */
  constructor(baseUrl: string) {
    this.base = new URL(baseUrl);
  }

  state(): Promise<EmulatorStateSnapshot> {
    return this.call('GET', 'state');
  }

  /** Secrets and tokens of the role sessions issued so far: only for secret-canary tests (what to search for). */
  issuedSecrets(): Promise<Array<{ AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }>> {
    return this.call('GET', 'sessions/secrets');
  }

  requests(): Promise<RequestLogEntry[]> {
    return this.call('GET', 'requests');
  }

  clearRequests(): Promise<void> {
    return this.call<unknown>('DELETE', 'requests').then(() => undefined);
  }

  reset(): Promise<void> {
    return this.call<unknown>('POST', 'reset').then(() => undefined);
  }

  clock(): Promise<ClockSnapshot> {
    return this.call('GET', 'clock');
  }

  setClock(iso: string | Date): Promise<ClockSnapshot> {
    return this.call('POST', 'clock', { now: iso instanceof Date ? iso.toISOString() : iso });
  }

  advance(seconds: number): Promise<ClockSnapshot> {
    return this.call('POST', 'clock', { advanceSeconds: seconds });
  }

  setSpeed(speed: number): Promise<ClockSnapshot> {
    return this.call('POST', 'clock', { speed });
  }

  setFaults(rules: FaultRule[]): Promise<FaultRule[]> {
    return this.call('POST', 'faults', rules);
  }

  faults(): Promise<FaultRule[]> {
    return this.call('GET', 'faults');
  }

  /** Changes an instance's Status and/or whether its Cloud Assistant agent runs; answers the instance. */
  setInstance(instanceId: string, patch: { Status?: InstanceStatus; cloudAssistant?: boolean }): Promise<EcsInstance> {
    return this.call('POST', `instances/${encodeURIComponent(instanceId)}`, patch);
  }

  clearFaults(): Promise<void> {
    return this.call<unknown>('DELETE', 'faults').then(() => undefined);
  }

  private call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          protocol: this.base.protocol,
          hostname: this.base.hostname.replace(/^\[|\]$/g, ''),
          port: this.base.port,
          path: `/__emulator/${route}`,
          method,
          agent: false,
          headers: text === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = raw ? JSON.parse(raw) : undefined;
            } catch {
              reject(new EmulatorAdminError(res.statusCode ?? 0, 'BadResponse', `Admin ${method} ${route}: not JSON: ${raw.slice(0, 200)}`));
              return;
            }
            if ((res.statusCode ?? 500) >= 400) {
              const e = (parsed ?? {}) as { Code?: string; Message?: string };
              reject(new EmulatorAdminError(res.statusCode ?? 500, e.Code ?? 'Unknown', `Admin ${method} ${route}: ${e.Code ?? ''} ${e.Message ?? raw}`));
              return;
            }
            resolve(parsed as T);
          });
        },
      );
      req.setTimeout(10_000, () => req.destroy(new Error(`Admin ${method} ${route}: timed out`)));
      req.on('error', reject);
      req.end(text);
    });
  }
}
