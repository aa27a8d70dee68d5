// The explorer's drills of each pair and group: listing them (asked in the owner's DR region) and telling who
// listens (the drill tracker), the drill mark each row shows (listed here or known to the drill tracker) and the
// redraw of the rows whose mark changed, and the owners with a drill request running on them (spinner and text). Pure.
import type { GroupDrill, PairDrill } from '../ebs/types';
import { Emitter, type Disposable } from '../shared/events';
import { drillMarkSignature, listedDrillMark, NO_DRILL_MARK, ownerDrillMark, rollUpDrillMarks, type DrillMark, type RegionDrillRollup } from './drillMarks';
import type { ExplorerHost, Load } from './explorerWork';
import { ownerKey, type DrillListView, type DrillOwner, type NodeRef } from './nodes';
import { NO_RUNNING_DRILLS, type RunningDrills } from './runningDrills';

type DrillList = { kind: 'pair'; drills: PairDrill[] } | { kind: 'group'; drills: GroupDrill[] };

/** A drill list the tree just loaded (asked in the owner's DR region). */
export interface DrillListing {
  owner: DrillOwner;
  drRegionId: string;
  drills: PairDrill[] | GroupDrill[];
  /** The explorer's profile when side by side. */
  profileId?: string;
}

export class DrillListings {
  private readonly drills = new Map<string, Load<DrillList>>();
  private readonly listings = new Emitter<DrillListing>();
  /** Owners with a request running on them (a drill start/clear): spinner and temporary description. */
  private readonly ownerBusy = new Map<string, string>();
  private running: RunningDrills = NO_RUNNING_DRILLS;
  private runningSubscription: { dispose(): void } | undefined;
  /** The drill mark each pair and group row was last redrawn for (by ownerKey; absent: no mark). */
  private readonly marks = new Map<string, string>();

  constructor(private readonly host: ExplorerHost) {}

  /** Forgets every listing and mark (a new connection). */
  clear(): void {
    this.drills.clear();
    this.marks.clear();
  }

  /** Drops an owner's drills without a redraw (its record was reloaded). */
  forget(owner: DrillOwner): void {
    this.drills.delete(ownerKey(owner));
  }

  /** The owner's drills could not be loaded (its record could not be reloaded). */
  fail(owner: DrillOwner, error: unknown): void {
    this.drills.set(ownerKey(owner), { status: 'failed', error });
  }

  onDidLoad(listener: (listing: DrillListing) => void): Disposable {
    return this.listings.event(listener);
  }

  /** Redraws the rows whose mark changed whenever the drill tracker's knowledge changes; see ReplicationExplorer.setRunningDrills. */
  setRunningDrills(running: RunningDrills): void {
    this.runningSubscription?.dispose();
    this.running = running;
    this.runningSubscription = running === NO_RUNNING_DRILLS ? undefined : running.onDidChange(() => this.redrawMarks());
    this.redrawMarks();
  }

  /** Shows a spinner and `text` on the owner's nodes until disposed. */
  markBusy(owner: DrillOwner, text: string): { dispose(): void } {
    const key = ownerKey(owner);
    this.ownerBusy.set(key, text);
    this.host.fire(this.ownerRefs(owner));
    let disposed = false;
    return {
      dispose: () => {
        if (disposed) return;
        disposed = true;
        if (this.ownerBusy.get(key) === text) this.ownerBusy.delete(key);
        this.host.fire(this.ownerRefs(owner));
      },
    };
  }

  busyText(owner: DrillOwner): string | undefined {
    return this.ownerBusy.get(ownerKey(owner));
  }

  /** Loads the drills of a pair or group (asked in its DR region) unless they are loaded or loading. */
  private ensure(owner: DrillOwner, drRegionId: string): Load<DrillList> {
    const key = ownerKey(owner);
    const existing = this.drills.get(key);
    if (existing && existing.status !== 'idle') return existing;
    const client = this.host.client();
    if (!client) return { status: 'idle' };
    const signal = this.host.work.signal;
    const token = this.host.work.nextToken();
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
        const profileId = this.host.profileId();
        const listing: DrillListing = { owner, drRegionId, drills: next.value.drills, ...(profileId === undefined ? {} : { profileId }) };
        this.listings.fire(listing);
      }
      // The owner's row (contextValue and description) and its regions' roll-ups say what its drills hold: redraw them
      // when that changed.
      this.redrawMarks([owner]);
    })();
    const state: Load<DrillList> = { status: 'loading', token, promise: work };
    this.drills.set(key, state);
    void this.host.work.track(work);
    return state;
  }

  /** Waits for the owner's drills, starting their load unless they are loaded or loading. */
  async settled(owner: DrillOwner, drRegionId: string): Promise<DrillListView> {
    let state = this.ensure(owner, drRegionId);
    while (state.status === 'loading') {
      await state.promise;
      state = this.ensure(owner, drRegionId);
    }
    if (state.status === 'failed') return { status: 'failed' };
    return state.status === 'loaded' ? { status: 'loaded', drills: state.value.drills } : { status: 'none' };
  }

  /** Drops the drills of a pair or group so they are asked again, and redraws its nodes. */
  invalidate(owner: DrillOwner): void {
    this.drills.delete(ownerKey(owner));
    this.host.fire(this.ownerRefs(owner));
  }

  /** The nodes of a pair or group in every root region that shows it. */
  private ownerRefs(owner: DrillOwner): NodeRef[] {
    const refs: NodeRef[] = [];
    for (const r of this.host.rootRegionIds()) {
      const contents = this.host.contents(r);
      if (owner.kind === 'pair' && contents?.pairs.has(owner.pairId)) refs.push(this.host.pairRef(r, owner.pairId));
      if (owner.kind === 'group' && contents?.groupsById.has(owner.groupId)) refs.push(this.host.groupRef(r, owner.groupId));
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
      const signature = drillMarkSignature(this.mark(owner));
      if ((this.marks.get(key) ?? '') === signature) return;
      changed.add(key);
      if (signature === '') this.marks.delete(key);
      else this.marks.set(key, signature);
    };
    if (owners) owners.forEach(check);
    else {
      for (const r of this.host.rootRegionIds()) {
        const contents = this.host.contents(r);
        if (!contents) continue;
        for (const pairId of contents.pairs.keys()) check({ kind: 'pair', pairId });
        for (const groupId of contents.groupsById.keys()) check({ kind: 'group', groupId });
      }
    }
    if (changed.size === 0) return;
    const refs: NodeRef[] = [];
    for (const r of this.host.rootRegionIds()) {
      const contents = this.host.contents(r);
      if (!contents) continue;
      const before = refs.length;
      for (const pairId of contents.pairs.keys()) if (changed.has(ownerKey({ kind: 'pair', pairId }))) refs.push(this.host.pairRef(r, pairId));
      for (const groupId of contents.groupsById.keys()) if (changed.has(ownerKey({ kind: 'group', groupId }))) refs.push(this.host.groupRef(r, groupId));
      if (refs.length > before) refs.push(this.host.regionRef(r));
    }
    this.host.fire(refs);
  }

  pairDrill(pairId: string, drillId: string): PairDrill | undefined {
    const state = this.drills.get(ownerKey({ kind: 'pair', pairId }));
    return state?.status === 'loaded' && state.value.kind === 'pair' ? state.value.drills.find((d) => d.drillId === drillId) : undefined;
  }

  groupDrill(groupId: string, drillId: string): GroupDrill | undefined {
    const state = this.drills.get(ownerKey({ kind: 'group', groupId }));
    return state?.status === 'loaded' && state.value.kind === 'group' ? state.value.drills.find((d) => d.drillId === drillId) : undefined;
  }

  error(owner: DrillOwner): unknown {
    const state = this.drills.get(ownerKey(owner));
    return state?.status === 'failed' ? state.error : undefined;
  }

  /** Whether a drill of the owner runs and which billed drill disks it holds: listed here or known to the drill tracker. */
  mark(owner: DrillOwner): DrillMark {
    const state = this.drills.get(ownerKey(owner));
    const listed = state?.status === 'loaded' ? listedDrillMark(state.value.drills) : NO_DRILL_MARK;
    return ownerDrillMark(listed, this.running, owner.kind === 'pair' ? owner.pairId : owner.groupId);
  }

  /** Drills running and drill disks held under a root region (each of its pairs and groups once). */
  regionDrills(regionId: string): RegionDrillRollup {
    const contents = this.host.contents(regionId);
    if (!contents) return { running: 0, held: 0 };
    const marks: DrillMark[] = [];
    for (const pairId of contents.pairs.keys()) marks.push(this.mark({ kind: 'pair', pairId }));
    for (const groupId of contents.groupsById.keys()) marks.push(this.mark({ kind: 'group', groupId }));
    return rollUpDrillMarks(marks);
  }
}
