// What activate() returns when the extension runs under tests (extensionMode Test): hooks for the host
// suites to stand in for the user and to read what the user would see. Never returned in production.
import type * as vscode from 'vscode';
import type { Credentials } from './credentials/ui/credentials';
import type { DrillsTestApi } from './drills/ui/drills';
import type { EvidenceTestApi } from './evidence/ui/evidence';
import type { WalkthroughTestApi } from './evidence/ui/walkthrough';
import type { ReplicationTestApi } from './replication/ui/replicationView';
import type { Log } from './shared/ui/log';
import type { VerificationTestApi } from './verification/ui/verifyDrill';
import type { SwitchableUserInput, UserInput } from './shared/ui/userInput';

export interface EbsDrTestApi {
  /** Replaces the person at the keyboard (quick picks, input boxes, modal confirmations, notifications). */
  setUserInput(input: UserInput): void;
  /** The drill tracker and status-bar indicator. */
  drills: DrillsTestApi;
  /** The drill records, freshness and the last report. */
  evidence: EvidenceTestApi;
  /** The Replication view: its tree provider and explorer, loading, clock, clipboard/browser stand-ins. */
  replication: ReplicationTestApi;
  /** The walkthrough's context keys as computed from state (ebsDr.walkthrough.*). */
  walkthrough: WalkthroughTestApi;
  /** Verify Drill: cancel, wait for the runs in flight, the last outcome. */
  verification: VerificationTestApi;
  /** Every line written to the "EBS DR" output channel so far. */
  logLines(): readonly string[];
  /** The credentials shell: the profile store, the active profile's name and its change event. */
  credentials: Credentials;
  /** Every key and value the extension keeps in global and workspace state (what lands in the state storage). */
  stateDump(): { global: Record<string, unknown>; workspace: Record<string, unknown> };
  /** The extension's own SecretStorage and global state, for tests that change them behind the extension's back. */
  secrets: vscode.SecretStorage;
  globalState: vscode.Memento;
  /** Folders VS Code gives the extension on disk: global storage, workspace storage (if any), logs. */
  storageFolders(): string[];
}

export interface TestApiParts {
  input: SwitchableUserInput;
  log: Log;
  credentials: Credentials;
  drills: DrillsTestApi;
  evidence: EvidenceTestApi;
  replication: ReplicationTestApi;
  walkthrough: WalkthroughTestApi;
  verification: VerificationTestApi;
}

export function createTestApi(context: vscode.ExtensionContext, { input, log, credentials, drills, evidence, replication, walkthrough, verification }: TestApiParts): EbsDrTestApi {
  const dump = (memento: vscode.Memento): Record<string, unknown> => Object.fromEntries(memento.keys().map((key) => [key, memento.get(key)]));
  return {
    setUserInput: (replacement) => (input.target = replacement),
    logLines: () => log.lines(),
    credentials,
    drills,
    evidence,
    replication,
    walkthrough,
    verification,
    stateDump: () => ({ global: dump(context.globalState), workspace: dump(context.workspaceState) }),
    secrets: context.secrets,
    globalState: context.globalState,
    storageFolders: () => [context.globalStorageUri, context.storageUri, context.logUri].flatMap((uri) => (uri ? [uri.fsPath] : [])),
  };
}
