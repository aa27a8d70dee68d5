// The drill evidence record: what the extension learns about one drill, kept long after the drill is cleared so that
// an audit can ask "when was each replicated disk last drilled, from which recovery point, how long did it take, and
// did it work?". One JSON file per drill (store.ts), schema-versioned; times are ISO 8601 strings in UTC so the files
// read well in a code review. The record also carries the tracker's state of the drill (`tracking`): the record store
// is the drill tracker's shared state across windows. Pure: types and small helpers only.
import { drillKey } from '../drills/model';
import type { DrillDiskStatus, DrillStatus } from '../ebs/types';

export const EVIDENCE_SCHEMA_VERSION = 1;

export type EvidenceKind = 'pair' | 'group';

/** The user's verdict on a drill, asked (optionally) when it is cleared. */
export type Verdict = 'passed' | 'failed' | 'notChecked';

/** Who did something: the OS user and the profile (never a secret). */
export interface Actor {
  osUser: string;
  profileName: string;
}

/** What happened to a drill, in the order it was learned. */
export type EvidenceEventType =
  /** StartPairDrill / StartReplicaGroupDrill answered (or the drill of an uncertain start was found). */
  | 'started'
  /** Found executing (or holding a disk) by the tree or the tracker, not started by this extension's window. */
  | 'discovered'
  /** First observed `executed`: the drill disk is usable. */
  | 'executed'
  /** Observed `execute_failed` (with the StatusMessage). */
  | 'failed'
  /** ClearPairDrill / ClearReplicaGroupDrill answered. */
  | 'clearRequested'
  /** Observed `clear_failed`. */
  | 'clearFailed'
  /** Disappeared from the listing after a clear. */
  | 'cleared'
  /** Disappeared from the listing without a clear seen here (cleared elsewhere, or the pair was deleted). */
  | 'gone'
  /** The user's verdict and notes were recorded. */
  | 'verdict'
  /** Verify Drill began (instance and check script chosen and confirmed). */
  | 'verifyStarted'
  /** AttachDisk answered / the disk was seen In_use on the verification instance (`diskId`, `instanceId`). */
  | 'diskAttached'
  /** The disk was seen Available again after DetachDisk (`diskId`). */
  | 'diskDetached'
  /** DetachDisk failed or the disk did not come back Available: it stays attached and billed (`diskId`). */
  | 'detachFailed'
  /** The check ran on every drill disk and exited 0. */
  | 'verifyPassed'
  /** The check ran and exited non-zero on some drill disk. */
  | 'verifyFailed'
  /** The verification did not finish (timeout, cancellation, an API error): no verdict. */
  | 'verifyIncomplete';

export interface EvidenceEvent {
  type: EvidenceEventType;
  /** ISO 8601 (UTC). */
  at: string;
  requestId?: string;
  by?: Actor;
  statusMessage?: string;
  /** Verification events: the drill disk and the verification instance concerned. */
  diskId?: string;
  instanceId?: string;
}

/**
 * Where a verification stands: `verifying` while it runs, `passed` / `failed` by the check's exit code on every drill
 * disk, `incomplete` when it did not get a verdict (timeout, cancellation, an API error; `problem` says which).
 */
export type VerificationState = 'verifying' | 'passed' | 'failed' | 'incomplete';

/** One drill disk's part of a verification. */
export interface VerificationDisk {
  pairId?: string;
  diskId: string;
  /** ISO: AttachDisk requested, and the disk seen In_use on the instance. */
  attachRequestedAt?: string;
  attachedAt?: string;
  attachRequestId?: string;
  /** Cloud Assistant's invocation (`t-…`) and its final per-instance status (`Success`, `Failed`, `Timeout`, …). */
  invokeId?: string;
  invocationStatus?: string;
  /** Cloud Assistant's ErrorCode / ErrorInfo for the instance, when it gave one (`ExitCodeNonzero`, `ClientNotRunning`, …). */
  errorCode?: string;
  errorInfo?: string;
  exitCode?: number;
  /** The first part of the check's output (at most OUTPUT_EXCERPT_CHARS), and whether more was cut. */
  output?: string;
  outputTruncated?: boolean;
  /** ISO: the check started and ended on the instance. */
  checkStartedAt?: string;
  checkFinishedAt?: string;
  /** Filesystem type the wrapper found (`EBS-DR: filesystem=…`). */
  filesystem?: string;
  /** ISO: DetachDisk requested, and the disk seen Available again. */
  detachRequestedAt?: string;
  detachedAt?: string;
  detachRequestId?: string;
  /** Why the detach failed (code and message); set while the disk stays attached. */
  detachProblem?: string;
  verdict?: 'passed' | 'failed';
}

/** The last verification of a drill (earlier attempts remain in `events`). */
export interface Verification {
  state: VerificationState;
  instance: { instanceId: string; name?: string; zoneId: string };
  /** The check that ran: built in, or the team's script (its file name relative to the evidence folder). */
  script: { source: 'builtin' | 'team'; name: string; sha256: string };
  timeoutSeconds: number;
  by: Actor;
  /** ISO: started, ended (any outcome), and the moment it passed (the last disk's check passed). */
  startedAt: string;
  finishedAt?: string;
  verifiedAt?: string;
  disks: VerificationDisk[];
  /** Why it is `incomplete` (or what else went wrong): a short sentence, never a secret. */
  problem?: string;
}

/**
 * A verification still `verifying` long after it could have ended (its window closed mid-way) is not running any more:
 * its timeout per disk, plus time for attaching and detaching every disk, has passed.
 */
export function isVerificationRunning(v: Verification, nowMs: number): boolean {
  if (v.state !== 'verifying') return false;
  const started = ms(v.startedAt);
  const budgetMs = (v.timeoutSeconds + 20 * 60) * 1000 * Math.max(1, v.disks.length);
  return started !== undefined && nowMs - started < budgetMs;
}

/** How much of a check's output a record keeps. */
export const OUTPUT_EXCERPT_CHARS = 4000;

/** The disks of the drill as last observed. */
export interface EvidenceDisk {
  pairId?: string;
  diskId: string;
  status?: DrillDiskStatus;
}

/** The tracker's state of a drill, shared by every window through the record store. */
export interface TrackingState {
  /** True while some window should follow or remind of the drill (false once it is cleared, gone or forgotten). */
  active: boolean;
  /** The tracker's `followed` flag: the drill was seen executing or clearing (its completion is announced). */
  followed: boolean;
  /** Billable disks the drill held when a clear was requested. */
  disksAtClear?: string[];
}

export interface DrillEvidence {
  schemaVersion: typeof EVIDENCE_SCHEMA_VERSION;
  kind: EvidenceKind;
  drillId: string;
  /** The profile whose account owns the drill: its id (the tracker's account), name and AccessKey ID. Never a secret. */
  account: { profileId: string; profileName: string; accessKeyId?: string };
  /** The pair (`pair-…`) or replica group (`pg-…`); a group's member pairs when known. */
  owner: { id: string; name?: string; memberPairIds?: string[] };
  /** Production (source) region of the pair or group, when known. */
  sourceRegionId?: string;
  /** The DR (destination) region the drill runs in. */
  regionId: string;
  /** Zone of the drill disk(s). */
  zoneId?: string;
  /** The pair's or group's RPO setting when the drill was started (seconds), when known. */
  rpoSeconds?: number;
  /** Every drill disk ID ever seen for the drill. */
  drillDiskIds: string[];
  /** The recovery point the drill cloned (ISO). */
  recoveryPoint?: string;
  /** The service's `StartAt` (ISO). */
  startAt?: string;
  /** Last time the drill was observed still `executing` (ISO): the figure's lower bound. */
  lastExecutingAt?: string;
  /** First time the drill was observed `executed` (ISO). */
  firstExecutedAt?: string;
  /** First time it was observed `execute_failed` (ISO) and the StatusMessage. */
  failedAt?: string;
  statusMessage?: string;
  /** When a clear was requested and when the drill was seen gone after it (ISO). */
  clearRequestedAt?: string;
  clearedAt?: string;
  /** When the drill disappeared without a clear seen here (ISO). */
  goneAt?: string;
  startRequestId?: string;
  clearRequestId?: string;
  startedBy?: Actor;
  clearedBy?: Actor;
  /** Version of the extension that wrote the record first, and last. */
  extensionVersion: string;
  verdict?: Verdict;
  notes?: string;
  verdictBy?: Actor;
  verdictAt?: string;
  /** The last Verify Drill of this drill, when there was one. */
  verification?: Verification;
  /** The drill's status as last observed, and when that status was first seen (ISO). */
  status: DrillStatus;
  statusAt: string;
  disks: EvidenceDisk[];
  tracking: TrackingState;
  /** Every event in time order. */
  events: EvidenceEvent[];
  /** ISO: last write. */
  updatedAt: string;
}

/** Identifies a drill's record: the tracker's own key of the drill (`<kind>/<DR region>/<owner>/<DrillId>`). */
export function evidenceKey(r: { kind: EvidenceKind; regionId: string; drillId: string; owner: { id: string } }): string {
  return drillKey({ kind: r.kind, regionId: r.regionId, ownerId: r.owner.id, drillId: r.drillId });
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/** Unix ms of an ISO time of a record; undefined when absent or unreadable. */
export function ms(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}
