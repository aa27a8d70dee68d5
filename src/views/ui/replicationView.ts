// The Replication view shell: the TreeDataProvider over the pure ReplicationExplorer, the TreeView (progress on
// the view, badge, message), the region choice per profile and the view's commands. Also what the drill commands
// need from the tree (DrillTree: data, reveal, busy owners, drill listings, running-drill badge).
import * as vscode from 'vscode';
import type { ConnectionProblem, ConnectionProvider, ConnectionResolution, ProfileRemedy } from '../../credentials/connection';
import { explainError } from '../../ebs/catalogue';
import type { Region } from '../../ebs/types';
import type { ConnectedClient } from '../../ui/clients';
import { errorText, localise, showError } from '../../ui/errorMessages';
import type { Log } from '../../ui/log';
import { onSettingChanged } from '../../ui/settings';
import { BACK, type UserInput } from '../../ui/userInput';
import { ReplicationExplorer, type DrillListing, type DrillOwner, type NodeRef, type PresentedNode } from '../explorer';
import { findRegionsWithPairs, replicationRegions } from '../findRegions';
import { RegionChoices, rootRegions } from '../regionChoice';
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
export function refusedProblem(profileId: string, profileName: string, error: unknown): ViewProblem {
  const text = `${vscode.l10n.t('Alibaba Cloud refused the credentials of the profile "{0}".', profileName)} ${errorText(explainError(error))}`;
  return { kind: 'rejected', profileId, profileName, text, remedies: ['reenterSecret', 'switchProfile', 'addProfile', 'viewLogs'] };
}

export const REPLICATION_COMMANDS = {
  selectRegions: 'ebsDr.selectRegions',
  findRegionsWithPairs: 'ebsDr.findRegionsWithPairs',
  refresh: 'ebsDr.refresh',
  refreshRegion: 'ebsDr.refreshRegion',
  refreshPair: 'ebsDr.refreshPair',
  retryLoad: 'ebsDr.retryLoad',
  copyPairId: 'ebsDr.copyPairId',
  copyDiskId: 'ebsDr.copyDiskId',
  copyDrillId: 'ebsDr.copyDrillId',
  openInConsole: 'ebsDr.openInConsole',
} as const;

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
  clients: { active(): Promise<ConnectedClient | undefined> };
  input: UserInput;
  log: Log;
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
}

const localiser: Localiser = {
  t: (template, ...args) => vscode.l10n.t(template, ...args),
  errorText: (error) => errorText(explainError(error)),
};

function toTreeItem(node: NodeRef, p: PresentedNode): vscode.TreeItem {
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
  if (p.retry) item.command = { command: REPLICATION_COMMANDS.retryLoad, title: vscode.l10n.t('Retry'), arguments: [node] };
  return item;
}

class ReplicationTreeProvider implements vscode.TreeDataProvider<NodeRef>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<NodeRef | NodeRef[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly explorer: ReplicationExplorer) {
    this.subscription = explorer.onDidChange((refs) => this.changed.fire(refs));
  }

  getTreeItem(node: NodeRef): vscode.TreeItem {
    return toTreeItem(node, this.explorer.present(node));
  }

  /** Tooltips are built on hover only (a table of every field; thousands of pairs would cost too much up front). */
  resolveTreeItem(item: vscode.TreeItem, node: NodeRef): vscode.TreeItem {
    if (item.tooltip === undefined) {
      const tooltip = this.explorer.tooltip(node);
      if (tooltip) item.tooltip = new vscode.MarkdownString(tooltip);
    }
    return item;
  }

  getChildren(node?: NodeRef): Promise<NodeRef[]> {
    return this.explorer.children(node);
  }

  getParent(node: NodeRef): NodeRef | undefined {
    return this.explorer.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function isRef(value: unknown): value is NodeRef {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { id?: unknown }).id === 'string';
}

export class ReplicationView implements vscode.Disposable {
  readonly explorer = new ReplicationExplorer({ localiser });
  readonly provider = new ReplicationTreeProvider(this.explorer);
  readonly treeView: vscode.TreeView<NodeRef>;
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
    const onBusy = this.explorer.onDidChangeBusy((busy) => this.progress(busy));
    const connections = deps.connections.onDidChange(() => this.sync());
    this.subscriptions.push(
      this.treeView,
      this.provider,
      { dispose: () => onBusy.dispose() },
      { dispose: () => connections.dispose() },
      onSettingChanged(['endpointTemplate'], () => this.sync()),
      vscode.commands.registerCommand(C.selectRegions, () => this.selectRegions()),
      vscode.commands.registerCommand(C.findRegionsWithPairs, () => this.findRegions()),
      vscode.commands.registerCommand(C.refresh, () => this.refresh()),
      vscode.commands.registerCommand(C.refreshRegion, (node?: unknown) => this.refreshRegion(node)),
      vscode.commands.registerCommand(C.refreshPair, (node?: unknown) => this.refreshPair(node)),
      vscode.commands.registerCommand(C.retryLoad, (node?: unknown) => (isRef(node) ? this.explorer.retry(node) : undefined)),
      vscode.commands.registerCommand(C.copyPairId, (node?: unknown) => this.copyPairId(node)),
      vscode.commands.registerCommand(C.copyDiskId, (node?: unknown) => this.copyDiskId(node)),
      vscode.commands.registerCommand(C.copyDrillId, (node?: unknown) => this.copyDrillId(node)),
      vscode.commands.registerCommand(C.openInConsole, (node?: unknown) => this.openInConsole(node)),
    );
    this.sync();
  }

  // ------------------------------------------------------------------------------------------
  // Connection, roots, progress, badge
  // ------------------------------------------------------------------------------------------

  /** Follows the active connection (profile switch, new secrets, endpoint setting): new roots, everything reloaded. */
  private sync(): Promise<void> {
    this.syncing = this.syncing.then(async () => {
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
    });
    return this.syncing;
  }

  /** Every region failed because Alibaba Cloud refused the credentials: the profile is unusable, say so and how to fix it. */
  private checkRefused(connected: ConnectedClient): void {
    if (this.source?.client !== connected.client) return;
    const error = this.explorer.refusedError();
    if (error === undefined) return;
    this.deps.log.warn(`Replication view: every region of the profile "${connected.connection.profileName}" refused the credentials: ${explainError(error).code}`);
    // An empty tree, so the welcome content with the remedies shows; Refresh (or a change of the profile) tries again.
    this.explorer.setSource(undefined, []);
    this.setProblem(refusedProblem(connected.connection.profileId, connected.connection.profileName, error));
  }

  private setProblem(problem: ViewProblem | undefined): void {
    this.problem = problem;
    void vscode.commands.executeCommand('setContext', CONNECTION_PROBLEM_CONTEXT_KEY, problem?.kind ?? '');
    this.updateMessage();
  }

  private roots(connected: ConnectedClient): ReturnType<typeof rootRegions> {
    return rootRegions(this.choices.chosen(connected.connection.profileId), connected.connection.defaultRegionId);
  }

  private async connected(): Promise<ConnectedClient | undefined> {
    await this.sync();
    const connected = await this.deps.clients.active();
    if (!connected) {
      await this.deps.input.notify('warning', vscode.l10n.t('No EBS DR profile is active. Add a profile with an AccessKey first.'));
    }
    return connected;
  }

  private updateMessage(): void {
    if (this.problem) {
      this.treeView.message = this.problem.text;
      return;
    }
    void this.deps.clients.active().then((connected) => {
      if (this.problem) return;
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

  private async selectRegions(): Promise<void> {
    const connected = await this.connected();
    if (!connected) return;
    const { connection, client } = connected;
    const title = vscode.l10n.t('Select Regions');
    let regions: Region[];
    try {
      regions = await this.withViewProgress(replicationRegions(client, connection.defaultRegionId));
    } catch (error) {
      await showError(this.deps.input, error, { retry: () => this.selectRegions(), viewLogs: () => this.deps.log.show() });
      return;
    }
    const current = this.explorer.rootRegionIds();
    const listed = new Set(regions.map((r) => r.regionId));
    const items = [
      ...regions.map((r) => ({ label: r.regionId, description: r.localName, picked: current.includes(r.regionId), value: r.regionId })),
      ...current.filter((id) => !listed.has(id)).map((id) => ({ label: id, description: vscode.l10n.t('not offered for async replication'), picked: true, value: id })),
    ];
    const picked = await this.deps.input.pickMany(items, {
      title,
      placeholder: vscode.l10n.t('Regions to show in the Replication view (none: the profile\'s default region {0})', connection.defaultRegionId),
    });
    if (picked === undefined || picked === BACK) return;
    this.explorer.setRegionNames(new Map(regions.map((r) => [r.regionId, r.localName])));
    await this.choices.set(connection.profileId, picked);
    await this.applyRoots(connected);
  }

  private async applyRoots(connected: ConnectedClient): Promise<void> {
    this.explorer.setRegions(this.roots(connected).regionIds);
    this.updateMessage();
    await this.explorer.loadIdle();
  }

  private async findRegions(): Promise<void> {
    const connected = await this.connected();
    if (!connected) return;
    const { connection, client } = connected;
    let result: Awaited<ReturnType<typeof findRegionsWithPairs>>;
    try {
      result = await this.withViewProgress(
        findRegionsWithPairs(client, connection.defaultRegionId, { concurrency: this.explorer.concurrency }),
        vscode.l10n.t('Looking for replication pairs in every region…'),
      );
    } catch (error) {
      await showError(this.deps.input, error, { retry: () => this.findRegions(), viewLogs: () => this.deps.log.show() });
      return;
    }
    this.explorer.setRegionNames(new Map(result.regions.map((r) => [r.regionId, r.localName])));
    for (const failed of result.failed) this.deps.log.warn(`Find Regions with Pairs: ${failed.regionId}: ${explainError(failed.error).code}`);
    if (result.withPairs.length > 0) {
      // The default region stays only if it was chosen or has pairs itself.
      const base = this.choices.chosen(connection.profileId) ?? [];
      await this.choices.set(connection.profileId, [...base, ...result.withPairs]);
      this.explorer.setRegions(this.roots(connected).regionIds);
      this.explorer.adopt(result.inventories);
      this.updateMessage();
      void this.explorer.loadIdle();
    }
    const failedText =
      result.failed.length > 0 ? ` ${vscode.l10n.t('Could not check {0}: see the EBS DR log.', result.failed.map((f) => f.regionId).join(', '))}` : '';
    const summary =
      result.withPairs.length > 0
        ? vscode.l10n.t('Replication pairs found in {0} of {1} regions: {2}.', result.withPairs.length, result.regions.length, result.withPairs.join(', '))
        : vscode.l10n.t('No replication pairs found in {0} regions.', result.regions.length);
    void this.deps.input.notify(result.failed.length > 0 ? 'warning' : 'info', summary + failedText);
  }

  /** Re-reads the chosen regions (another window may have changed them) and reloads every root. */
  private async refresh(): Promise<void> {
    // Refused credentials are tried again (a token may have been renewed outside VS Code, a role's policy fixed).
    if (this.problem?.kind === 'rejected') this.source = undefined;
    await this.sync();
    const connected = this.source ? await this.deps.clients.active() : undefined;
    if (connected) {
      const roots = this.roots(connected).regionIds;
      if (roots.join() !== this.explorer.rootRegionIds().join()) this.explorer.setRegions(roots);
      this.updateMessage();
    }
    await this.explorer.loadAll();
  }

  private async refreshRegion(node: unknown): Promise<void> {
    if (isRef(node)) await this.explorer.refreshRegion(node.regionId);
    else await this.refresh();
  }

  private async refreshPair(node: unknown): Promise<void> {
    if (isRef(node) && (node.kind === 'pair' || node.kind === 'pairDrill')) await this.explorer.refreshPair(node.regionId, node.pairId);
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
    const title = vscode.l10n.t('Copy Disk ID');
    if (node.kind === 'pairDrill') {
      await this.copy(this.explorer.pairDrill(node.pairId, node.drillId)?.drillDiskId);
    } else if (node.kind === 'pair') {
      const pair = this.explorer.pair(node.regionId, node.pairId);
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
      const drill = this.explorer.groupDrill(node.groupId, node.drillId);
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
    const url = isRef(node) ? this.explorer.consoleUrl(node) : undefined;
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
  // What the drill commands use (src/drills/ui/tree.ts DrillTree)
  // ------------------------------------------------------------------------------------------

  rootRegionIds(): readonly string[] {
    return this.explorer.rootRegionIds();
  }
  pair: ReplicationExplorer['pair'] = (regionId, pairId) => this.explorer.pair(regionId, pairId);
  group: ReplicationExplorer['group'] = (regionId, groupId) => this.explorer.group(regionId, groupId);
  pairDrill: ReplicationExplorer['pairDrill'] = (pairId, drillId) => this.explorer.pairDrill(pairId, drillId);
  groupDrill: ReplicationExplorer['groupDrill'] = (groupId, drillId) => this.explorer.groupDrill(groupId, drillId);

  invalidateDrills(owner: DrillOwner): void {
    this.explorer.invalidateDrills(owner);
  }

  busy(owner: DrillOwner, text: string): { dispose(): void } {
    return this.explorer.markBusy(owner, text);
  }

  onDidLoadDrills(listener: (listing: DrillListing) => void): { dispose(): void } {
    return this.explorer.onDidLoadDrills(listener);
  }

  /** Reveals a drill (or its owner when the drill is not listed) in the DR region's branch when shown, else any. */
  async reveal(kind: 'pair' | 'group', ownerId: string, drillId: string | undefined): Promise<void> {
    await vscode.commands.executeCommand(`${REPLICATION_VIEW_ID}.focus`);
    await this.whenIdle();
    const regions = this.explorer.rootRegionIds();
    const find = (regionId: string): boolean =>
      kind === 'pair' ? this.explorer.pair(regionId, ownerId) !== undefined : this.explorer.group(regionId, ownerId) !== undefined;
    const candidates = regions.filter(find);
    if (candidates.length === 0) return;
    const dr = candidates.find((r) => (kind === 'pair' ? this.explorer.pair(r, ownerId)?.destinationRegionId : this.explorer.group(r, ownerId)?.destinationRegionId) === r);
    const regionId = dr ?? candidates[0] ?? '';
    const owner = kind === 'pair' ? this.explorer.pairRef(regionId, ownerId) : this.explorer.groupRef(regionId, ownerId);
    const children = drillId ? await this.explorer.children(owner) : [];
    const drill = children.find((c) => (c.kind === 'pairDrill' || c.kind === 'groupDrill') && c.drillId === drillId);
    await this.treeView.reveal(drill ?? owner, { select: true, focus: true, expand: drill ? undefined : true });
  }

  async whenIdle(): Promise<void> {
    await this.syncing;
    await this.explorer.whenIdle();
    await this.checking;
  }

  testApi(): ReplicationTestApi {
    return {
      explorer: this.explorer,
      provider: this.provider,
      treeView: this.treeView,
      whenIdle: () => this.whenIdle(),
      setClock: (now) => (this.explorer.now = now ?? (() => new Date())),
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
    this.subscriptions.forEach((s) => s.dispose());
  }
}

/** Creates the Replication view and its commands; the composition root calls this once. */
export function registerReplicationView(deps: ReplicationViewDeps): ReplicationView {
  const view = new ReplicationView(deps);
  deps.context.subscriptions.push(view);
  return view;
}
