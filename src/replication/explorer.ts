// The Replication view's model: which regions are roots, what each region / pair / group has loaded (idle,
// loading, loaded, failed), loading with a concurrency limit, refresh of one region or one pair, and the tree over
// it (stable node handles; each kind of node, its children and its look, in nodes/). Pure: the shell maps
// PresentedNode to a TreeItem.
import { setMaxListeners } from 'node:events';
import { mapSettledWithConcurrency } from '../ebs/concurrency';
import { explainError } from '../ebs/catalogue';
import type { EbsClient } from '../ebs/client';
import { DEFAULT_INVENTORY_CONCURRENCY, loadInventory, type RegionInventory } from '../ebs/inventory';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../ebs/types';
import { Emitter, type Disposable } from '../shared/events';
import { NO_DRILL_FRESHNESS, type DrillFreshness, type FreshnessOwner, type OwnerFreshness } from './freshness';
import { kindOf } from './nodes/index';
import {
  groupNodeId,
  ownerKey,
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
import { shapeRegion, withPair, type RegionContents } from './regionContents';
import { drillMarkSignature, listedDrillMark, NO_DRILL_MARK, ownerDrillMark, rollUpDrillMarks, type DrillMark, type RegionDrillRollup } from './drillMarks';
import { NO_RUNNING_DRILLS, type RunningDrills } from './runningDrills';
import type { Localiser } from './text';

// The handles live in nodes.ts; re-exported for callers that know only the explorer (the drill host tests).
export type { DrillOwner, NodeRef, PresentedNode } from './nodes';

export type ExplorerClient = Pick<EbsClient, 'listReplicaPairs' | 'listReplicaGroups' | 'describePairDrills' | 'describeReplicaGroupDrills'>;

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

/** A drill list the tree just loaded (asked in the owner's DR region). */
export interface DrillListing {
  owner: DrillOwner;
  drRegionId: string;
  drills: PairDrill[] | GroupDrill[];
  /** The explorer's profile when side by side. */
  profileId?: string;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class ReplicationExplorer implements TreeSource {
  private client: ExplorerClient | undefined;
  private regionIds: string[] = [];
  private readonly regions = new Map<string, Load<RegionContents>>();
  /** When each region's shown data was loaded (unix ms; kept while it reloads) and when a pair was reloaded alone since. */
  private readonly regionLoadedAt = new Map<string, number>();
  private readonly pairLoadedAt = new Map<string, number>();
  private readonly drills = new Map<string, Load<DrillList>>();
  private readonly refs = new Map<string, NodeRef>();
  private readonly changes = new Emitter<NodeRef[] | undefined>();
  private readonly busyChanges = new Emitter<boolean>();
  private readonly listings = new Emitter<DrillListing>();
  /** Owners with a request running on them (a drill start/clear): spinner and temporary description. */
  private readonly ownerBusy = new Map<string, string>();
  private readonly pending = new Set<Promise<unknown>>();
  private abort = ReplicationExplorer.controller();
  private token = 0;
  private regionNames = new Map<string, string>();
  readonly l: Localiser;
  readonly concurrency: number;
  now: () => Date;
  private running: RunningDrills = NO_RUNNING_DRILLS;
  private runningSubscription: { dispose(): void } | undefined;
  /** The drill mark each pair and group row was last redrawn for (by ownerKey; absent: no mark). */
  private readonly marks = new Map<string, string>();
  private drillFreshness: DrillFreshness = NO_DRILL_FRESHNESS;
  private freshnessSubscription: { dispose(): void } | undefined;
  readonly profileId: string | undefined;
  /** `profile/<id>/` when side by side, else '' (every node id starts with it). */
  readonly idPrefix: string;

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
    this.abort.abort();
    this.abort = ReplicationExplorer.controller();
    this.client = client;
    this.regions.clear();
    this.regionLoadedAt.clear();
    this.pairLoadedAt.clear();
    this.drills.clear();
    this.refs.clear();
    this.marks.clear();
    this.regionIds = client ? [...regionIds] : [];
    this.fire(undefined);
  }

  /** New root regions: keeps what retained regions loaded; new regions stay idle until loaded. */
  setRegions(regionIds: readonly string[]): void {
    this.regionIds = [...regionIds];
    for (const id of [...this.regions.keys()]) if (!this.regionIds.includes(id)) this.forgetRegion(id);
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
    this.runningSubscription?.dispose();
    this.running = running;
    this.runningSubscription = running === NO_RUNNING_DRILLS ? undefined : running.onDidChange(() => this.redrawMarks());
    this.redrawMarks();
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
    return this.busyChanges.event(listener);
  }

  onDidLoadDrills(listener: (listing: DrillListing) => void): Disposable {
    return this.listings.event(listener);
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

  private forgetRegion(regionId: string): void {
    this.regions.delete(regionId);
    this.regionLoadedAt.delete(regionId);
    for (const key of [...this.pairLoadedAt.keys()]) if (key.startsWith(`${regionId}/`)) this.pairLoadedAt.delete(key);
  }

  private settleRegion(result: RegionInventory): void {
    if (result.status === 'fulfilled') {
      const contents = shapeRegion(result.regionId, result.pairs, result.groups);
      this.regions.set(result.regionId, { status: 'loaded', value: contents });
      this.regionLoadedAt.set(result.regionId, this.now().getTime());
      for (const key of [...this.pairLoadedAt.keys()]) if (key.startsWith(`${result.regionId}/`)) this.pairLoadedAt.delete(key);
      // Drills of this region's pairs and groups are asked again when next shown.
      for (const id of contents.pairs.keys()) this.drills.delete(ownerKey({ kind: 'pair', pairId: id }));
      for (const id of contents.groupsById.keys()) this.drills.delete(ownerKey({ kind: 'group', groupId: id }));
    } else {
      this.regions.set(result.regionId, { status: 'failed', error: result.error });
      this.regionLoadedAt.delete(result.regionId);
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
        if (shows) this.pairLoadedAt.set(`${r}/${pairId}`, this.now().getTime());
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
      this.drills.set(key, next);
      if (next.status === 'loaded') {
        const listing: DrillListing = { owner, drRegionId, drills: next.value.drills, ...(this.profileId === undefined ? {} : { profileId: this.profileId }) };
        this.listings.fire(listing);
      }
      // The owner's row (contextValue and description) and its regions' roll-ups say what its drills hold: redraw them
      // when that changed.
      this.redrawMarks([owner]);
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

  /**
   * Redraws the rows whose drill mark changed since they were last redrawn for it (of `owners`, or of every pair and
   * group loaded), and the regions that list them (their roll-up).
   */
  private redrawMarks(owners?: readonly DrillOwner[]): void {
    const changed = new Set<string>();
    const check = (owner: DrillOwner): void => {
      const key = ownerKey(owner);
      if (changed.has(key)) return;
      const signature = drillMarkSignature(this.drillMark(owner));
      if ((this.marks.get(key) ?? '') === signature) return;
      changed.add(key);
      if (signature === '') this.marks.delete(key);
      else this.marks.set(key, signature);
    };
    if (owners) owners.forEach(check);
    else {
      for (const r of this.regionIds) {
        const contents = this.contents(r);
        if (!contents) continue;
        for (const pairId of contents.pairs.keys()) check({ kind: 'pair', pairId });
        for (const groupId of contents.groupsById.keys()) check({ kind: 'group', groupId });
      }
    }
    if (changed.size === 0) return;
    const refs: NodeRef[] = [];
    for (const r of this.regionIds) {
      const contents = this.contents(r);
      if (!contents) continue;
      const before = refs.length;
      for (const pairId of contents.pairs.keys()) if (changed.has(ownerKey({ kind: 'pair', pairId }))) refs.push(this.pairRef(r, pairId));
      for (const groupId of contents.groupsById.keys()) if (changed.has(ownerKey({ kind: 'group', groupId }))) refs.push(this.groupRef(r, groupId));
      if (refs.length > before) refs.push(this.regionRef(r));
    }
    this.fire(refs);
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
    if (!wasBusy) this.busyChanges.fire(true);
    const done = (): void => {
      this.pending.delete(work);
      if (this.pending.size === 0) this.busyChanges.fire(false);
    };
    work.then(done, done);
    return work;
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
    if (this.contents(regionId) === undefined) return undefined;
    const region = this.regionLoadedAt.get(regionId);
    const pair = pairId === undefined ? undefined : this.pairLoadedAt.get(`${regionId}/${pairId}`);
    const at = pair !== undefined && (region === undefined || pair > region) ? pair : region;
    return at === undefined ? undefined : new Date(at);
  }

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

  /** What a root region lists now (the previous contents while it reloads): its pairs in display order and its groups; undefined when it has not loaded. */
  loadedRegion(regionId: string): { pairs: ReplicaPair[]; groups: ReplicaGroup[] } | undefined {
    const contents = this.contents(regionId);
    if (!contents) return undefined;
    const ids = [...contents.groups.flatMap((g) => g.memberIds), ...contents.ungroupedIds];
    return {
      pairs: ids.flatMap((id) => {
        const pair = contents.pairs.get(id);
        return pair ? [pair] : [];
      }),
      groups: contents.groups.map((g) => g.group),
    };
  }

  regionView(regionId: string): RegionView {
    const state = this.regions.get(regionId) ?? { status: 'idle' as const };
    return state.status === 'failed' ? { status: 'failed' } : state;
  }

  regionName(regionId: string): string | undefined {
    return this.regionNames.get(regionId);
  }

  /** Waits until the region has something to show, starting its load when it is idle. */
  async regionShown(regionId: string): Promise<RegionView> {
    let state = this.regions.get(regionId);
    if (!state || state.status === 'idle') {
      void this.refreshRegion(regionId);
      state = this.regions.get(regionId);
    }
    while (state?.status === 'loading' && !state.previous) {
      await state.promise;
      state = this.regions.get(regionId);
    }
    return this.regionView(regionId);
  }

  async drillsSettled(owner: DrillOwner, drRegionId: string): Promise<DrillListView> {
    let state = this.ensureDrills(owner, drRegionId);
    while (state.status === 'loading') {
      await state.promise;
      state = this.ensureDrills(owner, drRegionId);
    }
    if (state.status === 'failed') return { status: 'failed' };
    return state.status === 'loaded' ? { status: 'loaded', drills: state.value.drills } : { status: 'none' };
  }

  drillsError(owner: DrillOwner): unknown {
    const state = this.drills.get(ownerKey(owner));
    return state?.status === 'failed' ? state.error : undefined;
  }

  drillRunning(owner: DrillOwner): boolean {
    return this.drillMark(owner).running;
  }

  /** Whether a drill of the owner runs and which billed drill disks it holds: listed here or known to the drill tracker. */
  drillMark(owner: DrillOwner): DrillMark {
    const state = this.drills.get(ownerKey(owner));
    const listed = state?.status === 'loaded' ? listedDrillMark(state.value.drills) : NO_DRILL_MARK;
    return ownerDrillMark(listed, this.running, owner.kind === 'pair' ? owner.pairId : owner.groupId);
  }

  /** Drills running and drill disks held under a root region (each of its pairs and groups once). */
  regionDrills(regionId: string): RegionDrillRollup {
    const contents = this.contents(regionId);
    if (!contents) return { running: 0, held: 0 };
    const marks: DrillMark[] = [];
    for (const pairId of contents.pairs.keys()) marks.push(this.drillMark({ kind: 'pair', pairId }));
    for (const groupId of contents.groupsById.keys()) marks.push(this.drillMark({ kind: 'group', groupId }));
    return rollUpDrillMarks(marks);
  }

  busyText(owner: DrillOwner): string | undefined {
    return this.ownerBusy.get(ownerKey(owner));
  }

  freshness(owner: FreshnessOwner): OwnerFreshness | undefined {
    return this.drillFreshness.of(owner);
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
