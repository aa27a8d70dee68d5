// Which check script Verify Drill runs for a pair or group: the team's own (`checks/<name>.sh` in the evidence folder,
// reviewed with the runbook), else `checks/default.sh`, else the built-in check. A team script runs only in a trusted
// workspace; in Restricted Mode the built-in check runs and the confirmation says why. Pure (the file reads are a port).
import { builtInCheck, CheckScript, teamCheck } from './checkScript';

/** The folder, relative to the evidence folder, that holds the team's check scripts. */
export const CHECKS_FOLDER = 'checks';

export interface CheckChoice {
  check: CheckScript;
  /** A team script that was found but not used (Restricted Mode). */
  notTrusted?: string;
}

/** File names tried in order: the owner's name, its ID, then `default.sh`. Names are reduced to safe file names. */
export function checkScriptCandidates(owner: { id: string; name?: string }): string[] {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  const names = [owner.name, owner.id].filter((n): n is string => n !== undefined && safe(n) !== '').map((n) => `${CHECKS_FOLDER}/${safe(n)}.sh`);
  return [...new Set([...names, `${CHECKS_FOLDER}/default.sh`])];
}

export interface CheckFiles {
  /** The file's text (relative to the evidence folder), or undefined when it does not exist. */
  read(relativePath: string): Promise<string | undefined>;
}

export async function chooseCheck(owner: { id: string; name?: string }, files: CheckFiles | undefined, trusted: boolean): Promise<CheckChoice> {
  if (files === undefined) return { check: builtInCheck() };
  for (const name of checkScriptCandidates(owner)) {
    const text = await files.read(name);
    if (text === undefined) continue;
    return trusted ? { check: teamCheck(name, text) } : { check: builtInCheck(), notTrusted: name };
  }
  return { check: builtInCheck() };
}
