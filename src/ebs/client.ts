// EbsClient: the typed, retrying, deadline-bound client for the EBS 2021-07-30 operations the
// extension uses. Built on @alicloud/openapi-client callApi (RPC style, default ACS3-HMAC-SHA256,
// every parameter in the query). Everything it throws is an EbsError.
// The SDK is required on first use (loadSdk), not at module load: evaluating it is most of the bundle's
// load time, and activation needs none of it. Keep SDK imports here type-only.

import type * as OpenApiModule from '@alicloud/openapi-client';
import type OpenApiClient from '@alicloud/openapi-client';
import type { Params } from '@alicloud/openapi-client';
import type * as TeaUtilModule from '@alicloud/tea-util';
import { assertClientToken, newClientToken } from './clientToken';
import { AttemptTimer, Deadline, realSleep, raceWithSignal, SleepFn } from './deadline';
import { resolveEndpoint, ResolvedEndpoint } from './endpoint';
import { credentialProviderError, EbsError, LocalErrorCode, toEbsError } from './errors';
import { observeAttempt } from './httpObserver';
import { RandomFn, resolveRetryPolicy, RetryPolicy, runWithRetry } from './retry';
import {
  AcceptLanguage,
  EbsCallLogger,
  EbsCallRecord,
  EbsCredentialModel,
  EbsCredentialSource,
  GroupDrill,
  isCredentialProvider,
  MutationResult,
  PairDrill,
  Region,
  RegionResourceType,
  ReplicaGroup,
  ReplicaPair,
  ReplicaPairProgress,
  Site,
  StartDrillResult,
} from './types';
import {
  isObject,
  nextTokenOf,
  parseDescribeRegions,
  parseGroupDrillsPage,
  parsePairDrillsPage,
  parseReplicaGroupsPage,
  parseReplicaPairProgress,
  parseReplicaPairsPage,
  parseStartDrill,
  requestIdOf,
} from './wire';

export const EBS_API_VERSION = '2021-07-30';
/** Documented maximum for MaxResults with NextToken paging. */
export const MAX_PAGE_SIZE = 500;
/** DescribeDiskReplicaPairs / Groups accept at most 100 comma-separated IDs. */
export const MAX_IDS_PER_FILTER = 100;
/** Guard against a server that never stops paging. */
export const MAX_PAGES = 10_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
/** Region used for DescribeRegions when none is given (META's default). */
export const DEFAULT_REGIONS_ENDPOINT_REGION = 'cn-shanghai';

export interface EbsClientOptions {
  /** A fixed AccessKey, or a provider of temporary credentials (RAM role, ECS instance role) that the SDK asks before each request. */
  credentials: EbsCredentialSource;
  /** `ebsDr.endpointTemplate`, e.g. `https://ebs.{regionId}.aliyuncs.com` or `http://127.0.0.1:PORT`. */
  endpointTemplate?: string;
  logger?: EbsCallLogger;
  /** Hard deadline for one API request including all its retries (default 30 s). */
  timeoutMs?: number;
  /** Deadline for a single HTTP attempt (default 10 s, never beyond the overall deadline). */
  attemptTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  sleep?: SleepFn;
  random?: RandomFn;
  /** Appended to the SDK's user agent. */
  userAgent?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's overall deadline for each API request of this call. */
  timeoutMs?: number;
}

export interface DescribeRegionsOptions extends CallOptions {
  resourceType?: RegionResourceType;
  acceptLanguage?: AcceptLanguage;
  /** Region whose endpoint answers (there is no central EBS endpoint). Default `cn-shanghai`. */
  regionId?: string;
}

export interface ListReplicaPairsOptions extends CallOptions {
  pairIds?: readonly string[];
  /** A group ID, or `-` for pairs in no group. */
  groupId?: string;
  site?: Site;
}

export interface ListReplicaGroupsOptions extends CallOptions {
  groupIds?: readonly string[];
  site?: Site;
}

export interface DescribeDrillsOptions extends CallOptions {
  drillId?: string;
}

export interface StartPairDrillRequest extends CallOptions {
  regionId: string;
  pairId: string;
  /** One per user action; every retry reuses it. Generated when omitted. */
  clientToken?: string;
}

export interface StartReplicaGroupDrillRequest extends CallOptions {
  regionId: string;
  groupId: string;
  clientToken?: string;
}

export interface ClearPairDrillRequest extends CallOptions {
  regionId: string;
  pairId: string;
  drillId: string;
}

export interface ClearReplicaGroupDrillRequest extends CallOptions {
  regionId: string;
  groupId: string;
  drillId: string;
}

type Query = Record<string, string>;

interface Sdk {
  OpenApiClient: typeof OpenApiClient;
  Config: typeof OpenApiModule.Config;
  OpenApiRequest: typeof OpenApiModule.OpenApiRequest;
  Params: typeof OpenApiModule.Params;
  RuntimeOptions: typeof TeaUtilModule.RuntimeOptions;
}

let sdkModules: Sdk | undefined;

/** The SDK classes, required (and evaluated) on the first API call only. */
function loadSdk(): Sdk {
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

interface InvokeResult {
  body: Record<string, unknown>;
}

const params = (action: string): Params =>
  new (loadSdk().Params)({
    action,
    version: EBS_API_VERSION,
    protocol: 'HTTPS',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });

function nonEmpty(value: string | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new EbsError({ code: LocalErrorCode.InvalidArgument, message: `${name} is required.`, retryable: false });
  }
  return value;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The lists one after the other; a single list as is. Not `push(...list)`: a whole region's records as call
 * arguments are a needless copy and overflow the stack beyond about 100,000 items.
 */
function joined<T>(lists: T[][]): T[] {
  return lists.length === 1 ? (lists[0] as T[]) : lists.flat();
}

export class EbsClient {
  private readonly sdkClients = new Map<string, OpenApiClient>();
  private readonly policy: RetryPolicy;
  private readonly sleep: SleepFn;
  private readonly random: RandomFn;
  private readonly timeoutMs: number;
  private readonly attemptTimeoutMs: number;

  constructor(private readonly options: EbsClientOptions) {
    const c = options.credentials;
    const usable = c && (isCredentialProvider(c) || (typeof c.accessKeyId === 'string' && c.accessKeyId !== '' && typeof c.accessKeySecret === 'string' && c.accessKeySecret !== ''));
    if (!usable) {
      throw new EbsError({ code: LocalErrorCode.ConfigurationError, message: 'An AccessKey ID and secret are required.', retryable: false });
    }
    this.policy = resolveRetryPolicy(options.retry);
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  }

  // ------------------------------------------------------------------------------------------
  // Operations
  // ------------------------------------------------------------------------------------------

  async describeRegions(options: DescribeRegionsOptions = {}): Promise<Region[]> {
    const regionId = options.regionId ?? DEFAULT_REGIONS_ENDPOINT_REGION;
    const query: Query = { RegionId: regionId };
    if (options.resourceType !== undefined) query.ResourceType = options.resourceType;
    if (options.acceptLanguage !== undefined) query.AcceptLanguage = options.acceptLanguage;
    const { body } = await this.invoke('DescribeRegions', regionId, query, options);
    return this.parse('DescribeRegions', regionId, () => parseDescribeRegions(body));
  }

  /** Every pair visible in the region (primary or secondary there), all pages, MaxResults 500. */
  async listReplicaPairs(regionId: string, options: ListReplicaPairsOptions = {}): Promise<ReplicaPair[]> {
    const base: Query = { RegionId: regionId };
    if (options.groupId !== undefined) base.ReplicaGroupId = options.groupId;
    if (options.site !== undefined) base.Site = options.site;
    const idChunks = options.pairIds === undefined ? [undefined] : chunks(options.pairIds, MAX_IDS_PER_FILTER);
    if (idChunks.length === 0) return [];
    const lists: ReplicaPair[][] = [];
    for (const ids of idChunks) {
      const query = ids === undefined ? base : { ...base, PairIds: ids.join(',') };
      lists.push(await this.paginate('DescribeDiskReplicaPairs', regionId, query, options, parseReplicaPairsPage));
    }
    return joined(lists);
  }

  async listReplicaGroups(regionId: string, options: ListReplicaGroupsOptions = {}): Promise<ReplicaGroup[]> {
    const base: Query = { RegionId: regionId };
    if (options.site !== undefined) base.Site = options.site;
    const idChunks = options.groupIds === undefined ? [undefined] : chunks(options.groupIds, MAX_IDS_PER_FILTER);
    if (idChunks.length === 0) return [];
    const lists: ReplicaGroup[][] = [];
    for (const ids of idChunks) {
      const query = ids === undefined ? base : { ...base, GroupIds: ids.join(',') };
      lists.push(await this.paginate('DescribeDiskReplicaGroups', regionId, query, options, parseReplicaGroupsPage));
    }
    return joined(lists);
  }

  /** Must be called in the pair's secondary (DR) region. */
  async startPairDrill(request: StartPairDrillRequest): Promise<StartDrillResult> {
    const clientToken = request.clientToken ?? newClientToken();
    assertClientToken(clientToken);
    const query: Query = { RegionId: request.regionId, PairId: nonEmpty(request.pairId, 'pairId'), ClientToken: clientToken };
    const { body } = await this.invoke('StartPairDrill', request.regionId, query, request);
    return this.parse('StartPairDrill', request.regionId, () => parseStartDrill(body, 'StartPairDrill'));
  }

  async describePairDrills(regionId: string, pairId: string, options: DescribeDrillsOptions = {}): Promise<PairDrill[]> {
    const query: Query = { RegionId: regionId, PairId: nonEmpty(pairId, 'pairId') };
    if (options.drillId !== undefined) query.DrillId = options.drillId;
    return this.paginate('DescribePairDrills', regionId, query, options, (body) => parsePairDrillsPage(body, pairId));
  }

  async clearPairDrill(request: ClearPairDrillRequest): Promise<MutationResult> {
    const query: Query = {
      RegionId: request.regionId,
      PairId: nonEmpty(request.pairId, 'pairId'),
      DrillId: nonEmpty(request.drillId, 'drillId'),
    };
    const { body } = await this.invoke('ClearPairDrill', request.regionId, query, request);
    return { requestId: this.parse('ClearPairDrill', request.regionId, () => requestIdOf(body)) };
  }

  async startReplicaGroupDrill(request: StartReplicaGroupDrillRequest): Promise<StartDrillResult> {
    const clientToken = request.clientToken ?? newClientToken();
    assertClientToken(clientToken);
    const query: Query = { RegionId: request.regionId, GroupId: nonEmpty(request.groupId, 'groupId'), ClientToken: clientToken };
    const { body } = await this.invoke('StartReplicaGroupDrill', request.regionId, query, request);
    return this.parse('StartReplicaGroupDrill', request.regionId, () => parseStartDrill(body, 'StartReplicaGroupDrill'));
  }

  async describeReplicaGroupDrills(regionId: string, groupId: string, options: DescribeDrillsOptions = {}): Promise<GroupDrill[]> {
    const query: Query = { RegionId: regionId, GroupId: nonEmpty(groupId, 'groupId') };
    if (options.drillId !== undefined) query.DrillId = options.drillId;
    return this.paginate('DescribeReplicaGroupDrills', regionId, query, options, (body) => parseGroupDrillsPage(body, groupId));
  }

  async clearReplicaGroupDrill(request: ClearReplicaGroupDrillRequest): Promise<MutationResult> {
    const query: Query = {
      RegionId: request.regionId,
      GroupId: nonEmpty(request.groupId, 'groupId'),
      DrillId: nonEmpty(request.drillId, 'drillId'),
    };
    const { body } = await this.invoke('ClearReplicaGroupDrill', request.regionId, query, request);
    return { requestId: this.parse('ClearReplicaGroupDrill', request.regionId, () => requestIdOf(body)) };
  }

  async describeReplicaPairProgress(regionId: string, pairId: string, options: CallOptions = {}): Promise<ReplicaPairProgress> {
    const query: Query = { RegionId: regionId, ReplicaPairId: nonEmpty(pairId, 'pairId') };
    const { body } = await this.invoke('DescribeDiskReplicaPairProgress', regionId, query, options);
    return this.parse('DescribeDiskReplicaPairProgress', regionId, () => parseReplicaPairProgress(body, pairId));
  }

  // ------------------------------------------------------------------------------------------
  // Plumbing
  // ------------------------------------------------------------------------------------------

  private parse<T>(action: string, regionId: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw toEbsError(err, { action, regionId });
    }
  }

  private async paginate<T>(
    action: string,
    regionId: string,
    baseQuery: Query,
    options: CallOptions,
    parsePage: (body: unknown) => T[],
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const query: Query = { ...baseQuery, MaxResults: String(MAX_PAGE_SIZE) };
      if (token !== undefined) query.NextToken = token;
      const { body } = await this.invoke(action, regionId, query, options);
      // One by one: a server ignoring MaxResults could send more items than fit as call arguments.
      for (const item of this.parse(action, regionId, () => parsePage(body))) items.push(item);
      token = nextTokenOf(body);
      if (token === undefined) return items;
      if (seen.has(token) || page >= MAX_PAGES) {
        throw new EbsError({
          code: LocalErrorCode.UnexpectedResponse,
          message: `${action} kept returning NextToken "${token}" (page ${page}); paging stopped.`,
          requestId: typeof body.RequestId === 'string' ? body.RequestId : undefined,
          retryable: false,
          action,
          regionId,
        });
      }
      seen.add(token);
    }
  }

  private sdkClientFor(endpoint: ResolvedEndpoint, timeoutMs: number): OpenApiClient {
    let client = this.sdkClients.get(endpoint.url);
    if (!client) {
      const { OpenApiClient, Config } = loadSdk();
      const source = this.options.credentials;
      const config = new Config({ endpoint: endpoint.endpoint, protocol: endpoint.protocol, readTimeout: timeoutMs, connectTimeout: timeoutMs });
      if (isCredentialProvider(source)) {
        // The SDK asks the provider before each request; attempt() has already resolved it, so this is a cache hit.
        config.credential = source as unknown as OpenApiModule.Config['credential'];
      } else {
        config.accessKeyId = source.accessKeyId;
        config.accessKeySecret = source.accessKeySecret;
        if (source.securityToken) config.securityToken = source.securityToken;
      }
      if (this.options.userAgent) config.userAgent = this.options.userAgent;
      client = new OpenApiClient(config);
      this.sdkClients.set(endpoint.url, client);
    }
    return client;
  }

  /** One API request: endpoint, overall deadline, retries with backoff, logging, error normalisation. */
  private async invoke(action: string, regionId: string, query: Query, options: CallOptions): Promise<InvokeResult> {
    let endpoint: ResolvedEndpoint;
    try {
      endpoint = resolveEndpoint(regionId, this.options.endpointTemplate);
    } catch (err) {
      throw toEbsError(err, { action, regionId });
    }
    const deadline = new Deadline(options.timeoutMs ?? this.timeoutMs, options.signal, action);
    let attemptStarted = 0;
    try {
      return await runWithRetry(
        async (attempt) => {
          attemptStarted = Date.now();
          const result = await this.attempt(action, regionId, endpoint, query, deadline);
          this.log({
            action,
            regionId,
            durationMs: Date.now() - attemptStarted,
            attempt,
            requestId: typeof result.body.RequestId === 'string' ? result.body.RequestId : undefined,
            httpStatus: result.httpStatus,
          });
          return { body: result.body };
        },
        {
          policy: this.policy,
          sleep: this.sleep,
          random: this.random,
          signal: deadline.signal,
          remainingMs: () => deadline.remainingMs(),
          onAttemptFailed: (error, attempt, willRetry) => {
            if (error.action === undefined) error.action = action;
            if (error.regionId === undefined) error.regionId = regionId;
            this.log({
              action,
              regionId,
              durationMs: Date.now() - attemptStarted,
              attempt,
              requestId: error.requestId,
              errorCode: error.code,
              httpStatus: error.httpStatus,
              willRetry,
            });
          },
        },
      );
    } catch (err) {
      throw toEbsError(err, { action, regionId });
    } finally {
      deadline.dispose();
    }
  }

  private async attempt(
    action: string,
    regionId: string,
    endpoint: ResolvedEndpoint,
    query: Query,
    deadline: Deadline,
  ): Promise<{ body: Record<string, unknown>; httpStatus: number | undefined }> {
    const remaining = deadline.remainingMs();
    const attemptMs = Math.max(1, Math.min(this.attemptTimeoutMs, remaining));
    // When the overall deadline bounds this attempt, running out of time is DeadlineExceeded, not a retryable Timeout.
    const timer = new AttemptTimer(
      attemptMs,
      deadline.signal,
      attemptMs >= remaining
        ? () => new EbsError({ code: LocalErrorCode.DeadlineExceeded, message: `${action} did not complete within the deadline.` })
        : undefined,
    );
    try {
      // Temporary credentials are resolved (and renewed through STS when due) before the EBS request, so that an
      // STS failure is reported as such and the wire observation below sees only the EBS request.
      await raceWithSignal(this.resolveCredentials(), timer.signal);
    } catch (err) {
      timer.dispose();
      throw toEbsError(err, { action, regionId });
    }
    // The SDK's own timers are a backstop only; ours fire first and destroy the socket.
    const sdk = this.sdkClientFor(endpoint, this.attemptTimeoutMs + 1000);
    const { OpenApiRequest, RuntimeOptions } = loadSdk();
    const runtime = new RuntimeOptions({ autoretry: false, readTimeout: attemptMs + 1000, connectTimeout: attemptMs + 1000 });
    const { observation, promise } = observeAttempt(() => sdk.callApi(params(action), new OpenApiRequest({ query: { ...query } }), runtime));
    try {
      const response: unknown = await raceWithSignal(promise, timer.signal, (reason) => observation.abort(reason));
      const body = isObject(response) ? response.body : undefined;
      if (!isObject(body)) {
        throw new EbsError({
          code: LocalErrorCode.UnexpectedResponse,
          message: `${action}: the response body is not a JSON object.`,
          httpStatus: observation.httpStatus,
          retryable: false,
        });
      }
      const status = isObject(response) && typeof response.statusCode === 'number' ? response.statusCode : observation.httpStatus;
      return { body, httpStatus: status };
    } catch (err) {
      throw toEbsError(err, { ...observation.toWire(), action, regionId });
    } finally {
      timer.dispose();
    }
  }

  /** For a credential provider: the current temporary credentials (the provider caches and refreshes them). */
  private async resolveCredentials(): Promise<EbsCredentialModel | undefined> {
    const source = this.options.credentials;
    if (!isCredentialProvider(source)) return undefined;
    try {
      return await source.getCredential();
    } catch (err) {
      throw credentialProviderError(err);
    }
  }

  private log(record: EbsCallRecord): void {
    const logger = this.options.logger;
    if (!logger) return;
    const clean: EbsCallRecord = { action: record.action, regionId: record.regionId, durationMs: record.durationMs, attempt: record.attempt };
    if (record.requestId !== undefined) clean.requestId = record.requestId;
    if (record.errorCode !== undefined) clean.errorCode = record.errorCode;
    if (record.httpStatus !== undefined) clean.httpStatus = record.httpStatus;
    if (record.willRetry !== undefined) clean.willRetry = record.willRetry;
    try {
      logger.call(clean);
    } catch {
      // A failing logger must never break a call.
    }
  }
}
