// Verify Drill's flow for one drill: for each drill disk, attach it to the verification instance, run the check
// through Cloud Assistant, and always detach it again; every step is written to the drill record as it happens.
// Pure: ECS, the clock and the record are ports. The facts it relies on: docs/verification.md, docs/ecs-api.md.
import type { SleepFn } from '../ebs/deadline';
import { EbsError, isCancellation, LocalErrorCode, toEbsError } from '../ebs/errors';
import type { EcsApi, EcsDisk, InvocationResult } from '../ecs/types';
import { Actor, iso, OUTPUT_EXCERPT_CHARS, Verification, VerificationDisk } from '../evidence/evidence';
import type { EvidenceEventType } from '../evidence/evidence';
import { CheckScript, wrapperFacts, wrapperScript } from './checkScript';

export interface VerifyTarget {
  kind: 'pair' | 'group';
  /** The DR region (where the drill disks are). */
  regionId: string;
  ownerId: string;
  drillId: string;
  zoneId: string;
  disks: readonly { pairId?: string; diskId: string }[];
}

export interface VerificationInstanceChoice {
  instanceId: string;
  name?: string;
  zoneId: string;
}

/** One verification's step, for the progress notification. */
export interface VerifyStep {
  step: 'attaching' | 'checking' | 'detaching';
  diskId: string;
  index: number;
  count: number;
}

export interface VerifyPorts {
  ecs: EcsApi;
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts (ebs/deadline.ts realSleep). */
  sleep: SleepFn;
  /** Writes the verification (a snapshot) and the event to the drill record. */
  record(verification: Verification, event?: { type: EvidenceEventType; diskId?: string; instanceId?: string }): Promise<void>;
  progress?(step: VerifyStep): void;
}

export interface VerifyOptions {
  instance: VerificationInstanceChoice;
  check: CheckScript;
  timeoutSeconds: number;
  by: Actor;
  /** The user's cancellation: stops attaching and waiting; the disk is detached all the same. */
  signal?: AbortSignal;
  pollMs?: number;
  /** How long an attach or a detach may take before it counts as failed (default 10 min; detaching takes about 1 min). */
  diskStateTimeoutMs?: number;
  /** Extra time beyond the invocation's Timeout to wait for Cloud Assistant's final answer (default 2 min). */
  resultGraceMs?: number;
}

export interface DetachFailure {
  diskId: string;
  instanceId: string;
  problem: string;
  error?: EbsError;
  /** DescribeDisks confirmed the disk is still In_use on the instance; false: its state could not be confirmed. */
  stillAttached: boolean;
}

export interface VerifyOutcome {
  verification: Verification;
  /** Disks still attached (and billed) because the detach failed. */
  detachFailures: DetachFailure[];
  /** The error that ended the verification early, when one did (not a cancellation). */
  error?: EbsError;
  cancelled: boolean;
}

const FINAL_STATUSES = new Set(['Success', 'Failed', 'Timeout', 'Error', 'Invalid', 'Aborted', 'Cancelled', 'Terminated']);
const DEFAULT_POLL_MS = 2000;
const DEFAULT_DISK_STATE_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_RESULT_GRACE_MS = 2 * 60_000;

class Cancelled extends Error {}

const problemOf = (error: EbsError): string => `${error.code}: ${error.serverMessage ?? error.message}`;

/** Runs Verify Drill for every drill disk of the target, in turn. Never throws for an API failure: the outcome says. */
export async function verifyDrill(target: VerifyTarget, options: VerifyOptions, ports: VerifyPorts): Promise<VerifyOutcome> {
  const run = new VerificationRun(target, options, ports);
  return run.run();
}

/** Detaches a disk a verification left attached (the Retry of a failed detach); updates the record. */
export async function retryDetach(verification: Verification, target: VerifyTarget, diskId: string, options: Pick<VerifyOptions, 'pollMs' | 'diskStateTimeoutMs'>, ports: VerifyPorts): Promise<DetachFailure | undefined> {
  const run = new VerificationRun(target, { instance: verification.instance, check: { source: verification.script.source, name: verification.script.name, sha256: verification.script.sha256 }, timeoutSeconds: verification.timeoutSeconds, by: verification.by, ...options }, ports, structuredClone(verification));
  const disk = run.verification.disks.find((d) => d.diskId === diskId);
  if (disk === undefined) return undefined;
  return run.detach(disk, 0, 1);
}

class VerificationRun {
  readonly verification: Verification;
  private readonly pollMs: number;
  private readonly diskStateTimeoutMs: number;

  constructor(
    private readonly target: VerifyTarget,
    private readonly options: VerifyOptions,
    private readonly ports: VerifyPorts,
    existing?: Verification,
  ) {
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.diskStateTimeoutMs = options.diskStateTimeoutMs ?? DEFAULT_DISK_STATE_TIMEOUT_MS;
    this.verification = existing ?? {
      state: 'verifying',
      instance: { ...options.instance },
      script: { source: options.check.source, name: options.check.name, sha256: options.check.sha256 },
      timeoutSeconds: options.timeoutSeconds,
      by: options.by,
      startedAt: iso(ports.now()),
      disks: target.disks.map((d) => (d.pairId === undefined ? { diskId: d.diskId } : { pairId: d.pairId, diskId: d.diskId })),
    };
  }

  private get instanceId(): string {
    return this.verification.instance.instanceId;
  }

  /** Writes the verification as it stands, with the event (none: only the verification changed). */
  private async save(type: EvidenceEventType | undefined, diskId?: string): Promise<void> {
    const event = type === undefined ? undefined : { type, ...(diskId === undefined ? {} : { diskId }), instanceId: this.instanceId };
    await this.ports.record(structuredClone(this.verification), event);
  }

  private checkCancelled(): void {
    if (this.options.signal?.aborted) throw new Cancelled();
  }

  async run(): Promise<VerifyOutcome> {
    const detachFailures: DetachFailure[] = [];
    let error: EbsError | undefined;
    let cancelled = false;
    await this.save('verifyStarted');
    const count = this.verification.disks.length;
    for (const [index, disk] of this.verification.disks.entries()) {
      let attachedMaybe = false;
      try {
        this.checkCancelled();
        attachedMaybe = true;
        await this.attach(disk, index, count);
        await this.check(disk, index, count);
      } catch (err) {
        if (err instanceof Cancelled || isCancellation(err)) cancelled = true;
        else error = toEbsError(err);
        if (this.verification.problem === undefined) this.verification.problem = cancelled ? 'Cancelled by the user.' : problemOf(error as EbsError);
      }
      if (attachedMaybe) {
        const failure = await this.detach(disk, index, count);
        if (failure !== undefined) detachFailures.push(failure);
      }
      if (cancelled || error !== undefined || disk.verdict === 'failed') break;
    }
    const v = this.verification;
    v.finishedAt = iso(this.ports.now());
    if (v.disks.some((d) => d.verdict === 'failed')) v.state = 'failed';
    else if (v.disks.every((d) => d.verdict === 'passed')) {
      v.state = 'passed';
      v.verifiedAt = v.disks.map((d) => d.checkFinishedAt).filter((t): t is string => t !== undefined).sort().at(-1) ?? v.finishedAt;
    } else {
      v.state = 'incomplete';
      v.problem ??= 'The check did not finish on every drill disk.';
    }
    await this.save(v.state === 'passed' ? 'verifyPassed' : v.state === 'failed' ? 'verifyFailed' : 'verifyIncomplete');
    return { verification: structuredClone(v), detachFailures, error, cancelled };
  }

  private async diskState(diskId: string): Promise<EcsDisk | undefined> {
    const disks = await this.ports.ecs.describeDisks(this.target.regionId, [diskId]);
    return disks.find((d) => d.diskId === diskId);
  }

  /** Polls DescribeDisks until `done` says so; rejects after the disk-state timeout (or on cancellation when `signal`). */
  private async waitForDisk(diskId: string, done: (disk: EcsDisk | undefined) => boolean, what: string, signal?: AbortSignal): Promise<EcsDisk | undefined> {
    const deadline = this.ports.now() + this.diskStateTimeoutMs;
    for (;;) {
      const disk = await this.diskState(diskId);
      if (done(disk)) return disk;
      if (this.ports.now() >= deadline) {
        throw new EbsError({ code: LocalErrorCode.DiskStateTimeout, message: `The disk ${diskId} was still ${disk?.status ?? 'missing'} after ${Math.round(this.diskStateTimeoutMs / 1000)} s (waiting for it to be ${what}).`, retryable: false });
      }
      try {
        await this.ports.sleep(this.pollMs, signal);
      } catch (err) {
        if (signal?.aborted) throw new Cancelled();
        throw err;
      }
    }
  }

  private async attach(disk: VerificationDisk, index: number, count: number): Promise<void> {
    this.ports.progress?.({ step: 'attaching', diskId: disk.diskId, index, count });
    disk.attachRequestedAt = iso(this.ports.now());
    try {
      const { requestId } = await this.ports.ecs.attachDisk({ regionId: this.target.regionId, instanceId: this.instanceId, diskId: disk.diskId });
      if (requestId !== undefined) disk.attachRequestId = requestId;
    } catch (err) {
      // The answer may have been lost after the disk began attaching: only the disk's state says, once it settles
      // (a disk names its instance only when In_use or Detaching, not while Attaching).
      const settled = await this.waitForDisk(disk.diskId, (d) => d === undefined || d.status !== 'Attaching', 'attached or not', this.options.signal).catch(() => undefined);
      if (settled?.status !== 'In_use' || settled.instanceId !== this.instanceId) throw err;
    }
    await this.waitForDisk(disk.diskId, (d) => d?.status === 'In_use' && d.instanceId === this.instanceId, 'In_use', this.options.signal);
    disk.attachedAt = iso(this.ports.now());
    await this.save('diskAttached', disk.diskId);
  }

  private async check(disk: VerificationDisk, index: number, count: number): Promise<void> {
    this.checkCancelled();
    this.ports.progress?.({ step: 'checking', diskId: disk.diskId, index, count });
    const script = wrapperScript({ diskId: disk.diskId, check: this.options.check, timeoutSeconds: this.options.timeoutSeconds });
    // Minutes may have passed since the instance was picked: the agent must still be online, or the check never runs.
    const [agent] = await this.ports.ecs.describeCloudAssistantStatus(this.target.regionId, [this.instanceId]);
    if (!agent?.online) {
      throw new EbsError({ code: LocalErrorCode.CloudAssistantOffline, message: `Cloud Assistant on ${this.instanceId} is not online.`, retryable: false });
    }
    disk.checkStartedAt = iso(this.ports.now());
    const { invokeId } = await this.ports.ecs.runShellScript({
      regionId: this.target.regionId,
      instanceId: this.instanceId,
      script,
      timeoutSeconds: this.options.timeoutSeconds,
      name: `ebs-dr-verify-${this.target.drillId}`.slice(0, 128),
      description: `EBS DR: verify drill ${this.target.drillId}, disk ${disk.diskId}`,
    });
    disk.invokeId = invokeId;
    await this.save(undefined, disk.diskId);
    const result = await this.waitForResult(invokeId);
    this.recordResult(disk, result);
  }

  private async waitForResult(invokeId: string): Promise<InvocationResult> {
    const deadline = this.ports.now() + this.options.timeoutSeconds * 1000 + (this.options.resultGraceMs ?? DEFAULT_RESULT_GRACE_MS);
    for (;;) {
      const results = await this.ports.ecs.describeInvocationResults(this.target.regionId, invokeId);
      const mine = results.find((r) => r.instanceId === this.instanceId);
      if (mine !== undefined && FINAL_STATUSES.has(mine.invocationStatus)) return mine;
      if (this.ports.now() >= deadline) {
        throw new EbsError({ code: LocalErrorCode.CheckResultTimeout, message: `Cloud Assistant gave no final result for ${invokeId} within the check's timeout.`, retryable: false });
      }
      try {
        await this.ports.sleep(this.pollMs, this.options.signal);
      } catch (err) {
        if (this.options.signal?.aborted) throw new Cancelled();
        throw err;
      }
    }
  }

  private recordResult(disk: VerificationDisk, result: InvocationResult): void {
    disk.invocationStatus = result.invocationStatus;
    if (result.errorCode) disk.errorCode = result.errorCode;
    if (result.errorInfo) disk.errorInfo = result.errorInfo;
    if (result.exitCode !== undefined) disk.exitCode = result.exitCode;
    disk.output = result.output.slice(0, OUTPUT_EXCERPT_CHARS);
    disk.outputTruncated = result.output.length > OUTPUT_EXCERPT_CHARS || result.dropped > 0;
    disk.checkFinishedAt = iso(this.ports.now());
    const facts = wrapperFacts(result.output);
    if (facts.filesystem !== undefined) disk.filesystem = facts.filesystem;
    // The verdict is the exit code; a check that never ran to its end (timeout, agent error) has none.
    if (result.invocationStatus === 'Success' && result.exitCode === 0) disk.verdict = 'passed';
    else if (result.invocationStatus === 'Failed' && result.exitCode !== undefined && result.exitCode !== 0) disk.verdict = 'failed';
    else this.verification.problem = `Cloud Assistant: ${result.invocationStatus}${result.errorCode ? ` (${result.errorCode}${result.errorInfo ? `: ${result.errorInfo}` : ''})` : ''}.`;
  }

  /** DetachDisk and wait until Available; returns the failure when the disk stays attached. Not cancellable. */
  async detach(disk: VerificationDisk, index: number, count: number): Promise<DetachFailure | undefined> {
    this.ports.progress?.({ step: 'detaching', diskId: disk.diskId, index, count });
    try {
      // A disk still Attaching cannot be detached yet: wait until it settles.
      let state = await this.waitForDisk(disk.diskId, (d) => d === undefined || (d.status !== 'Attaching' && d.status !== 'Detaching'), 'settled');
      if (state?.status === 'In_use' && state.instanceId === this.instanceId) {
        disk.detachRequestedAt = iso(this.ports.now());
        try {
          const { requestId } = await this.ports.ecs.detachDisk({ regionId: this.target.regionId, instanceId: this.instanceId, diskId: disk.diskId });
          if (requestId !== undefined) disk.detachRequestId = requestId;
        } catch (err) {
          state = await this.diskState(disk.diskId).catch(() => state);
          if (state?.status !== 'Detaching' && state?.status !== 'Available') throw err;
        }
        await this.waitForDisk(disk.diskId, (d) => d === undefined || d.status === 'Available' || (d.instanceId !== undefined && d.instanceId !== this.instanceId), 'Available');
        disk.detachedAt = iso(this.ports.now());
        delete disk.detachProblem;
        await this.save('diskDetached', disk.diskId);
      }
      return undefined;
    } catch (err) {
      const error = toEbsError(err);
      // What the disk is now decides what the user is told: detached after all, still attached, or not known.
      const now = await this.diskState(disk.diskId).catch(() => undefined);
      if (now?.status === 'Available') {
        disk.detachedAt = iso(this.ports.now());
        delete disk.detachProblem;
        await this.save('diskDetached', disk.diskId);
        return undefined;
      }
      disk.detachProblem = problemOf(error);
      await this.save('detachFailed', disk.diskId).catch(() => undefined);
      const stillAttached = now?.status === 'In_use' && now.instanceId === this.instanceId;
      return { diskId: disk.diskId, instanceId: this.instanceId, problem: disk.detachProblem, error, stillAttached };
    }
  }
}
