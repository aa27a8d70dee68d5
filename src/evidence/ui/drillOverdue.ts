// Drill Overdue Pairs (region context menu, the overdue status-bar item, palette): starts a drill for every pair and
// replica group of the region that is overdue (a group drill covers its member pairs), after one modal confirmation
// that lists them and the billed drill disks; the drills start a few at a time through the drills' bulk start and are
// tracked as usual. What the service lists now decides (not the tree's cache): a pair that is no longer drillable is
// named as not started.
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { DRILL_KINDS } from '../../drills/kinds';
import { ownerLabel, type DrillTarget } from '../../drills/model';
import type { Drills } from '../../drills/ui/drills';
import type { ReplicationView } from '../../replication/ui/replicationView';
import { COMMAND } from '../../shared/commands';
import type { ActionContext, Actions } from '../../shared/ui/action';
import type { FreshnessService } from './freshnessService';
import { regionOf } from './regionArgument';

type Context = ActionContext<ConnectedClient>;

export interface DrillOverdueDeps {
  actions: Actions<ConnectedClient>;
  tree: ReplicationView;
  drills: Drills;
  freshness: FreshnessService;
}

export function registerDrillOverdue(deps: DrillOverdueDeps): vscode.Disposable {
  return deps.actions.register(COMMAND.drillOverduePairs, (context, node) => drillOverdue(context, deps, node));
}

async function drillOverdue(context: Context, deps: DrillOverdueDeps, node: unknown): Promise<void> {
  const profileId = (node as { profileId?: unknown } | undefined)?.profileId;
  const connected = await context.requireConnection(typeof profileId === 'string' ? profileId : undefined);
  const title = vscode.l10n.t('Drill Overdue Pairs');
  const regionId = await regionOf(context, deps.tree, node, connected, title, (id) => {
    const count = deps.freshness.overdueOwners(id, connected.connection.profileId).length;
    return count > 0 ? vscode.l10n.t('{0} overdue', count) : undefined;
  });
  if (!regionId) return;
  context.errorPrefix = vscode.l10n.t('Could not drill the overdue pairs of {0}:', regionId);
  const targets = await overdueTargets(deps, connected, regionId);
  if (targets.length === 0) {
    void context.input.notify('info', vscode.l10n.t('No pair or replica group seen from {0} is overdue for a drill.', regionId));
    return;
  }
  const question =
    targets.length === 1
      ? vscode.l10n.t('Start a drill for the 1 overdue pair or group seen from {0}?', regionId)
      : vscode.l10n.t('Start drills for the {0} overdue pairs and groups seen from {1}?', targets.length, regionId);
  const outcome = await deps.drills.startInBulk(context, targets, connected, question);
  if (outcome.cancelled) return;
  const started = outcome.started.map((s) => `${s.drillId} (${ownerLabel(s.target)})`).join(', ');
  const notStarted = outcome.notStarted.map((n) => `${ownerLabel(n.target)}: ${n.reason}`).join('; ');
  const text =
    outcome.notStarted.length === 0
      ? vscode.l10n.t('Drills started for {0} of {1} overdue pairs and groups: {2}', outcome.started.length, targets.length, started || '-')
      : vscode.l10n.t('Drills started for {0} of {1} overdue pairs and groups: {2}. Not started: {3}', outcome.started.length, targets.length, started || '-', notStarted);
  // Never said as started or as not started: a start whose answer was lost has its own notification and safe Retry.
  const uncertain = outcome.mayHaveStarted.length > 0 ? ` ${vscode.l10n.t('May have started (see their notifications): {0}', outcome.mayHaveStarted.map(ownerLabel).join(', '))}` : '';
  const clean = outcome.notStarted.length === 0 && outcome.mayHaveStarted.length === 0;
  void context.input.notify(clean ? 'info' : 'warning', `${text}${uncertain}`);
}

/** The overdue owners of the region as the service lists them now: ungrouped pairs and replica groups. */
async function overdueTargets(deps: DrillOverdueDeps, { client }: ConnectedClient, regionId: string): Promise<DrillTarget[]> {
  const [pairs, groups] = await Promise.all([DRILL_KINDS.pair.listTargets(client, regionId), DRILL_KINDS.group.listTargets(client, regionId)]);
  const grouped = new Set(groups.flatMap((g) => g.memberPairIds ?? []));
  return [...groups, ...pairs.filter((p) => !grouped.has(p.ownerId))].filter(
    (target) => deps.freshness.of({ kind: target.kind, id: target.ownerId, name: target.ownerName })?.overdue === true,
  );
}
