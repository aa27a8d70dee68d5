// The composition root: builds the services once and wires them into VS Code. No logic lives here.
import * as vscode from 'vscode';
import { EbsClients, type ConnectedClient } from './credentials/ui/clients';
import { registerCredentials, type Credentials } from './credentials/ui/credentials';
import { showActionFailure } from './credentials/ui/failures';
import { connectOrExplain } from './credentials/ui/guard';
import { isCancellation } from './ebs/errors';
import { Actions } from './shared/ui/action';
import { registerDrills } from './drills/ui/drills';
import { EvidenceShell } from './evidence/ui/evidence';
import { WalkthroughKeys } from './evidence/ui/walkthrough';
import { registerVerification } from './verification/ui/verifyDrill';
import { registerReplicationView } from './replication/ui/replicationView';
import { callLogger } from './ebs/ui/callLog';
import { Log } from './shared/ui/log';
import { createTestApi, type EbsDrTestApi } from './testApi';
import { SwitchableUserInput, VsCodeUserInput } from './shared/ui/userInput';

export function activate(context: vscode.ExtensionContext): EbsDrTestApi | undefined {
  const testing = context.extensionMode === vscode.ExtensionMode.Test;
  const log = new Log(testing);
  const input = new SwitchableUserInput(new VsCodeUserInput());
  const logger = callLogger(log);
  // Every command runs through these actions: one error display, one connection guard (set up below, once clients exist).
  const guard: { clients?: EbsClients; connections?: Credentials['connections'] } = {};
  const actions = new Actions<ConnectedClient>({
    input,
    log,
    isCancellation,
    showError: (error, action) => showActionFailure(input, log, error, action),
    connect: (profileId) => connectOrExplain({ clients: guard.clients as EbsClients, connections: guard.connections as Credentials['connections'] }, input, profileId),
  });
  // credentials.connections is the ConnectionProvider for EbsClients; activeProfileName()/onDidChangeActiveProfile feed the view description.
  const credentials = registerCredentials(context, input, log, logger, actions);

  // One EBS client factory for every caller (tree, drills); every call is logged to the "EBS DR" channel.
  const clients = new EbsClients(credentials.connections, logger);
  guard.clients = clients;
  guard.connections = credentials.connections;
  const replication = registerReplicationView({ context, input, log, actions, clients, connections: credentials.connections });
  // The drill evidence first: the drills write their journal into it and keep their tracked drills in its record store.
  const evidence = new EvidenceShell({ context, connections: credentials.connections, log, input });
  const drills = registerDrills({ context, input, log, actions, clients, connections: credentials.connections, tree: replication, journal: evidence.journal, drillStore: evidence.drillStore });
  const evidenceApi = evidence.attach({ actions, drills, tree: replication });
  // Verify Drill builds on both: the drills' targets and clear, the evidence's records and team folder.
  const verification = registerVerification({ context, actions, drills, records: evidence.verificationRecords(), log });
  context.subscriptions.push(...verification.disposables);
  pendingWrites = () => evidence.flushed();
  // The walkthrough's steps are checked from real state (profiles, region choices, drill records), at activation and on change.
  const walkthrough = new WalkthroughKeys({ globalState: context.globalState, connections: credentials.connections, records: evidence.records, onDidChooseRegions: (l) => replication.onDidChooseRegions(l) });
  context.subscriptions.push(walkthrough);
  context.subscriptions.push(credentials.bindViewDescription(replication.treeView), clients, log);

  return testing ? createTestApi(context, { input, log, credentials, drills: drills.testApi, evidence: evidenceApi, replication: replication.testApi(), walkthrough: walkthrough.testApi(), verification: verification.testApi }) : undefined;
}

/** Set by activate(): the record writes still in flight when the window closes or reloads. */
let pendingWrites: (() => Promise<void>) | undefined;

export function deactivate(): Promise<void> | undefined {
  // Every disposable is registered on the extension context; VS Code waits for the drill records still being written.
  return pendingWrites?.();
}
