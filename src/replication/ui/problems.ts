// Why a profile cannot be used, as the Replication view says it: what resolve() reported (no secret, a broken
// environment…) or that Alibaba Cloud refused its credentials in every region; and the ways out the tree lists.
import * as vscode from 'vscode';
import type { ConnectionProblem, ConnectionResolution, ProfileRemedy } from '../../credentials/connection';
import { explainError } from '../../ebs/catalogue';
import { errorText, localise } from '../../ebs/ui/errorMessages';
import type { SlotProblem } from '../profileForest';

/** Set to the kind of problem while the active profile cannot be used (package.json viewsWelcome shows the remedies). */
export const CONNECTION_PROBLEM_CONTEXT_KEY = 'ebsDr.connectionProblem';

/** Why a profile cannot be used, as the view says it (never a secret). */
export interface ViewProblem {
  kind: ConnectionProblem['kind'];
  profileId: string;
  profileName: string;
  /** The localised explanation (message and detail). */
  text: string;
  remedies: readonly ProfileRemedy[];
}

/** What `resolve()` said about a profile that cannot be used, in words. */
export function unusableProblem(resolution: Extract<ConnectionResolution, { status: 'unusable' }>): ViewProblem {
  const { problem } = resolution;
  const text = problem.detail ? `${localise(problem.message)} ${localise(problem.detail)}` : localise(problem.message);
  return { kind: problem.kind, profileId: resolution.profileId, profileName: resolution.profileName, text, remedies: problem.remedies };
}

/** Alibaba Cloud refused the profile's credentials (every region failed with a credentials error). */
export function refusedProblem(profileId: string, profileName: string, error: unknown): ViewProblem {
  const text = `${vscode.l10n.t('Alibaba Cloud refused the credentials of the profile "{0}".', profileName)} ${errorText(explainError(error))}`;
  return { kind: 'rejected', profileId, profileName, text, remedies: ['reenterSecret', 'switchProfile', 'addProfile', 'viewLogs'] };
}

/** The problem as the tree shows it: its words and its ways out (Retry first when Alibaba Cloud refused the credentials). */
export function slotProblem(problem: ViewProblem): SlotProblem {
  return { kind: problem.kind, text: problem.text, remedies: problem.kind === 'rejected' ? ['retry', ...problem.remedies] : problem.remedies };
}
