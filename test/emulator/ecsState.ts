// The ECS side of the emulated world: instances, the attach state of drill disks, and Cloud Assistant invocations
// (scripts really run in per-instance sandboxes, see sandbox/sandbox.ts). Advanced by tick() on the emulator clock.
import type { ChildProcess } from 'node:child_process';
import { SandboxRoot } from './sandbox/sandbox';
import { randomId, utcSeconds } from './state';
import type { DiskContents, EcsInstance, InstanceStatus } from './types';

export type EcsDiskStatus = 'Creating' | 'Available' | 'Attaching' | 'In_use' | 'Detaching';

/** A drill disk as the drills hold it (EBS side): Creating while the drill executes, Available once created. */
export interface DrillDiskRef {
  DiskId: string;
  Status: 'Creating' | 'Available';
  RegionId: string;
  ZoneId: string;
  CreationMs: number;
  AccountId: string;
  PairId: string;
  DrillId: string;
  contents: DiskContents;
}

interface Attachment {
  InstanceId: string;
  Status: 'Attaching' | 'In_use' | 'Detaching';
  /** When Attaching → In_use or Detaching → Available happens. */
  atMs: number;
  /** The device the instance sees, `vdb`, `vdc`, … */
  guestDevice: string;
  AttachedTime: string;
}

interface DiskOverlay {
  attachment?: Attachment;
  DetachedTime: string;
  AttachedTime: string;
  DeleteWithInstance: boolean;
}

/** A drill disk as ECS shows it. */
export interface EcsDisk extends Omit<DrillDiskRef, 'Status'> {
  Status: EcsDiskStatus;
  InstanceId: string;
  /** The API's (deprecated) device name, `/dev/xvdb`; "" when not attached. */
  Device: string;
  /** The device the instance sees, `vdb`; "" when not attached. */
  guestDevice: string;
  AttachedTime: string;
  DetachedTime: string;
  DeleteWithInstance: boolean;
}

export type InvocationStatus = 'Running' | 'Success' | 'Failed' | 'Timeout';

/** One instance's run of an invocation. */
export interface InstanceRun {
  InstanceId: string;
  status: InvocationStatus;
  ExitCode?: number;
  ErrorCode: string;
  ErrorInfo: string;
  startMs: number;
  finishedMs?: number;
  child?: ChildProcess;
  outputFile?: string;
  /** The whole output once finished (the file may be gone after a reset). */
  output?: Buffer;
}

export interface Invocation {
  InvokeId: string;
  CommandId: string;
  RegionId: string;
  AccountId: string;
  Name: string;
  Description: string;
  /** The decoded script as submitted (before the /dev/disk/by-id/ rewrite). */
  Script: string;
  Timeout: number;
  WorkingDir: string;
  Username: string;
  creationMs: number;
  runs: InstanceRun[];
}

/** Heartbeats every minute while the instance runs with its agent. */
const HEARTBEAT_MS = 60_000;

export class EcsWorld {
  readonly instances = new Map<string, EcsInstance>();
  private readonly overlays = new Map<string, DiskOverlay>();
  readonly invocations = new Map<string, Invocation>();
  /** Emulator ms of the last heartbeat of instances whose agent went offline (setInstance). */
  private readonly lastHeartbeatMs = new Map<string, number>();
  readonly sandbox = new SandboxRoot();
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    instances: readonly EcsInstance[],
    readonly attachSeconds: number,
    readonly detachSeconds: number,
    private readonly drillDisks: () => DrillDiskRef[],
    private readonly clock: () => number,
  ) {
    for (const i of instances) this.instances.set(i.InstanceId, { ...i });
  }

  findInstance(instanceId: string, accountId: string): EcsInstance | undefined {
    const i = this.instances.get(instanceId);
    return i && i.AccountId === accountId ? i : undefined;
  }

  agentOnline(i: EcsInstance): boolean {
    return i.cloudAssistant && i.Status === 'Running';
  }

  /** The last heartbeat (emulator ms), or undefined when the agent never sent one. */
  lastHeartbeat(i: EcsInstance, nowMs: number): number | undefined {
    if (this.agentOnline(i)) return nowMs - (nowMs % HEARTBEAT_MS);
    return this.lastHeartbeatMs.get(i.InstanceId);
  }

  /** Admin: changes an instance's Status or its agent; a stopped instance loses its running scripts' results as Failed. */
  setInstance(instanceId: string, patch: { Status?: InstanceStatus; cloudAssistant?: boolean }, nowMs: number): EcsInstance | undefined {
    const i = this.instances.get(instanceId);
    if (!i) return undefined;
    const wasOnline = this.agentOnline(i);
    if (patch.Status !== undefined) i.Status = patch.Status;
    if (patch.cloudAssistant !== undefined) i.cloudAssistant = patch.cloudAssistant;
    if (wasOnline && !this.agentOnline(i)) this.lastHeartbeatMs.set(i.InstanceId, nowMs - (nowMs % HEARTBEAT_MS));
    return i;
  }

  // ---- disks ----

  /** Every drill disk with its ECS status, attach state applied. */
  disks(): EcsDisk[] {
    const refs = this.drillDisks();
    const live = new Set(refs.map((d) => d.DiskId));
    for (const id of this.overlays.keys()) if (!live.has(id)) this.overlays.delete(id);
    return refs.map((ref) => {
      const o = this.overlays.get(ref.DiskId);
      const a = ref.Status === 'Available' ? o?.attachment : undefined;
      const shown = a && a.Status !== 'Attaching';
      return {
        ...ref,
        Status: a ? a.Status : ref.Status,
        InstanceId: shown ? a.InstanceId : '',
        Device: shown ? `/dev/xv${a.guestDevice.slice(1)}` : '',
        guestDevice: shown ? a.guestDevice : '',
        AttachedTime: o?.AttachedTime ?? '',
        DetachedTime: o?.DetachedTime ?? '',
        DeleteWithInstance: o?.DeleteWithInstance ?? false,
      };
    });
  }

  disk(diskId: string): EcsDisk | undefined {
    return this.disks().find((d) => d.DiskId === diskId);
  }

  /** Available → Attaching (→ In_use after attachSeconds). Preconditions are the operation's. */
  attach(diskId: string, instanceId: string, deleteWithInstance: boolean, nowMs: number): void {
    const used = new Set([...this.overlays.values()].flatMap((o) => (o.attachment?.InstanceId === instanceId ? [o.attachment.guestDevice] : [])));
    let letter = 'b';
    while (used.has(`vd${letter}`)) letter = String.fromCharCode(letter.charCodeAt(0) + 1);
    const prev = this.overlays.get(diskId);
    this.overlays.set(diskId, {
      attachment: { InstanceId: instanceId, Status: 'Attaching', atMs: nowMs + this.attachSeconds * 1000, guestDevice: `vd${letter}`, AttachedTime: '' },
      AttachedTime: prev?.AttachedTime ?? '',
      DetachedTime: prev?.DetachedTime ?? '',
      DeleteWithInstance: deleteWithInstance,
    });
    this.tick(nowMs);
  }

  /** In_use → Detaching (→ Available after detachSeconds). */
  detach(diskId: string, nowMs: number): void {
    const o = this.overlays.get(diskId);
    if (!o?.attachment) return;
    o.attachment.Status = 'Detaching';
    o.attachment.atMs = nowMs + this.detachSeconds * 1000;
    this.syncDevices(o.attachment.InstanceId);
    this.tick(nowMs);
  }

  /** Disks the instance sees now (In_use only: a detaching disk is already gone from the guest). */
  private syncDevices(instanceId: string): void {
    const disks = this.disks()
      .filter((d) => d.Status === 'In_use' && d.InstanceId === instanceId)
      .map((d) => ({ diskId: d.DiskId, guestDevice: d.guestDevice, contents: d.contents }));
    this.sandbox.syncDevices(instanceId, disks);
  }

  // ---- Cloud Assistant ----

  /** Creates an invocation; each instance's script starts now (or fails at once when it cannot run). */
  invoke(inv: Omit<Invocation, 'InvokeId' | 'CommandId' | 'runs' | 'creationMs'>, instances: readonly EcsInstance[], nowMs: number): Invocation {
    const short = regionShort(inv.RegionId);
    const invocation: Invocation = { ...inv, InvokeId: randomId(`t-${short}0`, 14), CommandId: randomId(`c-${short}0`, 14), creationMs: nowMs, runs: [] };
    for (const instance of instances) {
      const run: InstanceRun = { InstanceId: instance.InstanceId, status: 'Running', ErrorCode: '', ErrorInfo: '', startMs: nowMs };
      invocation.runs.push(run);
      if (instance.Status !== 'Running') {
        Object.assign(run, { status: 'Failed', ErrorCode: 'InstanceNotRunning', ErrorInfo: 'the specified instance is not running.', finishedMs: nowMs, output: Buffer.alloc(0) });
        continue;
      }
      if (!instance.cloudAssistant) {
        Object.assign(run, { status: 'Failed', ErrorCode: 'ClientNotRunning', ErrorInfo: 'the Cloud Assistant agent is not running.', finishedMs: nowMs, output: Buffer.alloc(0) });
        continue;
      }
      this.syncDevices(instance.InstanceId);
      const started = this.sandbox.run(instance.InstanceId, invocation.InvokeId, inv.Script);
      run.child = started.child;
      run.outputFile = started.outputFile;
      started.child.on('error', (e) => this.finish(run, 127, Buffer.from(`bash: ${e.message}\n`)));
      started.child.on('exit', (code, signal) => this.finish(run, code ?? 128 + signalNumber(signal)));
    }
    this.invocations.set(invocation.InvokeId, invocation);
    this.ensureTimer();
    return invocation;
  }

  private finish(run: InstanceRun, exitCode: number, extra?: Buffer): void {
    if (run.status !== 'Running' || this.disposed) return;
    const nowMs = this.clock();
    run.output = Buffer.concat([this.runOutput(run), extra ?? Buffer.alloc(0)]);
    run.child = undefined;
    run.ExitCode = exitCode;
    run.finishedMs = Math.max(nowMs, run.startMs);
    run.status = exitCode === 0 ? 'Success' : 'Failed';
    if (exitCode !== 0) {
      run.ErrorCode = 'ExitCodeNonzero';
      run.ErrorInfo = 'the command execution exit code is not zero.';
    }
  }

  /** The output so far (the kept copy once finished). */
  runOutput(run: InstanceRun): Buffer {
    if (run.output) return run.output;
    return run.outputFile ? this.sandbox.output(run.InstanceId, run.outputFile) : Buffer.alloc(0);
  }

  private ensureTimer(): void {
    if (this.timer || this.disposed) return;
    this.timer = setInterval(() => {
      this.tick(this.clock());
      if (![...this.invocations.values()].some((inv) => inv.runs.some((r) => r.status === 'Running'))) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, 200);
    this.timer.unref();
  }

  /** Attach and detach transitions due by `nowMs`; scripts past StartTime + Timeout are killed (Timeout). */
  tick(nowMs: number): void {
    const changed = new Set<string>();
    for (const o of this.overlays.values()) {
      const a = o.attachment;
      if (!a || nowMs < a.atMs) continue;
      if (a.Status === 'Attaching') {
        a.Status = 'In_use';
        a.AttachedTime = utcSeconds(a.atMs);
        o.AttachedTime = a.AttachedTime;
        changed.add(a.InstanceId);
      } else if (a.Status === 'Detaching') {
        o.DetachedTime = utcSeconds(a.atMs);
        o.attachment = undefined;
      }
    }
    for (const id of changed) this.syncDevices(id);
    for (const inv of this.invocations.values()) {
      for (const run of inv.runs) {
        if (run.status !== 'Running' || nowMs < run.startMs + inv.Timeout * 1000) continue;
        const child = run.child;
        run.output = this.runOutput(run);
        run.child = undefined;
        run.status = 'Timeout';
        run.ErrorCode = 'ExecutionTimeout';
        run.ErrorInfo = 'the command execution has timed out.';
        run.finishedMs = run.startMs + inv.Timeout * 1000;
        killGroup(child);
      }
    }
  }

  /** Kills every running script and removes the sandboxes. */
  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const inv of this.invocations.values()) for (const run of inv.runs) killGroup(run.child);
    this.sandbox.dispose();
  }
}

function killGroup(child: ChildProcess | undefined): void {
  if (!child?.pid) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const SIGNALS: Readonly<Record<string, number>> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGABRT: 6, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGTERM: 15 };

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal ? (SIGNALS[signal] ?? 1) : 0;
}

const REGION_SHORT: Readonly<Record<string, string>> = { 'cn-hangzhou': 'hz', 'cn-shanghai': 'sh', 'cn-beijing': 'bj', 'cn-shenzhen': 'sz', 'cn-qingdao': 'qd', 'cn-hongkong': 'hk', 'ap-southeast-1': 'sg' };

/** The short region tag command and invocation ids carry (`c-hz0…`, `t-sh0…`). */
function regionShort(regionId: string): string {
  if (REGION_SHORT[regionId]) return REGION_SHORT[regionId];
  const parts = regionId.split('-');
  return `${parts[1]?.[0] ?? 'x'}${parts[1]?.[1] ?? 'x'}`.toLowerCase();
}
