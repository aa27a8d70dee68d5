// Start Pair Drill and Start Replica Group Drill: the pair or group of a tree node, or one picked from the palette
// (region, then the owners seen from it); the drillable check, the confirmation, one StartPairDrill /
// StartReplicaGroupDrill with one ClientToken per user action, then the tracker follows the drill.
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { newClientToken } from '../../ebs/clientToken';
import { explainError } from '../../ebs/catalogue';
import { errorText } from '../../ebs/ui/errorMessages';
import { isCancellation } from '../../ebs/errors';
import { RegionChoices, rootRegions } from '../../regions/regionChoice';
import { formatLocalDateTime } from '../../shared/format';
import type { ActionContext } from '../../shared/ui/action';
import { localise } from '../../shared/ui/l10n';
import { setting, SETTING } from '../../shared/ui/settings';
import type { PickItem } from '../../shared/ui/userInput';
import { DRILL_KINDS, type DrillKindApi } from '../kinds';
import { drillKey, ownerLabel, type DrillKind, type DrillTarget, type ListedDrill, type TrackedDrill } from '../model';
import { COMMAND } from '../../shared/commands';
import {
  beingStartedMessage,
  executingIds,
  inFlightReason,
  mayHaveStartedMessage,
  mayHaveStartedUncheckedMessage,
  notDrillableReason,
  startConfirmation,
  startedMessage,
  targetDescription,
  type PreStartCheck,
} from '../start';
import { adoptableDrill, classifyStartFailure } from '../uncertainty';
import { clearTracked } from './clearDrill';
import { asDrillNode, ownerIdOf, type DrillNode } from '../tree';
import type { DrillShell, StartClaim } from './shell';
import { localiseText } from './text';

export const CONFIRM_SETTING = SETTING.confirmBeforeDrill;

type Context = ActionContext<ConnectedClient>;

export function registerStartDrills(shell: DrillShell): vscode.Disposable[] {
  return Object.values(DRILL_KINDS).map((kind) => shell.deps.actions.register(kind.startCommand, (context, node) => startDrill(context, shell, kind, node)));
}

async function startDrill(context: Context, shell: DrillShell, kind: DrillKindApi, nodeArg: unknown): Promise<void> {
  const node = asDrillNode(nodeArg);
  // A node of a profile shown side by side: that profile; the palette: the active profile.
  const connected = await context.requireConnection(node?.profileId);
  const target = await resolveTarget(context, shell, kind, node, connected);
  if (!target) return;
  const reason = notDrillableReason(target);
  if (reason) {
    void context.input.notify('warning', localiseText(reason));
    return;
  }
  const account = connected.connection.profileId;
  // One start of a pair or group at a time: claimed from the first check until the outcome is known.
  const claim = shell.claimStart(account, target.ownerId);
  const busy = inFlightReason(target, claim === undefined, trackedExecuting(shell, account, target));
  if (busy || !claim) {
    claim?.release();
    if (busy) void context.input.notify('warning', localise(busy));
    return;
  }
  try {
    const actionStart = Date.now();
    const check = await preStartCheck(context, kind, target, connected);
    const pending = shell.unresolvedStart(account, target.ownerId);
    // The start whose outcome was unknown did create its drill: say so now, instead of refusing because of it.
    const found = pending && check.complete ? adoptableDrill(check.drills, pending.before, pending.actionStart) : undefined;
    if (pending && found) {
      context.log.info(`Drill ${found.drillId} of ${target.ownerId} found in ${target.regionId} after an unknown outcome: adopted`);
      started(context, shell, { target, connected, ...pending, claim }, found.drillId, { adopted: true });
      return;
    }
    const executing = inFlightReason(target, false, executingIds(check));
    if (executing) {
      void context.input.notify('warning', localise(executing));
      return;
    }
    const confirmation = startConfirmation(target, check, setting<boolean>(CONFIRM_SETTING, true), formatLocalDateTime, Date.now());
    if (confirmation) {
      const go = localise(confirmation.confirmLabel);
      const clearFirst = vscode.l10n.t('Clear It First');
      const labels = confirmation.held ? [go, clearFirst] : [go];
      const detail = confirmation.warning ? `${localiseText(confirmation.warning)}\n\n${localiseText(confirmation.detail)}` : localiseText(confirmation.detail);
      const choice = await context.input.choose(localiseText(confirmation.message), detail, labels);
      if (choice === clearFirst && confirmation.held) {
        const held = confirmation.held;
        claim.release();
        await clearTracked(context, shell, { ...held, kind: target.kind, regionId: target.regionId, ownerId: target.ownerId, ownerName: target.ownerName, zoneId: target.zoneId, account, followed: false });
        return;
      }
      if (choice !== go) return;
    }
    // One token per user action: the client's retries, the resolution and the Retry button reuse it. After an outcome
    // that stayed unknown, a new start of the owner is that same request again: it cannot start a second drill.
    if (pending) context.log.info(`Starting a drill for ${target.ownerId} again with the ClientToken of the start whose outcome is unknown`);
    const fresh = { clientToken: newClientToken(), actionStart, before: check.complete ? new Set(check.drills.map((d) => d.drillId)) : undefined };
    const attempt: StartAttempt = { target, connected, ...(pending ?? fresh), claim };
    await sendStart(context, shell, attempt);
  } finally {
    releaseOwner(shell, claim, target, account);
  }
}

/** One user action's start request: what a Retry repeats and what the resolution compares against. */
export interface StartAttempt {
  target: DrillTarget;
  connected: ConnectedClient;
  clientToken: string;
  /** Unix ms when the user started the action. */
  actionStart: number;
  /** Drill IDs of the owner before the action (undefined when the check failed). */
  before: ReadonlySet<string> | undefined;
  /** The hold on the owner of the action (or of its Retry) running now. */
  claim: StartClaim;
  /** Several drills started by one action (Drill Overdue Pairs): it announces them together, not one by one. */
  quiet?: boolean;
}

export function releaseOwner(shell: DrillShell, claim: StartClaim, target: DrillTarget, account: string): void {
  claim.release();
  shell.deps.tree?.invalidateDrills?.(DRILL_KINDS[target.kind].ownerRef(target.ownerId), account);
}

/** Sends the start; resolves the DrillId when it started (or the drill of an unknown outcome was found), else undefined. */
export async function sendStart(context: Context, shell: DrillShell, attempt: StartAttempt): Promise<string | undefined> {
  const { target, connected, clientToken } = attempt;
  const { client, connection } = connected;
  const kind = DRILL_KINDS[target.kind];
  const owner = kind.ownerRef(target.ownerId);
  context.errorPrefix = shell.named(connection.profileId, vscode.l10n.t('Could not start a drill for {0}:', ownerLabel(target)));
  context.retry = () => retryStart(shell, context.command, attempt);
  let drillId: string;
  let requestId: string | undefined;
  try {
    ({ drillId, requestId } = await shell.busy(owner, vscode.l10n.t('Starting drill…'), vscode.l10n.t('Starting a drill for {0}…', ownerLabel(target)), connection.profileId, (signal) =>
      kind.start(client, { regionId: target.regionId, ownerId: target.ownerId, clientToken, signal }),
    ));
  } catch (error) {
    if (isCancellation(error)) throw error;
    const code = explainError(error).code;
    if (classifyStartFailure(error) === 'notStarted') {
      context.log.warn(`Starting a drill for ${target.ownerId} in ${target.regionId} failed: ${code}`);
      throw error;
    }
    context.log.warn(`Starting a drill for ${target.ownerId} in ${target.regionId} has an unknown outcome (${code}): listing its drills to find out`);
    const resolved = await resolveUncertain(shell, attempt);
    if (resolved.kind !== 'found') {
      mayHaveStarted(context, shell, attempt, resolved.kind === 'unchecked', error);
      return undefined;
    }
    drillId = resolved.drill.drillId;
    context.log.info(`Drill ${drillId} of ${target.ownerId} found in ${target.regionId} after the unknown outcome: adopted`);
    started(context, shell, attempt, drillId, { adopted: true });
    return drillId;
  }
  started(context, shell, attempt, drillId, { adopted: false, requestId });
  return drillId;
}

/** Retry of an uncertain or failed start: the same request (same ClientToken), through the one action path. */
function retryStart(shell: DrillShell, command: Context['command'], attempt: StartAttempt): Promise<unknown> {
  const account = attempt.connected.connection.profileId;
  return shell.deps.actions.run(command, async (again) => {
    const claim = shell.claimStart(account, attempt.target.ownerId);
    if (!claim) {
      void again.input.notify('warning', localise(beingStartedMessage(attempt.target)));
      return;
    }
    try {
      await sendStart(again as Context, shell, { ...attempt, claim });
    } finally {
      releaseOwner(shell, claim, attempt.target, account);
    }
  });
}

type Resolution = { kind: 'found'; drill: ListedDrill } | { kind: 'notFound' } | { kind: 'unchecked' };

/** After an uncertain failure: the owner's drills in the DR region; a new executing drill of this action is adopted. */
async function resolveUncertain(shell: DrillShell, attempt: StartAttempt): Promise<Resolution> {
  const { target, connected } = attempt;
  try {
    const drills = await shell.busy(DRILL_KINDS[target.kind].ownerRef(target.ownerId), vscode.l10n.t('Checking drills…'), vscode.l10n.t('Checking the drills of {0}…', ownerLabel(target)), connected.connection.profileId, (signal) =>
      DRILL_KINDS[target.kind].describeDrills(connected.client, target.regionId, target.ownerId, { signal }),
    );
    const drill = adoptableDrill(drills, attempt.before, attempt.actionStart);
    return drill ? { kind: 'found', drill } : { kind: 'notFound' };
  } catch {
    return { kind: 'unchecked' };
  }
}

/** The uncertain outcome, said as uncertain: the one way on is the same request again. */
function mayHaveStarted(context: Context, shell: DrillShell, attempt: StartAttempt, unchecked: boolean, error: unknown): void {
  const { target, connected } = attempt;
  const outcome = unchecked ? mayHaveStartedUncheckedMessage(target, target.regionId) : mayHaveStartedMessage(target, target.regionId);
  // What went wrong, as the one display words it (explanation, code and RequestId), after the uncertain outcome.
  const text = `${localise(outcome)} ${errorText(explainError(error))}`;
  const retry = vscode.l10n.t('Retry (same request, cannot start a second drill)');
  // The outcome is said: the owner is free again, for the Retry (whenever it is pressed) or a new start, which sends
  // the same request.
  shell.setUnresolved(connected.connection.profileId, target.ownerId, { clientToken: attempt.clientToken, actionStart: attempt.actionStart, before: attempt.before });
  attempt.claim.release();
  const logs = vscode.l10n.t('View Logs');
  void context.input.notify('warning', shell.named(connected.connection.profileId, text), retry, logs).then((choice) => {
    if (choice === retry) return retryStart(shell, context.command, attempt);
    if (choice === logs) context.log.show();
    return undefined;
  });
}

function started(context: Context, shell: DrillShell, attempt: StartAttempt, drillId: string, facts: { adopted: boolean; requestId?: string }): void {
  const { target, connected } = attempt;
  const { connection } = connected;
  context.log.info(`Drill ${drillId} started for ${target.ownerId} in ${target.regionId}${facts.requestId ? ` (RequestId ${facts.requestId})` : ''}`);
  shell.setUnresolved(connection.profileId, target.ownerId, undefined);
  const drill: TrackedDrill = {
    kind: target.kind,
    regionId: target.regionId,
    ownerId: target.ownerId,
    ownerName: target.ownerName,
    zoneId: target.zoneId,
    drillId,
    account: connection.profileId,
    status: 'executing',
    disks: [],
    startedAt: Date.now(),
    recoverPoint: target.recoverPoint,
    followed: true,
    fastPoll: true,
  };
  // The record first: the tracker's first observation then adds to a record that knows it was started here.
  shell.deps.journal?.started(drill, { target, ...facts });
  shell.tracker.track(drill);
  if (attempt.quiet) return;
  const verify = vscode.l10n.t('Verify When Ready');
  const copy = vscode.l10n.t('Copy Drill ID');
  const show = vscode.l10n.t('Show in Tree');
  const logs = vscode.l10n.t('View Logs');
  const text = shell.named(connection.profileId, localise(startedMessage(target, drillId, formatLocalDateTime)));
  void context.input.notify('info', text, verify, copy, show, logs).then(async (choice) => {
    if (choice === verify) {
      const current = shell.tracker.get(drill);
      // Ready already (a fast drill): verify now; else when its completion comes.
      if (current?.status === 'executed') await vscode.commands.executeCommand(COMMAND.verifyDrill, current);
      else shell.verifyWhenReady.add(drillKey(drill));
    } else if (choice === copy) await shell.copy(drillId);
    else if (choice === show) await shell.reveal(target.kind, target.ownerId, drillId, connection.profileId);
    else if (choice === logs) context.log.show();
  });
}

/** Executing drills of the pair or group the tracker follows for this profile. */
export function trackedExecuting(shell: DrillShell, account: string, target: DrillTarget): string[] {
  return shell.tracker
    .drills()
    .filter((d) => d.account === account && d.kind === target.kind && d.ownerId === target.ownerId && d.status === 'executing')
    .map((d) => d.drillId);
}

/** The owner's drills in the DR region, or that the check could not be completed (then the confirmation says so). */
export async function preStartCheck(context: Context, kind: DrillKindApi, target: DrillTarget, { client }: ConnectedClient): Promise<PreStartCheck> {
  try {
    return { complete: true, drills: await kind.describeDrills(client, target.regionId, target.ownerId) };
  } catch (error) {
    if (isCancellation(error)) throw error;
    context.log.warn(`Could not check the drills of ${target.ownerId} before a start: ${explainError(error).code}`);
    return { complete: false };
  }
}

/** The pair or group of the node the command was invoked on (when it is of this kind), else the palette's pick. */
async function resolveTarget(context: Context, shell: DrillShell, kind: DrillKindApi, node: DrillNode | undefined, connected: ConnectedClient): Promise<DrillTarget | undefined> {
  const ownerNode = isOwnerNode(node, kind.kind) ? node : undefined;
  if (!ownerNode) return pickTarget(context, shell, kind, connected);
  const ownerId = ownerIdOf(ownerNode);
  const target =
    kind.treeTarget(shell.deps.tree, ownerNode.regionId, ownerId, ownerNode.profileId) ??
    (await kind.listTargets(connected.client, ownerNode.regionId, { ownerIds: [ownerId] }))[0];
  if (target) return target;
  void context.input.notify('warning', vscode.l10n.t('{0} no longer exists in {1}. Refresh the view.', ownerId, ownerNode.regionId));
  return undefined;
}

function isOwnerNode(node: DrillNode | undefined, kind: DrillKind): node is Extract<DrillNode, { kind: DrillKind }> {
  return node?.kind === kind;
}

/** Palette: region, then the pairs (or groups) seen from it, with status and recovery-point age. */
async function pickTarget(context: Context, shell: DrillShell, kind: DrillKindApi, connected: ConnectedClient): Promise<DrillTarget | undefined> {
  const title = localise(kind.texts.startTitle);
  const { connection, client } = connected;
  const treeRegions = shell.deps.tree?.rootRegionIds?.(connection.profileId) ?? [];
  const regionIds =
    treeRegions.length > 0
      ? [...treeRegions]
      : rootRegions(new RegionChoices(shell.deps.context.globalState).chosen(connection.profileId), connection.defaultRegionId).regionIds;
  const regionId = await context.input.pickOne(
    regionIds.map((id) => ({ label: id, value: id })),
    { title, step: 1, totalSteps: 2, placeholder: vscode.l10n.t('Region of the pair (its primary or secondary site)') },
  );
  if (typeof regionId !== 'string') return undefined;
  const targets = await shell.busy(undefined, '', vscode.l10n.t('Loading replication in {0}…', regionId), undefined, (signal) => kind.listTargets(client, regionId, { signal }));
  const unique = [...new Map(targets.map((x) => [x.ownerId, x])).values()].sort((a, b) => a.ownerName.localeCompare(b.ownerName));
  if (unique.length === 0) {
    void context.input.notify('info', localise(kind.texts.noneInRegion(regionId)));
    return undefined;
  }
  const now = Date.now();
  const items: PickItem<DrillTarget>[] = unique.map((target) => {
    const reason = notDrillableReason(target) ?? inFlightReason(target, shell.isStarting(target.ownerId, connection.profileId), trackedExecuting(shell, connection.profileId, target));
    return {
      label: target.ownerName,
      description: `${target.ownerId} · ${localiseText(targetDescription(target, now))}`,
      detail: vscode.l10n.t('DR site {0} ({1})', target.regionId, target.zoneId),
      disabledReason: reason ? localiseText(reason) : undefined,
      value: target,
    };
  });
  const picked = await context.input.pickOne(items, {
    // Step 2 says which region step 1 chose (the title too: the placeholder is gone once the user types).
    title: vscode.l10n.t('{0}: {1}', title, regionId),
    step: 2,
    totalSteps: 2,
    canGoBack: false,
    matchOnDescription: true,
    matchOnDetail: true,
    placeholder: localise(kind.texts.pickPlaceholder(regionId)),
  });
  return typeof picked === 'object' ? picked : undefined;
}
