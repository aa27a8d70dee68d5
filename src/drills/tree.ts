// What the drill commands need from the Replication tree (a port: the view shell, src/replication/ui, provides it).
// The tree's pure model (src/replication/explorer.ts) provides the data methods; the view shell adds reveal / busy /
// listings. Every member is optional so drills work (from the palette and the status bar) even before or without the
// tree. Pure.
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../ebs/types';
import type { RunningDrills } from '../replication/runningDrills';
import type { DrillKind } from './model';

export type DrillOwnerRef = { kind: 'pair'; pairId: string } | { kind: 'group'; groupId: string };

/** A drill listing the tree just loaded (Describe*Drills of one pair or group, asked in its DR region). */
export interface TreeDrillListing {
  owner: DrillOwnerRef;
  drRegionId: string;
  drills: PairDrill[] | GroupDrill[];
  /** The profile whose subtree listed them, when the tree shows profiles side by side. */
  profileId?: string;
}

/**
 * `profileId`: the profile whose subtree is meant when the tree shows profiles side by side (omitted: the active
 * profile's).
 */
export interface DrillTree {
  /** Root regions of the view (the palette's region choice). */
  rootRegionIds?(profileId?: string): readonly string[];
  pair?(regionId: string, pairId: string, profileId?: string): ReplicaPair | undefined;
  group?(regionId: string, groupId: string, profileId?: string): ReplicaGroup | undefined;
  pairDrill?(pairId: string, drillId: string, profileId?: string): PairDrill | undefined;
  groupDrill?(groupId: string, drillId: string, profileId?: string): GroupDrill | undefined;
  /** True while the tree shows several profiles side by side (drill notifications then name the profile). */
  sideBySide?(): boolean;
  /** Reloads the drills of a pair or group (after a start, a clear or a completion). */
  invalidateDrills?(owner: DrillOwnerRef, profileId?: string): void;
  /** Reveals, selects and focuses a drill node (or its owner when the drill is not shown). */
  reveal?(kind: DrillKind, ownerId: string, drillId: string | undefined, profileId?: string): Promise<void>;
  /** Shows a spinner and `text` on the owner's nodes while a request runs; dispose to restore. */
  busy?(owner: DrillOwnerRef, text: string, profileId?: string): { dispose(): void };
  /** Drill listings loaded by the tree (executing drills found there are tracked). */
  onDidLoadDrills?(listener: (listing: TreeDrillListing) => void): { dispose(): void };
  setRunningDrills?(running: RunningDrills): void;
}

/** The optional tree node a command was invoked on (the tree's NodeRef, duck-typed); `profileId` when side by side. */
export type DrillNode = (
  | { kind: 'pair'; regionId: string; pairId: string }
  | { kind: 'group'; regionId: string; groupId: string }
  | { kind: 'pairDrill'; regionId: string; pairId: string; drillId: string }
  | { kind: 'groupDrill'; regionId: string; groupId: string; drillId: string }
) & { profileId?: string };

export function asDrillNode(value: unknown): DrillNode | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string): boolean => typeof v[k] === 'string';
  switch (v.kind) {
    case 'pair':
      return str('regionId') && str('pairId') ? (v as DrillNode) : undefined;
    case 'group':
      return str('regionId') && str('groupId') ? (v as DrillNode) : undefined;
    case 'pairDrill':
      return str('regionId') && str('pairId') && str('drillId') ? (v as DrillNode) : undefined;
    case 'groupDrill':
      return str('regionId') && str('groupId') && str('drillId') ? (v as DrillNode) : undefined;
    default:
      return undefined;
  }
}

/** The pair or group ID of an owner or of a tree node. */
export function ownerIdOf(ref: DrillOwnerRef | DrillNode): string {
  return 'pairId' in ref ? ref.pairId : ref.groupId;
}

/** The kind of owner a tree node belongs to (a pair drill node: pair). */
export function kindOf(node: DrillNode): DrillKind {
  return node.kind === 'pair' || node.kind === 'pairDrill' ? 'pair' : 'group';
}
