// Parent side of credentialsWorker.ts: forks it with the test certificate trusted (NODE_EXTRA_CA_CERTS) and sends
// it requests over IPC.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { CallArgs, ProviderArgs, WorkerRequest } from './credentialsWorker';

export interface WorkerCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string;
  providerName: string;
}

export interface WorkerCallResult {
  statusCode?: number;
  body?: Record<string, unknown>;
  error?: { code: string; statusCode: number; message: string };
}

export class CredentialsWorker {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  /** `caFile`: a PEM file the child trusts in addition to the system CAs. */
  constructor(caFile: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: caFile };
    for (const name of Object.keys(env)) if (name.startsWith('ALIBABA_CLOUD_')) delete env[name];
    this.child = fork(join(__dirname, 'credentialsWorker.js'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (msg: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new Error(msg.error));
    });
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`credentials worker exited (${code})`));
      this.pending.clear();
    });
  }

  private send<T>(op: WorkerRequest['op'], args: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, op, args } satisfies WorkerRequest);
    });
  }

  /** A RAMRoleARNCredentialsProvider named `args.name` (source: static AK/STS keys or another named provider). */
  provider(args: ProviderArgs): Promise<void> {
    return this.send('provider', args);
  }

  credentials(name: string): Promise<WorkerCredentials> {
    return this.send('credentials', { name });
  }

  /** An @alicloud/openapi-client callApi (RPC, plain HTTP) whose Config.credential is the named provider. */
  call(args: CallArgs): Promise<WorkerCallResult> {
    return this.send('call', args);
  }

  /** ECSRAMRoleCredentialsProvider, its 100.100.100.200 connections sent to the emulator's loopback `port`. */
  ecsCredentials(port: number, roleName?: string): Promise<WorkerCredentials> {
    return this.send('ecsCredentials', { port, roleName });
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.disconnect();
    });
  }
}

/** The JSON error body inside "refresh session token failed: {...}" thrown by the credentials provider. */
export function stsErrorBody(message: string): Record<string, unknown> {
  const start = message.indexOf('{');
  if (start < 0) throw new Error(`no JSON body in: ${message}`);
  return JSON.parse(message.slice(start)) as Record<string, unknown>;
}
