// Clear Drill: the drill of a tree node, or one picked from the tracked drills; the confirmation, one ClearPairDrill /
// ClearReplicaGroupDrill with the profile that owns the drill, then the tracker follows the clearing.
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { explainError } from '../../ebs/catalogue';
import { isCancellation } from '../../ebs/errors';
import { isDrillClearable } from '../../ebs/types';
import { profilesSideBySide } from '../../replication/ui/replicationView';
import { COMMAND } from '../../shared/commands';
import type { ActionContext } from '../../shared/ui/action';
import { localise } from '../../shared/ui/l10n';
import { setting, SETTING } from '../../shared/ui/settings';
import { clearConfirmation, notClearableReason, VERDICT_CHOICES, verdictQuestion } from '../clear';
import type { VerdictAnswer } from '../journal';
import { DRILL_KINDS } from '../kinds';
import type { TrackedDrill } from '../model';
import { asDrillNode, kindOf, ownerIdOf, type DrillNode } from '../tree';
import { pickDrill } from './drillPick';
import type { DrillShell } from './shell';
import { localiseText } from './text';

type Context = ActionContext<ConnectedClient>;

export function registerClearDrill(shell: DrillShell): vscode.Disposable {
  return shell.deps.actions.register(COMMAND.clearDrill, (context, node) => clearDrill(context, shell, node));
}

async function clearDrill(context: Context, shell: DrillShell, nodeArg: unknown): Promise<void> {
  const node = asDrillNode(nodeArg);
  const drill =
    node?.kind === 'pairDrill' || node?.kind === 'groupDrill'
      ? await drillFromNode(context, shell, node)
      : await pickDrill(context.input, shell.tracker, vscode.l10n.t('Clear Drill'), (d) => isDrillClearable(d.status));
  if (drill) await clearTracked(context, shell, drill);
}

/** Clears a drill after the confirmation (Clear Drill, Show Drills, the Clear Drill button of a notification). */
export async function clearTracked(context: Context, shell: DrillShell, drill: TrackedDrill): Promise<void> {
  const current = shell.tracker.get(drill) ?? drill;
  const refusal = notClearableReason(current);
  if (refusal) {
    void context.input.notify('info', localiseText(refusal));
    return;
  }
  const confirmation = clearConfirmation(current);
  let verdict: VerdictAnswer | undefined;
  // A drill that never gave a usable disk (execute_failed) has nothing to check: no verdict is asked.
  if (current.status !== 'execute_failed' && setting<boolean>(SETTING.askDrillVerdict, true)) {
    verdict = await askVerdict(context, localise(confirmation.message), `${localiseText(confirmation.detail)}\n\n${localise(verdictQuestion())}`);
    if (!verdict) return;
  } else if (!(await context.input.confirm(localise(confirmation.message), localiseText(confirmation.detail), localise(confirmation.confirmLabel)))) {
    return;
  }
  // Cleared with the profile that owns the drill.
  const connected = await context.requireConnection(profilesSideBySide() ? current.account : undefined);
  await sendClear(context, shell, current, connected, verdict);
}

/** The clear confirmation that asks for the verdict: undefined when the user cancels. */
async function askVerdict(context: Context, message: string, detail: string): Promise<VerdictAnswer | undefined> {
  const labels = VERDICT_CHOICES.map((c) => localise(c.label));
  const chosen = await context.input.choose(message, detail, labels);
  const choice = VERDICT_CHOICES[labels.indexOf(chosen ?? '')];
  if (!choice) return undefined;
  if (!choice.asksNotes) return { verdict: choice.verdict };
  const notes = await context.input.inputBox({
    title: localise(choice.label),
    prompt: vscode.l10n.t('Notes for the drill record (optional): what was checked, and how. Enter to clear the drill; Escape clears it without notes.'),
    placeholder: vscode.l10n.t('e.g. mounted read-only, database started, last order 09:58'),
  });
  return { verdict: choice.verdict, notes: typeof notes === 'string' && notes.trim() !== '' ? notes.trim() : undefined };
}

async function sendClear(context: Context, shell: DrillShell, drill: TrackedDrill, connected: ConnectedClient, verdict?: VerdictAnswer): Promise<void> {
  const { client, connection } = connected;
  const kind = DRILL_KINDS[drill.kind];
  const owner = kind.ownerRef(drill.ownerId);
  context.errorPrefix = shell.named(connection.profileId, vscode.l10n.t('Could not clear drill {0}:', drill.drillId));
  context.retry = () => shell.deps.actions.run(context.command, (again) => sendClear(again, shell, drill, connected, verdict));
  let requestId: string | undefined;
  try {
    ({ requestId } = await shell.busy(owner, vscode.l10n.t('Clearing drill…'), vscode.l10n.t('Clearing drill {0}…', drill.drillId), connection.profileId, (signal) =>
      kind.clear(client, { regionId: drill.regionId, ownerId: drill.ownerId, drillId: drill.drillId, signal }),
    ));
  } catch (error) {
    if (!isCancellation(error)) context.log.warn(`Clearing drill ${drill.drillId} in ${drill.regionId} failed: ${explainError(error).code}`);
    throw error;
  }
  context.log.info(`Clearing drill ${drill.drillId} of ${drill.ownerId} in ${drill.regionId}${requestId ? ` (RequestId ${requestId})` : ''}`);
  if (!shell.tracker.get(drill)) shell.tracker.track({ ...drill, account: connection.profileId });
  shell.deps.journal?.clearRequested({ ...drill, account: connection.profileId }, { requestId, verdict });
  shell.tracker.markClearing(drill);
  shell.deps.tree?.invalidateDrills?.(owner, connection.profileId);
}

/**
 * The drill an action is about: a tree node's, a drill passed by a notification button (as the tracker knows it now),
 * or one the user picks among the tracked drills that `filter` lets through. Undefined when the user picks none.
 */
export async function drillOfArgument(context: Context, shell: DrillShell, arg: unknown, title: string, filter: (d: TrackedDrill) => boolean): Promise<TrackedDrill | undefined> {
  const node = asDrillNode(arg);
  if (node?.kind === 'pairDrill' || node?.kind === 'groupDrill') return drillFromNode(context, shell, node);
  if (isTrackedDrill(arg)) return shell.tracker.get(arg) ?? arg;
  return pickDrill(context.input, shell.tracker, title, filter);
}

function isTrackedDrill(value: unknown): value is TrackedDrill {
  const v = value as Partial<TrackedDrill> | undefined;
  return typeof v === 'object' && v !== null && typeof v.drillId === 'string' && typeof v.ownerId === 'string' && typeof v.account === 'string' && (v.kind === 'pair' || v.kind === 'group');
}

/** Clears a drill without asking, recording `verdict` (Clear after verification: the user chose it in the settings). */
export async function clearWithVerdict(context: Context, shell: DrillShell, drill: TrackedDrill, verdict: VerdictAnswer): Promise<void> {
  const current = shell.tracker.get(drill) ?? drill;
  const connected = await context.requireConnection(profilesSideBySide() ? current.account : undefined);
  await sendClear(context, shell, current, connected, verdict);
}

/** The drill behind a tree node, asked in its DR region. */
async function drillFromNode(context: Context, shell: DrillShell, node: Extract<DrillNode, { drillId: string }>): Promise<TrackedDrill> {
  const account = node.profileId ?? (await context.requireConnection()).connection.profileId;
  const kind = DRILL_KINDS[kindOf(node)];
  const ownerId = ownerIdOf(node);
  const { tree } = shell.deps;
  const owner = kind.treeTarget(tree, node.regionId, ownerId, node.profileId);
  const listed = kind.treeDrill(tree, ownerId, node.drillId, node.profileId);
  const base: TrackedDrill = shell.tracker.drills().find((d) => d.drillId === node.drillId) ?? {
    kind: kind.kind,
    regionId: owner?.regionId ?? node.regionId,
    ownerId,
    drillId: node.drillId,
    account,
    ownerName: owner?.ownerName,
    zoneId: owner?.zoneId,
    followed: false,
    status: 'executed',
    disks: [],
  };
  return listed ? { ...base, ...listed } : base;
}
