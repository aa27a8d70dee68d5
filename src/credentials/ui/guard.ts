// The one "not connected" guard of every action: the connection of a profile (or the active one), or — when there
// is none — one warning that says why (no profile yet, or what is wrong with it) and offers the ways out as buttons.
import * as vscode from 'vscode';
import { localise } from '../../shared/ui/l10n';
import type { UserInput } from '../../shared/ui/userInput';
import type { ConnectionProvider, ConnectionResolution, ProfileRemedy } from '../connection';
import { NO_PROFILE_REMEDIES, remedy } from '../remedies';
import type { ConnectedClient, EbsClients } from './clients';

export interface ConnectionGuardDeps {
  clients: Pick<EbsClients, 'active' | 'forProfile'>;
  connections: Pick<ConnectionProvider, 'resolve'>;
}

/** What the user reads when a profile cannot be used (message and detail), or that there is none. */
export function whyNotConnected(resolution: Exclude<ConnectionResolution, { status: 'ok' }>): { text: string; remedies: readonly ProfileRemedy[]; profileId?: string } {
  if (resolution.status === 'none') return { text: vscode.l10n.t('No EBS DR profile is active. Add a profile with an AccessKey first.'), remedies: NO_PROFILE_REMEDIES };
  const { problem } = resolution;
  const text = problem.detail ? `${localise(problem.message)} ${localise(problem.detail)}` : localise(problem.message);
  return { text, remedies: problem.remedies, profileId: resolution.profileId };
}

export async function connectOrExplain(deps: ConnectionGuardDeps, input: UserInput, profileId?: string): Promise<ConnectedClient | undefined> {
  let resolution: Exclude<ConnectionResolution, { status: 'ok' }>;
  if (profileId === undefined) {
    const connected = await deps.clients.active();
    if (connected) return connected;
    const resolved = await deps.connections.resolve();
    // The active profile became usable meanwhile (another window fixed it): take it.
    if (resolved.status === 'ok') return deps.clients.active();
    resolution = resolved;
  } else {
    const got = await deps.clients.forProfile(profileId);
    if ('connected' in got) return got.connected;
    resolution = got.resolution;
  }
  const why = whyNotConnected(resolution);
  const offered = why.remedies.map((r) => ({ remedy: r, label: vscode.l10n.t(remedy(r).label) }));
  const choice = await input.notify('warning', why.text, ...offered.map((o) => o.label));
  const chosen = offered.find((o) => o.label === choice);
  if (chosen) {
    const way = remedy(chosen.remedy);
    await vscode.commands.executeCommand(way.command, ...(way.takesProfileId && why.profileId ? [why.profileId] : []));
  }
  return undefined;
}
