// The drill quick pick of Show Drills and Clear Drill: the tracked drills with their owner and state.
import * as vscode from 'vscode';
import type { UserInput } from '../../shared/ui/userInput';
import { lineText } from '../indicator';
import { drillKey, ownerLabel, type TrackedDrill } from '../model';
import type { DrillTracker } from '../tracker';
import { localiseText } from './text';

export async function pickDrill(input: UserInput, tracker: DrillTracker, title: string, filter: (d: TrackedDrill) => boolean): Promise<TrackedDrill | undefined> {
  const drills = tracker.drills().filter(filter);
  if (drills.length === 0) {
    void input.notify('info', vscode.l10n.t('No drills to show. Drills started here, or shown in the Replication view, appear here.'));
    return undefined;
  }
  const now = Date.now();
  const picked = await input.pickOne(
    drills.map((d) => ({ label: d.drillId, description: ownerLabel(d), detail: localiseText(lineText(d, now)), value: drillKey(d) })),
    { title, matchOnDescription: true, placeholder: vscode.l10n.t('Drill') },
  );
  return typeof picked === 'string' ? drills.find((d) => drillKey(d) === picked) : undefined;
}
