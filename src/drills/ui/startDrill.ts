// Start Pair Drill and Start Replica Group Drill: the pair or group of a tree node, or one picked from the palette
// (region, then the owners seen from it); the drillable check, the confirmation, one StartPairDrill /
// StartReplicaGroupDrill with one ClientToken per user action, then the tracker follows the drill.
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { newClientToken } from '../../ebs/clientToken';
import { explainError } from '../../ebs/catalogue';
import { isCancellation } from '../../ebs/errors';
import { RegionChoices, rootRegions } from '../../regions/regionChoice';
import { formatLocalDateTime } from '../../shared/format';
import type { ActionContext } from '../../shared/ui/action';
import { localise } from '../../shared/ui/l10n';
import { setting, SETTING } from '../../shared/ui/settings';
import type { PickItem } from '../../shared/ui/userInput';
import { DRILL_KINDS, type DrillKindApi } from '../kinds';
import { ownerLabel, type DrillKind, type DrillTarget } from '../model';
import { notDrillableReason, startConfirmation, startedMessage, targetDescription } from '../start';
import { asDrillNode, ownerIdOf, type DrillNode } from '../tree';
import type { DrillShell } from './shell';
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
  const executing = await executingDrillIds(context, kind, target, connected);
  const confirmation = startConfirmation(target, executing, setting<boolean>(CONFIRM_SETTING, true), formatLocalDateTime);
  if (confirmation && !(await context.input.confirm(localise(confirmation.message), localiseText(confirmation.detail), localise(confirmation.confirmLabel)))) return;
  // One token per user action: the client's retries and the Retry button reuse it.
  await sendStart(context, shell, target, connected, newClientToken());
}

async function sendStart(context: Context, shell: DrillShell, target: DrillTarget, connected: ConnectedClient, clientToken: string): Promise<void> {
  const { client, connection } = connected;
  const kind = DRILL_KINDS[target.kind];
  const owner = kind.ownerRef(target.ownerId);
  context.errorPrefix = shell.named(connection.profileId, vscode.l10n.t('Could not start a drill for {0}:', ownerLabel(target)));
  context.retry = () => shell.deps.actions.run(context.command, (again) => sendStart(again, shell, target, connected, clientToken));
  let drillId: string;
  try {
    ({ drillId } = await shell.busy(owner, vscode.l10n.t('Starting drill…'), vscode.l10n.t('Starting a drill for {0}…', ownerLabel(target)), connection.profileId, (signal) =>
      kind.start(client, { regionId: target.regionId, ownerId: target.ownerId, clientToken, signal }),
    ));
  } catch (error) {
    if (!isCancellation(error)) context.log.warn(`Starting a drill for ${target.ownerId} in ${target.regionId} failed: ${explainError(error).code}`);
    throw error;
  }
  context.log.info(`Drill ${drillId} started for ${target.ownerId} in ${target.regionId}`);
  shell.tracker.track({
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
  });
  shell.deps.tree?.invalidateDrills?.(owner, connection.profileId);
  const copy = vscode.l10n.t('Copy Drill ID');
  const show = vscode.l10n.t('Show in Tree');
  const logs = vscode.l10n.t('View Logs');
  const started = shell.named(connection.profileId, localise(startedMessage(target, drillId, formatLocalDateTime)));
  void context.input.notify('info', started, copy, show, logs).then(async (choice) => {
    if (choice === copy) await shell.copy(drillId);
    else if (choice === show) await shell.reveal(target.kind, target.ownerId, drillId, connection.profileId);
    else if (choice === logs) context.log.show();
  });
}

/** Drill IDs of the pair or group that are executing now (asked in the DR region; a failure just skips the check). */
async function executingDrillIds(context: Context, kind: DrillKindApi, target: DrillTarget, { client }: ConnectedClient): Promise<string[]> {
  try {
    const drills = await kind.describeDrills(client, target.regionId, target.ownerId);
    return drills.filter((d) => d.status === 'executing').map((d) => d.drillId);
  } catch (error) {
    context.log.warn(`Could not check running drills of ${target.ownerId}: ${explainError(error).code}`);
    return [];
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
    const reason = notDrillableReason(target);
    return {
      label: target.ownerName,
      description: `${target.ownerId} · ${localiseText(targetDescription(target, now))}`,
      detail: vscode.l10n.t('DR site {0} ({1})', target.regionId, target.zoneId),
      disabledReason: reason ? localiseText(reason) : undefined,
      value: target,
    };
  });
  const picked = await context.input.pickOne(items, {
    title,
    step: 2,
    totalSteps: 2,
    canGoBack: false,
    matchOnDescription: true,
    matchOnDetail: true,
    placeholder: localise(kind.texts.pickPlaceholder),
  });
  return typeof picked === 'object' ? picked : undefined;
}
