// The Replication view's model: which regions are roots, what each region / pair / group has loaded, refresh of one
// region or one pair, and the tree over it (stable node handles; each kind of node, its children and its look, in
// nodes/). The regions' loads live in regionLoads.ts, the drills and their marks on the rows in explorerDrills.ts,
// the work in flight in explorerWork.ts; this class is their one API. Pure: the shell maps PresentedNode to a TreeItem.
import { DEFAULT_INVENTORY_CONCURRENCY, type RegionInventory } from '../ebs/inventory';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../ebs/types';
import { Emitter, type Disposable } from '../shared/events';
import type { DrillMark, RegionDrillRollup } from './drillMarks';
import { DrillListings, type DrillListing } from './explorerDrills';
import { ExplorerWork, type ExplorerClient, type ExplorerHost } from './explorerWork';
import { NO_DRILL_FRESHNESS, type DrillFreshness, type FreshnessOwner, type OwnerFreshness, type VerifiableDrill, type VerificationView } from './freshness';
import { kindOf } from './nodes/index';
import {
  groupNodeId,
  pairNodeId,
  profileNodeId,
  regionNodeId,
  type DrillListView,
  type DrillOwner,
  type NodeRef,
  type PresentedNode,
  type RegionView,
  type TreeSource,
} from './nodes';
import { RegionLoads } from './regionLoads';
import type { RegionContents } from './regionContents';
import type { RunningDrills } from './runningDrills';
import type { Localiser } from './text';

// The handles live in nodes.ts; re-exported for callers that know only the explorer (the drill host tests).
export type { DrillOwner, NodeRef, PresentedNode } from './nodes';
export type { DrillListing } from './explorerDrills';
export type { ExplorerClient } from './explorerWork';

export interface ExplorerOptions {
  localiser: Localiser;
  concurrency?: number;
  /** The clock for "RP 4 min ago" (tests pin it). */
  now?: () => Date;
  runningDrills?: RunningDrills;
  /** When each pair and group was last drilled and whether it is overdue (the drill evidence); rows redraw when it changes. */
  drillFreshness?: DrillFreshness;
  /**
   * Side by side: the profile this explorer shows. Its node ids start with `profile/<id>/` (the same pair seen by two
   * profiles gets two ids) and every node carries the profile id.
   */
  profileId?: string;
}

/** `undefined`: the whole tree changed; otherwise these nodes (and their subtrees). */
export type ChangeListener = (changed: NodeRef[] | undefined) => void;

export class ReplicationExplorer implements TreeSource {
  private client: ExplorerClient | undefined;
  private regionIds: string[] = [];
  private readonly refs = new Map<string, NodeRef>();
  private readonly changes = new Emitter<NodeRef[] | undefined>();
  private readonly work = new ExplorerWork();
  /** What the regions' and the drills' parts call back (each reads the explorer's state when called). */
  private readonly host: ExplorerHost = {
    work: this.work,
    client: () => this.client,
    rootRegionIds: () => this.regionIds,
    profileId: () => this.profileId,
    now: () => this.now(),
    contents: (regionId) => this.contents(regionId),
    regionRef: (regionId) => this.regionRef(regionId),
    groupRef: (regionId, groupId) => this.groupRef(regionId, groupId),
    pairRef: (regionId, pairId) => this.pairRef(regionId, pairId),
    fire: (changed) => this.fire(changed),
  };
  private readonly drills = new DrillListings(this.host);
  private readonly loads: RegionLoads;
  private regionNames = new Map<string, string>();
  readonly l: Localiser;
  readonly concurrency: number;
  now: () => Date;
  private drillFreshness: DrillFreshness = NO_DRILL_FRESHNESS;
  private freshnessSubscription: { dispose(): void } | undefined;
  readonly profileId: string | undefined;
  /** `profile/<id>/` when side by side, else '' (every node id starts with it). */
  readonly idPrefix: string;

  constructor(options: ExplorerOptions) {
    this.l = options.localiser;
    // Regions loaded at the same time: the inventory's limit (DEFAULT_INVENTORY_CONCURRENCY says why it is safe).
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_INVENTORY_CONCURRENCY);
    this.loads = new RegionLoads(this.host, this.drills, this.concurrency);
    this.now = options.now ?? (() => new Date());
    if (options.runningDrills) this.setRunningDrills(options.runningDrills);
    this.profileId = options.profileId;
    this.idPrefix = options.profileId === undefined ? '' : `${profileNodeId(options.profileId)}/`;
    if (options.drillFreshness) this.setDrillFreshness(options.drillFreshness);
  }

  // ------------------------------------------------------------------------------------------
  // Configuration
  // ------------------------------------------------------------------------------------------

  /** A new connection (or none): forgets everything loaded and cancels what is in flight. */
  setSource(client: ExplorerClient | undefined, regionIds: readonly string[]): void {
    this.work.cancelAll();
    this.client = client;
    this.loads.clear();
    this.drills.clear();
    this.refs.clear();
    this.regionIds = client ? [...regionIds] : [];
    this.fire(undefined);
  }

  /** New root regions: keeps what retained regions loaded; new regions stay idle until loaded. */
  setRegions(regionIds: readonly string[]): void {
    this.regionIds = [...regionIds];
    for (const id of this.loads.known()) if (!this.regionIds.includes(id)) this.loads.forget(id);
    this.fire(undefined);
  }

  setRegionNames(names: ReadonlyMap<string, string>): void {
    this.regionNames = new Map(names);
  }

  /**
   * What the drill tracker knows of running drills and held drill disks; when it changes, the rows whose drill mark
   * changed (and their regions' roll-ups) redraw. NO_RUNNING_DRILLS releases the previous one.
   */
  setRunningDrills(running: RunningDrills): void {
    this.drills.setRunningDrills(running);
  }

  /**
   * Where the rows read when each pair and group was last drilled; redraws the whole tree now and whenever it fires
   * (node ids stay the same, so expansion and selection survive). NO_DRILL_FRESHNESS releases the previous one.
   */
  setDrillFreshness(freshness: DrillFreshness): void {
    this.freshnessSubscription?.dispose();
    this.drillFreshness = freshness;
    this.freshnessSubscription = freshness === NO_DRILL_FRESHNESS ? undefined : freshness.onDidChange(() => this.fire(undefined));
    this.fire(undefined);
  }

  hasSource(): boolean {
    return this.client !== undefined;
  }

  rootRegionIds(): readonly string[] {
    return this.regionIds;
  }

  onDidChange(listener: ChangeListener): Disposable {
    return this.changes.event(listener);
  }

  /** Fires true when the first load starts and false when the last one ends. */
  onDidChangeBusy(listener: (busy: boolean) => void): Disposable {
    return this.work.onDidChangeBusy(listener);
  }

  onDidLoadDrills(listener: (listing: DrillListing) => void): Disposable {
    return this.drills.onDidLoad(listener);
  }

  /** Shows a spinner and `text` on the owner's nodes until disposed. */
  markBusy(owner: DrillOwner, text: string): { dispose(): void } {
    return this.drills.markBusy(owner, text);
  }

  isBusy(): boolean {
    return this.work.isBusy();
  }

  /** Resolves once nothing is loading (including loads started while waiting). */
  whenIdle(): Promise<void> {
    return this.work.whenIdle();
  }

  // ------------------------------------------------------------------------------------------
  // Loading
  // ------------------------------------------------------------------------------------------

  /** Reloads every root region (at most `concurrency` at a time); resolves when all have settled. */
  loadAll(): Promise<void> {
    return this.loads.load(this.regionIds);
  }

  /** Loads the root regions that have not been loaded yet. */
  loadIdle(): Promise<void> {
    return this.loads.load(this.loads.idle(this.regionIds));
  }

  refreshRegion(regionId: string): Promise<void> {
    return this.loads.load([regionId]);
  }

  /** Takes regions loaded elsewhere (Find Regions with Pairs) instead of asking again. */
  adopt(results: readonly RegionInventory[]): void {
    this.loads.adopt(results);
  }

  /** Reloads one pair's record (in every root region showing it) and its drills. */
  refreshPair(regionId: string, pairId: string): Promise<void> {
    return this.loads.refreshPair(regionId, pairId);
  }

  /** Drops the drills of a pair or group so they are asked again (the drill commands call this after a change). */
  invalidateDrills(owner: DrillOwner): void {
    this.drills.invalidate(owner);
  }

  /** Retries what a load-error node stands for. */
  retry(ref: NodeRef): Promise<void> {
    if (ref.kind !== 'loadError') return Promise.resolve();
    if (ref.target.kind === 'region') return this.refreshRegion(ref.regionId);
    if (ref.target.kind === 'pair') return this.refreshPair(ref.regionId, ref.target.pairId);
    this.invalidateDrills(ref.target);
    return Promise.resolve();
  }

  private fire(changed: NodeRef[] | undefined): void {
    if (changed !== undefined && changed.length === 0) return;
    this.changes.fire(changed);
  }

  // ------------------------------------------------------------------------------------------
  // Data access (for commands)
  // ------------------------------------------------------------------------------------------

  /**
   * When the data shown for a region (or one pair of it, which Refresh Pair may have reloaded alone since) was
   * loaded, on the explorer's clock; undefined when nothing is shown. While a region reloads it is the previous load's.
   */
  loadedAt(regionId: string, pairId?: string): Date | undefined {
    return this.loads.loadedAt(regionId, pairId);
  }

  regionState(regionId: string): 'idle' | 'loading' | 'loaded' | 'failed' {
    return this.loads.status(regionId);
  }

  /** What the region shows now (the previous data while it reloads). */
  contents(regionId: string): RegionContents | undefined {
    return this.loads.contents(regionId);
  }

  /**
   * The error when every root region failed to load because the credentials were refused (an expired STS token, a
   * role that cannot be assumed, a deleted AccessKey): the profile itself cannot be used. Undefined otherwise.
   */
  refusedError(): unknown {
    return this.loads.refusedError(this.regionIds);
  }

  regionError(regionId: string): unknown {
    return this.loads.error(regionId);
  }

  pair(regionId: string, pairId: string): ReplicaPair | undefined {
    return this.contents(regionId)?.pairs.get(pairId);
  }

  group(regionId: string, groupId: string): ReplicaGroup | undefined {
    return this.contents(regionId)?.groupsById.get(groupId)?.group;
  }

  pairDrill(pairId: string, drillId: string): PairDrill | undefined {
    return this.drills.pairDrill(pairId, drillId);
  }

  groupDrill(groupId: string, drillId: string): GroupDrill | undefined {
    return this.drills.groupDrill(groupId, drillId);
  }

  /** What a root region lists now (the previous contents while it reloads): its pairs in display order and its groups; undefined when it has not loaded. */
  loadedRegion(regionId: string): { pairs: ReplicaPair[]; groups: ReplicaGroup[] } | undefined {
    return this.loads.loadedRegion(regionId);
  }

  regionView(regionId: string): RegionView {
    return this.loads.view(regionId);
  }

  regionName(regionId: string): string | undefined {
    return this.regionNames.get(regionId);
  }

  /** Waits until the region has something to show, starting its load when it is idle. */
  regionShown(regionId: string): Promise<RegionView> {
    return this.loads.shown(regionId);
  }

  drillsSettled(owner: DrillOwner, drRegionId: string): Promise<DrillListView> {
    return this.drills.settled(owner, drRegionId);
  }

  drillsError(owner: DrillOwner): unknown {
    return this.drills.error(owner);
  }

  drillRunning(owner: DrillOwner): boolean {
    return this.drillMark(owner).running;
  }

  /** Whether a drill of the owner runs and which billed drill disks it holds: listed here or known to the drill tracker. */
  drillMark(owner: DrillOwner): DrillMark {
    return this.drills.mark(owner);
  }

  /** Drills running and drill disks held under a root region (each of its pairs and groups once). */
  regionDrills(regionId: string): RegionDrillRollup {
    return this.drills.regionDrills(regionId);
  }

  busyText(owner: DrillOwner): string | undefined {
    return this.drills.busyText(owner);
  }

  freshness(owner: FreshnessOwner): OwnerFreshness | undefined {
    return this.drillFreshness.of(owner);
  }

  verification(drill: VerifiableDrill): VerificationView | undefined {
    const port = this.drillFreshness;
    return port.verificationOf === undefined ? undefined : (port.verificationOf(drill) ?? 'notVerified');
  }

  // ------------------------------------------------------------------------------------------
  // Tree (each kind of node in nodes/; this dispatches)
  // ------------------------------------------------------------------------------------------

  intern<T extends NodeRef>(ref: T): T {
    const found = this.refs.get(ref.id);
    if (found) return found as T;
    if (this.profileId !== undefined) ref.profileId = this.profileId;
    this.refs.set(ref.id, ref);
    return ref;
  }

  regionRef(regionId: string): NodeRef {
    return this.intern({ kind: 'region', id: this.idPrefix + regionNodeId(regionId), regionId });
  }

  groupRef(regionId: string, groupId: string): NodeRef {
    return this.intern({ kind: 'group', id: this.idPrefix + groupNodeId(regionId, groupId), regionId, groupId });
  }

  pairRef(regionId: string, pairId: string): NodeRef {
    return this.intern({ kind: 'pair', id: this.idPrefix + pairNodeId(regionId, pairId), regionId, pairId });
  }

  /** A node by id, if it has been shown. */
  byId(id: string): NodeRef | undefined {
    return this.refs.get(id);
  }

  roots(): NodeRef[] {
    return this.regionIds.map((id) => this.regionRef(id));
  }

  parent(ref: NodeRef): NodeRef | undefined {
    return kindOf(ref).parent(ref, this);
  }

  /** Children; waits for a load when nothing is there to show yet. */
  async children(ref: NodeRef | undefined): Promise<NodeRef[]> {
    if (!ref) return this.roots();
    return (await kindOf(ref).children?.(ref, this)) ?? [];
  }

  /**
   * The Markdown tooltip of a group, pair or drill (a table of every field), computed on demand: VS Code asks for it
   * on hover (resolveTreeItem), so thousands of nodes cost nothing until one is hovered. Other nodes carry theirs in
   * present().
   */
  tooltip(ref: NodeRef): string | undefined {
    const kind = kindOf(ref);
    return kind.tooltip ? kind.tooltip(ref, this) : kind.present(ref, this).tooltip;
  }

  /** How a node looks right now (tooltips of groups, pairs and drills come from tooltip()). */
  present(ref: NodeRef): PresentedNode {
    return kindOf(ref).present(ref, this);
  }

  /** The console page for a pair, group or drill node (a drill opens its pair's or group's page). */
  consoleUrl(ref: NodeRef): string | undefined {
    return kindOf(ref).consoleUrl?.(ref);
  }
}
