// The drill quick pick of Show Drills and Clear Drill: the tracked drills with their owner and state; drills that
// finished since the user last looked (`unseen`) come first, marked Finished.
import * as vscode from 'vscode';
import type { UserInput } from '../../shared/ui/userInput';
import { stateText } from '../indicator';
import { drillKey, ownerLabel, type TrackedDrill } from '../model';
import type { DrillTracker } from '../tracker';
import { localiseText } from './text';

export async function pickDrill(
  input: UserInput,
  tracker: DrillTracker,
  title: string,
  filter: (d: TrackedDrill) => boolean,
  unseen: ReadonlySet<string> = new Set(),
): Promise<TrackedDrill | undefined> {
  const all = tracker.drills().filter(filter);
  if (all.length === 0) {
    void input.notify('info', vscode.l10n.t('No drills to show. Drills started here, or shown in the Replication view, appear here.'));
    return undefined;
  }
  const drills = [...all.filter((d) => unseen.has(drillKey(d))), ...all.filter((d) => !unseen.has(drillKey(d)))];
  const now = Date.now();
  const finished = vscode.l10n.t('Finished');
  const picked = await input.pickOne(
    drills.map((d) => ({
      label: unseen.has(drillKey(d)) ? `$(bell-dot) ${d.drillId}` : d.drillId,
      // The label is the drill, the description its owner; the detail adds only the state (not "<drill> for <owner>" again).
      description: unseen.has(drillKey(d)) ? `${finished} · ${ownerLabel(d)}` : ownerLabel(d),
      detail: localiseText(stateText(d, now)),
      value: drillKey(d),
    })),
    { title, matchOnDescription: true, placeholder: vscode.l10n.t('Drill') },
  );
  return typeof picked === 'string' ? drills.find((d) => drillKey(d) === picked) : undefined;
}
