// Test helpers: a real @alicloud/openapi-client against a running emulator, in either signature mode.
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtil from '@alicloud/openapi-util';
import * as $Util from '@alicloud/tea-util';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../../emulator/index';
import type { EmulatorAdmin } from '../../emulator/index';

// The SDK stamps requests with the real time; tests that move the emulator clock far away keep the SDK's clock
// in step (as a client whose clock is in sync with the service would be) by shifting its timestamp.
let sdkClockOffsetMs = 0;
OpenApiUtil.getTimestamp = (): string => new Date(Date.now() + sdkClockOffsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function setSdkClockOffset(ms: number): void {
  sdkClockOffsetMs = ms;
}

/** Aligns the SDK's timestamps with the emulator clock. */
export async function syncSdkClock(admin: EmulatorAdmin): Promise<void> {
  const { now } = await admin.clock();
  sdkClockOffsetMs = Date.parse(now) - Date.now();
}

export type SignatureMode = 'acs3' | 'v2';
export const MODES: SignatureMode[] = ['acs3', 'v2'];

export interface ClientOptions {
  mode?: SignatureMode;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  readTimeout?: number;
}

export function makeClient(endpoint: string, options: ClientOptions = {}): OpenApi {
  const config = new $OpenApi.Config({
    accessKeyId: options.accessKeyId ?? DEMO_ACCESS_KEY_ID,
    accessKeySecret: options.accessKeySecret ?? DEMO_ACCESS_KEY_SECRET,
    endpoint,
    protocol: 'http',
    readTimeout: options.readTimeout ?? 5000,
    connectTimeout: 3000,
  });
  if (options.securityToken) config.securityToken = options.securityToken;
  if (options.mode === 'v2') config.signatureAlgorithm = 'v2';
  return new OpenApi(config);
}

export interface ApiResult {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Calls an EBS action the way the generated client does (RPC, POST, params in the query). */
export async function call(client: OpenApi, action: string, query: Record<string, string | number | boolean | undefined> = {}, opts: { body?: boolean; readTimeout?: number; version?: string } = {}): Promise<ApiResult> {
  const params = new $OpenApi.Params({
    action,
    version: opts.version ?? '2021-07-30',
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) values[k] = String(v);
  const request = new $OpenApi.OpenApiRequest(opts.body ? { body: values } : { query: values });
  const runtime = new $Util.RuntimeOptions(opts.readTimeout ? { readTimeout: opts.readTimeout } : {});
  return (await client.callApi(params, request, runtime)) as ApiResult;
}

export interface SdkError {
  code: string;
  statusCode: number;
  message: string;
  data: Record<string, unknown>;
}

/** Runs a call that must fail and returns the SDK's error (fails the test if it resolves). */
export async function callError(client: OpenApi, action: string, query: Record<string, string | number | boolean | undefined> = {}, opts: { body?: boolean; version?: string } = {}): Promise<SdkError> {
  try {
    const result = await call(client, action, query, opts);
    throw new Error(`expected ${action} to fail, got ${JSON.stringify(result.body)}`);
  } catch (e) {
    const err = e as Partial<SdkError> & Error;
    if (typeof err.code === 'string' && err.data) return err as SdkError;
    throw e;
  }
}

/** Polls `check` until it returns a value (not undefined), without fixed sleeps beyond short yields. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
