// The Replication view shell: the TreeView over the pure tree (ProfileForest over one ReplicationExplorer, or one
// per profile side by side), following the profiles (roots, why a profile cannot be used, the view's message),
// Refresh / Retry, and what the drill commands need from the tree (DrillTree: data, reveal, busy owners, drill
// listings, running-drill badge). The view's other commands: ui/nodeCommands.ts, ui/profileCommands.ts and the
// regions' ui/regionCommands.ts; the TreeDataProvider: ui/treeProvider.ts.
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../../credentials/connection';
import type { ConnectedClient, EbsClients } from '../../credentials/ui/clients';
import { explainError } from '../../ebs/catalogue';
import type { RegionInventory } from '../../ebs/inventory';
import type { ReplicaGroup, ReplicaPair } from '../../ebs/types';
import { RegionChoices, rootRegions } from '../../regions/regionChoice';
import { registerRegionCommands, type RegionRoots } from '../../regions/ui/regionCommands';
import { COMMAND } from '../../shared/commands';
import type { Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, setting, SETTING } from '../../shared/ui/settings';
import type { UserInput } from '../../shared/ui/userInput';
import { AutoRefresher, type RefreshTarget } from '../autoRefresh';
import { ReplicationExplorer, type DrillListing, type DrillOwner, type NodeRef } from '../explorer';
import { NO_DRILL_FRESHNESS, type DrillFreshness } from '../freshness';
import { ProfileForest, type ProfileSlot, type TreeRef } from '../profileForest';
import { NO_RUNNING_DRILLS, type RunningDrills } from '../runningDrills';
import { registerNodeCommands, VSCODE_EXTERNALS, type ReplicationExternals } from './nodeCommands';
import { CONNECTION_PROBLEM_CONTEXT_KEY, refusedProblem, slotProblem, unusableProblem, type ViewProblem } from './problems';
import { registerProfileCommands } from './profileCommands';
import { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles } from './sideBySideSettings';
import { isRef, isTreeRef, localiser, ReplicationTreeProvider } from './treeProvider';
import { REPLICATION_VIEW_ID, ViewActivity } from './viewActivity';

// The drill commands read these settings through this module.
export { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles };
export { REPLICATION_VIEW_ID };

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
  /** What the drill evidence does in production (tests put a stand-in and restore the evidence's). */
  setDrillFreshness(freshness: DrillFreshness): void;
  /**
   * The background refresh (ebsDr.autoRefreshMinutes): whether its one timer exists, whether it counts the view as
   * visible and the window as focused, and update() to re-evaluate now (after the test moved the clock with setClock).
   */
  autoRefresh: {
    hasTimer(): boolean;
    visible(): boolean;
    focused(): boolean;
    update(): void;
    /** Stands in for the window's focus (a headless test window may never be focused); undefined: the real focus again. */
    assumeFocused(focused: boolean | undefined): void;
  };
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

/** One profile shown side by side: its explorer, the client it was built for, and why it is refused (if it is). */
interface SideProfile {
  explorer: ReplicationExplorer;
  client: unknown;
  refused?: ViewProblem;
  subscriptions: { dispose(): void }[];
}

export class ReplicationView implements vscode.Disposable, RegionRoots {
  readonly explorer = new ReplicationExplorer({ localiser });
  readonly forest = new ProfileForest(this.explorer, localiser);
  readonly provider = new ReplicationTreeProvider(this.forest);
  readonly treeView: vscode.TreeView<TreeRef>;
  readonly concurrency = this.explorer.concurrency;
  private readonly activity: ViewActivity;
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
  private freshness: DrillFreshness = NO_DRILL_FRESHNESS;
  private readonly loaded = new vscode.EventEmitter<void>();
  private source: { profileId: string; client: unknown } | undefined;
  private syncing: Promise<void> = Promise.resolve();
  private problem: ViewProblem | undefined;
  private checking: Promise<void> = Promise.resolve();
  private readonly autoRefresh: AutoRefresher;
  private viewVisible = false;
  private windowFocused = false;
  private focusOverride: boolean | undefined;

  constructor(private readonly deps: ReplicationViewDeps) {
    const { actions, input, log } = deps;
    this.choices = new RegionChoices(deps.context.globalState);
    this.treeView = vscode.window.createTreeView(REPLICATION_VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true });
    this.activity = new ViewActivity(this.treeView);
    this.autoRefresh = new AutoRefresher({
      now: () => this.explorer.now().getTime(),
      timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      targets: () => this.refreshTargets(),
      thresholdMs: () => Math.max(0, setting<number>(SETTING.autoRefreshMinutes, 5)) * 60_000,
      onError: (key, error) => log.warn(`Replication view: background refresh of ${key} failed: ${error instanceof Error ? error.name : 'error'}`),
    });
    this.viewVisible = this.treeView.visible;
    this.windowFocused = vscode.window.state.focused;
    this.autoRefresh.setVisible(this.viewVisible);
    this.autoRefresh.setFocused(this.windowFocused);
    // Re-evaluated when a region's state changes (a load settled, roots changed), not on every row.
    const onTree = this.forest.onDidChange((changed) => {
      if (changed === undefined || changed.some((ref) => ref.kind === 'region' || ref.kind === 'profile')) this.autoRefresh.update();
    });
    const onBusy = this.explorer.onDidChangeBusy(() => this.updateProgress());
    const onListing = this.explorer.onDidLoadDrills((listing) => this.listingListeners.forEach((l) => l(listing)));
    const connections = deps.connections.onDidChange(() => this.sync());
    this.subscriptions.push(
      this.treeView,
      this.provider,
      this.loaded,
      { dispose: () => onBusy.dispose() },
      { dispose: () => onListing.dispose() },
      { dispose: () => connections.dispose() },
      { dispose: () => this.forest.dispose() },
      { dispose: () => onTree.dispose() },
      { dispose: () => this.autoRefresh.dispose() },
      this.treeView.onDidChangeVisibility((event) => {
        this.viewVisible = event.visible;
        this.autoRefresh.setVisible(event.visible);
      }),
      vscode.window.onDidChangeWindowState((state) => {
        this.windowFocused = state.focused;
        this.autoRefresh.setFocused(this.focusOverride ?? state.focused);
      }),
      onSettingChanged([SETTING.autoRefreshMinutes], () => this.autoRefresh.update()),
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
        problemOf: (profileId) => (profileId === undefined ? this.problem : this.sideProblems.get(profileId)),
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
    const explorer = new ReplicationExplorer({
      localiser,
      profileId: connection.profileId,
      runningDrills: this.running,
      drillFreshness: this.freshness,
      now: () => this.explorer.now(),
    });
    explorer.setRegionNames(this.regionNames);
    const busy = explorer.onDidChangeBusy(() => this.updateProgress());
    const listing = explorer.onDidLoadDrills((l) => this.listingListeners.forEach((listener) => listener(l)));
    // A dropped explorer stops listening to the drill freshness.
    const freshness = { dispose: () => explorer.setDrillFreshness(NO_DRILL_FRESHNESS) };
    const side: SideProfile = { explorer, client, subscriptions: [busy, listing, freshness] };
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
    this.activity.progress(busy);
    if (!busy) {
      this.loaded.fire();
      this.autoRefresh.update();
    }
  }

  /** Every root region of every shown explorer, for the background refresh (a region counts once it is loaded, not while it reloads). */
  private refreshTargets(): RefreshTarget[] {
    return this.forest.explorers().flatMap((explorer) =>
      explorer.rootRegionIds().map((regionId) => ({
        key: `${explorer.profileId ?? ''}|${regionId}`,
        loadedAt: explorer.regionState(regionId) === 'loaded' ? explorer.loadedAt(regionId)?.getTime() : undefined,
        reload: () => explorer.refreshRegion(regionId),
      })),
    );
  }

  /** Fires after a profile's region choice was written (Select Regions, Find Regions with Pairs). */
  readonly onDidChooseRegions = (listener: () => void): { dispose(): void } => this.choices.onDidChange(() => listener());

  /** Fires when the view has finished loading (what loadedRegion() returns may have changed). */
  readonly onDidChangeLoaded = (listener: () => void): vscode.Disposable => this.loaded.event(listener);

  setRunningDrills(running: RunningDrills): void {
    this.runningSubscription?.dispose();
    this.running = running;
    this.explorer.setRunningDrills(running);
    for (const side of this.side.values()) side.explorer.setRunningDrills(running);
    this.runningSubscription = running.onDidChange(() => this.activity.showBadge(running));
    this.activity.showBadge(running);
  }

  /**
   * Where the pair and group rows read when each was last drilled successfully and whether it is overdue (the drill
   * evidence): given to this view's explorer and every side-by-side one (and to those created later). Each explorer
   * redraws its rows whenever `freshness` fires; node ids stay stable, so expansion and selection survive.
   */
  setDrillFreshness(freshness: DrillFreshness): void {
    this.freshness = freshness;
    this.explorer.setDrillFreshness(freshness);
    for (const side of this.side.values()) side.explorer.setDrillFreshness(freshness);
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
    for (const side of this.side.values()) side.explorer.setRegionNames(this.regionNames);
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
    if (isTreeRef(node) && node.kind === 'profileProblem') return void (await vscode.commands.executeCommand(COMMAND.profileRemedies, node));
    if (isRef(node)) await this.forest.explorerOf(node)?.retry(node);
  }

  // ------------------------------------------------------------------------------------------
  // What the drill commands use (src/drills/tree.ts DrillTree); `profileId`: the node's profile when side by side
  // ------------------------------------------------------------------------------------------

  rootRegionIds(profileId?: string): readonly string[] {
    return this.explorerFor(profileId)?.rootRegionIds() ?? [];
  }
  /**
   * What the tree has loaded for a root region (the previous contents while it reloads): its pairs in display order
   * and its replica groups; undefined when the region is not loaded (or not a root). The drill evidence builds its
   * reports and finds overdue pairs from this.
   */
  loadedRegion(regionId: string, profileId?: string): { pairs: ReplicaPair[]; groups: ReplicaGroup[] } | undefined {
    return this.explorerFor(profileId)?.loadedRegion(regionId);
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
      setDrillFreshness: (freshness) => this.setDrillFreshness(freshness),
      autoRefresh: {
        hasTimer: () => this.autoRefresh.hasTimer(),
        visible: () => this.viewVisible,
        focused: () => this.windowFocused,
        update: () => this.autoRefresh.update(),
        assumeFocused: (focused) => {
          this.focusOverride = focused;
          this.autoRefresh.setFocused(focused ?? this.windowFocused);
        },
      },
      badge: () => this.treeView.badge as { value: number; tooltip: string } | undefined,
      message: () => this.treeView.message,
      problem: () => this.problem,
    };
  }

  dispose(): void {
    this.activity.dispose();
    this.runningSubscription?.dispose();
    this.explorer.setDrillFreshness(NO_DRILL_FRESHNESS);
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
