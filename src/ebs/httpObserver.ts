// Sees the HTTP request the SDK makes for one attempt, without patching the SDK:
// Node's `http.client.request.start` diagnostics channel fires synchronously inside http.request(),
// in the async context of our callApi call, so an AsyncLocalStorage store identifies the attempt.
// With the ClientRequest in hand we can (1) destroy the socket on cancellation or deadline — the SDK
// offers no AbortSignal and its read timeout can vanish on reused keep-alive sockets — and (2) keep the
// HTTP status and content type that the SDK loses when a body is not JSON (HTML 504, empty 502), and (3) stop an
// answer that grows beyond MAX_RESPONSE_BYTES before the SDK, which buffers the whole body, holds all of it.

import { AsyncLocalStorage } from 'node:async_hooks';
import * as diagnostics from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { EbsError, LocalErrorCode } from './ebsError';
import type { WireObservation } from './errors';

/** The most one answer may bring (8 MiB, headers and framing included); the largest real page is far below it. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

function tooLarge(limit: number, declared?: number): EbsError {
  return new EbsError({
    code: LocalErrorCode.ResponseTooLarge,
    message:
      declared !== undefined
        ? `The answer declares ${declared} bytes, more than the ${limit} bytes an answer of this API may have; it was not read.`
        : `The answer grew beyond ${limit} bytes, more than an answer of this API may have; the connection was closed.`,
    retryable: false,
  });
}

/** What `overflow` settles with once the attempt is over (never seen: the race it took part in was decided). */
const ATTEMPT_FINISHED = new Error('The attempt finished.');

export class AttemptObservation {
  request: ClientRequest | undefined;
  httpStatus: number | undefined;
  requestId: string | undefined;
  contentType: string | undefined;
  /** Rejects (with ResponseTooLarge) once the answer outgrows the limit; never resolves. */
  readonly overflow: Promise<never>;
  private failOverflow: (error: unknown) => void = () => undefined;
  private abortReason: unknown;
  private aborted = false;

  constructor(private readonly maxResponseBytes = MAX_RESPONSE_BYTES) {
    this.overflow = new Promise<never>((_resolve, reject) => (this.failOverflow = reject));
    this.overflow.catch(() => undefined);
  }

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
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > this.maxResponseBytes) this.exceeded(tooLarge(this.maxResponseBytes, declared));
    });
    // The channel fires once the request has its socket (Node 20), or before (later versions): either way it is counted.
    if (request.socket) this.count(request, request.socket);
    else request.once('socket', (socket: Socket) => this.count(request, socket));
    if (this.aborted) this.destroyRequest();
  }

  /**
   * Counts what arrives on the socket, which the HTTP parser already reads in flowing mode: a second 'data' listener
   * only observes. A kept-alive socket serves one request at a time, so what arrives until 'close' is this answer.
   */
  private count(request: ClientRequest, socket: Socket): void {
    let received = 0;
    const count = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > this.maxResponseBytes) {
        socket.off('data', count);
        this.exceeded(tooLarge(this.maxResponseBytes));
      }
    };
    socket.on('data', count);
    request.once('close', () => socket.off('data', count));
  }

  private exceeded(error: EbsError): void {
    this.failOverflow(error);
    this.abort(error);
  }

  /**
   * The attempt is over. Timers Node made during the attempt (the SDK's socket timeouts, which outlive the answer by
   * seconds) keep this observation as their async-context store; settling `overflow` releases what its never-settled
   * promise kept (the race with the answer, and so the whole answer), and the request is let go.
   */
  finish(): void {
    this.failOverflow(ATTEMPT_FINISHED);
    this.failOverflow = () => undefined;
    this.request = undefined;
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
export function observeAttempt<T>(fn: () => Promise<T>, maxResponseBytes = MAX_RESPONSE_BYTES): { observation: AttemptObservation; promise: Promise<T> } {
  ensureSubscribed();
  const observation = new AttemptObservation(maxResponseBytes);
  const promise = storage.run(observation, fn);
  return { observation, promise };
}
