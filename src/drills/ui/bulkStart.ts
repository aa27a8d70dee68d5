// Several drills started by one user action (Drill Overdue Pairs): the same checks and request as Start Pair Drill,
// for each pair or group, with one modal confirmation for all of them and at most a few requests at a time. Before
// the confirmation every owner is claimed (no second start of it from this window) and its drills are listed in the
// DR region; an owner whose check could not be completed is not started (fail closed) and the confirmation says so.
// Each start runs through the one action path, so a failure is shown the one way, with its Retry; the drills that
// started are announced together. Each drill is tracked as usual.
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { newClientToken } from '../../ebs/clientToken';
import { mapSettledWithConcurrency } from '../../ebs/concurrency';
import type { ActionContext } from '../../shared/ui/action';
import { localise } from '../../shared/ui/l10n';
import { DRILL_KINDS } from '../kinds';
import { billableDisks, ownerLabel, type DrillTarget } from '../model';
import { executingIds, heldDrill, inFlightReason, notDrillableReason, type PreStartCheck } from '../start';
import type { DrillShell, StartClaim } from './shell';
import { preStartCheck, releaseOwner, sendStart, trackedExecuting } from './startDrill';
import { localiseText } from './text';

type Context = ActionContext<ConnectedClient>;

/** Starts in flight at once (each is one StartPairDrill call, after one listing each). */
export const BULK_START_CONCURRENCY = 4;

interface Candidate {
  target: DrillTarget;
  claim: StartClaim;
  check: PreStartCheck;
  actionStart: number;
}

/** What happened to each owner: started with its DrillId, not started and why, or the outcome is unknown. */
export interface BulkStartOutcome {
  started: { target: DrillTarget; drillId: string }[];
  notStarted: { target: DrillTarget; reason: string }[];
  /** The answer was lost and the drills listed after it showed none: each has its own "may have started" notification with the safe Retry. */
  mayHaveStarted: DrillTarget[];
  cancelled: boolean;
}

/**
 * Starts a drill for each target after one confirmation. `question` is the modal's message (the caller says why these
 * owners, e.g. "overdue"). Resolves once every start has an outcome; the summary notification is the caller's.
 */
export async function startDrillsInBulk(context: Context, shell: DrillShell, targets: readonly DrillTarget[], connected: ConnectedClient, question: string): Promise<BulkStartOutcome> {
  const account = connected.connection.profileId;
  const notStarted: BulkStartOutcome['notStarted'] = [];
  const claimed: Candidate[] = [];
  const released = new Set<Candidate>();
  const release = (candidates: readonly Candidate[]): void =>
    candidates.filter((c) => !released.has(c)).forEach((c) => {
      released.add(c);
      releaseOwner(shell, c.claim, c.target, account);
    });
  try {
    for (const target of targets) {
      const refusal = notDrillableReason(target);
      const claim = refusal ? undefined : shell.claimStart(account, target.ownerId);
      const busy = refusal ?? inFlightReason(target, claim === undefined, trackedExecuting(shell, account, target));
      if (busy || !claim) {
        claim?.release();
        notStarted.push({ target, reason: busy ? localiseText(busy) : '' });
        continue;
      }
      claimed.push({ target, claim, check: { complete: false }, actionStart: Date.now() });
    }
    await mapSettledWithConcurrency(claimed, BULK_START_CONCURRENCY, async (candidate) => {
      candidate.check = await preStartCheck(context, DRILL_KINDS[candidate.target.kind], candidate.target, connected);
    });
    const ready = claimed.filter((c) => {
      const executing = inFlightReason(c.target, false, executingIds(c.check));
      const reason = !c.check.complete ? vscode.l10n.t('could not check whether a drill is running, so it is not started') : executing ? localise(executing) : undefined;
      if (reason) notStarted.push({ target: c.target, reason });
      return reason === undefined;
    });
    release(claimed.filter((c) => !ready.includes(c)));
    if (ready.length === 0) return { started: [], notStarted, mayHaveStarted: [], cancelled: false };
    const go = ready.length === 1 ? vscode.l10n.t('Start 1 Drill') : vscode.l10n.t('Start {0} Drills', ready.length);
    if ((await context.input.choose(question, confirmationDetail(ready, notStarted), [go])) !== go) return { started: [], notStarted, mayHaveStarted: [], cancelled: true };
    const outcomes = await mapSettledWithConcurrency(ready, BULK_START_CONCURRENCY, (candidate) => startOne(shell, context, candidate, connected));
    const started: BulkStartOutcome['started'] = [];
    const mayHaveStarted: DrillTarget[] = [];
    outcomes.forEach((outcome, i) => {
      const { target } = ready[i] as Candidate;
      if (outcome.status === 'fulfilled' && outcome.value.drillId) started.push({ target, drillId: outcome.value.drillId });
      else if (outcome.status === 'fulfilled' && outcome.value.uncertain) mayHaveStarted.push(target);
      else notStarted.push({ target, reason: outcome.status === 'fulfilled' ? outcome.value.reason : vscode.l10n.t('the start failed') });
    });
    return { started, notStarted, mayHaveStarted, cancelled: false };
  } finally {
    release(claimed);
  }
}

/** One start of the batch, through the one action path; settles when its outcome is known (not when its error is dismissed). */
function startOne(shell: DrillShell, context: Context, candidate: Candidate, connected: ConnectedClient): Promise<{ drillId?: string; uncertain?: boolean; reason: string }> {
  const { target, check, claim, actionStart } = candidate;
  const before = check.complete ? new Set(check.drills.map((d) => d.drillId)) : undefined;
  return new Promise((resolve) => {
    void shell.deps.actions.run(context.command, async (each) => {
      try {
        const drillId = await sendStart(each as Context, shell, { target, connected, clientToken: newClientToken(), actionStart, before, claim, quiet: true });
        // No DrillId and no error: the outcome is unknown (sendStart said so, with the Retry that reuses the token).
        resolve(drillId ? { drillId, reason: '' } : { uncertain: true, reason: '' });
      } catch (error) {
        resolve({ reason: vscode.l10n.t('the start failed') });
        throw error;
      }
    });
  });
}

function confirmationDetail(ready: readonly Candidate[], notStarted: BulkStartOutcome['notStarted']): string {
  const lines = ready.map((c) => {
    const { target } = c;
    const held = heldDrill(c.check);
    const disks = target.kind === 'group' ? vscode.l10n.t('{0} drill disks', String(target.pairCount ?? '?')) : vscode.l10n.t('1 drill disk');
    const base = vscode.l10n.t('{0}: {1} in {2}', ownerLabel(target), disks, target.zoneId);
    return held ? `• ${base} ${vscode.l10n.t('(drill {0} still holds the billed drill disk {1})', held.drillId, billableDisks(held).map((d) => d.diskId).join(', '))}` : `• ${base}`;
  });
  const parts = [lines.join('\n'), vscode.l10n.t('Each drill disk is pay-as-you-go and billed until its drill is cleared.')];
  if (notStarted.length > 0) {
    parts.push(`${vscode.l10n.t('Not started:')}\n${notStarted.map((n) => `• ${ownerLabel(n.target)}: ${n.reason || '-'}`).join('\n')}`);
  }
  return parts.join('\n\n');
}
