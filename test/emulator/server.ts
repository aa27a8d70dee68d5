// The emulator's HTTP server: authentication first, then version/action lookup, parameter validation,
// idempotency, faults, the operation itself, and the JSON answer. Admin routes are delegated to admin.ts.
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ADMIN_PREFIX, handleAdmin, type IssuedSecret } from './admin';
import type { AdminController, ClockSnapshot, EmulatorStateSnapshot, InstancePatch } from './admin';
import { Authenticator } from './auth';
import type { AuthResult } from './auth';
import { EmulatorClock } from './clock';
import { ApiError, DEFAULT_MESSAGES, forbiddenAction, internalError, missingParameter } from './errors';
import { FaultSet, isAfterCommit } from './faults';
import type { FaultRule } from './faults';
import { BodyTooLargeError, errorBody, isLoopback, newRequestId, rawJsonError, readBody, sendJson } from './http';
import { IdempotencyStore } from './idempotency';
import { InstanceMetadata, METADATA_PREFIX } from './metadata';
import { ECS_VERSION } from './operations/ecs';
import { OPERATIONS_BY_VERSION } from './operations/index';
import { validateParams } from './params';
import { redactParams, RequestLog } from './requestLog';
import type { RequestLogEntry } from './requestLog';
import { normalizeScenario } from './scenario';
import { EmulatorState, utcSeconds } from './state';
import type { GroupDrill, PairDrill } from './state';
import type { EcsInstance, Scenario } from './types';

export interface EmulatorServerOptions {
  scenario: Scenario;
  now?: string | Date;
  speed?: number;
  latencyMs?: number;
  /** PEM key and certificate: listenTls() can then serve the same pipeline over HTTPS. */
  tls?: { key: string; cert: string };
}

/** Thrown inside the pipeline when the connection must end without an answer. */
class DropConnection extends Error {}
/** Thrown inside the pipeline after an answer that is not JSON (html fault) was sent. */
class AlreadyAnswered extends Error {}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString();
}

export class EmulatorServer implements AdminController {
  private readonly emuClock: EmulatorClock;
  private state: EmulatorState;
  private readonly authenticator: Authenticator;
  private readonly faultSet = new FaultSet();
  private readonly log = new RequestLog();
  private readonly idempotency = new IdempotencyStore();
  private readonly metadata = new InstanceMetadata();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sockets = new Set<Socket>();
  private readonly httpServer: Server;
  private readonly httpsServer: Server | undefined;
  private readonly latencyMs: number;

  /** Validates the scenario (throws ScenarioError) and prepares the server; call listen() to serve. */
  constructor(private readonly options: EmulatorServerOptions) {
    this.emuClock = new EmulatorClock(options.now, options.speed ?? 1);
    this.state = new EmulatorState(normalizeScenario(options.scenario, this.emuClock.nowSeconds()), this.emuClock.nowMs(), () => this.emuClock.nowMs());
    this.authenticator = new Authenticator(() => this.state);
    this.latencyMs = Math.max(0, options.latencyMs ?? 0);
    const serverOptions = { maxHeaderSize: 256 * 1024, requestTimeout: 0 };
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      void this.route(req, res);
    };
    this.httpServer = this.track(createServer(serverOptions, handler));
    this.httpsServer = options.tls ? this.track(createHttpsServer({ ...serverOptions, key: options.tls.key, cert: options.tls.cert }, handler)) : undefined;
  }

  /** Remembers the server's sockets (close() destroys them) and answers malformed HTTP with the JSON error shape. */
  private track<T extends Server>(server: T): T {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
      socket.end(rawJsonError(tooLarge ? 431 : 400, tooLarge ? 'InvalidParameter' : 'MalformedRequest', tooLarge ? 'The request line or headers are too large.' : 'The HTTP request is malformed.'));
    });
    return server;
  }

  listen(host: string, port: number): Promise<AddressInfo> {
    return EmulatorServer.listenOn(this.httpServer, host, port);
  }

  /** Listens with HTTPS (needs the `tls` option). */
  listenTls(host: string, port: number): Promise<AddressInfo> {
    if (!this.httpsServer) return Promise.reject(new Error('the emulator was started without tls'));
    return EmulatorServer.listenOn(this.httpsServer, host, port);
  }

  private static listenOn(server: Server, host: string, port: number): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve(server.address() as AddressInfo);
      });
    });
  }

  close(): Promise<void> {
    this.state.dispose();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const closeOne = (server: Server): Promise<void> => new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    const closed = Promise.all([closeOne(this.httpServer), ...(this.httpsServer ? [closeOne(this.httpsServer)] : [])]);
    for (const s of this.sockets) s.destroy();
    return closed.then(() => undefined);
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    try {
      if (path.startsWith(ADMIN_PREFIX) || path === ADMIN_PREFIX.slice(0, -1)) {
        if (!isLoopback(req.socket.remoteAddress)) {
          const id = newRequestId();
          return sendJson(res, 403, errorBody(id, req.headers.host ?? '', 'Forbidden', 'The admin API is served only on loopback.'), id);
        }
        return await handleAdmin(req, res, path.endsWith('/') ? path : `${path}/`, this);
      }
      if (path.startsWith(METADATA_PREFIX)) return this.handleMetadata(req, res, path);
      await this.handleApi(req, res, path, rawQuery);
    } catch (e) {
      // Last resort: never crash, always answer JSON.
      const id = newRequestId();
      sendJson(res, 500, errorBody(id, req.headers.host ?? '', 'InternalError', `Emulator failure: ${(e as Error).message}`), id);
    }
  }

  /** ECS instance metadata routes (no signature); logged with a null action. */
  private handleMetadata(req: IncomingMessage, res: ServerResponse, path: string): void {
    const started = Date.now();
    const nowMs = this.emuClock.nowMs();
    this.state.tick(nowMs);
    const status = this.metadata.handle(req, res, path, this.state, nowMs);
    this.log.add({ ...blankEntry(isoSeconds(nowMs), newRequestId(), req.method ?? 'GET', path), status, durationMs: Date.now() - started });
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string): Promise<void> {
    const started = Date.now();
    const requestId = newRequestId();
    const hostId = req.headers.host ?? 'ebs.aliyuncs.com';
    const entry: RequestLogEntry = blankEntry(isoSeconds(this.emuClock.nowMs()), requestId, req.method ?? 'GET', path);
    let tokenKey: string | undefined;
    try {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (e) {
        if (e instanceof BodyTooLargeError) throw new ApiError(400, 'InvalidParameter', e.message);
        throw new DropConnection();
      }
      const auth = this.authenticator.authenticate({ method: entry.method, path, rawQuery, headers: req.headersDistinct, body, nowMs: this.emuClock.nowMs() });
      entry.accessKeyId = auth.account.AccessKeyId;
      entry.signatureMethod = auth.scheme;
      entry.action = auth.action ?? null;
      entry.version = auth.version ?? null;
      entry.params = redactParams(auth.params);
      entry.regionId = auth.params.get('RegionId') ?? null;
      const { result, afterCommit } = await this.runOperation(auth, req, res, path, entry, (key) => (tokenKey = key));
      tokenKey = undefined;
      await this.sleep(this.latencyMs);
      if (afterCommit) await this.applyFault(afterCommit, entry, res);
      entry.status = 200;
      sendJson(res, 200, { RequestId: requestId, ...result }, requestId);
    } catch (e) {
      if (tokenKey) this.idempotency.abandon(tokenKey);
      if (e instanceof DropConnection) {
        entry.status = 0;
        res.destroy();
        req.socket.destroy();
      } else if (e instanceof AlreadyAnswered) {
        entry.status = res.statusCode;
        entry.code = entry.fault === 'empty' || entry.fault === 'empty-after-commit' ? 'empty' : 'html';
      } else {
        const err = e instanceof ApiError ? e : internalError();
        if (!(e instanceof ApiError)) console.error('ebs emulator: unexpected failure', e);
        entry.status = err.status;
        entry.code = err.code;
        await this.sleep(this.latencyMs);
        sendJson(res, err.status, errorBody(requestId, hostId, err.code, err.message, entry.version === ECS_VERSION ? 'Ecs' : 'Ebs'), requestId);
      }
    } finally {
      entry.durationMs = Date.now() - started;
      this.log.add(entry);
    }
  }

  /**
   * Everything after authentication: the response body without RequestId, and the after-commit fault to apply once the
   * operation has run (or its ClientToken has replayed). Pre-commit faults throw from here.
   */
  private async runOperation(
    auth: AuthResult,
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    entry: RequestLogEntry,
    onToken: (key: string) => void,
  ): Promise<{ result: Record<string, unknown>; afterCommit?: FaultRule }> {
    if (!auth.version) throw missingParameter('Version');
    const registry = OPERATIONS_BY_VERSION.get(auth.version);
    if (!registry) throw new ApiError(400, 'InvalidVersion', `Specified parameter Version is not valid. Version: ${auth.version}`);
    if (!auth.action) throw missingParameter('Action');
    const op = registry.get(auth.action);
    const method = (req.method ?? '').toUpperCase();
    if (!op || path !== '/' || (method !== 'GET' && method !== 'POST')) {
      throw new ApiError(404, 'InvalidApi.NotFound', 'Specified api is not found, please check your url and method.');
    }
    if (!op.public && (auth.account.DeniedActions.includes(op.action) || auth.account.DeniedActions.includes('*'))) throw (op.denied ?? forbiddenAction)(op.action);
    const params = validateParams(op.params, auth.params);
    this.state.tick(this.emuClock.nowMs());

    const regionId = params.str('RegionId');
    // commit-after-deadline holds the request before anything (its ClientToken included) is looked at, then commits.
    const held = this.faultSet.take(op.action, regionId, (mode) => mode === 'commit-after-deadline');
    if (held) {
      entry.fault = held.mode;
      await this.sleep(held.delayMs ?? 0);
    }

    const token = op.idempotent ? params.str('ClientToken') : undefined;
    const key = token ? IdempotencyStore.key(auth.account.AccessKeyId, op.action, token) : undefined;
    const fingerprint = params.fingerprint();
    if (key) {
      const check = this.idempotency.begin(key, fingerprint, this.emuClock.nowMs());
      if (check.kind === 'replay') {
        // A replay is a commit too: the after-commit modes fail it as they failed the first request.
        const afterCommit = held ? undefined : this.faultSet.take(op.action, regionId, isAfterCommit);
        if (afterCommit) entry.fault = afterCommit.mode;
        return { result: { ...check.result }, afterCommit };
      }
      onToken(key);
    }

    const fault = held ? undefined : this.faultSet.take(op.action, regionId, (mode) => mode !== 'commit-after-deadline');
    if (fault) {
      entry.fault = fault.mode;
      if (!isAfterCommit(fault.mode)) await this.applyFault(fault, entry, res);
    }

    const nowMs = this.emuClock.nowMs();
    this.state.tick(nowMs);
    let result: Record<string, unknown>;
    try {
      result = op.handle({ action: op.action, params, state: this.state, account: auth.account, nowMs });
    } finally {
      // Only Describe actions leave the state as it was (a failed operation may have changed part of it).
      if (!op.action.startsWith('Describe')) this.state.changed();
    }
    if (key) this.idempotency.complete(key, fingerprint, result, nowMs);
    return { result, afterCommit: fault && isAfterCommit(fault.mode) ? fault : undefined };
  }

  /** Delay, then the rule's effect. `delay` lets the operation run; the after-commit modes are applied after it. */
  private async applyFault(fault: FaultRule, entry: RequestLogEntry, res: ServerResponse): Promise<void> {
    await this.sleep(fault.delayMs ?? 0);
    switch (fault.mode) {
      case 'delay':
      case 'commit-after-deadline':
        return;
      case 'reset':
      case 'drop-after-commit':
        throw new DropConnection();
      case 'error':
      case 'error-after-commit': {
        const code = fault.code ?? (fault.mode === 'error' ? 'InternalError' : 'ServiceUnavailable');
        const status = fault.status ?? (code === 'RequestTimeout' ? 504 : fault.mode === 'error' ? 500 : 503);
        throw new ApiError(status, code, fault.message ?? DEFAULT_MESSAGES[code] ?? 'Injected fault.');
      }
      case 'html':
      case 'html-after-commit':
      case 'empty':
      case 'empty-after-commit': {
        const status = fault.status ?? 502;
        await this.sleep(this.latencyMs);
        const empty = fault.mode === 'empty' || fault.mode === 'empty-after-commit';
        const body = empty ? '' : `<html><head><title>${status} Bad Gateway</title></head><body><center><h1>${status} Bad Gateway</h1></center><hr><center>Tengine</center></body></html>\n`;
        res.writeHead(status, empty ? { 'content-length': 0 } : { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        entry.status = status;
        throw new AlreadyAnswered();
      }
    }
  }

  // ---- AdminController ----

  snapshot(): EmulatorStateSnapshot {
    this.state.tick(this.emuClock.nowMs());
    const strip = <T extends PairDrill | GroupDrill>(d: T): Omit<T, 'readyAtMs' | 'goneAtMs' | 'failExecute' | 'failClear'> => {
      const { readyAtMs: _r, goneAtMs: _g, failExecute: _e, failClear: _c, ...rest } = d;
      return rest;
    };
    return {
      ...this.clock_(),
      pairs: [...this.state.pairs.values()].map((e) => ({ ...structuredClone(e.pair), AccountId: e.accountId })),
      groups: [...this.state.groups.values()].map((e) => ({ ...structuredClone(e.group), AccountId: e.accountId })),
      sessions: [...this.state.sessions.values()].flatMap((k) =>
        k.Session ? [{ AccessKeyId: k.AccessKeyId, RoleArn: k.Session.RoleArn, RoleSessionName: k.Session.RoleSessionName, AccountId: k.AccountId, Expiration: k.Session.Expiration }] : [],
      ),
      drills: [
        ...[...this.state.pairDrills.values()].map((d) => ({ ...structuredClone(strip(d)), Kind: 'pair' as const })),
        ...[...this.state.groupDrills.values()].map((d) => ({ ...structuredClone(strip(d)), Kind: 'group' as const })),
      ],
      faults: this.faultSet.list(),
      inFlightTokens: this.idempotency.inFlight(),
      instances: [...this.state.ecs.instances.values()].map((i) => ({ ...i })),
      disks: this.state.ecs.disks().map((d) => ({
        DiskId: d.DiskId,
        RegionId: d.RegionId,
        ZoneId: d.ZoneId,
        Status: d.Status,
        InstanceId: d.InstanceId,
        Device: d.Device,
        guestDevice: d.guestDevice,
        SerialNumber: d.DiskId.replace(/^d-/, ''),
        AttachedTime: d.AttachedTime,
        DetachedTime: d.DetachedTime,
        PairId: d.PairId,
        DrillId: d.DrillId,
        AccountId: d.AccountId,
        fsType: d.contents.drillDisk === 'empty' ? '' : d.contents.fsType,
        drillDisk: d.contents.drillDisk,
      })),
      invocations: [...this.state.ecs.invocations.values()].flatMap((inv) =>
        inv.runs.map((run) => ({
          InvokeId: inv.InvokeId,
          CommandId: inv.CommandId,
          InstanceId: run.InstanceId,
          Name: inv.Name,
          Script: inv.Script,
          Timeout: inv.Timeout,
          InvocationStatus: run.status,
          ...(run.ExitCode === undefined ? {} : { ExitCode: run.ExitCode }),
          Output: this.state.ecs.runOutput(run).toString('utf8'),
          ErrorCode: run.ErrorCode,
          StartTime: utcSeconds(run.startMs),
          FinishedTime: run.finishedMs === undefined ? '' : utcSeconds(run.finishedMs),
          Mounts: this.state.ecs.sandbox.mountsLog(run.InstanceId),
        })),
      ),
      sandboxRoot: this.state.ecs.sandbox.existingRoot ?? '',
    };
  }

  setInstance(instanceId: string, patch: InstancePatch): EcsInstance | undefined {
    const nowMs = this.emuClock.nowMs();
    this.state.tick(nowMs);
    const updated = this.state.ecs.setInstance(instanceId, patch, nowMs);
    return updated ? { ...updated } : undefined;
  }

  private clock_(): ClockSnapshot {
    const ms = this.emuClock.nowMs();
    return { now: isoSeconds(ms), nowSeconds: Math.floor(ms / 1000), speed: this.emuClock.speed };
  }

  issuedSecrets(): IssuedSecret[] {
    return [...this.state.sessions.values()].map((k) => ({ AccessKeyId: k.AccessKeyId, AccessKeySecret: k.AccessKeySecret, SecurityToken: k.SecurityTokens[0] ?? '' }));
  }

  requests(): RequestLogEntry[] {
    return this.log.list();
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** Reloads the scenario: state, drills, ClientTokens, nonces, faults and the request log start afresh; the clock keeps running. */
  reset(): void {
    const next = new EmulatorState(normalizeScenario(this.options.scenario, this.emuClock.nowSeconds()), this.emuClock.nowMs(), () => this.emuClock.nowMs());
    this.state.dispose();
    this.state = next;
    this.idempotency.clear();
    this.metadata.clear();
    this.authenticator.nonces.clear();
    this.faultSet.clear();
    this.log.clear();
  }

  clock(): ClockSnapshot {
    return this.clock_();
  }

  setClock(now: string): void {
    this.state.tick(this.emuClock.nowMs());
    this.emuClock.set(now);
    this.state.tick(this.emuClock.nowMs());
  }

  advanceClock(seconds: number): void {
    this.state.tick(this.emuClock.nowMs());
    this.emuClock.advance(seconds);
    this.state.tick(this.emuClock.nowMs());
  }

  setSpeed(speed: number): void {
    this.emuClock.setSpeed(speed);
  }

  faults(): FaultRule[] {
    return this.faultSet.list();
  }

  setFaults(rules: FaultRule[]): void {
    this.faultSet.set(rules);
  }

  clearFaults(): void {
    this.faultSet.clear();
  }
}

/** A request-log entry before anything is known about the request beyond its line. */
function blankEntry(time: string, requestId: string, method: string, path: string): RequestLogEntry {
  return {
    time,
    requestId,
    method,
    path,
    action: null,
    version: null,
    regionId: null,
    accessKeyId: null,
    signatureMethod: null,
    params: {},
    status: 0,
    code: null,
    fault: null,
    durationMs: 0,
  };
}
