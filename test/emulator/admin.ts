// Admin API under /__emulator/ (JSON, no signature, loopback only): state, requests, reset, clock, faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule } from './faults';
import { FaultValidationError, parseFaultRules } from './faults';
import { BodyTooLargeError, errorBody, newRequestId, readBody, sendJson } from './http';
import type { RequestLogEntry } from './requestLog';
import type { GroupDrill, PairDrill } from './state';
import type { EcsInstance, InstanceStatus, ReplicaGroup, ReplicaPair } from './types';
import { INSTANCE_STATUSES } from './types';

export const ADMIN_PREFIX = '/__emulator/';

type InternalDrillField = 'readyAtMs' | 'goneAtMs' | 'failExecute' | 'failClear';
export type PairDrillState = Omit<PairDrill, InternalDrillField> & { Kind: 'pair' };
export type GroupDrillState = Omit<GroupDrill, InternalDrillField> & { Kind: 'group' };

export interface EmulatorStateSnapshot {
  /** Emulated time, ISO-8601. */
  now: string;
  nowSeconds: number;
  speed: number;
  /** Every pair and group, each with its owner AccountId. */
  pairs: Array<ReplicaPair & { AccountId: string }>;
  groups: Array<ReplicaGroup & { AccountId: string }>;
  /** Keys issued by AssumeRole and the instance metadata (no secret, no token), expired ones included. */
  sessions: SessionState[];
  /** Every drill still listed (pair and group drills), each with its ClientToken. */
  drills: Array<PairDrillState | GroupDrillState>;
  faults: FaultRule[];
  /** ClientTokens whose first request is still in flight (a repeat now gets LastTokenProcessing). */
  inFlightTokens: Array<{ accessKeyId: string; action: string; clientToken: string }>;
  /** ECS instances as they are now (Status and cloudAssistant change with setInstance). */
  instances: EcsInstance[];
  /** Every drill disk as ECS shows it, with its attach state. */
  disks: DiskState[];
  /** One entry per instance of every Cloud Assistant invocation, oldest first. */
  invocations: InvocationState[];
  /** The folder holding the instances' sandboxes ("" before the first script ran); removed by reset and close. */
  sandboxRoot: string;
}

export interface DiskState {
  DiskId: string;
  RegionId: string;
  ZoneId: string;
  /** `Creating`, `Available`, `Attaching`, `In_use`, `Detaching`. */
  Status: string;
  /** The instance it is attached to ("" unless In_use / Detaching). */
  InstanceId: string;
  /** The API's device name (`/dev/xvdb`) and the one the instance sees (`vdb`); "" unless In_use / Detaching. */
  Device: string;
  guestDevice: string;
  SerialNumber: string;
  AttachedTime: string;
  DetachedTime: string;
  PairId: string;
  DrillId: string;
  AccountId: string;
  fsType: string;
  /** `ok`, `empty` or `damaged`. */
  drillDisk: string;
}

export interface InvocationState {
  InvokeId: string;
  CommandId: string;
  InstanceId: string;
  Name: string;
  /** The decoded script exactly as submitted (before the `/dev/disk/by-id/` rewrite). */
  Script: string;
  Timeout: number;
  /** `Running`, `Success`, `Failed`, `Timeout`. */
  InvocationStatus: string;
  /** Absent while running and after a timeout or a run that could not start. */
  ExitCode?: number;
  /** The whole output (stdout and stderr interleaved), plain text, not truncated. */
  Output: string;
  ErrorCode: string;
  StartTime: string;
  FinishedTime: string;
  /** What the sandbox's `mount` recorded for that instance so far: `DEV\tDIR\tOPTIONS` lines. */
  Mounts: string;
}

export interface SessionState {
  AccessKeyId: string;
  RoleArn: string;
  RoleSessionName: string;
  /** The role's account, in which the session acts. */
  AccountId: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` on the emulator clock. */
  Expiration: string;
}

export interface ClockSnapshot {
  now: string;
  nowSeconds: number;
  speed: number;
}

/** The secret parts of an issued role session: only for secret-canary tests, which must know what to search for. */
export interface IssuedSecret {
  AccessKeyId: string;
  AccessKeySecret: string;
  SecurityToken: string;
}

/** What the admin routes need from the emulator. */
export interface AdminController {
  snapshot(): EmulatorStateSnapshot;
  issuedSecrets(): IssuedSecret[];
  requests(): RequestLogEntry[];
  clearRequests(): void;
  reset(): void;
  clock(): ClockSnapshot;
  setClock(now: string): void;
  advanceClock(seconds: number): void;
  setSpeed(speed: number): void;
  faults(): FaultRule[];
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  /** Undefined when there is no such instance. */
  setInstance(instanceId: string, patch: InstancePatch): EcsInstance | undefined;
}

export interface InstancePatch {
  Status?: InstanceStatus;
  cloudAssistant?: boolean;
}

function instancePatch(input: unknown): InstancePatch {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AdminError(400, 'InvalidParameter', 'Expected {"Status": "Stopped"} and/or {"cloudAssistant": false}.');
  const { Status, cloudAssistant, ...rest } = input as { Status?: unknown; cloudAssistant?: unknown };
  if (Object.keys(rest).length > 0) throw new AdminError(400, 'InvalidParameter', `Unknown fields: ${Object.keys(rest).join(', ')} (expected Status, cloudAssistant).`);
  if (Status !== undefined && !INSTANCE_STATUSES.some((x) => x === Status)) throw new AdminError(400, 'InvalidParameter', `"Status" must be one of ${INSTANCE_STATUSES.join(', ')}.`);
  if (cloudAssistant !== undefined && typeof cloudAssistant !== 'boolean') throw new AdminError(400, 'InvalidParameter', '"cloudAssistant" must be true or false.');
  return { ...(Status !== undefined ? { Status: Status as InstanceStatus } : {}), ...(cloudAssistant !== undefined ? { cloudAssistant } : {}) };
}

class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new AdminError(400, 'InvalidParameter', `The body is not valid JSON: ${(e as Error).message}`);
  }
}

/** The clock may move by at most ten years in one call, and be set only within 2000–2100: beyond, time math breaks. */
export const MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600;
export const CLOCK_FROM_MS = Date.UTC(2000, 0, 1);
export const CLOCK_UNTIL_MS = Date.UTC(2100, 0, 1);
/** The largest admin body (a fault list or a clock update is a few hundred bytes). */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

function clockUpdate(ctl: AdminController, input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new AdminError(400, 'InvalidParameter', 'Expected {"now": ISO} or {"advanceSeconds": N} (optionally "speed").');
  const { now, advanceSeconds, speed } = input as { now?: unknown; advanceSeconds?: unknown; speed?: unknown };
  if (now === undefined && advanceSeconds === undefined && speed === undefined) throw new AdminError(400, 'MissingParameter', 'Expected "now", "advanceSeconds" or "speed".');
  if (now !== undefined && (typeof now !== 'string' || !Number.isFinite(Date.parse(now)))) throw new AdminError(400, 'InvalidParameter', '"now" must be an ISO-8601 time.');
  if (advanceSeconds !== undefined) {
    if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds)) throw new AdminError(400, 'InvalidParameter', '"advanceSeconds" must be a number.');
    if (Math.abs(advanceSeconds) > MAX_ADVANCE_SECONDS) throw new AdminError(400, 'InvalidParameter', `"advanceSeconds" must be at most ${MAX_ADVANCE_SECONDS} (ten years) either way.`);
  }
  if (speed !== undefined && (typeof speed !== 'number' || !Number.isFinite(speed) || speed < 0)) throw new AdminError(400, 'InvalidParameter', '"speed" must be a number >= 0.');
  // Checked before anything moves: the clock ends between 2000 and 2100, or the call changes nothing.
  if (now !== undefined || advanceSeconds !== undefined) {
    const target = (typeof now === 'string' ? Date.parse(now) : ctl.clock().nowSeconds * 1000) + (typeof advanceSeconds === 'number' ? advanceSeconds * 1000 : 0);
    if (target < CLOCK_FROM_MS || target >= CLOCK_UNTIL_MS) throw new AdminError(400, 'InvalidParameter', 'The clock must stay between 2000-01-01 and 2100-01-01; it was not moved.');
  }
  if (typeof now === 'string') ctl.setClock(now);
  if (typeof advanceSeconds === 'number') ctl.advanceClock(advanceSeconds);
  if (typeof speed === 'number') ctl.setSpeed(speed);
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, path: string, ctl: AdminController): Promise<void> {
  const requestId = newRequestId();
  const route = `${req.method ?? 'GET'} ${path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')}`;
  try {
    let body: Buffer;
    try {
      body = await readBody(req, MAX_ADMIN_BODY_BYTES);
    } catch (e) {
      if (e instanceof BodyTooLargeError) throw new AdminError(413, 'InvalidParameter', `The admin body exceeds ${MAX_ADMIN_BODY_BYTES} bytes.`);
      throw e;
    }
    const instanceRoute = /^POST instances\/(i-[a-z0-9]{1,64})$/.exec(route);
    if (instanceRoute) {
      const updated = ctl.setInstance(instanceRoute[1], instancePatch(parseJson(body)));
      if (!updated) throw new AdminError(404, 'InvalidInstanceId.NotFound', `No instance ${instanceRoute[1]} in the scenario.`);
      return sendJson(res, 200, updated);
    }
    switch (route) {
      case 'GET state':
        return sendJson(res, 200, ctl.snapshot());
      case 'GET requests':
        return sendJson(res, 200, ctl.requests());
      case 'GET sessions/secrets':
        return sendJson(res, 200, ctl.issuedSecrets());
      case 'DELETE requests':
        ctl.clearRequests();
        return sendJson(res, 200, { ok: true });
      case 'POST reset':
        ctl.reset();
        return sendJson(res, 200, { ok: true, ...ctl.clock() });
      case 'GET clock':
        return sendJson(res, 200, ctl.clock());
      case 'POST clock':
        clockUpdate(ctl, parseJson(body));
        return sendJson(res, 200, ctl.clock());
      case 'GET faults':
        return sendJson(res, 200, ctl.faults());
      case 'POST faults':
      case 'PUT faults':
        try {
          ctl.setFaults(parseFaultRules(parseJson(body)));
        } catch (e) {
          if (e instanceof FaultValidationError) throw new AdminError(400, 'InvalidParameter', e.message);
          throw e;
        }
        return sendJson(res, 200, ctl.faults());
      case 'DELETE faults':
        ctl.clearFaults();
        return sendJson(res, 200, []);
      default:
        throw new AdminError(404, 'InvalidApi.NotFound', `Unknown admin route: ${route}. Routes: GET state, GET sessions/secrets, GET requests, DELETE requests, POST reset, GET/POST clock, GET/POST/DELETE faults, POST instances/<InstanceId>.`);
    }
  } catch (e) {
    const err = e instanceof AdminError ? e : new AdminError(500, 'InternalError', (e as Error).message);
    sendJson(res, err.status, errorBody(requestId, req.headers.host ?? 'localhost', err.code, err.message), requestId);
  }
}
