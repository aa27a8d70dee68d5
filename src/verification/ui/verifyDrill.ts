// Verify Drill (drill context menu, the completion notification, Show Drills, the palette): the verification
// instance, the check script and one confirmation, then the flow of verify.ts with a cancellable progress
// notification; the outcome as a notification, a disk left attached as an error with Retry Detach.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import type { TrackedDrill } from '../../drills/model';
import type { Drills } from '../../drills/ui/drills';
import { realSleep } from '../../ebs/deadline';
import type { EcsApi, EcsDisk } from '../../ecs/types';
import { isVerificationRunning, type Verification } from '../../evidence/evidence';
import type { VerificationRecords } from '../../evidence/ui/evidence';
import { ownerLabel } from '../../drills/model';
import { profilesSideBySide } from '../../replication/ui/sideBySideSettings';
import { COMMAND } from '../../shared/commands';
import type { ActionContext, Actions } from '../../shared/ui/action';
import { localise } from '../../shared/ui/l10n';
import type { Log } from '../../shared/ui/log';
import { setting, SETTING } from '../../shared/ui/settings';
import { BUILT_IN_CHECK_NAME, MIN_TIMEOUT_SECONDS } from '../checkScript';
import { chooseCheck, type CheckChoice } from '../checkSource';
import { formatDuration as durationMessage } from '../../evidence/figures';
import { retryDetach, verifyDrill, type DetachFailure, type VerifyOutcome, type VerifyStep, type VerifyTarget } from '../verify';
import { pickVerificationInstance, RememberedInstances } from './instancePick';

type Context = ActionContext<ConnectedClient>;

export const DEFAULT_TIMEOUT_SECONDS = 600;

export interface VerificationDeps {
  context: vscode.ExtensionContext;
  actions: Actions<ConnectedClient>;
  drills: Drills;
  records: VerificationRecords;
  log: Log;
  /** Tests: how often to poll (default 2 s). */
  pollMs?: () => number | undefined;
}

export interface VerificationTestApi {
  /** Cancels the verifications in flight (as the progress notification's Cancel does). */
  cancel(): void;
  /** Resolves when no verification runs. */
  idle(): Promise<void>;
  running(): number;
  /** The last outcome in this window. */
  lastOutcome(): VerifyOutcome | undefined;
}

export function registerVerification(deps: VerificationDeps): { disposables: vscode.Disposable[]; testApi: VerificationTestApi } {
  const controllers = new Set<AbortController>();
  const runs = new Set<Promise<unknown>>();
  const remembered = new RememberedInstances(deps.context.globalState);
  let last: VerifyOutcome | undefined;
  const command = deps.actions.register(COMMAND.verifyDrill, async (context, arg) => {
    const work = verify(context, deps, remembered, controllers, arg).then((outcome) => {
      if (outcome) last = outcome;
    });
    runs.add(work);
    try {
      await work;
    } finally {
      runs.delete(work);
    }
  });
  return {
    disposables: [command, { dispose: () => controllers.forEach((c) => c.abort()) }],
    testApi: {
      cancel: () => controllers.forEach((c) => c.abort()),
      idle: async () => {
        while (runs.size > 0) await Promise.allSettled([...runs]);
      },
      running: () => runs.size,
      lastOutcome: () => last,
    },
  };
}

function targetOf(drill: TrackedDrill, zoneId: string): VerifyTarget {
  return { kind: drill.kind, regionId: drill.regionId, ownerId: drill.ownerId, drillId: drill.drillId, zoneId, disks: drill.disks.map((d) => ({ pairId: d.pairId, diskId: d.diskId })) };
}

async function verify(context: Context, deps: VerificationDeps, remembered: RememberedInstances, controllers: Set<AbortController>, arg: unknown): Promise<VerifyOutcome | undefined> {
  const picked = await deps.drills.drillOf(context, arg, vscode.l10n.t('Verify Drill'), (d) => d.status === 'executed');
  if (!picked) return undefined;
  const drill = deps.drills.current(picked) ?? picked;
  context.errorPrefix = vscode.l10n.t('Could not verify drill {0}:', drill.drillId);
  if (drill.status !== 'executed' || drill.disks.length === 0) {
    void context.input.notify('info', vscode.l10n.t('Drill {0} cannot be verified yet: only a drill whose drill disk is ready (executed) can be verified.', drill.drillId));
    return undefined;
  }
  const previous = deps.records.of(drill);
  if (previous && isVerificationRunning(previous, Date.now())) {
    void context.input.notify('info', vscode.l10n.t('Drill {0} is being verified already (on {1}, by {2}).', drill.drillId, previous.instance.name ?? previous.instance.instanceId, previous.by.osUser));
    return undefined;
  }
  const connected = await context.requireConnection(profilesSideBySide() ? drill.account : undefined);
  const ecs: EcsApi = connected.ecs;
  const controller = new AbortController();
  controllers.add(controller);
  try {
    const disks = await ecs.describeDisks(drill.regionId, drill.disks.map((d) => d.diskId), { signal: controller.signal });
    const zoneId = usableZone(context, drill, disks);
    if (zoneId === undefined) return undefined;
    const profileId = connected.connection.profileId;
    const instance = await pickVerificationInstance(context.input, ecs, { regionId: drill.regionId, zoneId, drillId: drill.drillId }, remembered.get(profileId, zoneId), controller.signal);
    if (instance === undefined || instance === 'none') return undefined;
    const choice = await chooseCheck({ id: drill.ownerId, name: drill.ownerName }, checkFiles(deps.records.teamFolder()), vscode.workspace.isTrusted);
    const timeoutSeconds = Math.max(MIN_TIMEOUT_SECONDS, setting<number>(SETTING.verificationTimeoutSeconds, DEFAULT_TIMEOUT_SECONDS));
    const instanceLabel = instance.name ? `${instance.name} (${instance.instanceId})` : instance.instanceId;
    const confirmed = await context.input.confirm(
      vscode.l10n.t('Verify drill {0} on {1}?', drill.drillId, instanceLabel),
      confirmationDetail(drill, instanceLabel, zoneId, choice, timeoutSeconds),
      vscode.l10n.t('Verify'),
    );
    if (!confirmed) return undefined;
    await remembered.set(profileId, zoneId, instance.instanceId);
    const by = await deps.records.actor(drill);
    const outcome = await withProgress(drill, controller, (report) =>
      verifyDrill(targetOf(drill, zoneId), { instance, check: choice.check, timeoutSeconds, by, signal: controller.signal, pollMs: deps.pollMs?.() }, ports(deps, ecs, drill, report)),
    );
    deps.log.info(`Verify Drill ${drill.drillId} on ${instance.instanceId}: ${outcome.verification.state}${outcome.verification.problem ? ` (${outcome.verification.problem})` : ''}`);
    for (const failure of outcome.detachFailures) reportDetachFailure(context, deps, drill, ecs, failure);
    if (outcome.error && outcome.verification.state !== 'failed') throw outcome.error;
    await announce(context, deps, drill, outcome, instanceLabel);
    return outcome;
  } finally {
    controllers.delete(controller);
  }
}

/** The zone of the drill disks when every one is Available (not attached anywhere); else says why and gives undefined. */
function usableZone(context: Context, drill: TrackedDrill, disks: EcsDisk[]): string | undefined {
  for (const wanted of drill.disks) {
    const disk = disks.find((d) => d.diskId === wanted.diskId);
    if (!disk) {
      void context.input.notify('warning', vscode.l10n.t('Drill disk {0} of drill {1} was not found in {2}. Refresh the view: the drill may have been cleared.', wanted.diskId, drill.drillId, drill.regionId));
      return undefined;
    }
    if (disk.status !== 'Available') {
      const where = disk.instanceId ? vscode.l10n.t('attached to {0}', disk.instanceId) : disk.status;
      void context.input.notify('warning', vscode.l10n.t('Drill disk {0} is {1}: Verify Drill attaches only a drill disk that is attached nowhere. Detach it (or wait for the verification running on it), then try again.', disk.diskId, where));
      return undefined;
    }
  }
  return disks.find((d) => d.diskId === drill.disks[0]?.diskId)?.zoneId;
}

function checkFiles(folder: string | undefined): { read(path: string): Promise<string | undefined> } | undefined {
  if (folder === undefined) return undefined;
  return {
    read: async (relative) => {
      try {
        return await readFile(join(folder, relative), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

function confirmationDetail(drill: TrackedDrill, instanceLabel: string, zoneId: string, choice: CheckChoice, timeoutSeconds: number): string {
  const disks = drill.disks.map((d) => d.diskId).join(', ');
  const lines = [
    vscode.l10n.t('Drill disk {0} of {1} is attached to {2} in zone {3}, mounted read-only and checked through Cloud Assistant (as root), then detached again, also when the check fails or you cancel.', disks, ownerLabel(drill), instanceLabel, zoneId),
    choice.check.source === 'team'
      ? vscode.l10n.t('Check: {0} from the evidence folder (SHA-256 {1}), run with the mount point in EBS_DR_MOUNT.', choice.check.name, choice.check.sha256)
      : vscode.l10n.t('Check: {0} (the filesystem type, a check that modifies nothing, and the top-level listing).', BUILT_IN_CHECK_NAME),
    vscode.l10n.t('Timeout: {0} per drill disk.', localise(durationMessage(timeoutSeconds * 1000))),
  ];
  if (choice.notTrusted) lines.push(vscode.l10n.t('The team\'s check {0} is not run in Restricted Mode: trust this workspace to run it.', choice.notTrusted));
  return lines.join('\n\n');
}

function stepText(step: VerifyStep): string {
  const disk = step.count > 1 ? vscode.l10n.t('{0} ({1} of {2})', step.diskId, String(step.index + 1), String(step.count)) : step.diskId;
  switch (step.step) {
    case 'attaching':
      return vscode.l10n.t('Attaching {0}…', disk);
    case 'checking':
      return vscode.l10n.t('Checking {0}…', disk);
    case 'detaching':
      return vscode.l10n.t('Detaching {0}…', disk);
  }
}

async function withProgress<T>(drill: TrackedDrill, controller: AbortController, run: (report: (step: VerifyStep) => void) => Promise<T>): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying drill {0}', drill.drillId), cancellable: true }, (progress, token) => {
    token.onCancellationRequested(() => controller.abort());
    return run((step) => progress.report({ message: stepText(step) }));
  });
}

function ports(deps: VerificationDeps, ecs: EcsApi, drill: TrackedDrill, progress?: (step: VerifyStep) => void): Parameters<typeof verifyDrill>[2] {
  return {
    ecs,
    now: () => Date.now(),
    sleep: realSleep,
    record: (verification, event) => deps.records.write(drill, verification, event),
    progress,
  };
}

async function announce(context: Context, deps: VerificationDeps, drill: TrackedDrill, outcome: VerifyOutcome, instanceLabel: string): Promise<void> {
  const v = outcome.verification;
  const showOutput = vscode.l10n.t('Show Output');
  const onChoice = async (choice: string | undefined): Promise<void> => {
    if (choice === showOutput) await openOutput(drill, v);
  };
  if (outcome.cancelled) {
    void context.input.notify('info', vscode.l10n.t('Verification of drill {0} was cancelled; its drill disk was detached.', drill.drillId));
    return;
  }
  if (v.state === 'passed') {
    const started = drill.startedAt;
    const verifiedAt = v.verifiedAt ? Date.parse(v.verifiedAt) : undefined;
    const figure = started !== undefined && verifiedAt !== undefined ? localise(durationMessage(verifiedAt - started)) : '—';
    if (setting<boolean>(SETTING.clearAfterVerification, false)) {
      void context.input.notify('info', vscode.l10n.t('Drill {0} verified on {1}: the check passed. Time to verified: {2}. Clearing the drill (ebsDr.clearAfterVerification).', drill.drillId, instanceLabel, figure), showOutput).then(onChoice);
      await deps.drills.clearWithVerdict(context, drill, { verdict: 'passed', notes: vscode.l10n.t('Verified on {0}: the check passed.', instanceLabel) });
      return;
    }
    const clear = vscode.l10n.t('Clear Drill');
    void context.input.notify('info', vscode.l10n.t('Drill {0} verified on {1}: the check passed. Time to verified: {2}. The drill disk is billed until you clear the drill.', drill.drillId, instanceLabel, figure), clear, showOutput).then(async (choice) => {
      if (choice === clear) await vscode.commands.executeCommand(COMMAND.clearDrill, drill);
      else await onChoice(choice);
    });
    return;
  }
  if (v.state === 'failed') {
    const failedDisk = v.disks.find((d) => d.verdict === 'failed');
    const reason = failedDisk?.output?.split(/\r?\n/).find((line) => line.startsWith('EBS-DR: result=failed'))?.slice('EBS-DR: result=failed'.length).trim() || vscode.l10n.t('exit code {0}', String(failedDisk?.exitCode ?? '?'));
    void context.input.notify('warning', vscode.l10n.t('Drill {0} failed verification on {1}: {2}.', drill.drillId, instanceLabel, reason), showOutput).then(onChoice);
    return;
  }
  void context.input.notify('warning', vscode.l10n.t('Drill {0} was not verified: {1}', drill.drillId, v.problem ?? ''), showOutput).then(onChoice);
}

async function openOutput(drill: TrackedDrill, v: Verification): Promise<void> {
  const parts = v.disks.map((d) => [`# ${d.diskId}${d.exitCode === undefined ? '' : ` (exit code ${d.exitCode})`}`, d.output ?? '', d.outputTruncated ? '…' : ''].join('\n'));
  const document = await vscode.workspace.openTextDocument({ content: `Verify Drill ${drill.drillId} on ${v.instance.instanceId}\n\n${parts.join('\n\n')}\n`, language: 'log' });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** Loud: the disk stays attached and billed. Retry Detach runs through the one action path. */
function reportDetachFailure(context: Context, deps: VerificationDeps, drill: TrackedDrill, ecs: EcsApi, failure: DetachFailure): void {
  const retry = vscode.l10n.t('Retry Detach');
  void context.input
    .notify(
      'error',
      failure.stillAttached
        ? vscode.l10n.t('Drill disk {0} is still attached to {1} and billed: the detach failed ({2}). Retry, or detach it in the ECS console.', failure.diskId, failure.instanceId, failure.problem)
        : vscode.l10n.t('Drill disk {0} may still be attached to {1} and billed: the detach did not complete ({2}) and its state could not be confirmed. Retry, or check it in the ECS console.', failure.diskId, failure.instanceId, failure.problem),
      retry,
    )
    .then((choice) => {
      if (choice !== retry) return;
      void deps.actions.run(COMMAND.verifyDrill, async (again) => {
        again.errorPrefix = vscode.l10n.t('Could not detach drill disk {0}:', failure.diskId);
        const verification = deps.records.of(drill);
        if (!verification) return;
        const still = await retryDetach(verification, targetOf(drill, verification.instance.zoneId), failure.diskId, { pollMs: deps.pollMs?.() }, ports(deps, ecs, drill));
        if (still) reportDetachFailure(again, deps, drill, ecs, still);
        else void again.input.notify('info', vscode.l10n.t('Drill disk {0} was detached from {1}.', failure.diskId, failure.instanceId));
      });
    });
}
