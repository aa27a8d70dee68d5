// What the drill commands (and the drill evidence) use of the Replication view (src/drills/tree.ts DrillTree): the
// data of a profile's explorer, invalidating drills, busy owners, the drill listings of every explorer, and revealing a
// drill. `profileId`: the node's profile when side by side. The view (ui/replicationView.ts) extends this and says
// which explorer serves a profile.
import * as vscode from 'vscode';
import type { ReplicaGroup, ReplicaPair } from '../../ebs/types';
import type { DrillListing, DrillOwner, ReplicationExplorer } from '../explorer';
import type { ProfileForest, TreeRef } from '../profileForest';
import { REPLICATION_VIEW_ID } from './viewActivity';

export abstract class DrillTreeSurface {
  abstract readonly forest: ProfileForest;
  abstract readonly treeView: vscode.TreeView<TreeRef>;
  private readonly listingListeners = new Set<(listing: DrillListing) => void>();

  /** The explorer of a profile (side by side: the shown profile's; otherwise the view's one explorer). */
  protected abstract explorerFor(profileId: string | undefined): ReplicationExplorer | undefined;

  abstract whenIdle(): Promise<void>;

  /** Tells the drill commands of a listing an explorer loaded. */
  protected fireListing(listing: DrillListing): void {
    this.listingListeners.forEach((l) => l(listing));
  }

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
}
