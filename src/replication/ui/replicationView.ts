// The Replication view shell: the TreeDataProvider over the pure ReplicationExplorer, the TreeView (progress on
// the view, badge, message), the region choice per profile and the view's commands. Also what the drill commands
// need from the tree (DrillTree: data, reveal, busy owners, drill listings, running-drill badge).
import * as vscode from 'vscode';
import type { ConnectionProblem, ConnectionProvider, ConnectionResolution, ProfileRemedy } from '../../credentials/connection';
import { explainError } from '../../ebs/catalogue';
import type { ConnectedClient, EbsClients } from '../../credentials/ui/clients';
import { errorText, localise } from '../../ebs/ui/errorMessages';
import type { ActionContext, Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, setting } from '../../shared/ui/settings';
import { BACK, type UserInput } from '../../shared/ui/userInput';
import { ReplicationExplorer, type DrillListing, type DrillOwner, type NodeRef, type PresentedNode } from '../explorer';
import { findRegionsWithPairs, replicationRegions } from '../../regions/findRegions';
import { remedy as remedyOf } from '../../credentials/remedies';
import { COMMAND } from '../../shared/commands';
import { isProfileNode, ProfileForest, remedyPresentation, shownProfiles, type ProblemRemedy, type ProfileSlot, type SlotProblem, type TreeRef } from '../profileForest';
import { RegionChoices, rootRegions } from '../../regions/regionChoice';
import { NO_RUNNING_DRILLS, type RunningDrills } from '../runningDrills';
import type { Localiser } from '../text';

export const REPLICATION_VIEW_ID = 'ebsDr.replication';

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
/** The problem as the tree shows it: its words and its ways out (Retry first when Alibaba Cloud refused the credentials). */
function slotProblem(problem: ViewProblem): SlotProblem {
  return { kind: problem.kind, text: problem.text, remedies: problem.kind === 'rejected' ? ['retry', ...problem.remedies] : problem.remedies };
}

export function refusedProblem(profileId: string, profileName: string, error: unknown): ViewProblem {
  const text = `${vscode.l10n.t('Alibaba Cloud refused the credentials of the profile "{0}".', profileName)} ${errorText(explainError(error))}`;
  return { kind: 'rejected', profileId, profileName, text, remedies: ['reenterSecret', 'switchProfile', 'addProfile', 'viewLogs'] };
}

export const REPLICATION_COMMANDS = {
  selectRegions: COMMAND.selectRegions,
  findRegionsWithPairs: COMMAND.findRegionsWithPairs,
  refresh: COMMAND.refresh,
  refreshRegion: COMMAND.refreshRegion,
  refreshPair: COMMAND.refreshPair,
  retryLoad: COMMAND.retryLoad,
  copyPairId: COMMAND.copyPairId,
  copyDiskId: COMMAND.copyDiskId,
  copyDrillId: COMMAND.copyDrillId,
  openInConsole: COMMAND.openInConsole,
  chooseTreeProfiles: COMMAND.chooseTreeProfiles,
  profileRemedies: COMMAND.profileRemedies,
} as const;

/** The settings that put several profiles side by side in the view. */
export const PROFILES_IN_TREE_SETTING = 'profilesInTree';
export const TREE_PROFILES_SETTING = 'treeProfiles';

/** True when ebsDr.profilesInTree is on. */
export function profilesSideBySide(): boolean {
  return setting<boolean>(PROFILES_IN_TREE_SETTING, false) === true;
}

/** The profiles the view shows side by side (ebsDr.treeProfiles names; none named: every profile). */
export function treeProfiles(connections: ConnectionProvider): ReturnType<ConnectionProvider['profiles']> {
  return shownProfiles(connections.profiles(), setting<unknown[]>(TREE_PROFILES_SETTING, []));
}


/** What a way-out row runs: the remedy's command (Re-enter Secret for that profile), or Refresh for Retry. */
function remedyCommand(remedy: ProblemRemedy, profileId: string): vscode.Command {
  const way = remedyOf(remedy);
  return { command: way.command, title: vscode.l10n.t(way.label), arguments: way.takesProfileId ? [profileId] : [] };
}


/** The clipboard and the browser: replaceable so host tests can see what would be copied or opened. */
export interface ReplicationExternals {
  copy(text: string): Thenable<void>;
  open(url: string): Thenable<boolean>;
}

const VSCODE_EXTERNALS: ReplicationExternals = {
  copy: (text) => vscode.env.clipboard.writeText(text),
  open: (url) => vscode.env.openExternal(vscode.Uri.parse(url, true)),
};

export interface ReplicationViewDeps {
  context: vscode.ExtensionContext;
  connections: ConnectionProvider;
  clients: Pick<EbsClients, 'active' | 'forProfile'>;
  input: UserInput;
  log: Log;
  /** The one action path: every command of the view is registered through it. */
  actions: Actions<ConnectedClient>;
}

/** Hooks for the host tests (exposed through the extension's test API). */
export interface ReplicationTestApi {
  readonly explorer: ReplicationExplorer;
  readonly provider: vscode.TreeDataProvider<NodeRef>;
  readonly treeView: vscode.TreeView<NodeRef>;
  /** Resolves once the roots follow the active connection and nothing is loading. */
  whenIdle(): Promise<void>;
  /** Pins the clock used for "RP 4 min ago" (undefined: real time). */
  setClock(now: (() => Date) | undefined): void;
  setExternals(externals: ReplicationExternals | undefined): void;
  /** What the drill tracker does in production (tests put a stand-in and restore the tracker's). */
  setRunningDrills(running: RunningDrills): void;
  /** The TreeView's badge and message as VS Code shows them. */
  badge(): { value: number; tooltip: string } | undefined;
  message(): string | undefined;
  /** Why the active profile cannot be used, as the view shows it (the ebsDr.connectionProblem context key is its kind). */
  problem(): ViewProblem | undefined;
  /** The tree as VS Code sees it, side by side or not (profile roots, their problem nodes, then the explorers' nodes). */
  readonly tree: vscode.TreeDataProvider<TreeRef>;
  readonly forest: ProfileForest;
  /** Side by side: the explorer of a shown, usable profile. */
  explorerOf(profileId: string): ReplicationExplorer | undefined;
}

const localiser: Localiser = {
  t: (template, ...args) => vscode.l10n.t(template, ...args),
  errorText: (error) => errorText(explainError(error)),
};

function toTreeItem(node: TreeRef, p: PresentedNode): vscode.TreeItem {
  const state =
    p.collapsible === 'none'
      ? vscode.TreeItemCollapsibleState.None
      : p.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(p.label, state);
  item.id = p.id;
  item.description = p.description;
  if (p.tooltip) item.tooltip = new vscode.MarkdownString(p.tooltip);
  item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
  item.contextValue = p.contextValue;
  if (node.kind === 'profileRemedy') item.command = remedyCommand(node.remedy, node.profileId);
  else if (p.retry && node.kind === 'profileProblem') item.command = { command: REPLICATION_COMMANDS.profileRemedies, title: vscode.l10n.t('Fix Profile…'), arguments: [node] };
  else if (p.retry) item.command = { command: REPLICATION_COMMANDS.retryLoad, title: vscode.l10n.t('Retry'), arguments: [node] };
  return item;
}

class ReplicationTreeProvider implements vscode.TreeDataProvider<TreeRef>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeRef | TreeRef[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly explorer: ProfileForest) {
    this.subscription = explorer.onDidChange((refs) => this.changed.fire(refs));
  }

  getTreeItem(node: TreeRef): vscode.TreeItem {
    return toTreeItem(node, this.explorer.present(node));
  }

  /** Tooltips are built on hover only (a table of every field; thousands of pairs would cost too much up front). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeRef): vscode.TreeItem {
    if (item.tooltip === undefined) {
      const tooltip = this.explorer.tooltip(node);
      if (tooltip) item.tooltip = new vscode.MarkdownString(tooltip);
    }
    return item;
  }

  getChildren(node?: TreeRef): Promise<TreeRef[]> {
    return this.explorer.children(node);
  }

  getParent(node: TreeRef): TreeRef | undefined {
    return this.explorer.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function isTreeRef(value: unknown): value is TreeRef {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { id?: unknown }).id === 'string';
}

function isRef(value: unknown): value is NodeRef {
  return isTreeRef(value) && !isProfileNode(value);
}

/** One profile shown side by side: its explorer, the client it was built for, and why it is refused (if it is). */
interface SideProfile {
  explorer: ReplicationExplorer;
  client: unknown;
  refused?: ViewProblem;
  subscriptions: { dispose(): void }[];
}

/** Where a region command acts: a profile's connection and the explorer showing it. */
interface Target {
  connected: ConnectedClient;
  explorer: ReplicationExplorer | undefined;
}

export class ReplicationView implements vscode.Disposable {
  readonly explorer = new ReplicationExplorer({ localiser });
  readonly forest = new ProfileForest(this.explorer, localiser);
  readonly provider = new ReplicationTreeProvider(this.forest);
  readonly treeView: vscode.TreeView<TreeRef>;
  private readonly side = new Map<string, SideProfile>();
  /** Why a profile shown side by side cannot be used (resolve() said so, or every region refused its credentials). */
  private readonly sideProblems = new Map<string, ViewProblem>();
  private readonly listingListeners = new Set<(listing: DrillListing) => void>();
  private regionNames = new Map<string, string>();
  private readonly choices: RegionChoices;
  private readonly subscriptions: vscode.Disposable[] = [];
  private externals: ReplicationExternals = VSCODE_EXTERNALS;
  private running: RunningDrills = NO_RUNNING_DRILLS;
  private runningSubscription: { dispose(): void } | undefined;
  private source: { profileId: string; client: unknown } | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private endProgress: (() => void) | undefined;
  private problem: ViewProblem | undefined;
  private checking: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ReplicationViewDeps) {
    this.choices = new RegionChoices(deps.context.globalState);
    this.treeView = vscode.window.createTreeView(REPLICATION_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    const C = REPLICATION_COMMANDS;
    const onBusy = this.explorer.onDidChangeBusy(() => this.updateProgress());
    const onListing = this.explorer.onDidLoadDrills((listing) => this.listingListeners.forEach((l) => l(listing)));
    const connections = deps.connections.onDidChange(() => this.sync());
    this.subscriptions.push(
      this.treeView,
      this.provider,
      { dispose: () => onBusy.dispose() },
      { dispose: () => onListing.dispose() },
      { dispose: () => connections.dispose() },
      { dispose: () => this.forest.dispose() },
      onSettingChanged(['endpointTemplate', PROFILES_IN_TREE_SETTING, TREE_PROFILES_SETTING], () => this.sync()),
      deps.actions.register(C.selectRegions, (context, node?: unknown) => this.selectRegions(context, node)),
      deps.actions.register(C.findRegionsWithPairs, (context, node?: unknown) => this.findRegions(context, node)),
      deps.actions.register(C.refresh, () => this.refresh()),
      deps.actions.register(C.refreshRegion, (_context, node?: unknown) => this.refreshRegion(node)),
      deps.actions.register(C.refreshPair, (_context, node?: unknown) => this.refreshPair(node)),
      deps.actions.register(C.retryLoad, (_context, node?: unknown) => this.retry(node)),
      deps.actions.register(C.chooseTreeProfiles, () => this.chooseTreeProfiles()),
      deps.actions.register(C.profileRemedies, (_context, node?: unknown) => this.profileRemedies(node)),
      deps.actions.register(C.copyPairId, (_context, node?: unknown) => this.copyPairId(node)),
      deps.actions.register(C.copyDiskId, (_context, node?: unknown) => this.copyDiskId(node)),
      deps.actions.register(C.copyDrillId, (_context, node?: unknown) => this.copyDrillId(node)),
      deps.actions.register(C.openInConsole, (_context, node?: unknown) => this.openInConsole(node)),
    );
    this.sync();
  }

  // ------------------------------------------------------------------------------------------
  // Connection, roots, progress, badge
  // ------------------------------------------------------------------------------------------

  /** Follows the active connection (profile switch, new secrets, endpoint setting): new roots, everything reloaded. */
  private sync(): Promise<void> {
    this.syncing = this.syncing.then(() => (profilesSideBySide() ? this.syncSideBySide() : this.syncSingle())).catch((error: unknown) => {
      this.deps.log.error(`Replication view: ${error instanceof Error ? error.name : 'error'} while following the profiles`);
    });
    return this.syncing;
  }

  private async syncSingle(): Promise<void> {
    if (this.forest.isSideBySide) {
      this.dropSide(new Set());
      this.forest.setProfiles(undefined);
    }
    const connected = await this.deps.clients.active().catch(() => undefined);
    if (!connected) {
      this.source = undefined;
      this.explorer.setSource(undefined, []);
      const resolution = await this.deps.connections.resolve().catch(() => undefined);
      this.setProblem(resolution?.status === 'unusable' ? unusableProblem(resolution) : undefined);
      return;
    }
    const { connection, client } = connected;
    if (this.source?.profileId === connection.profileId && this.source.client === client) return;
    this.source = { profileId: connection.profileId, client };
    this.explorer.setSource(client, this.roots(connected).regionIds);
    this.setProblem(undefined);
    this.checking = this.explorer.loadAll().then(() => this.checkRefused(connected));
  }

  /** Side by side: one root per chosen profile, each with its own explorer (or why it cannot be used). */
  private async syncSideBySide(): Promise<void> {
    this.source = undefined;
    if (this.explorer.hasSource()) this.explorer.setSource(undefined, []);
    this.setProblem(undefined);
    const entries = treeProfiles(this.deps.connections);
    const slots: ProfileSlot[] = [];
    const loads: Promise<void>[] = [];
    for (const entry of entries) {
      const base = { profileId: entry.id, profileName: entry.name, active: entry.active };
      const got = await this.deps.clients.forProfile(entry.id).catch(() => undefined);
      if (!got || 'resolution' in got) {
        if (got?.resolution.status === 'unusable') {
          const problem = unusableProblem(got.resolution);
          this.sideProblems.set(entry.id, problem);
          slots.push({ ...base, problem: slotProblem(problem) });
        }
        this.dropSide(new Set(), entry.id);
        continue;
      }
      const { connected } = got;
      let side = this.side.get(entry.id);
      if (!side || side.client !== connected.client) {
        if (side) this.dropSide(new Set(), entry.id);
        side = this.newSide(connected);
        this.sideProblems.delete(entry.id);
        const started = side;
        loads.push(side.explorer.loadAll().then(() => this.checkSideRefused(connected, started)));
      }
      slots.push(side.refused ? { ...base, problem: slotProblem(side.refused) } : { ...base, explorer: side.explorer });
    }
    this.dropSide(new Set(entries.map((e) => e.id)));
    this.forest.setProfiles(slots);
    this.checking = Promise.all(loads).then(() => undefined);
    this.updateMessage();
  }

  private newSide(connected: ConnectedClient): SideProfile {
    const { connection, client } = connected;
    const explorer = new ReplicationExplorer({ localiser, profileId: connection.profileId, runningDrills: this.running, now: () => this.explorer.now() });
    explorer.setRegionNames(this.regionNames);
    const busy = explorer.onDidChangeBusy(() => this.updateProgress());
    const listing = explorer.onDidLoadDrills((l) => this.listingListeners.forEach((listener) => listener(l)));
    const side: SideProfile = { explorer, client, subscriptions: [busy, listing] };
    this.side.set(connection.profileId, side);
    explorer.setSource(client, this.roots(connected).regionIds);
    return side;
  }

  /** Forgets the explorers of profiles not in `keep` (or just `only`), cancelling what they load. */
  private dropSide(keep: ReadonlySet<string>, only?: string): void {
    for (const [id, side] of [...this.side]) {
      if (keep.has(id) || (only !== undefined && id !== only)) continue;
      side.explorer.setSource(undefined, []);
      side.subscriptions.forEach((s) => s.dispose());
      this.side.delete(id);
    }
    this.updateProgress();
  }

  private checkSideRefused(connected: ConnectedClient, side: SideProfile): void {
    const { connection } = connected;
    if (this.side.get(connection.profileId) !== side) return;
    const error = side.explorer.refusedError();
    if (error === undefined) return;
    this.deps.log.warn(`Replication view: every region of the profile "${connection.profileName}" refused the credentials: ${explainError(error).code}`);
    side.refused = refusedProblem(connection.profileId, connection.profileName, error);
    this.sideProblems.set(connection.profileId, side.refused);
    const slot = this.forest.slot(connection.profileId);
    if (slot) this.forest.updateSlot({ ...slot, explorer: undefined, problem: slotProblem(side.refused) });
  }

  /** Every region failed because Alibaba Cloud refused the credentials: the profile is unusable, say so and how to fix it. */
  private checkRefused(connected: ConnectedClient): void {
    if (this.source?.client !== connected.client) return;
    const error = this.explorer.refusedError();
    if (error === undefined) return;
    this.deps.log.warn(`Replication view: every region of the profile "${connected.connection.profileName}" refused the credentials: ${explainError(error).code}`);
    // The problem node and its ways out replace the regions; Retry, Refresh or a change of the profile tries again.
    this.explorer.setSource(undefined, []);
    this.setProblem(refusedProblem(connected.connection.profileId, connected.connection.profileName, error));
  }

  private setProblem(problem: ViewProblem | undefined): void {
    if (this.problem === undefined && problem === undefined) return;
    this.problem = problem;
    void vscode.commands.executeCommand('setContext', CONNECTION_PROBLEM_CONTEXT_KEY, problem?.kind ?? '');
    this.forest.setActiveProblem(problem ? { profileId: problem.profileId, profileName: problem.profileName, problem: slotProblem(problem) } : undefined);
    this.updateMessage();
  }

  private roots(connected: ConnectedClient): ReturnType<typeof rootRegions> {
    return rootRegions(this.choices.chosen(connected.connection.profileId), connected.connection.defaultRegionId);
  }

  /** The explorer of a profile (side by side: the shown profile's; otherwise the view's one explorer). */
  private explorerFor(profileId: string | undefined): ReplicationExplorer | undefined {
    if (!this.forest.isSideBySide) return this.explorer;
    const id = profileId ?? this.deps.connections.profiles().find((p) => p.active)?.id;
    return id === undefined ? undefined : this.side.get(id)?.explorer;
  }

  /**
   * The connection a region command acts on: the node's profile (side by side), else the active profile. Without
   * one, the one connection guard says why and offers the ways out, and the action ends.
   */
  private async target(context: ActionContext<ConnectedClient>, node: unknown): Promise<Target> {
    await this.sync();
    const profileId = this.forest.isSideBySide && isTreeRef(node) ? node.profileId : undefined;
    const connected = await context.requireConnection(profileId);
    return { connected, explorer: this.explorerFor(profileId ?? connected.connection.profileId) };
  }

  private updateMessage(): void {
    if (this.problem) {
      // The message (it wraps) says why; the problem node below lists the ways out as rows. Welcome content would not
      // do: VS Code hides it while a view has a message.
      this.treeView.message = this.problem.text;
      return;
    }
    if (this.forest.isSideBySide) {
      this.treeView.message = this.forest.profiles().length === 0 ? vscode.l10n.t('None of the profiles chosen with Show Profiles Side by Side exists. Choose them again.') : undefined;
      return;
    }
    void this.deps.clients.active().then((connected) => {
      if (this.problem || this.forest.isSideBySide) return;
      const usingDefault = connected ? this.roots(connected).usingDefault : false;
      this.treeView.message =
        connected && usingDefault
          ? vscode.l10n.t(
              'Showing the default region {0}. Use Select Regions or Find Regions with Pairs (view title) to choose regions.',
              connected.connection.defaultRegionId,
            )
          : undefined;
    });
  }

  private updateProgress(): void {
    const busy = this.explorer.isBusy() || [...this.side.values()].some((s) => s.explorer.isBusy());
    this.progress(busy);
  }

  private progress(busy: boolean): void {
    if (busy && !this.endProgress) {
      void vscode.window.withProgress({ location: { viewId: REPLICATION_VIEW_ID } }, () => new Promise<void>((resolve) => (this.endProgress = resolve)));
    } else if (!busy && this.endProgress) {
      this.endProgress();
      this.endProgress = undefined;
    }
  }

  setRunningDrills(running: RunningDrills): void {
    this.runningSubscription?.dispose();
    this.running = running;
    this.explorer.setRunningDrills(running);
    for (const side of this.side.values()) side.explorer.setRunningDrills(running);
    this.runningSubscription = running.onDidChange(() => this.updateBadge());
    this.updateBadge();
  }

  private updateBadge(): void {
    if (this.running.badge) {
      this.treeView.badge = this.running.badge();
      return;
    }
    const count = this.running.count();
    this.treeView.badge =
      count > 0 ? { value: count, tooltip: count === 1 ? vscode.l10n.t('1 drill running') : vscode.l10n.t('{0} drills running', count) } : undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Commands
  // ------------------------------------------------------------------------------------------

  private async selectRegions(context: ActionContext<ConnectedClient>, node?: unknown): Promise<void> {
    const target = await this.target(context, node);
    const { connection, client } = target.connected;
    const title = vscode.l10n.t('Select Regions');
    context.retry = () => vscode.commands.executeCommand(COMMAND.selectRegions, node);
    const regions = await this.withViewProgress(replicationRegions(client, connection.defaultRegionId));
    const current = target.explorer?.rootRegionIds() ?? this.roots(target.connected).regionIds;
    const listed = new Set(regions.map((r) => r.regionId));
    const items = [
      ...regions.map((r) => ({ label: r.regionId, description: r.localName, picked: current.includes(r.regionId), value: r.regionId })),
      ...current.filter((id) => !listed.has(id)).map((id) => ({ label: id, description: vscode.l10n.t('not offered for async replication'), picked: true, value: id })),
    ];
    const picked = await this.deps.input.pickMany(items, {
      title: this.forest.isSideBySide ? vscode.l10n.t('{0}: {1}', connection.profileName, title) : title,
      placeholder: vscode.l10n.t('Regions to show in the Replication view (none: the profile\'s default region {0})', connection.defaultRegionId),
    });
    if (picked === undefined || picked === BACK) return;
    this.setRegionNames(new Map(regions.map((r) => [r.regionId, r.localName])));
    await this.choices.set(connection.profileId, picked);
    await this.applyRoots(target);
  }

  private setRegionNames(names: ReadonlyMap<string, string>): void {
    this.regionNames = new Map([...this.regionNames, ...names]);
    this.explorer.setRegionNames(this.regionNames);
    for (const side of this.side.values()) side.explorer.setRegionNames(this.regionNames);
  }

  private async applyRoots(target: Target): Promise<void> {
    if (!target.explorer) return;
    target.explorer.setRegions(this.roots(target.connected).regionIds);
    this.updateMessage();
    await target.explorer.loadIdle();
  }

  private async findRegions(context: ActionContext<ConnectedClient>, node?: unknown): Promise<void> {
    const target = await this.target(context, node);
    const { connected } = target;
    const { connection, client } = connected;
    const explorer = target.explorer;
    context.retry = () => vscode.commands.executeCommand(COMMAND.findRegionsWithPairs, node);
    const result = await this.withViewProgress(
      findRegionsWithPairs(client, connection.defaultRegionId, { concurrency: this.explorer.concurrency }),
      vscode.l10n.t('Looking for replication pairs in every region…'),
    );
    this.setRegionNames(new Map(result.regions.map((r) => [r.regionId, r.localName])));
    for (const failed of result.failed) this.deps.log.warn(`Find Regions with Pairs: ${failed.regionId}: ${explainError(failed.error).code}`);
    if (result.withPairs.length > 0) {
      // The default region stays only if it was chosen or has pairs itself.
      const base = this.choices.chosen(connection.profileId) ?? [];
      await this.choices.set(connection.profileId, [...base, ...result.withPairs]);
      if (explorer) {
        explorer.setRegions(this.roots(connected).regionIds);
        explorer.adopt(result.inventories);
        this.updateMessage();
        void explorer.loadIdle();
      }
    }
    const failedText =
      result.failed.length > 0 ? ` ${vscode.l10n.t('Could not check {0}: see the EBS DR log.', result.failed.map((f) => f.regionId).join(', '))}` : '';
    const summary =
      result.withPairs.length > 0
        ? vscode.l10n.t('Replication pairs found in {0} of {1} regions: {2}.', result.withPairs.length, result.regions.length, result.withPairs.join(', '))
        : vscode.l10n.t('No replication pairs found in {0} regions.', result.regions.length);
    const text = this.forest.isSideBySide ? vscode.l10n.t('{0}: {1}', connection.profileName, summary + failedText) : summary + failedText;
    void this.deps.input.notify(result.failed.length > 0 ? 'warning' : 'info', text);
  }

  /** Re-reads the chosen regions (another window may have changed them) and reloads every root. */
  private async refresh(): Promise<void> {
    // Refused credentials are tried again (a token may have been renewed outside VS Code, a role's policy fixed).
    if (this.problem?.kind === 'rejected') this.source = undefined;
    for (const [id, side] of [...this.side]) if (side.refused) this.dropSide(new Set(), id);
    await this.sync();
    if (this.forest.isSideBySide) {
      await Promise.all(
        [...this.side].map(async ([id, side]) => {
          const got = await this.deps.clients.forProfile(id).catch(() => undefined);
          if (got && 'connected' in got) {
            const roots = this.roots(got.connected).regionIds;
            if (roots.join() !== side.explorer.rootRegionIds().join()) side.explorer.setRegions(roots);
          }
          await side.explorer.loadAll();
        }),
      );
      return;
    }
    const connected = this.source ? await this.deps.clients.active() : undefined;
    if (connected) {
      const roots = this.roots(connected).regionIds;
      if (roots.join() !== this.explorer.rootRegionIds().join()) this.explorer.setRegions(roots);
      this.updateMessage();
    }
    await this.explorer.loadAll();
  }

  private async refreshRegion(node: unknown): Promise<void> {
    if (isRef(node)) await this.forest.explorerOf(node)?.refreshRegion(node.regionId);
    else if (isTreeRef(node) && node.kind === 'profile') {
      const side = this.side.get(node.profileId);
      if (side && !side.refused) await side.explorer.loadAll();
      else await this.refresh();
    } else await this.refresh();
  }

  private async refreshPair(node: unknown): Promise<void> {
    if (isRef(node) && (node.kind === 'pair' || node.kind === 'pairDrill')) await this.forest.explorerOf(node)?.refreshPair(node.regionId, node.pairId);
  }

  private async retry(node: unknown): Promise<void> {
    if (isTreeRef(node) && node.kind === 'profileProblem') return this.profileRemedies(node);
    if (isRef(node)) await this.forest.explorerOf(node)?.retry(node);
  }

  /** Side by side: which profiles the view shows (writes ebsDr.treeProfiles and turns ebsDr.profilesInTree on or off). */
  private async chooseTreeProfiles(): Promise<void> {
    const profiles = this.deps.connections.profiles();
    if (profiles.length === 0) {
      const add = vscode.l10n.t('Add AccessKey Profile');
      const choice = await this.deps.input.notify('info', vscode.l10n.t('There are no profiles to show side by side yet.'), add);
      if (choice === add) await vscode.commands.executeCommand(COMMAND.addProfile);
      return;
    }
    const on = profilesSideBySide();
    const shown = new Set(on ? treeProfiles(this.deps.connections).map((p) => p.id) : []);
    const ONLY_ACTIVE = '';
    const picked = await this.deps.input.pickMany(
      [
        { label: vscode.l10n.t('Show only the active profile'), description: vscode.l10n.t('side by side off'), picked: false, value: ONLY_ACTIVE },
        ...profiles.map((p) => ({ label: p.name, description: p.active ? vscode.l10n.t('active profile') : undefined, picked: shown.has(p.id), value: p.id })),
      ],
      { title: vscode.l10n.t('Show Profiles Side by Side'), placeholder: vscode.l10n.t('Profiles to show as the roots of the Replication view (none: only the active profile)') },
    );
    if (picked === undefined || picked === BACK) return;
    const config = vscode.workspace.getConfiguration('ebsDr');
    const names = profiles.filter((p) => picked.includes(p.id)).map((p) => p.name);
    if (picked.includes(ONLY_ACTIVE) || names.length === 0) {
      await config.update(PROFILES_IN_TREE_SETTING, false, vscode.ConfigurationTarget.Global);
    } else {
      await config.update(TREE_PROFILES_SETTING, names, vscode.ConfigurationTarget.Global);
      await config.update(PROFILES_IN_TREE_SETTING, true, vscode.ConfigurationTarget.Global);
    }
    await this.sync();
  }

  /** The remedies of a profile that cannot be used (its error node's click and context menu). */
  private async profileRemedies(node: unknown): Promise<void> {
    const profileId = isTreeRef(node) ? node.profileId : undefined;
    const problem = profileId === undefined ? this.problem : this.sideProblems.get(profileId);
    if (!problem) return;
    type Choice = ProfileRemedy | 'retry';
    const items: { label: string; value: Choice }[] = [
      ...(problem.kind === 'rejected' ? [{ label: vscode.l10n.t('Retry'), value: 'retry' as const }] : []),
      ...problem.remedies.map((r) => ({ label: remedyPresentation(r, localiser).label, value: r })),
    ];
    const choice = await this.deps.input.pickOne(items, { title: problem.profileName, placeholder: problem.text });
    if (choice === 'retry') await this.refresh();
    else if (typeof choice === 'string') {
      const way = remedyOf(choice);
      await vscode.commands.executeCommand(way.command, ...(way.takesProfileId ? [problem.profileId] : []));
    }
  }

  private async copy(text: string | undefined): Promise<void> {
    if (text) await this.externals.copy(text);
  }

  private async copyPairId(node: unknown): Promise<void> {
    if (isRef(node) && (node.kind === 'pair' || node.kind === 'pairDrill')) await this.copy(node.pairId);
  }

  private async copyDrillId(node: unknown): Promise<void> {
    if (isRef(node) && (node.kind === 'pairDrill' || node.kind === 'groupDrill')) await this.copy(node.drillId);
  }

  /** A pair has two disks (asks which); a pair drill has one drill disk; a group drill one per pair (asks which). */
  private async copyDiskId(node: unknown): Promise<void> {
    if (!isRef(node)) return;
    const explorer = this.forest.explorerOf(node);
    if (!explorer) return;
    const title = vscode.l10n.t('Copy Disk ID');
    if (node.kind === 'pairDrill') {
      await this.copy(explorer.pairDrill(node.pairId, node.drillId)?.drillDiskId);
    } else if (node.kind === 'pair') {
      const pair = explorer.pair(node.regionId, node.pairId);
      if (!pair) return;
      const disk = await this.deps.input.pickOne(
        [
          { label: pair.sourceDiskId, description: vscode.l10n.t('primary disk, {0}', pair.sourceZoneId), value: pair.sourceDiskId },
          { label: pair.destinationDiskId, description: vscode.l10n.t('secondary disk, {0}', pair.destinationZoneId), value: pair.destinationDiskId },
        ],
        { title },
      );
      if (typeof disk === 'string') await this.copy(disk);
    } else if (node.kind === 'groupDrill') {
      const drill = explorer.groupDrill(node.groupId, node.drillId);
      const disks = (drill?.pairs ?? []).filter((p) => p.drillDiskId);
      const disk =
        disks.length === 1
          ? disks[0]?.drillDiskId
          : await this.deps.input.pickOne(
              disks.map((p) => ({ label: p.drillDiskId ?? '', description: vscode.l10n.t('drill disk of {0}', p.pairId), value: p.drillDiskId ?? '' })),
              { title },
            );
      if (typeof disk === 'string') await this.copy(disk);
    }
  }

  private async openInConsole(node: unknown): Promise<void> {
    const url = isRef(node) ? this.forest.explorerOf(node)?.consoleUrl(node) : undefined;
    if (url) await this.externals.open(url);
  }

  private withViewProgress<T>(work: Promise<T>, title?: string): Promise<T> {
    void vscode.window.withProgress({ location: { viewId: REPLICATION_VIEW_ID }, title }, () => work.then(
      () => undefined,
      () => undefined,
    ));
    return work;
  }

  // ------------------------------------------------------------------------------------------
  // What the drill commands use (src/drills/ui/tree.ts DrillTree); `profileId`: the node's profile when side by side
  // ------------------------------------------------------------------------------------------

  rootRegionIds(profileId?: string): readonly string[] {
    return this.explorerFor(profileId)?.rootRegionIds() ?? [];
  }
  pair = (regionId: string, pairId: string, profileId?: string): ReturnType<ReplicationExplorer['pair']> => this.explorerFor(profileId)?.pair(regionId, pairId);
  group = (regionId: string, groupId: string, profileId?: string): ReturnType<ReplicationExplorer['group']> => this.explorerFor(profileId)?.group(regionId, groupId);
  pairDrill = (pairId: string, drillId: string, profileId?: string): ReturnType<ReplicationExplorer['pairDrill']> => this.explorerFor(profileId)?.pairDrill(pairId, drillId);
  groupDrill = (groupId: string, drillId: string, profileId?: string): ReturnType<ReplicationExplorer['groupDrill']> =>
    this.explorerFor(profileId)?.groupDrill(groupId, drillId);

  /** True while the view shows profiles side by side. */
  sideBySide(): boolean {
    return this.forest.isSideBySide;
  }

  invalidateDrills(owner: DrillOwner, profileId?: string): void {
    if (profileId !== undefined && this.forest.isSideBySide) this.explorerFor(profileId)?.invalidateDrills(owner);
    else this.forest.explorers().forEach((e) => e.invalidateDrills(owner));
  }

  busy(owner: DrillOwner, text: string, profileId?: string): { dispose(): void } {
    return this.explorerFor(profileId)?.markBusy(owner, text) ?? { dispose: () => undefined };
  }

  onDidLoadDrills(listener: (listing: DrillListing) => void): { dispose(): void } {
    this.listingListeners.add(listener);
    return { dispose: () => this.listingListeners.delete(listener) };
  }

  /** Reveals a drill (or its owner when the drill is not listed) in the DR region's branch when shown, else any. */
  async reveal(kind: 'pair' | 'group', ownerId: string, drillId: string | undefined, profileId?: string): Promise<void> {
    await vscode.commands.executeCommand(`${REPLICATION_VIEW_ID}.focus`);
    await this.whenIdle();
    const explorer = this.explorerFor(profileId);
    if (!explorer) return;
    const regions = explorer.rootRegionIds();
    const find = (regionId: string): boolean => (kind === 'pair' ? explorer.pair(regionId, ownerId) !== undefined : explorer.group(regionId, ownerId) !== undefined);
    const candidates = regions.filter(find);
    if (candidates.length === 0) return;
    const dr = candidates.find((r) => (kind === 'pair' ? explorer.pair(r, ownerId)?.destinationRegionId : explorer.group(r, ownerId)?.destinationRegionId) === r);
    const regionId = dr ?? candidates[0] ?? '';
    const owner = kind === 'pair' ? explorer.pairRef(regionId, ownerId) : explorer.groupRef(regionId, ownerId);
    const children = drillId ? await explorer.children(owner) : [];
    const drill = children.find((c) => (c.kind === 'pairDrill' || c.kind === 'groupDrill') && c.drillId === drillId);
    await this.treeView.reveal(drill ?? owner, { select: true, focus: true, expand: drill ? undefined : true });
  }

  async whenIdle(): Promise<void> {
    await this.syncing;
    await this.checking;
    await Promise.all([this.explorer, ...[...this.side.values()].map((s) => s.explorer)].map((e) => e.whenIdle()));
    await this.checking;
  }

  testApi(): ReplicationTestApi {
    return {
      explorer: this.explorer,
      // Without side by side every node is the explorer's NodeRef (tests written before profile roots use this type).
      provider: this.provider as unknown as vscode.TreeDataProvider<NodeRef>,
      treeView: this.treeView as unknown as vscode.TreeView<NodeRef>,
      tree: this.provider,
      forest: this.forest,
      explorerOf: (profileId) => this.side.get(profileId)?.explorer,
      whenIdle: () => this.whenIdle(),
      setClock: (now) => {
        this.explorer.now = now ?? (() => new Date());
      },
      setExternals: (externals) => (this.externals = externals ?? VSCODE_EXTERNALS),
      setRunningDrills: (running) => this.setRunningDrills(running),
      badge: () => this.treeView.badge as { value: number; tooltip: string } | undefined,
      message: () => this.treeView.message,
      problem: () => this.problem,
    };
  }

  dispose(): void {
    this.endProgress?.();
    this.runningSubscription?.dispose();
    this.dropSide(new Set());
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** Creates the Replication view and its commands; the composition root calls this once. */
export function registerReplicationView(deps: ReplicationViewDeps): ReplicationView {
  const view = new ReplicationView(deps);
  deps.context.subscriptions.push(view);
  return view;
}
