// The nodes of the Replication tree: their handles (NodeRef), their ids, how a node looks (PresentedNode), and the
// contract every node kind implements (NodeKind) over what the explorer has loaded (TreeSource). One file per node
// kind under nodes/ (region, group, pair, drill, messages); nodes/index.ts lists them. Pure.
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../ebs/types';
import type { DrillMark, RegionDrillRollup } from './drillMarks';
import type { FreshnessOwner, OwnerFreshness, VerifiableDrill, VerificationView } from './freshness';
import { HEALTH_ICONS, type IconSpec } from './status';
import type { RegionContents } from './regionContents';
import type { Localiser } from './text';

/**
 * A node handle, interned by id (the same object for the same node across refreshes, so VS Code keeps expansion and
 * selection). Names mean one thing in every kind: `regionId` is the ROOT region the node is shown under — a pair is
 * listed under its source and its destination region, a drill under each node of its pair or group — not the
 * region of the record nor where its calls go (drills are asked in the owner's DR region).
 */
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

export type NodeKindName = NodeRef['kind'];
export type RefOf<K extends NodeKindName> = Extract<NodeRef, { kind: K }>;

export type DrillOwner = { kind: 'pair'; pairId: string } | { kind: 'group'; groupId: string };

export const ownerKey = (owner: DrillOwner): string => (owner.kind === 'pair' ? `pair:${owner.pairId}` : `group:${owner.groupId}`);

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

// ---------------------------------------------------------------------------------------------
// Ids (an explorer showing one profile of several prefixes them with profileNodeId(profileId) + '/')
// ---------------------------------------------------------------------------------------------

export const regionNodeId = (regionId: string): string => `region/${regionId}`;
export const groupNodeId = (regionId: string, groupId: string): string => `region/${regionId}/group/${groupId}`;
/** A pair appears once per region (under its group or ungrouped), so its id does not include the group. */
export const pairNodeId = (regionId: string, pairId: string): string => `region/${regionId}/pair/${pairId}`;
export const pairDrillNodeId = (regionId: string, pairId: string, drillId: string): string => `${pairNodeId(regionId, pairId)}/drill/${drillId}`;
export const groupDrillNodeId = (regionId: string, groupId: string, drillId: string): string => `${groupNodeId(regionId, groupId)}/drill/${drillId}`;

/** The id of a profile's root node when the view shows profiles side by side; its subtree's ids start with it. */
export function profileNodeId(profileId: string): string {
  return `profile/${encodeURIComponent(profileId)}`;
}

// ---------------------------------------------------------------------------------------------
// What a node kind reads and does
// ---------------------------------------------------------------------------------------------

/** What a root region's node shows: its load state and what it loaded (the previous contents while it reloads). */
export type RegionView = { status: 'idle' } | { status: 'loading'; previous?: RegionContents } | { status: 'failed' } | { status: 'loaded'; value: RegionContents };

/** A drill list once it settled (or 'none' when there is no connection to ask). */
export type DrillListView = { status: 'none' } | { status: 'failed' } | { status: 'loaded'; drills: readonly PairDrill[] | readonly GroupDrill[] };

/** What the explorer offers the node kinds: the loaded data, the node handles, and loads to wait for. */
export interface TreeSource {
  readonly l: Localiser;
  now(): Date;
  /** `profile/<id>/` side by side, else ''. */
  readonly idPrefix: string;
  intern<T extends NodeRef>(ref: T): T;
  byId(id: string): NodeRef | undefined;
  regionRef(regionId: string): NodeRef;
  groupRef(regionId: string, groupId: string): NodeRef;
  pairRef(regionId: string, pairId: string): NodeRef;
  regionView(regionId: string): RegionView;
  regionName(regionId: string): string | undefined;
  /** Waits until the region has something to show (starting its load if idle). */
  regionShown(regionId: string): Promise<RegionView>;
  contents(regionId: string): RegionContents | undefined;
  pair(regionId: string, pairId: string): ReplicaPair | undefined;
  group(regionId: string, groupId: string): ReplicaGroup | undefined;
  pairDrill(pairId: string, drillId: string): PairDrill | undefined;
  groupDrill(groupId: string, drillId: string): GroupDrill | undefined;
  /** Waits for the owner's drills (asked in its DR region, loaded once). */
  drillsSettled(owner: DrillOwner, drRegionId: string): Promise<DrillListView>;
  regionError(regionId: string): unknown;
  drillsError(owner: DrillOwner): unknown;
  /** Whether one of the owner's drills is executing or clearing (listed, or known to the drill tracker). */
  drillRunning(owner: DrillOwner): boolean;
  /** Whether a drill of the owner runs and which billed drill disks it holds (listed, or known to the drill tracker). */
  drillMark(owner: DrillOwner): DrillMark;
  /** Drills running and drill disks held under a root region. */
  regionDrills(regionId: string): RegionDrillRollup;
  /** The temporary description while a request runs on the owner (a drill start/clear), else undefined. */
  busyText(owner: DrillOwner): string | undefined;
  /** When the pair or group was last drilled successfully and whether it is overdue (the drill evidence); undefined: not known. */
  freshness(owner: FreshnessOwner): OwnerFreshness | undefined;
  /** Where Verify Drill stands for a drill (the drill evidence); undefined: not known (no drill evidence). */
  verification(drill: VerifiableDrill): VerificationView | undefined;
  /** When the data shown for a region (or one of its pairs) was loaded; undefined when not known. */
  loadedAt(regionId: string, pairId?: string): Date | undefined;
}

/**
 * One kind of node: where it hangs, what it holds, how it looks. A new kind is one file under nodes/ and one entry in
 * nodes/index.ts; the explorer dispatches through that table.
 */
export interface NodeKind<R extends NodeRef> {
  parent(ref: R, tree: TreeSource): NodeRef | undefined;
  /** Children; waits for a load when nothing is there to show yet. Leaves omit it. */
  children?(ref: R, tree: TreeSource): Promise<NodeRef[]>;
  /** How the node looks right now (without the tooltip when tooltip() builds it on hover). */
  present(ref: R, tree: TreeSource): PresentedNode;
  /** The Markdown tooltip built on hover (a table of every field); omitted: present()'s tooltip. */
  tooltip?(ref: R, tree: TreeSource): string | undefined;
  /** The console page the node opens. */
  consoleUrl?(ref: R): string | undefined;
}

/** The look of a node whose record is gone (a reload removed it while VS Code still asks). */
export function goneNode(id: string, label: string): PresentedNode {
  return { id, label, icon: HEALTH_ICONS.unknown, contextValue: 'message', collapsible: 'none' };
}

/** A pair's or group's look while a request runs on it (a drill start/clear): a spinner and the request's text. */
export function withBusyLook(tree: TreeSource, owner: DrillOwner, node: PresentedNode): PresentedNode {
  const text = tree.busyText(owner);
  return text === undefined ? node : { ...node, icon: { id: 'loading~spin' }, description: text };
}
