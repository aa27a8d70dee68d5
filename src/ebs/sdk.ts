// The Alibaba Cloud SDK (@alicloud/openapi-client with @alicloud/tea-util), required on first use, not at module
// load: evaluating it is most of the bundle's load time, and activation needs none of it. Keep SDK imports type-only
// everywhere else. How the SDK signs (ACS3-HMAC-SHA256 by default) and why tea-util is pinned: docs/ebs-api.md,
// section Signing and SDK.

import type * as OpenApiModule from '@alicloud/openapi-client';
import type OpenApiClient from '@alicloud/openapi-client';
import type { Params } from '@alicloud/openapi-client';
import type * as TeaUtilModule from '@alicloud/tea-util';
import type { ResolvedEndpoint } from './endpoint';
import { EbsCredentialSource, isCredentialProvider } from './types';

export const EBS_API_VERSION = '2021-07-30';

export type SdkClient = OpenApiClient;

interface Sdk {
  OpenApiClient: typeof OpenApiClient;
  Config: typeof OpenApiModule.Config;
  OpenApiRequest: typeof OpenApiModule.OpenApiRequest;
  Params: typeof OpenApiModule.Params;
  RuntimeOptions: typeof TeaUtilModule.RuntimeOptions;
}

let sdkModules: Sdk | undefined;

/** The SDK classes, required (and evaluated) on the first API call only. */
export function loadSdk(): Sdk {
  if (!sdkModules) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const openApi = require('@alicloud/openapi-client') as typeof OpenApiModule;
    const teaUtil = require('@alicloud/tea-util') as typeof TeaUtilModule;
    /* eslint-enable @typescript-eslint/no-require-imports */
    sdkModules = {
      OpenApiClient: openApi.default,
      Config: openApi.Config,
      OpenApiRequest: openApi.OpenApiRequest,
      Params: openApi.Params,
      RuntimeOptions: teaUtil.RuntimeOptions,
    };
  }
  return sdkModules;
}

/**
 * What the generated SDKs (EBS's, ECS's) pass for every operation: RPC style, every parameter in the query, JSON
 * answers; `version` is the API's (EBS 2021-07-30 unless given).
 */
export const rpcParams = (action: string, version: string = EBS_API_VERSION): Params =>
  new (loadSdk().Params)({
    action,
    version,
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });

export interface SdkClientSettings {
  credentials: EbsCredentialSource;
  userAgent?: string;
  /** The SDK's own read and connect timeouts: a backstop behind the transport's timers. */
  timeoutMs: number;
}

/** An SDK client for one endpoint (the endpoint is set explicitly: the transport resolves it, not the SDK). */
export function newSdkClient(endpoint: ResolvedEndpoint, settings: SdkClientSettings): SdkClient {
  const { OpenApiClient, Config } = loadSdk();
  const source = settings.credentials;
  const config = new Config({ endpoint: endpoint.endpoint, protocol: endpoint.protocol, readTimeout: settings.timeoutMs, connectTimeout: settings.timeoutMs });
  if (isCredentialProvider(source)) {
    // The SDK asks the provider before each request; the transport has already resolved it, so this is a cache hit.
    config.credential = source as unknown as OpenApiModule.Config['credential'];
  } else {
    config.accessKeyId = source.accessKeyId;
    config.accessKeySecret = source.accessKeySecret;
    if (source.securityToken) config.securityToken = source.securityToken;
  }
  if (settings.userAgent) config.userAgent = settings.userAgent;
  return new OpenApiClient(config);
}

/** One request through the SDK; its own retries are off (it never retries anyway), timeouts as given. */
export function callSdk(client: SdkClient, action: string, query: Record<string, string>, timeoutMs: number, version: string = EBS_API_VERSION): Promise<unknown> {
  const { OpenApiRequest, RuntimeOptions } = loadSdk();
  const runtime = new RuntimeOptions({ autoretry: false, readTimeout: timeoutMs, connectTimeout: timeoutMs });
  return client.callApi(rpcParams(action, version), new OpenApiRequest({ query: { ...query } }), runtime);
}
