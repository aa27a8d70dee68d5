// The Replication view's profiles side by side (ebsDr.profilesInTree): one ReplicationExplorer per chosen, usable
// profile (built for its client, loading its chosen regions), why each other profile cannot be used (resolve() said
// so, or every region refused its credentials), and what the view hands every one of these explorers (running
// drills, drill freshness, region names). The view's one explorer without side by side: ui/replicationView.ts.
import type { ConnectionProvider } from '../../credentials/connection';
import type { ConnectedClient, EbsClients } from '../../credentials/ui/clients';
import { explainError } from '../../ebs/catalogue';
import type { Log } from '../../shared/ui/log';
import { ReplicationExplorer, type DrillListing } from '../explorer';
import { NO_DRILL_FRESHNESS, type DrillFreshness } from '../freshness';
import type { ProfileForest, ProfileSlot } from '../profileForest';
import { NO_RUNNING_DRILLS, type RunningDrills } from '../runningDrills';
import { refusedProblem, slotProblem, unusableProblem, type ViewProblem } from './problems';
import { treeProfiles } from './sideBySideSettings';
import { localiser } from './treeProvider';

export interface SideBySideDeps {
  forest: ProfileForest;
  connections: ConnectionProvider;
  clients: Pick<EbsClients, 'forProfile'>;
  log: Log;
  /** The root regions chosen for the connected profile. */
  roots(connected: ConnectedClient): readonly string[];
  /** The view's clock (every explorer reads the one the tests pin). */
  now(): Date;
  /** An explorer started or finished loading, or was dropped. */
  onBusy(): void;
  onListing(listing: DrillListing): void;
}

/** One profile shown side by side: its explorer, the client it was built for, and why it is refused (if it is). */
interface SideProfile {
  explorer: ReplicationExplorer;
  client: unknown;
  refused?: ViewProblem;
  subscriptions: { dispose(): void }[];
}

export class SideBySide {
  private readonly side = new Map<string, SideProfile>();
  /** Why a profile shown side by side cannot be used (resolve() said so, or every region refused its credentials). */
  private readonly problems = new Map<string, ViewProblem>();
  private running: RunningDrills = NO_RUNNING_DRILLS;
  private freshness: DrillFreshness = NO_DRILL_FRESHNESS;
  private regionNames: ReadonlyMap<string, string> = new Map();

  constructor(private readonly deps: SideBySideDeps) {}

  /**
   * One root per chosen profile, each with its own explorer (or why it cannot be used); resolves once the roots are
   * set, with what settles when the new explorers loaded and were checked for refused credentials.
   */
  async sync(): Promise<{ checking: Promise<void> }> {
    const { forest } = this.deps;
    const entries = treeProfiles(this.deps.connections);
    const slots: ProfileSlot[] = [];
    const loads: Promise<void>[] = [];
    for (const entry of entries) {
      const base = { profileId: entry.id, profileName: entry.name, active: entry.active };
      const got = await this.deps.clients.forProfile(entry.id).catch(() => undefined);
      if (!got || 'resolution' in got) {
        if (got?.resolution.status === 'unusable') {
          const problem = unusableProblem(got.resolution);
          this.problems.set(entry.id, problem);
          slots.push({ ...base, problem: slotProblem(problem) });
        }
        this.drop(new Set(), entry.id);
        continue;
      }
      const { connected } = got;
      let side = this.side.get(entry.id);
      if (!side || side.client !== connected.client) {
        if (side) this.drop(new Set(), entry.id);
        side = this.newSide(connected);
        this.problems.delete(entry.id);
        const started = side;
        loads.push(side.explorer.loadAll().then(() => this.checkRefused(connected, started)));
      }
      slots.push(side.refused ? { ...base, problem: slotProblem(side.refused) } : { ...base, explorer: side.explorer });
    }
    this.drop(new Set(entries.map((e) => e.id)));
    forest.setProfiles(slots);
    return { checking: Promise.all(loads).then(() => undefined) };
  }

  private newSide(connected: ConnectedClient): SideProfile {
    const { connection, client } = connected;
    const explorer = new ReplicationExplorer({
      localiser,
      profileId: connection.profileId,
      runningDrills: this.running,
      drillFreshness: this.freshness,
      now: () => this.deps.now(),
    });
    explorer.setRegionNames(this.regionNames);
    const busy = explorer.onDidChangeBusy(() => this.deps.onBusy());
    const listing = explorer.onDidLoadDrills((l) => this.deps.onListing(l));
    // A dropped explorer stops listening to the drill freshness.
    const freshness = { dispose: () => explorer.setDrillFreshness(NO_DRILL_FRESHNESS) };
    const side: SideProfile = { explorer, client, subscriptions: [busy, listing, freshness] };
    this.side.set(connection.profileId, side);
    explorer.setSource(client, this.deps.roots(connected));
    return side;
  }

  /** Forgets the explorers of profiles not in `keep` (or just `only`), cancelling what they load. */
  drop(keep: ReadonlySet<string>, only?: string): void {
    for (const [id, side] of [...this.side]) {
      if (keep.has(id) || (only !== undefined && id !== only)) continue;
      side.explorer.setSource(undefined, []);
      side.subscriptions.forEach((s) => s.dispose());
      this.side.delete(id);
    }
    this.deps.onBusy();
  }

  /** Forgets the explorers of refused profiles (Refresh tries their credentials again). */
  dropRefused(): void {
    for (const [id, side] of [...this.side]) if (side.refused) this.drop(new Set(), id);
  }

  private checkRefused(connected: ConnectedClient, side: SideProfile): void {
    const { connection } = connected;
    if (this.side.get(connection.profileId) !== side) return;
    const error = side.explorer.refusedError();
    if (error === undefined) return;
    this.deps.log.warn(`Replication view: every region of the profile "${connection.profileName}" refused the credentials: ${explainError(error).code}`);
    side.refused = refusedProblem(connection.profileId, connection.profileName, error);
    this.problems.set(connection.profileId, side.refused);
    const slot = this.deps.forest.slot(connection.profileId);
    if (slot) this.deps.forest.updateSlot({ ...slot, explorer: undefined, problem: slotProblem(side.refused) });
  }

  /** Re-reads each shown profile's chosen regions (another window may have changed them) and reloads all of them. */
  async reloadAll(): Promise<void> {
    await Promise.all(
      [...this.side].map(async ([id, side]) => {
        const got = await this.deps.clients.forProfile(id).catch(() => undefined);
        if (got && 'connected' in got) {
          const roots = this.deps.roots(got.connected);
          if (roots.join() !== side.explorer.rootRegionIds().join()) side.explorer.setRegions(roots);
        }
        await side.explorer.loadAll();
      }),
    );
  }

  /** The explorer of a shown profile (refused or not). */
  explorer(profileId: string): ReplicationExplorer | undefined {
    return this.side.get(profileId)?.explorer;
  }

  /** The explorer of a shown profile whose credentials were not refused. */
  usable(profileId: string): ReplicationExplorer | undefined {
    const side = this.side.get(profileId);
    return side && !side.refused ? side.explorer : undefined;
  }

  explorers(): ReplicationExplorer[] {
    return [...this.side.values()].map((s) => s.explorer);
  }

  problem(profileId: string): ViewProblem | undefined {
    return this.problems.get(profileId);
  }

  isBusy(): boolean {
    return [...this.side.values()].some((s) => s.explorer.isBusy());
  }

  /** For every explorer shown now and those created later. */
  setRunningDrills(running: RunningDrills): void {
    this.running = running;
    for (const side of this.side.values()) side.explorer.setRunningDrills(running);
  }

  /** For every explorer shown now and those created later. */
  setDrillFreshness(freshness: DrillFreshness): void {
    this.freshness = freshness;
    for (const side of this.side.values()) side.explorer.setDrillFreshness(freshness);
  }

  /** For every explorer shown now and those created later. */
  setRegionNames(names: ReadonlyMap<string, string>): void {
    this.regionNames = names;
    for (const side of this.side.values()) side.explorer.setRegionNames(names);
  }
}
