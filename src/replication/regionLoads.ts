// What each root region of the explorer has loaded (idle, loading, loaded, failed) and when: loading regions with a
// concurrency limit, taking regions loaded elsewhere, reloading one pair's record in every region showing it, and
// what a region shows meanwhile (the previous contents while it reloads). Pure.
import { mapSettledWithConcurrency } from '../ebs/concurrency';
import { explainError } from '../ebs/catalogue';
import { loadInventory, type RegionInventory } from '../ebs/inventory';
import type { ReplicaGroup, ReplicaPair } from '../ebs/types';
import type { DrillListings } from './explorerDrills';
import type { ExplorerHost, Load } from './explorerWork';
import type { NodeRef, RegionView } from './nodes';
import { pairSite, shapeRegion, withPair, type RegionContents } from './regionContents';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

export class RegionLoads {
  private readonly regions = new Map<string, Load<RegionContents>>();
  /** When each region's shown data was loaded (unix ms; kept while it reloads) and when a pair was reloaded alone since. */
  private readonly regionLoadedAt = new Map<string, number>();
  private readonly pairLoadedAt = new Map<string, number>();

  constructor(
    private readonly host: ExplorerHost,
    /** A region's (or a pair's) new data drops the drills listed for its pairs and groups. */
    private readonly drills: DrillListings,
    private readonly concurrency: number,
  ) {}

  /** Forgets every region (a new connection). */
  clear(): void {
    this.regions.clear();
    this.regionLoadedAt.clear();
    this.pairLoadedAt.clear();
  }

  /** Loads the regions (the root ones among them, at most `concurrency` at a time); resolves when all have settled. */
  load(regionIds: readonly string[]): Promise<void> {
    const client = this.host.client();
    const roots = this.host.rootRegionIds();
    const ids = [...new Set(regionIds)].filter((id) => roots.includes(id));
    if (!client || ids.length === 0) return Promise.resolve();
    const signal = this.host.work.signal;
    const tickets = ids.map((regionId) => {
      const previousState = this.regions.get(regionId);
      const previous = previousState?.status === 'loaded' ? previousState.value : previousState?.status === 'loading' ? previousState.previous : undefined;
      const done = deferred();
      const token = this.host.work.nextToken();
      this.regions.set(regionId, { status: 'loading', token, promise: done.promise, previous });
      return { regionId, token, done };
    });
    this.host.fire(ids.map((id) => this.host.regionRef(id)));
    const run = mapSettledWithConcurrency(tickets, this.concurrency, async (ticket) => {
      try {
        const state = this.regions.get(ticket.regionId);
        if (signal.aborted || state?.status !== 'loading' || state.token !== ticket.token) return;
        const [result] = await loadInventory(client, [ticket.regionId], { concurrency: 1, signal });
        const now = this.regions.get(ticket.regionId);
        if (signal.aborted || !result || now?.status !== 'loading' || now.token !== ticket.token) return;
        this.settle(result);
        this.host.fire([this.host.regionRef(ticket.regionId)]);
      } finally {
        ticket.done.resolve();
      }
    }).then(() => undefined);
    return this.host.work.track(run);
  }

  /** The regions not loaded yet (of `regionIds`). */
  idle(regionIds: readonly string[]): string[] {
    return regionIds.filter((id) => (this.regions.get(id)?.status ?? 'idle') === 'idle');
  }

  /** Takes regions loaded elsewhere (Find Regions with Pairs) instead of asking again. */
  adopt(results: readonly RegionInventory[]): void {
    const changed: NodeRef[] = [];
    for (const result of results) {
      if (!this.host.rootRegionIds().includes(result.regionId)) continue;
      this.settle(result);
      changed.push(this.host.regionRef(result.regionId));
    }
    if (changed.length > 0) this.host.fire(changed);
  }

  forget(regionId: string): void {
    this.regions.delete(regionId);
    this.regionLoadedAt.delete(regionId);
    for (const key of [...this.pairLoadedAt.keys()]) if (key.startsWith(`${regionId}/`)) this.pairLoadedAt.delete(key);
  }

  /** The region ids with any state (loaded, loading, failed). */
  known(): string[] {
    return [...this.regions.keys()];
  }

  private settle(result: RegionInventory): void {
    if (result.status === 'fulfilled') {
      const contents = shapeRegion(result.regionId, result.pairs, result.groups, (pair) => this.otherRecord(result.regionId, pair));
      this.regions.set(result.regionId, { status: 'loaded', value: contents });
      this.regionLoadedAt.set(result.regionId, this.host.now().getTime());
      for (const key of [...this.pairLoadedAt.keys()]) if (key.startsWith(`${result.regionId}/`)) this.pairLoadedAt.delete(key);
      // Drills of this region's pairs and groups are asked again when next shown.
      for (const id of contents.pairs.keys()) this.drills.forget({ kind: 'pair', pairId: id });
      for (const id of contents.groupsById.keys()) this.drills.forget({ kind: 'group', groupId: id });
    } else {
      this.regions.set(result.regionId, { status: 'failed', error: result.error });
      this.regionLoadedAt.delete(result.regionId);
    }
  }

  /** The record another loaded root region holds of the pair (its other side, or its initial one), if any. */
  private otherRecord(regionId: string, pair: ReplicaPair): ReplicaPair | undefined {
    for (const other of [pair.sourceRegionId, pair.destinationRegionId, pair.primaryRegionId, pair.standbyRegionId]) {
      if (other === regionId) continue;
      const state = this.regions.get(other);
      const held = state?.status === 'loaded' ? state.value.pairs.get(pair.pairId) : undefined;
      if (held) return held;
    }
    return undefined;
  }

  /** Reloads one pair's record (in every root region showing it) and its drills. */
  async refreshPair(regionId: string, pairId: string): Promise<void> {
    const client = this.host.client();
    if (!client) return;
    const signal = this.host.work.signal;
    const owner = { kind: 'pair', pairId } as const;
    const work = (async () => {
      let record: ReplicaPair | undefined;
      try {
        [record] = await client.listReplicaPairs(regionId, { pairIds: [pairId], signal });
      } catch (error) {
        if (signal.aborted) return;
        this.drills.fail(owner, error);
        this.host.fire(this.host.rootRegionIds().filter((r) => this.contents(r)?.pairs.has(pairId)).map((r) => this.host.pairRef(r, pairId)));
        return;
      }
      if (signal.aborted) return;
      this.drills.forget(owner);
      const changed: NodeRef[] = [];
      for (const r of this.host.rootRegionIds()) {
        const state = this.regions.get(r);
        if (state?.status !== 'loaded') continue;
        const before = state.value;
        const shows = record !== undefined && (record.sourceRegionId === r || record.destinationRegionId === r);
        if (!before.pairs.has(pairId) && !shows) continue;
        // The record is the asked region's; another region keeps the Site its own listing gave.
        const held = before.pairs.get(pairId);
        const site = r === regionId || !held ? undefined : pairSite(before, held);
        const after = withPair(before, pairId, shows ? record : undefined, site);
        this.regions.set(r, { status: 'loaded', value: after });
        if (shows) this.pairLoadedAt.set(`${r}/${pairId}`, this.host.now().getTime());
        const sameGroup = before.groupOfPair.get(pairId) === after.groupOfPair.get(pairId);
        changed.push(sameGroup && before.pairs.has(pairId) && after.pairs.has(pairId) ? this.host.pairRef(r, pairId) : this.host.regionRef(r));
      }
      this.host.fire(changed);
    })();
    await this.host.work.track(work);
  }

  /** When the data shown for a region (or one pair of it) was loaded; see ReplicationExplorer.loadedAt. */
  loadedAt(regionId: string, pairId?: string): Date | undefined {
    if (this.contents(regionId) === undefined) return undefined;
    const region = this.regionLoadedAt.get(regionId);
    const pair = pairId === undefined ? undefined : this.pairLoadedAt.get(`${regionId}/${pairId}`);
    const at = pair !== undefined && (region === undefined || pair > region) ? pair : region;
    return at === undefined ? undefined : new Date(at);
  }

  status(regionId: string): 'idle' | 'loading' | 'loaded' | 'failed' {
    return this.regions.get(regionId)?.status ?? 'idle';
  }

  /** What the region shows now (the previous data while it reloads). */
  contents(regionId: string): RegionContents | undefined {
    const state = this.regions.get(regionId);
    return state?.status === 'loaded' ? state.value : state?.status === 'loading' ? state.previous : undefined;
  }

  /** The error when every one of `regionIds` failed because the credentials were refused; see ReplicationExplorer.refusedError. */
  refusedError(regionIds: readonly string[]): unknown {
    if (regionIds.length === 0) return undefined;
    let first: unknown;
    for (const id of regionIds) {
      const state = this.regions.get(id);
      if (state?.status !== 'failed' || explainError(state.error).category !== 'credentials') return undefined;
      first ??= state.error;
    }
    return first;
  }

  error(regionId: string): unknown {
    const state = this.regions.get(regionId);
    return state?.status === 'failed' ? state.error : undefined;
  }

  /** What a region lists now: its pairs in display order and its groups; undefined when it has not loaded. */
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

  view(regionId: string): RegionView {
    const state = this.regions.get(regionId) ?? { status: 'idle' as const };
    return state.status === 'failed' ? { status: 'failed' } : state;
  }

  /** Waits until the region has something to show, starting its load when it is idle. */
  async shown(regionId: string): Promise<RegionView> {
    let state = this.regions.get(regionId);
    if (!state || state.status === 'idle') {
      void this.load([regionId]);
      state = this.regions.get(regionId);
    }
    while (state?.status === 'loading' && !state.previous) {
      await state.promise;
      state = this.regions.get(regionId);
    }
    return this.view(regionId);
  }
}
