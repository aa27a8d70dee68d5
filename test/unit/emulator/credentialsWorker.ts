// Child process for the tests that need the real @alicloud/credentials over HTTPS or against the instance metadata.
// It is forked with NODE_EXTRA_CA_CERTS naming the emulator's test certificate: @alicloud/credentials talks through
// `httpx`, whose module-level https.Agent ignores https.globalAgent, and Node reads NODE_EXTRA_CA_CERTS only at start,
// so the certificate can only be trusted in a process started with it (see test/emulator/README.md, HTTPS).
// Requests arrive over IPC: { id, op, args }; answers are { id, ok: true, value } or { id, ok: false, error }.
import * as http from 'node:http';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import Credential, { ECSRAMRoleCredentialsProvider, RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider, StaticSTSCredentialsProvider } from '@alicloud/credentials';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';

type Provider = ReturnType<ReturnType<typeof StaticAKCredentialsProvider.builder>['build']> | RAMRoleARNCredentialsProvider | ReturnType<ReturnType<typeof StaticSTSCredentialsProvider.builder>['build']>;

export type Source = { accessKeyId: string; accessKeySecret: string; securityToken?: string } | { provider: string };

export interface ProviderArgs {
  name: string;
  source: Source;
  roleArn: string;
  roleSessionName?: string;
  durationSeconds?: number;
  stsEndpoint: string;
}

export interface CallArgs {
  provider: string;
  endpoint: string;
  action: string;
  version: string;
  query?: Record<string, string>;
}

export interface WorkerRequest {
  id: number;
  op: 'provider' | 'credentials' | 'call' | 'ecsCredentials';
  args: unknown;
}

const providers = new Map<string, Provider>();

function sourceProvider(source: Source): Provider {
  if ('provider' in source) {
    const p = providers.get(source.provider);
    if (!p) throw new Error(`no provider ${source.provider}`);
    return p;
  }
  if (source.securityToken) {
    return StaticSTSCredentialsProvider.builder().withAccessKeyId(source.accessKeyId).withAccessKeySecret(source.accessKeySecret).withSecurityToken(source.securityToken).build();
  }
  return StaticAKCredentialsProvider.builder().withAccessKeyId(source.accessKeyId).withAccessKeySecret(source.accessKeySecret).build();
}

function makeProvider(args: ProviderArgs): void {
  let b = RAMRoleARNCredentialsProvider.builder().withCredentialsProvider(sourceProvider(args.source)).withRoleArn(args.roleArn).withStsEndpoint(args.stsEndpoint);
  if (args.roleSessionName) b = b.withRoleSessionName(args.roleSessionName);
  if (args.durationSeconds) b = b.withDurationSeconds(args.durationSeconds);
  providers.set(args.name, b.build());
}

async function credentials(name: string): Promise<Record<string, string>> {
  const p = providers.get(name);
  if (!p) throw new Error(`no provider ${name}`);
  const c = await p.getCredentials();
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken ?? '', providerName: c.providerName };
}

async function call(args: CallArgs): Promise<unknown> {
  const p = providers.get(args.provider);
  if (!p) throw new Error(`no provider ${args.provider}`);
  const client = new OpenApi(new $OpenApi.Config({ credential: new Credential(null, p), endpoint: args.endpoint, protocol: 'http', readTimeout: 5000, connectTimeout: 3000 }));
  const params = new $OpenApi.Params({ action: args.action, version: args.version, protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  try {
    const res = (await client.callApi(params, new $OpenApi.OpenApiRequest({ query: args.query ?? {} }), new $Util.RuntimeOptions({}))) as { statusCode: number; body: unknown };
    return { statusCode: res.statusCode, body: res.body };
  } catch (e) {
    const err = e as { code?: string; statusCode?: number; message?: string; data?: unknown };
    if (typeof err.code === 'string' && err.data) return { error: { code: err.code, statusCode: err.statusCode, message: err.message } };
    throw e;
  }
}

const METADATA_HOST = '100.100.100.200';
let metadataPort: number | undefined;

/**
 * A fake at the network boundary: `httpx` keeps its own `http.Agent`, so the prototype's createConnection is where
 * every plain-HTTP connection of @alicloud/credentials starts. Connections for the metadata address go to the
 * emulator on 127.0.0.1; any other non-loopback host is refused, so no packet leaves the machine.
 */
function routeMetadataToEmulator(port: number): void {
  const installed = metadataPort !== undefined;
  metadataPort = port;
  if (installed) return;
  const original = http.Agent.prototype.createConnection;
  // The agent uses the returned socket (its callback is only a fallback), so returning one is enough.
  http.Agent.prototype.createConnection = function (this: http.Agent, options: { host?: string | null }, callback?: unknown): Socket {
    const host = options.host ?? 'localhost';
    if (host === METADATA_HOST) return connect({ host: '127.0.0.1', port: metadataPort ?? 0 });
    if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`test worker: refusing a connection to ${host}`);
    return (original as unknown as (this: http.Agent, o: unknown, cb?: unknown) => Socket).call(this, options, callback);
  } as unknown as typeof original;
}

async function ecsCredentials(args: { port: number; roleName?: string }): Promise<Record<string, string>> {
  routeMetadataToEmulator(args.port);
  let b = ECSRAMRoleCredentialsProvider.builder();
  if (args.roleName) b = b.withRoleName(args.roleName);
  const c = await b.build().getCredentials();
  return { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken ?? '', providerName: c.providerName };
}

async function run(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'provider':
      return makeProvider(req.args as ProviderArgs);
    case 'credentials':
      return credentials((req.args as { name: string }).name);
    case 'call':
      return call(req.args as CallArgs);
    case 'ecsCredentials':
      return ecsCredentials(req.args as { port: number; roleName?: string });
  }
}

if (require.main === module) {
  process.on('message', (req: WorkerRequest) => {
    run(req).then(
      (value) => process.send?.({ id: req.id, ok: true, value: value ?? null }),
      (e: unknown) => process.send?.({ id: req.id, ok: false, error: (e as Error).message }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
