// The transport under EbsClient and EcsClient: one API request with an overall deadline, retries with backoff,
// credential-provider resolution, wire observation, NextToken paging and the call log. Everything it throws is an
// EbsError. Which API it speaks (version, default endpoint, name) is `EbsClientOptions.api`, EBS unless given. The typed
// operations on top are in client.ts (and src/ecs/client.ts); the facts it relies on are in docs/ebs-api.md.

import { AttemptTimer, Deadline, realSleep, raceWithSignal, SleepFn } from './deadline';
import { DEFAULT_ENDPOINT_TEMPLATE, DefaultEndpointTemplate, resolveEndpoint, ResolvedEndpoint } from './endpoint';
import { credentialProviderError } from './credentialErrors';
import { EbsError, LocalErrorCode } from './ebsError';
import { toEbsError } from './sdkErrors';
import { MAX_RESPONSE_BYTES, observeAttempt } from './httpObserver';
import { RandomFn, resolveRetryPolicy, RetryPolicy, runWithRetry, sentNothing } from './retry';
import { callSdk, EBS_API_VERSION, newSdkClient, SdkClient } from './sdk';
import { EbsCallLogger, EbsCallRecord, EbsCredentialModel, EbsCredentialSource, isCredentialProvider } from './types';
import { isObject, nextTokenOf } from './coerce';

export { EBS_API_VERSION } from './sdk';
export { MAX_RESPONSE_BYTES } from './httpObserver';
/** Documented maximum for MaxResults with NextToken paging. */
export const MAX_PAGE_SIZE = 500;
/** Guard against a server that never stops paging. */
export const MAX_PAGES = 10_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

/** The Alibaba Cloud API a transport speaks. */
export interface ApiSpec {
  /** For messages: `EBS`, `ECS`. */
  name: string;
  /** The RAM namespace of its actions (`ebs` → `ebs:StartPairDrill`, `ecs` → `ecs:AttachDisk`). */
  ramNamespace: string;
  /** The API version every request carries (`2021-07-30` for EBS, `2014-05-26` for ECS). */
  version: string;
  /** Used when `endpointTemplate` is empty: a template, or one per region. */
  defaultEndpointTemplate: DefaultEndpointTemplate;
}

export const EBS_API: Readonly<ApiSpec> = Object.freeze({
  name: 'EBS',
  ramNamespace: 'ebs',
  version: EBS_API_VERSION,
  defaultEndpointTemplate: DEFAULT_ENDPOINT_TEMPLATE,
});

export interface EbsClientOptions {
  /** A fixed AccessKey, or a provider of temporary credentials (RAM role, ECS instance role) that the SDK asks before each request. */
  credentials: EbsCredentialSource;
  /** `ebsDr.endpointTemplate`, e.g. `https://ebs.{regionId}.aliyuncs.com` or `http://127.0.0.1:PORT` (for ECS `ebsDr.ecsEndpointTemplate`). */
  endpointTemplate?: string;
  /** The API spoken (EBS_API unless given). */
  api?: ApiSpec;
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
  /** The most one answer may bring before the call fails with ResponseTooLarge (default MAX_RESPONSE_BYTES, 8 MiB). */
  maxResponseBytes?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's overall deadline for each API request of this call. */
  timeoutMs?: number;
}

/** How one request may be repeated (options of `invoke`, set by the typed clients, never by their callers). */
export interface InvokeOptions extends CallOptions {
  /**
   * `transient` (the default): every transient failure is retried: reads, and mutations whose ClientToken makes a
   * repeat harmless. `unsent`: only failures that prove the service did not act (nothing was sent, or the service
   * refused it: throttling); a mutation without a ClientToken whose answer was lost is not repeated, its caller finds
   * out what happened.
   */
  retry?: 'transient' | 'unsent';
}

/** Request parameters: every one travels in the query, as a string. */
export type Query = Record<string, string>;

export interface Answer {
  body: Record<string, unknown>;
}

function requestIdIn(body: Record<string, unknown>): string | undefined {
  return typeof body.RequestId === 'string' ? body.RequestId : undefined;
}

/** A 3xx answer as an error; the Location is named by its host only (a URL may carry credentials or tokens). */
export function unexpectedRedirect(action: string, status: number, headers: unknown, apiName = EBS_API.name): EbsError {
  const location = isObject(headers) && typeof headers.location === 'string' ? headers.location : undefined;
  let target = '';
  try {
    if (location !== undefined) target = ` to ${new URL(location).host}`;
  } catch {
    target = '';
  }
  return new EbsError({
    code: LocalErrorCode.UnexpectedRedirect,
    message: `${action}: the endpoint answered HTTP ${status} (a redirect${target}) instead of an ${apiName} answer.`,
    httpStatus: status,
    retryable: false,
  });
}

export class EbsTransport {
  private readonly sdkClients = new Map<string, SdkClient>();
  private readonly policy: RetryPolicy;
  private readonly sleep: SleepFn;
  private readonly random: RandomFn;
  private readonly timeoutMs: number;
  private readonly attemptTimeoutMs: number;
  private readonly api: ApiSpec;

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
    this.api = options.api ?? EBS_API;
  }

  /** The API this transport speaks. */
  get apiSpec(): ApiSpec {
    return this.api;
  }

  /** Maps an answer with `fn`; a body that does not fit becomes an EbsError naming the action and region. */
  parse<T>(action: string, regionId: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.withApi(toEbsError(err, { action, regionId }));
    }
  }

  /** Names this transport's API on an error (for the catalogue's `ecs:AttachDisk`) unless it names one already. */
  private withApi(error: EbsError): EbsError {
    if (error.api === undefined && error.service === undefined) error.api = this.api.ramNamespace;
    return error;
  }

  /**
   * Every page of a list operation (MaxResults `pageSize`, 500 unless given; NextToken, read with `tokenOf`, until it
   * is empty), each mapped with `parsePage`.
   */
  async paginate<T>(
    action: string,
    regionId: string,
    baseQuery: Query,
    options: CallOptions,
    parsePage: (body: unknown) => T[],
    pageSize: number = MAX_PAGE_SIZE,
    tokenOf: (body: unknown) => string | undefined = nextTokenOf,
  ): Promise<T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 1; ; page++) {
      const query: Query = { ...baseQuery, MaxResults: String(pageSize) };
      if (token !== undefined) query.NextToken = token;
      const { body } = await this.invoke(action, regionId, query, options);
      // One by one: a server ignoring MaxResults could send more items than fit as call arguments.
      for (const item of this.parse(action, regionId, () => parsePage(body))) items.push(item);
      token = tokenOf(body);
      if (token === undefined) return items;
      if (seen.has(token) || page >= MAX_PAGES) {
        throw this.withApi(
          new EbsError({
            code: LocalErrorCode.UnexpectedResponse,
            message: `${action} kept returning NextToken "${token}" (page ${page}); paging stopped.`,
            requestId: requestIdIn(body),
            retryable: false,
            action,
            regionId,
          }),
        );
      }
      seen.add(token);
    }
  }

  /** One API request: endpoint, overall deadline, retries with backoff, logging, error normalisation. */
  async invoke(action: string, regionId: string, query: Query, options: InvokeOptions): Promise<Answer> {
    let endpoint: ResolvedEndpoint;
    try {
      endpoint = resolveEndpoint(regionId, this.options.endpointTemplate, this.api.defaultEndpointTemplate);
    } catch (err) {
      throw this.withApi(toEbsError(err, { action, regionId }));
    }
    const unsentOnly = options.retry === 'unsent';
    const deadline = new Deadline(options.timeoutMs ?? this.timeoutMs, options.signal, action);
    let attemptStarted = 0;
    try {
      return await runWithRetry(
        async (attempt) => {
          attemptStarted = Date.now();
          const result = await this.attempt(action, regionId, endpoint, query, deadline);
          this.log({ action, regionId, durationMs: Date.now() - attemptStarted, attempt, requestId: requestIdIn(result.body), httpStatus: result.httpStatus });
          return { body: result.body };
        },
        {
          policy: this.policy,
          sleep: this.sleep,
          random: this.random,
          mayRetry: unsentOnly ? sentNothing : undefined,
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
              serverMessage: error.serverMessage,
              willRetry,
            });
          },
        },
      );
    } catch (err) {
      throw this.withApi(toEbsError(err, { action, regionId }));
    } finally {
      deadline.dispose();
    }
  }

  private sdkClientFor(endpoint: ResolvedEndpoint, timeoutMs: number): SdkClient {
    let client = this.sdkClients.get(endpoint.url);
    if (!client) {
      client = newSdkClient(endpoint, { credentials: this.options.credentials, userAgent: this.options.userAgent, timeoutMs });
      this.sdkClients.set(endpoint.url, client);
    }
    return client;
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
      // Temporary credentials are resolved (and renewed through STS when due) before the API request, so that an
      // STS failure is reported as such and the wire observation below sees only the API request.
      await raceWithSignal(this.resolveCredentials(), timer.signal);
    } catch (err) {
      timer.dispose();
      throw toEbsError(err, { action, regionId });
    }
    // The SDK's own timers are a backstop only; ours fire first and destroy the socket.
    const sdk = this.sdkClientFor(endpoint, this.attemptTimeoutMs + 1000);
    const { observation, promise } = observeAttempt(() => callSdk(sdk, action, query, attemptMs + 1000, this.api.version), this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
    try {
      const response: unknown = await raceWithSignal(Promise.race([promise, observation.overflow]), timer.signal, (reason) => observation.abort(reason));
      const status = isObject(response) && typeof response.statusCode === 'number' ? response.statusCode : observation.httpStatus;
      // The SDK takes any status below 400 as an answer; EBS and ECS never redirect, so a 3xx is not one (whatever its body).
      if (status !== undefined && status >= 300 && status < 400) throw unexpectedRedirect(action, status, isObject(response) ? response.headers : undefined, this.api.name);
      const body = isObject(response) ? response.body : undefined;
      if (!isObject(body)) {
        throw new EbsError({
          code: LocalErrorCode.UnexpectedResponse,
          message: `${action}: the response body is not a JSON object.`,
          httpStatus: observation.httpStatus,
          retryable: false,
        });
      }
      return { body, httpStatus: status };
    } catch (err) {
      throw toEbsError(err, { ...observation.toWire(), action, regionId, apiName: this.api.name });
    } finally {
      timer.dispose();
      observation.finish();
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

  /** A line for the log about an answer (what the parsers corrected); a failing logger never breaks a call. */
  note(message: string): void {
    try {
      this.options.logger?.note?.(message);
    } catch {
      // as in log()
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
    if (record.serverMessage !== undefined) clean.serverMessage = record.serverMessage;
    try {
      logger.call(clean);
    } catch {
      // A failing logger must never break a call.
    }
  }
}
