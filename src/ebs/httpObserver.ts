// Sees the HTTP request the SDK makes for one attempt, without patching the SDK:
// Node's `http.client.request.start` diagnostics channel fires synchronously inside http.request(),
// in the async context of our callApi call, so an AsyncLocalStorage store identifies the attempt.
// With the ClientRequest in hand we can (1) destroy the socket on cancellation or deadline — the SDK
// offers no AbortSignal and its read timeout can vanish on reused keep-alive sockets — and (2) keep the
// HTTP status and content type that the SDK loses when a body is not JSON (HTML 504, empty 502).

import { AsyncLocalStorage } from 'node:async_hooks';
import * as diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { WireObservation } from './errors';

export class AttemptObservation {
  request: ClientRequest | undefined;
  httpStatus: number | undefined;
  requestId: string | undefined;
  contentType: string | undefined;
  private abortReason: unknown;
  private aborted = false;

  /** Destroys the attempt's socket now (or as soon as the request starts). */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    this.destroyRequest();
  }

  attach(request: ClientRequest): void {
    this.request = request;
    request.once('response', (response: IncomingMessage) => {
      this.httpStatus = response.statusCode;
      const rid = response.headers['x-acs-request-id'];
      if (typeof rid === 'string' && rid !== '') this.requestId = rid;
      const ct = response.headers['content-type'];
      if (typeof ct === 'string') this.contentType = ct;
    });
    if (this.aborted) this.destroyRequest();
  }

  toWire(): WireObservation {
    const wire: WireObservation = {};
    if (this.httpStatus !== undefined) wire.httpStatus = this.httpStatus;
    if (this.requestId !== undefined) wire.requestId = this.requestId;
    if (this.contentType !== undefined) wire.contentType = this.contentType;
    return wire;
  }

  private destroyRequest(): void {
    const request = this.request;
    if (!request || request.destroyed) return;
    const err = Object.assign(new Error('Request aborted by the EBS client.'), { code: 'EBS_ABORTED', reason: this.abortReason });
    request.destroy(err);
  }
}

const storage = new AsyncLocalStorage<AttemptObservation>();
let subscribed = false;

function onRequestStart(message: unknown): void {
  const observation = storage.getStore();
  if (!observation) return;
  const request = (message as { request?: ClientRequest } | undefined)?.request;
  if (request && observation.request === undefined) observation.attach(request);
}

function ensureSubscribed(): void {
  if (subscribed) return;
  subscribed = true;
  try {
    diagnostics.subscribe('http.client.request.start', onRequestStart);
  } catch {
    // Older runtimes without the channel: calls still work, cancellation then only abandons the request.
  }
}

/** Runs `fn` (which makes exactly one HTTP request through the SDK) under a fresh observation. */
export function observeAttempt<T>(fn: () => Promise<T>): { observation: AttemptObservation; promise: Promise<T> } {
  ensureSubscribed();
  const observation = new AttemptObservation();
  const promise = storage.run(observation, fn);
  return { observation, promise };
}
