// The Replication view shell: the TreeView over the pure tree (ProfileForest over one ReplicationExplorer, or one
// per profile side by side), following the profiles (roots, why a profile cannot be used, the view's message),
// Refresh / Retry, the running-drill badge. Its parts: the profiles side by side in ui/sideBySide.ts, what the drill
// commands use (DrillTree) in ui/drillTreeSurface.ts, the background refresh in ui/viewAutoRefresh.ts, the host
// tests' hooks in ui/viewTestApi.ts. The view's other commands: ui/nodeCommands.ts, ui/profileCommands.ts and the
// regions' ui/regionCommands.ts; the TreeDataProvider: ui/treeProvider.ts.
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../../credentials/connection';
import type { ConnectedClient, EbsClients } from '../../credentials/ui/clients';
import { explainError } from '../../ebs/catalogue';
import type { RegionInventory } from '../../ebs/inventory';
import { RegionChoices, rootRegions } from '../../regions/regionChoice';
import { registerRegionCommands, type RegionRoots } from '../../regions/ui/regionCommands';
import { COMMAND } from '../../shared/commands';
import type { Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, SETTING } from '../../shared/ui/settings';
import type { UserInput } from '../../shared/ui/userInput';
import { ReplicationExplorer, type NodeRef } from '../explorer';
import { NO_DRILL_FRESHNESS, type DrillFreshness } from '../freshness';
import { ProfileForest, type TreeRef } from '../profileForest';
import type { RunningDrills } from '../runningDrills';
import { DrillTreeSurface } from './drillTreeSurface';
import { registerNodeCommands, VSCODE_EXTERNALS, type ReplicationExternals } from './nodeCommands';
import { CONNECTION_PROBLEM_CONTEXT_KEY, refusedProblem, slotProblem, unusableProblem, type ViewProblem } from './problems';
import { registerProfileCommands } from './profileCommands';
import { SideBySide } from './sideBySide';
import { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles } from './sideBySideSettings';
import { isRef, isTreeRef, localiser, ReplicationTreeProvider } from './treeProvider';
import { REPLICATION_VIEW_ID, ViewActivity } from './viewActivity';
import { ViewAutoRefresh } from './viewAutoRefresh';
import type { ReplicationTestApi } from './viewTestApi';

// The drill commands read these settings through this module.
export { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles };
export { REPLICATION_VIEW_ID };
export type { ReplicationTestApi };

export interface ReplicationViewDeps {
  context: vscode.ExtensionContext;
  connections: ConnectionProvider;
  clients: Pick<EbsClients, 'active' | 'forProfile'>;
  input: UserInput;
  log: Log;
  /** The one action path: every command of the view is registered through it. */
  actions: Actions<ConnectedClient>;
}

export class ReplicationView extends DrillTreeSurface implements vscode.Disposable, RegionRoots {
  readonly explorer = new ReplicationExplorer({ localiser });
  readonly forest = new ProfileForest(this.explorer, localiser);
  readonly provider = new ReplicationTreeProvider(this.forest);
  readonly treeView: vscode.TreeView<TreeRef>;
  readonly concurrency = this.explorer.concurrency;
  private readonly activity: ViewActivity;
  private readonly sides: SideBySide;
  private regionNames = new Map<string, string>();
  private readonly choices: RegionChoices;
  private readonly subscriptions: vscode.Disposable[] = [];
  private externals: ReplicationExternals = VSCODE_EXTERNALS;
  private runningSubscription: { dispose(): void } | undefined;
  private readonly loaded = new vscode.EventEmitter<void>();
  private source: { profileId: string; client: unknown } | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private problem: ViewProblem | undefined;
  private checking: Promise<void> = Promise.resolve();
  private readonly autoRefresh: ViewAutoRefresh;

  constructor(private readonly deps: ReplicationViewDeps) {
    super();
    const { actions, input, log } = deps;
    this.choices = new RegionChoices(deps.context.globalState);
    this.treeView = vscode.window.createTreeView(REPLICATION_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.activity = new ViewActivity(this.treeView);
    this.sides = new SideBySide({
      forest: this.forest,
      connections: deps.connections,
      clients: deps.clients,
      log,
      roots: (connected) => this.roots(connected).regionIds,
      now: () => this.explorer.now(),
      onBusy: () => this.updateProgress(),
      onListing: (listing) => this.fireListing(listing),
    });
    this.autoRefresh = new ViewAutoRefresh({ treeView: this.treeView, forest: this.forest, now: () => this.explorer.now().getTime(), log });
    const onBusy = this.explorer.onDidChangeBusy(() => this.updateProgress());
    const onListing = this.explorer.onDidLoadDrills((listing) => this.fireListing(listing));
    const connections = deps.connections.onDidChange(() => this.sync());
    this.subscriptions.push(
      this.treeView,
      this.provider,
      this.loaded,
      { dispose: () => onBusy.dispose() },
      { dispose: () => onListing.dispose() },
      { dispose: () => connections.dispose() },
      { dispose: () => this.forest.dispose() },
      this.autoRefresh,
      onSettingChanged([SETTING.endpointTemplate, PROFILES_IN_TREE_SETTING, TREE_PROFILES_SETTING], () => this.sync()),
      actions.register(COMMAND.refresh, () => this.refresh()),
      actions.register(COMMAND.refreshRegion, (_context, node?: unknown) => this.refreshRegion(node)),
      actions.register(COMMAND.refreshPair, (_context, node?: unknown) => this.refreshPair(node)),
      actions.register(COMMAND.retryLoad, (_context, node?: unknown) => this.retry(node)),
      ...registerRegionCommands({ actions, choices: this.choices, input, log, roots: this }),
      ...registerProfileCommands({
        actions,
        connections: deps.connections,
        input,
        problemOf: (profileId) => (profileId === undefined ? this.problem : this.sides.problem(profileId)),
        sync: () => this.sync(),
        refresh: () => this.refresh(),
      }),
      ...registerNodeCommands({ actions, forest: this.forest, input, externals: () => this.externals }),
    );
    this.sync();
  }

  // ------------------------------------------------------------------------------------------
  // Following the profiles: roots, problems, side by side, message
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
      this.sides.drop(new Set());
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
    this.checking = (await this.sides.sync()).checking;
    this.updateMessage();
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
  protected explorerFor(profileId: string | undefined): ReplicationExplorer | undefined {
    if (!this.forest.isSideBySide) return this.explorer;
    const id = profileId ?? this.deps.connections.profiles().find((p) => p.active)?.id;
    return id === undefined ? undefined : this.sides.explorer(id);
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
    const busy = this.explorer.isBusy() || this.sides.isBusy();
    this.activity.progress(busy);
    if (!busy) {
      this.loaded.fire();
      this.autoRefresh.update();
    }
  }

  /** Fires after a profile's region choice was written (Select Regions, Find Regions with Pairs). */
  readonly onDidChooseRegions = (listener: () => void): { dispose(): void } => this.choices.onDidChange(() => listener());

  /** Fires when the view has finished loading (what loadedRegion() returns may have changed). */
  readonly onDidChangeLoaded = (listener: () => void): vscode.Disposable => this.loaded.event(listener);

  setRunningDrills(running: RunningDrills): void {
    this.runningSubscription?.dispose();
    this.explorer.setRunningDrills(running);
    this.sides.setRunningDrills(running);
    this.runningSubscription = running.onDidChange(() => this.activity.showBadge(running));
    this.activity.showBadge(running);
  }

  /**
   * Where the pair and group rows read when each was last drilled successfully and whether it is overdue (the drill
   * evidence): given to this view's explorer and every side-by-side one (and to those created later). Each explorer
   * redraws its rows whenever `freshness` fires; node ids stay stable, so expansion and selection survive.
   */
  setDrillFreshness(freshness: DrillFreshness): void {
    this.explorer.setDrillFreshness(freshness);
    this.sides.setDrillFreshness(freshness);
  }

  // ------------------------------------------------------------------------------------------
  // What the region commands use (src/regions/ui/regionCommands.ts RegionRoots)
  // ------------------------------------------------------------------------------------------

  async profileOf(node: unknown): Promise<string | undefined> {
    await this.sync();
    return this.forest.isSideBySide && isTreeRef(node) ? node.profileId : undefined;
  }

  shownRegionIds(profileId: string): readonly string[] | undefined {
    return this.explorerFor(profileId)?.rootRegionIds();
  }

  setRegionNames(names: ReadonlyMap<string, string>): void {
    this.regionNames = new Map([...this.regionNames, ...names]);
    this.explorer.setRegionNames(this.regionNames);
    this.sides.setRegionNames(this.regionNames);
  }

  async rootsChosen(connected: ConnectedClient, loaded?: readonly RegionInventory[]): Promise<void> {
    const explorer = this.explorerFor(connected.connection.profileId);
    if (!explorer) return;
    explorer.setRegions(this.roots(connected).regionIds);
    if (loaded) explorer.adopt(loaded);
    this.updateMessage();
    await explorer.loadIdle();
  }

  withProgress<T>(work: Promise<T>, title?: string): Promise<T> {
    return this.activity.withProgress(work, title);
  }

  // ------------------------------------------------------------------------------------------
  // Refresh and Retry
  // ------------------------------------------------------------------------------------------

  /** Re-reads the chosen regions (another window may have changed them) and reloads every root. */
  private async refresh(): Promise<void> {
    // Refused credentials are tried again (a token may have been renewed outside VS Code, a role's policy fixed).
    if (this.problem?.kind === 'rejected') this.source = undefined;
    this.sides.dropRefused();
    await this.sync();
    if (this.forest.isSideBySide) return this.sides.reloadAll();
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
      const explorer = this.sides.usable(node.profileId);
      if (explorer) await explorer.loadAll();
      else await this.refresh();
    } else await this.refresh();
  }

  private async refreshPair(node: unknown): Promise<void> {
    if (isRef(node) && (node.kind === 'pair' || node.kind === 'pairDrill')) await this.forest.explorerOf(node)?.refreshPair(node.regionId, node.pairId);
  }

  private async retry(node: unknown): Promise<void> {
    if (isTreeRef(node) && node.kind === 'profileProblem') return void (await vscode.commands.executeCommand(COMMAND.profileRemedies, node));
    if (isRef(node)) await this.forest.explorerOf(node)?.retry(node);
  }

  // ------------------------------------------------------------------------------------------
  // Test hooks, disposal
  // ------------------------------------------------------------------------------------------

  async whenIdle(): Promise<void> {
    await this.syncing;
    await this.checking;
    await Promise.all([this.explorer, ...this.sides.explorers()].map((e) => e.whenIdle()));
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
      explorerOf: (profileId) => this.sides.explorer(profileId),
      whenIdle: () => this.whenIdle(),
      setClock: (now) => {
        this.explorer.now = now ?? (() => new Date());
      },
      setExternals: (externals) => (this.externals = externals ?? VSCODE_EXTERNALS),
      setRunningDrills: (running) => this.setRunningDrills(running),
      setDrillFreshness: (freshness) => this.setDrillFreshness(freshness),
      autoRefresh: this.autoRefresh.testApi(),
      badge: () => this.treeView.badge as { value: number; tooltip: string } | undefined,
      message: () => this.treeView.message,
      problem: () => this.problem,
    };
  }

  dispose(): void {
    this.activity.dispose();
    this.runningSubscription?.dispose();
    this.explorer.setDrillFreshness(NO_DRILL_FRESHNESS);
    this.sides.drop(new Set());
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** Creates the Replication view and its commands; the composition root calls this once. */
export function registerReplicationView(deps: ReplicationViewDeps): ReplicationView {
  const view = new ReplicationView(deps);
  deps.context.subscriptions.push(view);
  return view;
}
