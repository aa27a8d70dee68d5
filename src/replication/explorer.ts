// The Replication view's model: which regions are roots, what each region / pair / group has loaded (idle,
// loading, loaded, failed), loading with a concurrency limit, refresh of one region or one pair, and the tree
// (stable node handles, their children and how each looks). Pure: the shell maps PresentedNode to a TreeItem.
import { setMaxListeners } from 'node:events';
import { mapSettledWithConcurrency } from '../ebs/concurrency';
import { DEFAULT_INVENTORY_CONCURRENCY, loadInventory, type RegionInventory } from '../ebs/inventory';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../ebs/types';
import type { EbsClient } from '../ebs/client';
import {
  HEALTH_ICONS,
  MESSAGE_ICONS,
  REGION_ICONS,
  drillContextValue,
  drillIcon,
  groupConsoleUrl,
  groupDescription,
  groupDrillDescription,
  groupDrillNodeId,
  groupDrillTooltipRows,
  groupLabel,
  groupNodeId,
  groupTooltip,
  isDrillRunning,
  isDrillable,
  markdownTable,
  ownerContextValue,
  pairConsoleUrl,
  pairDescription,
  pairDrillDescription,
  pairDrillNodeId,
  pairDrillTooltipRows,
  pairHealth,
  pairLabel,
  pairNodeId,
  pairTooltip,
  regionNodeId,
  regionSummaryIcon,
  regionSummaryText,
  summarise,
  type IconSpec,
} from './presentation';
import { shapeRegion, withPair, type RegionContents } from './regionContents';
import { NO_RUNNING_DRILLS, type RunningDrills } from './runningDrills';
import type { Localiser } from './text';
import { explainError } from '../ebs/catalogue';

export type ExplorerClient = Pick<EbsClient, 'listReplicaPairs' | 'listReplicaGroups' | 'describePairDrills' | 'describeReplicaGroupDrills'>;

// ---------------------------------------------------------------------------------------------
// Node handles (interned by id: the same object for the same node across refreshes)
// ---------------------------------------------------------------------------------------------

export type NodeRef = (
  | { kind: 'region'; id: string; regionId: string }
  | { kind: 'group'; id: string; regionId: string; groupId: string }
  | { kind: 'pair'; id: string; regionId: string; pairId: string }
  | { kind: 'pairDrill'; id: string; regionId: string; pairId: string; drillId: string }
  | { kind: 'groupDrill'; id: string; regionId: string; groupId: string; drillId: string }
  /** "Could not load … — click to retry" under a region (its inventory) or under a pair/group (its drills). */
  | { kind: 'loadError'; id: string; regionId: string; parentId: string; target: DrillOwner | { kind: 'region' } }
  | { kind: 'message'; id: string; regionId: string; parentId: string; message: 'noPairs' | 'noDrills' }
) & {
  /** The profile whose subtree the node is in, when the view shows profiles side by side (every call uses it). */
  profileId?: string;
};

export type DrillOwner = { kind: 'pair'; pairId: string } | { kind: 'group'; groupId: string };

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface PresentedNode {
  id: string;
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: IconSpec;
  contextValue: string;
  collapsible: Collapsible;
  /** Activating the node (click) retries its load. */
  retry?: boolean;
}

type Load<T> =
  | { status: 'idle' }
  | { status: 'loading'; token: number; promise: Promise<void>; previous?: T }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; error: unknown };

type DrillList = { kind: 'pair'; drills: PairDrill[] } | { kind: 'group'; drills: GroupDrill[] };

export interface ExplorerOptions {
  localiser: Localiser;
  concurrency?: number;
  /** The clock for "RP 4 min ago" (tests pin it). */
  now?: () => Date;
  runningDrills?: RunningDrills;
  /**
   * Side by side: the profile this explorer shows. Its node ids start with `profile/<id>/` (the same pair seen by two
   * profiles gets two ids) and every node carries the profile id.
   */
  profileId?: string;
}

/** `undefined`: the whole tree changed; otherwise these nodes (and their subtrees). */
export type ChangeListener = (changed: NodeRef[] | undefined) => void;

/** A drill list the tree just loaded (asked in the owner's DR region). */
export interface DrillListing {
  owner: DrillOwner;
  drRegionId: string;
  drills: PairDrill[] | GroupDrill[];
  /** The explorer's profile when side by side. */
  profileId?: string;
}

/** The id of a profile's root node when the view shows profiles side by side; its subtree's ids start with it. */
export function profileNodeId(profileId: string): string {
  return `profile/${encodeURIComponent(profileId)}`;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const ownerKey = (owner: DrillOwner): string => (owner.kind === 'pair' ? `pair:${owner.pairId}` : `group:${owner.groupId}`);

export class ReplicationExplorer {
  private client: ExplorerClient | undefined;
  private regionIds: string[] = [];
  private readonly regions = new Map<string, Load<RegionContents>>();
  private readonly drills = new Map<string, Load<DrillList>>();
  private readonly refs = new Map<string, NodeRef>();
  private readonly listeners = new Set<ChangeListener>();
  private readonly busyListeners = new Set<(busy: boolean) => void>();
  private readonly listingListeners = new Set<(listing: DrillListing) => void>();
  /** Owners with a request running on them (a drill start/clear): spinner and temporary description. */
  private readonly ownerBusy = new Map<string, string>();
  private readonly pending = new Set<Promise<unknown>>();
  private abort = ReplicationExplorer.controller();
  private token = 0;
  private regionNames = new Map<string, string>();
  private readonly l: Localiser;
  readonly concurrency: number;
  now: () => Date;
  private running: RunningDrills;
  readonly profileId: string | undefined;
  private readonly prefix: string;

  /** Every request in flight listens on one signal (more than EventTarget's default limit of 10 listeners). */
  private static controller(): AbortController {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    return controller;
  }

  constructor(options: ExplorerOptions) {
    this.l = options.localiser;
    // Regions loaded at the same time: the inventory's limit (DEFAULT_INVENTORY_CONCURRENCY says why it is safe).
    this.concurrency = Math.max(1, options.concurrency ?? DEFAULT_INVENTORY_CONCURRENCY);
    this.now = options.now ?? (() => new Date());
    this.running = options.runningDrills ?? NO_RUNNING_DRILLS;
    this.profileId = options.profileId;
    this.prefix = options.profileId === undefined ? '' : `${profileNodeId(options.profileId)}/`;
  }

  // ------------------------------------------------------------------------------------------
  // Configuration
  // ------------------------------------------------------------------------------------------

  /** A new connection (or none): forgets everything loaded and cancels what is in flight. */
  setSource(client: ExplorerClient | undefined, regionIds: readonly string[]): void {
    this.abort.abort();
    this.abort = ReplicationExplorer.controller();
    this.client = client;
    this.regions.clear();
    this.drills.clear();
    this.refs.clear();
    this.regionIds = client ? [...regionIds] : [];
    this.fire(undefined);
  }

  /** New root regions: keeps what retained regions loaded; new regions stay idle until loaded. */
  setRegions(regionIds: readonly string[]): void {
    this.regionIds = [...regionIds];
    for (const id of [...this.regions.keys()]) if (!this.regionIds.includes(id)) this.regions.delete(id);
    this.fire(undefined);
  }

  setRegionNames(names: ReadonlyMap<string, string>): void {
    this.regionNames = new Map(names);
  }

  setRunningDrills(running: RunningDrills): void {
    this.running = running;
  }

  hasSource(): boolean {
    return this.client !== undefined;
  }

  rootRegionIds(): readonly string[] {
    return this.regionIds;
  }

  onDidChange(listener: ChangeListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Fires true when the first load starts and false when the last one ends. */
  onDidChangeBusy(listener: (busy: boolean) => void): { dispose(): void } {
    this.busyListeners.add(listener);
    return { dispose: () => this.busyListeners.delete(listener) };
  }

  onDidLoadDrills(listener: (listing: DrillListing) => void): { dispose(): void } {
    this.listingListeners.add(listener);
    return { dispose: () => this.listingListeners.delete(listener) };
  }

  /** Shows a spinner and `text` on the owner's nodes until disposed. */
  markBusy(owner: DrillOwner, text: string): { dispose(): void } {
    const key = ownerKey(owner);
    this.ownerBusy.set(key, text);
    this.fire(this.ownerRefs(owner));
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        if (this.ownerBusy.get(key) === text) this.ownerBusy.delete(key);
        this.fire(this.ownerRefs(owner));
      },
    };
  }

  isBusy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves once nothing is loading (including loads started while waiting). */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  // ------------------------------------------------------------------------------------------
  // Loading
  // ------------------------------------------------------------------------------------------

  /** Reloads every root region (at most `concurrency` at a time); resolves when all have settled. */
  loadAll(): Promise<void> {
    return this.loadRegions(this.regionIds);
  }

  /** Loads the root regions that have not been loaded yet. */
  loadIdle(): Promise<void> {
    return this.loadRegions(this.regionIds.filter((id) => (this.regions.get(id)?.status ?? 'idle') === 'idle'));
  }

  refreshRegion(regionId: string): Promise<void> {
    return this.loadRegions([regionId]);
  }

  /** Takes regions loaded elsewhere (Find Regions with Pairs) instead of asking again. */
  adopt(results: readonly RegionInventory[]): void {
    const changed: NodeRef[] = [];
    for (const result of results) {
      if (!this.regionIds.includes(result.regionId)) continue;
      this.settleRegion(result);
      changed.push(this.regionRef(result.regionId));
    }
    if (changed.length > 0) this.fire(changed);
  }

  private loadRegions(regionIds: readonly string[]): Promise<void> {
    const client = this.client;
    const ids = [...new Set(regionIds)].filter((id) => this.regionIds.includes(id));
    if (!client || ids.length === 0) return Promise.resolve();
    const signal = this.abort.signal;
    const tickets = ids.map((regionId) => {
      const previousState = this.regions.get(regionId);
      const previous = previousState?.status === 'loaded' ? previousState.value : previousState?.status === 'loading' ? previousState.previous : undefined;
      const done = deferred();
      const token = ++this.token;
      this.regions.set(regionId, { status: 'loading', token, promise: done.promise, previous });
      return { regionId, token, done };
    });
    this.fire(ids.map((id) => this.regionRef(id)));
    const run = mapSettledWithConcurrency(tickets, this.concurrency, async (ticket) => {
      try {
        const state = this.regions.get(ticket.regionId);
        if (signal.aborted || state?.status !== 'loading' || state.token !== ticket.token) return;
        const [result] = await loadInventory(client, [ticket.regionId], { concurrency: 1, signal });
        const now = this.regions.get(ticket.regionId);
        if (signal.aborted || !result || now?.status !== 'loading' || now.token !== ticket.token) return;
        this.settleRegion(result);
        this.fire([this.regionRef(ticket.regionId)]);
      } finally {
        ticket.done.resolve();
      }
    }).then(() => undefined);
    return this.track(run);
  }

  private settleRegion(result: RegionInventory): void {
    if (result.status === 'fulfilled') {
      const contents = shapeRegion(result.regionId, result.pairs, result.groups);
      this.regions.set(result.regionId, { status: 'loaded', value: contents });
      // Drills of this region's pairs and groups are asked again when next shown.
      for (const id of contents.pairs.keys()) this.drills.delete(ownerKey({ kind: 'pair', pairId: id }));
      for (const id of contents.groupsById.keys()) this.drills.delete(ownerKey({ kind: 'group', groupId: id }));
    } else {
      this.regions.set(result.regionId, { status: 'failed', error: result.error });
    }
  }

  /** Reloads one pair's record (in every root region showing it) and its drills. */
  async refreshPair(regionId: string, pairId: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    const signal = this.abort.signal;
    const key = ownerKey({ kind: 'pair', pairId });
    const work = (async () => {
      let record: ReplicaPair | undefined;
      try {
        [record] = await client.listReplicaPairs(regionId, { pairIds: [pairId], signal });
      } catch (error) {
        if (signal.aborted) return;
        this.drills.set(key, { status: 'failed', error });
        this.fire(this.regionIds.filter((r) => this.contents(r)?.pairs.has(pairId)).map((r) => this.pairRef(r, pairId)));
        return;
      }
      if (signal.aborted) return;
      this.drills.delete(key);
      const changed: NodeRef[] = [];
      for (const r of this.regionIds) {
        const state = this.regions.get(r);
        if (state?.status !== 'loaded') continue;
        const before = state.value;
        const shows = record !== undefined && (record.sourceRegionId === r || record.destinationRegionId === r);
        if (!before.pairs.has(pairId) && !shows) continue;
        const after = withPair(before, pairId, shows ? record : undefined);
        this.regions.set(r, { status: 'loaded', value: after });
        const sameGroup = before.groupOfPair.get(pairId) === after.groupOfPair.get(pairId);
        changed.push(sameGroup && before.pairs.has(pairId) && after.pairs.has(pairId) ? this.pairRef(r, pairId) : this.regionRef(r));
      }
      this.fire(changed);
    })();
    await this.track(work);
  }

  /** Loads the drills of a pair or group (asked in its DR region) unless they are loaded or loading. */
  private ensureDrills(owner: DrillOwner, drRegionId: string): Load<DrillList> {
    const key = ownerKey(owner);
    const existing = this.drills.get(key);
    if (existing && existing.status !== 'idle') return existing;
    const client = this.client;
    if (!client) return { status: 'idle' };
    const signal = this.abort.signal;
    const token = ++this.token;
    const work = (async () => {
      let next: Load<DrillList>;
      try {
        next =
          owner.kind === 'pair'
            ? { status: 'loaded', value: { kind: 'pair', drills: await client.describePairDrills(drRegionId, owner.pairId, { signal }) } }
            : { status: 'loaded', value: { kind: 'group', drills: await client.describeReplicaGroupDrills(drRegionId, owner.groupId, { signal }) } };
      } catch (error) {
        next = { status: 'failed', error };
      }
      const current = this.drills.get(key);
      if (signal.aborted || current?.status !== 'loading' || current.token !== token) return;
      const wasRunning = this.drillRunning(owner);
      this.drills.set(key, next);
      if (next.status === 'loaded') {
        const listing: DrillListing = { owner, drRegionId, drills: next.value.drills, ...(this.profileId === undefined ? {} : { profileId: this.profileId }) };
        this.listingListeners.forEach((l) => l(listing));
      }
      // The owner's contextValue says whether a drill runs: redraw it (in every region) when that changed.
      if (this.drillRunning(owner) !== wasRunning) this.fire(this.ownerRefs(owner));
    })();
    const state: Load<DrillList> = { status: 'loading', token, promise: work };
    this.drills.set(key, state);
    void this.track(work);
    return state;
  }

  /** Drops the drills of a pair or group so they are asked again (the drill commands call this after a change). */
  invalidateDrills(owner: DrillOwner): void {
    this.drills.delete(ownerKey(owner));
    this.fire(this.ownerRefs(owner));
  }

  /** The nodes of a pair or group in every root region that shows it. */
  private ownerRefs(owner: DrillOwner): NodeRef[] {
    const refs: NodeRef[] = [];
    for (const r of this.regionIds) {
      const contents = this.contents(r);
      if (owner.kind === 'pair' && contents?.pairs.has(owner.pairId)) refs.push(this.pairRef(r, owner.pairId));
      if (owner.kind === 'group' && contents?.groupsById.has(owner.groupId)) refs.push(this.groupRef(r, owner.groupId));
    }
    return refs;
  }

  /** Retries what a load-error node stands for. */
  retry(ref: NodeRef): Promise<void> {
    if (ref.kind !== 'loadError') return Promise.resolve();
    if (ref.target.kind === 'region') return this.refreshRegion(ref.regionId);
    if (ref.target.kind === 'pair') return this.refreshPair(ref.regionId, ref.target.pairId);
    this.invalidateDrills(ref.target);
    return Promise.resolve();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const wasBusy = this.pending.size > 0;
    this.pending.add(work);
    if (!wasBusy) this.busyListeners.forEach((l) => l(true));
    const done = (): void => {
      this.pending.delete(work);
      if (this.pending.size === 0) this.busyListeners.forEach((l) => l(false));
    };
    work.then(done, done);
    return work;
  }

  private fire(changed: NodeRef[] | undefined): void {
    if (changed !== undefined && changed.length === 0) return;
    for (const listener of this.listeners) listener(changed);
  }

  // ------------------------------------------------------------------------------------------
  // Data access (for commands)
  // ------------------------------------------------------------------------------------------

  regionState(regionId: string): 'idle' | 'loading' | 'loaded' | 'failed' {
    return this.regions.get(regionId)?.status ?? 'idle';
  }

  /** What the region shows now (the previous data while it reloads). */
  contents(regionId: string): RegionContents | undefined {
    const state = this.regions.get(regionId);
    return state?.status === 'loaded' ? state.value : state?.status === 'loading' ? state.previous : undefined;
  }

  /**
   * The error when every root region failed to load because the credentials were refused (an expired STS token, a
   * role that cannot be assumed, a deleted AccessKey): the profile itself cannot be used. Undefined otherwise.
   */
  refusedError(): unknown {
    if (this.regionIds.length === 0) return undefined;
    let first: unknown;
    for (const id of this.regionIds) {
      const state = this.regions.get(id);
      if (state?.status !== 'failed' || explainError(state.error).category !== 'credentials') return undefined;
      first ??= state.error;
    }
    return first;
  }

  regionError(regionId: string): unknown {
    const state = this.regions.get(regionId);
    return state?.status === 'failed' ? state.error : undefined;
  }

  pair(regionId: string, pairId: string): ReplicaPair | undefined {
    return this.contents(regionId)?.pairs.get(pairId);
  }

  group(regionId: string, groupId: string): ReplicaGroup | undefined {
    return this.contents(regionId)?.groupsById.get(groupId)?.group;
  }

  pairDrill(pairId: string, drillId: string): PairDrill | undefined {
    const state = this.drills.get(ownerKey({ kind: 'pair', pairId }));
    return state?.status === 'loaded' && state.value.kind === 'pair' ? state.value.drills.find((d) => d.drillId === drillId) : undefined;
  }

  groupDrill(groupId: string, drillId: string): GroupDrill | undefined {
    const state = this.drills.get(ownerKey({ kind: 'group', groupId }));
    return state?.status === 'loaded' && state.value.kind === 'group' ? state.value.drills.find((d) => d.drillId === drillId) : undefined;
  }

  /** The console page for a pair, group or drill node (a drill opens its pair's or group's page). */
  consoleUrl(ref: NodeRef): string | undefined {
    switch (ref.kind) {
      case 'pair':
      case 'pairDrill':
        return pairConsoleUrl(ref.regionId, ref.pairId);
      case 'group':
      case 'groupDrill':
        return groupConsoleUrl(ref.regionId, ref.groupId);
      default:
        return undefined;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Tree
  // ------------------------------------------------------------------------------------------

  private intern<T extends NodeRef>(ref: T): T {
    const found = this.refs.get(ref.id);
    if (found) return found as T;
    if (this.profileId !== undefined) ref.profileId = this.profileId;
    this.refs.set(ref.id, ref);
    return ref;
  }

  regionRef(regionId: string): NodeRef {
    return this.intern({ kind: 'region', id: this.prefix + regionNodeId(regionId), regionId });
  }

  groupRef(regionId: string, groupId: string): NodeRef {
    return this.intern({ kind: 'group', id: this.prefix + groupNodeId(regionId, groupId), regionId, groupId });
  }

  pairRef(regionId: string, pairId: string): NodeRef {
    return this.intern({ kind: 'pair', id: this.prefix + pairNodeId(regionId, pairId), regionId, pairId });
  }

  /** A node by id, if it has been shown. */
  byId(id: string): NodeRef | undefined {
    return this.refs.get(id);
  }

  roots(): NodeRef[] {
    return this.regionIds.map((id) => this.regionRef(id));
  }

  parent(ref: NodeRef): NodeRef | undefined {
    switch (ref.kind) {
      case 'region':
        return undefined;
      case 'group':
        return this.regionRef(ref.regionId);
      case 'pair': {
        const groupId = this.contents(ref.regionId)?.groupOfPair.get(ref.pairId);
        return groupId ? this.groupRef(ref.regionId, groupId) : this.regionRef(ref.regionId);
      }
      case 'pairDrill':
        return this.pairRef(ref.regionId, ref.pairId);
      case 'groupDrill':
        return this.groupRef(ref.regionId, ref.groupId);
      default:
        return this.refs.get(ref.parentId);
    }
  }

  /** Children; waits for a load when nothing is there to show yet. */
  async children(ref: NodeRef | undefined): Promise<NodeRef[]> {
    if (!ref) return this.roots();
    switch (ref.kind) {
      case 'region':
        return this.regionChildren(ref);
      case 'group':
        return this.groupChildren(ref.regionId, ref.groupId);
      case 'pair':
        return this.pairChildren(ref.regionId, ref.pairId);
      default:
        return [];
    }
  }

  private async regionChildren(ref: NodeRef & { kind: 'region' }): Promise<NodeRef[]> {
    let state = this.regions.get(ref.regionId);
    if (!state || state.status === 'idle') {
      void this.refreshRegion(ref.regionId);
      state = this.regions.get(ref.regionId);
    }
    while (state?.status === 'loading' && !state.previous) {
      await state.promise;
      state = this.regions.get(ref.regionId);
    }
    if (state?.status === 'failed') {
      return [this.intern({ kind: 'loadError', id: `${ref.id}/error`, regionId: ref.regionId, parentId: ref.id, target: { kind: 'region' } })];
    }
    const contents = this.contents(ref.regionId);
    if (!contents) return [];
    const nodes: NodeRef[] = [
      ...contents.groups.map((g) => this.groupRef(ref.regionId, g.group.groupId)),
      ...contents.ungroupedIds.map((id) => this.pairRef(ref.regionId, id)),
    ];
    if (nodes.length === 0) nodes.push(this.intern({ kind: 'message', id: `${ref.id}/empty`, regionId: ref.regionId, parentId: ref.id, message: 'noPairs' }));
    return nodes;
  }

  private async drillChildren(owner: DrillOwner, regionId: string, parentId: string, drRegionId: string): Promise<NodeRef[]> {
    let state = this.ensureDrills(owner, drRegionId);
    while (state.status === 'loading') {
      await state.promise;
      state = this.ensureDrills(owner, drRegionId);
    }
    if (state.status === 'failed') {
      return [this.intern({ kind: 'loadError', id: `${parentId}/drills-error`, regionId, parentId, target: owner })];
    }
    if (state.status !== 'loaded') return [];
    const list = state.value;
    const sorted = <T extends { drillId: string; startedAt?: Date }>(drills: T[]): T[] =>
      [...drills].sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0) || (a.drillId < b.drillId ? -1 : 1));
    if (list.kind === 'pair' && owner.kind === 'pair') {
      return sorted(list.drills).map((d) =>
        this.intern({ kind: 'pairDrill', id: this.prefix + pairDrillNodeId(regionId, owner.pairId, d.drillId), regionId, pairId: owner.pairId, drillId: d.drillId }),
      );
    }
    if (list.kind === 'group' && owner.kind === 'group') {
      return sorted(list.drills).map((d) =>
        this.intern({ kind: 'groupDrill', id: this.prefix + groupDrillNodeId(regionId, owner.groupId, d.drillId), regionId, groupId: owner.groupId, drillId: d.drillId }),
      );
    }
    return [];
  }

  private async groupChildren(regionId: string, groupId: string): Promise<NodeRef[]> {
    const entry = this.contents(regionId)?.groupsById.get(groupId);
    if (!entry) return [];
    const drills = await this.drillChildren({ kind: 'group', groupId }, regionId, this.prefix + groupNodeId(regionId, groupId), entry.group.destinationRegionId);
    // Re-read: the region may have reloaded while the drills were loading.
    const members = this.contents(regionId)?.groupsById.get(groupId)?.memberIds ?? [];
    return [...drills, ...members.map((id) => this.pairRef(regionId, id))];
  }

  private async pairChildren(regionId: string, pairId: string): Promise<NodeRef[]> {
    const pair = this.pair(regionId, pairId);
    if (!pair) return [];
    const id = this.prefix + pairNodeId(regionId, pairId);
    const drills = await this.drillChildren({ kind: 'pair', pairId }, regionId, id, pair.destinationRegionId);
    if (drills.length > 0) return drills;
    return [this.intern({ kind: 'message', id: `${id}/no-drills`, regionId, parentId: id, message: 'noDrills' })];
  }

  private drillRunning(owner: DrillOwner): boolean {
    const state = this.drills.get(ownerKey(owner));
    const drills: readonly { status: string }[] = state?.status === 'loaded' ? state.value.drills : [];
    const fromDrills = drills.some((d) => isDrillRunning(d.status));
    const id = owner.kind === 'pair' ? owner.pairId : owner.groupId;
    return fromDrills || (this.running.isRunning?.(id) ?? false);
  }

  /**
   * The Markdown tooltip of a group, pair or drill (a table of every field), computed on demand: VS Code asks for it
   * on hover (resolveTreeItem), so thousands of nodes cost nothing until one is hovered. Other nodes carry theirs in
   * present().
   */
  tooltip(ref: NodeRef): string | undefined {
    const l = this.l;
    const now = this.now();
    switch (ref.kind) {
      case 'group': {
        const entry = this.contents(ref.regionId)?.groupsById.get(ref.groupId);
        return entry ? groupTooltip(l, entry.group, ref.regionId, entry.memberIds, now) : undefined;
      }
      case 'pair': {
        const pair = this.pair(ref.regionId, ref.pairId);
        return pair ? pairTooltip(l, pair, ref.regionId, now) : undefined;
      }
      case 'pairDrill': {
        const drill = this.pairDrill(ref.pairId, ref.drillId);
        return drill
          ? markdownTable(l, l.t('Pair drill {0}', drill.drillId), pairDrillTooltipRows(l, drill, this.drRegionOfPair(ref.regionId, ref.pairId), now))
          : undefined;
      }
      case 'groupDrill': {
        const drill = this.groupDrill(ref.groupId, ref.drillId);
        const drRegion = this.group(ref.regionId, ref.groupId)?.destinationRegionId ?? ref.regionId;
        return drill ? markdownTable(l, l.t('Group drill {0}', drill.drillId), groupDrillTooltipRows(l, drill, drRegion, now)) : undefined;
      }
      default:
        return this.present(ref).tooltip;
    }
  }

  /** How a node looks right now (tooltips of groups, pairs and drills come from tooltip()). */
  present(ref: NodeRef): PresentedNode {
    const l = this.l;
    const now = this.now();
    switch (ref.kind) {
      case 'region':
        return this.presentRegion(ref.regionId);
      case 'group': {
        const entry = this.contents(ref.regionId)?.groupsById.get(ref.groupId);
        if (!entry) return this.gone(ref.id, ref.groupId);
        const { group, memberIds } = entry;
        return {
          id: ref.id,
          label: groupLabel(group),
          description: groupDescription(l, group, ref.regionId, memberIds.length, now),
          icon: HEALTH_ICONS[pairHealth(group.status)],
          contextValue: ownerContextValue('group', isDrillable(group), this.drillRunning({ kind: 'group', groupId: group.groupId })),
          collapsible: 'collapsed',
          ...this.busyLook({ kind: 'group', groupId: group.groupId }),
        };
      }
      case 'pair': {
        const pair = this.pair(ref.regionId, ref.pairId);
        if (!pair) return this.gone(ref.id, ref.pairId);
        return {
          id: ref.id,
          label: pairLabel(pair),
          description: pairDescription(l, pair, ref.regionId, now),
          icon: HEALTH_ICONS[pairHealth(pair.status)],
          contextValue: ownerContextValue('pair', isDrillable(pair), this.drillRunning({ kind: 'pair', pairId: pair.pairId })),
          collapsible: 'collapsed',
          ...this.busyLook({ kind: 'pair', pairId: pair.pairId }),
        };
      }
      case 'pairDrill': {
        const drill = this.pairDrill(ref.pairId, ref.drillId);
        if (!drill) return this.gone(ref.id, ref.drillId);
        return {
          id: ref.id,
          label: drill.drillId,
          description: pairDrillDescription(l, drill, now),
          icon: drillIcon(drill.status),
          contextValue: drillContextValue('pair', drill.status),
          collapsible: 'none',
        };
      }
      case 'groupDrill': {
        const drill = this.groupDrill(ref.groupId, ref.drillId);
        if (!drill) return this.gone(ref.id, ref.drillId);
        return {
          id: ref.id,
          label: drill.drillId,
          description: groupDrillDescription(l, drill, now),
          icon: drillIcon(drill.status),
          contextValue: drillContextValue('group', drill.status),
          collapsible: 'none',
        };
      }
      case 'loadError': {
        const error = ref.target.kind === 'region' ? this.regionError(ref.regionId) : this.drillsError(ref.target);
        const explanation = error === undefined ? l.t('the request failed') : l.errorText(error);
        const label =
          ref.target.kind === 'region'
            ? l.t('Could not load: {0} — click to retry', explanation)
            : l.t('Could not load drills: {0} — click to retry', explanation);
        return { id: ref.id, label, tooltip: label, icon: MESSAGE_ICONS.loadError, contextValue: 'loadError', collapsible: 'none', retry: true };
      }
      case 'message':
        return {
          id: ref.id,
          label: ref.message === 'noPairs' ? l.t('No replication pairs in this region') : l.t('No drills'),
          icon: MESSAGE_ICONS.info,
          contextValue: 'message',
          collapsible: 'none',
        };
    }
  }

  private busyLook(owner: DrillOwner): Partial<PresentedNode> {
    const text = this.ownerBusy.get(ownerKey(owner));
    return text === undefined ? {} : { icon: { id: 'loading~spin' }, description: text };
  }

  private drRegionOfPair(regionId: string, pairId: string): string {
    return this.pair(regionId, pairId)?.destinationRegionId ?? regionId;
  }

  private drillsError(owner: DrillOwner): unknown {
    const state = this.drills.get(ownerKey(owner));
    return state?.status === 'failed' ? state.error : undefined;
  }

  private gone(id: string, label: string): PresentedNode {
    return { id, label, icon: HEALTH_ICONS.unknown, contextValue: 'message', collapsible: 'none' };
  }

  private presentRegion(regionId: string): PresentedNode {
    const l = this.l;
    const id = this.prefix + regionNodeId(regionId);
    const state = this.regions.get(regionId) ?? { status: 'idle' as const };
    const name = this.regionNames.get(regionId);
    const base = { id, label: regionId, collapsible: 'collapsed' as const, tooltip: name ? `**${regionId}** — ${name}` : `**${regionId}**` };
    switch (state.status) {
      case 'idle':
        return { ...base, icon: REGION_ICONS.idle, contextValue: 'region' };
      case 'loading': {
        const summary = state.previous ? regionSummaryText(l, summarise([...state.previous.pairs.values()], state.previous.groups.length)) : undefined;
        return { ...base, description: summary ?? l.t('Loading…'), icon: REGION_ICONS.loading, contextValue: 'region' };
      }
      case 'failed':
        return { ...base, description: l.t('Could not load'), icon: REGION_ICONS.failed, contextValue: 'region.failed' };
      case 'loaded': {
        const summary = summarise([...state.value.pairs.values()], state.value.groups.length);
        return { ...base, description: regionSummaryText(l, summary), icon: regionSummaryIcon(summary), contextValue: 'region' };
      }
    }
  }
}
