// What one region shows: its replica groups (each with its member pairs) and its ungrouped pairs. A pair is
// listed under every region where it is the primary or the secondary, once per region. Pure.
import type { ReplicaGroup, ReplicaPair } from '../ebs/types';
import { groupLabel, pairLabel } from './presentation';

export interface GroupContents {
  group: ReplicaGroup;
  /** Member pair IDs present in this region, in display order. */
  memberIds: string[];
}

export interface RegionContents {
  regionId: string;
  groups: GroupContents[];
  /** Pairs in no (known) group, in display order. */
  ungroupedIds: string[];
  pairs: ReadonlyMap<string, ReplicaPair>;
  groupsById: ReadonlyMap<string, GroupContents>;
  /** The group each grouped pair is listed under. */
  groupOfPair: ReadonlyMap<string, string>;
}

/** Case-insensitive by display label, then by ID, independent of the host's locale. */
function byLabel<T>(label: (item: T) => string, id: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const la = label(a).toLowerCase();
    const lb = label(b).toLowerCase();
    if (la !== lb) return la < lb ? -1 : 1;
    const ia = id(a);
    const ib = id(b);
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
}

const comparePairs = byLabel<ReplicaPair>(pairLabel, (p) => p.pairId);
const compareGroups = byLabel<ReplicaGroup>(groupLabel, (g) => g.groupId);

function involves(record: { sourceRegionId: string; destinationRegionId: string; primaryRegionId: string; standbyRegionId: string }, regionId: string): boolean {
  return (
    record.sourceRegionId === regionId ||
    record.destinationRegionId === regionId ||
    record.primaryRegionId === regionId ||
    record.standbyRegionId === regionId
  );
}

/** The record of the site that lives in this region wins when the service returned both. */
function preferred<T extends { site?: string; sourceRegionId: string }>(a: T, b: T, regionId: string): T {
  const want = (r: T): boolean => r.site === (r.sourceRegionId === regionId ? 'production' : 'backup');
  return want(b) && !want(a) ? b : a;
}

export function shapeRegion(regionId: string, pairs: readonly ReplicaPair[], groups: readonly ReplicaGroup[]): RegionContents {
  const pairMap = new Map<string, ReplicaPair>();
  for (const pair of pairs) {
    if (!involves(pair, regionId)) continue;
    const seen = pairMap.get(pair.pairId);
    pairMap.set(pair.pairId, seen ? preferred(seen, pair, regionId) : pair);
  }
  const groupMap = new Map<string, ReplicaGroup>();
  for (const group of groups) {
    if (!involves(group, regionId)) continue;
    const seen = groupMap.get(group.groupId);
    groupMap.set(group.groupId, seen ? preferred(seen, group, regionId) : group);
  }

  const members = new Map<string, ReplicaPair[]>([...groupMap.keys()].map((id) => [id, []]));
  const groupOfPair = new Map<string, string>();
  const ungrouped: ReplicaPair[] = [];
  // A group's PairIds claims members even when the pair record lacks its ReplicaGroupId.
  const claimedBy = new Map<string, string>();
  for (const group of groupMap.values()) for (const id of group.pairIds) if (!claimedBy.has(id)) claimedBy.set(id, group.groupId);
  for (const pair of pairMap.values()) {
    const groupId = pair.groupId && groupMap.has(pair.groupId) ? pair.groupId : claimedBy.get(pair.pairId);
    const list = groupId === undefined ? undefined : members.get(groupId);
    if (groupId !== undefined && list) {
      list.push(pair);
      groupOfPair.set(pair.pairId, groupId);
    } else {
      ungrouped.push(pair);
    }
  }

  const groupContents = [...groupMap.values()].sort(compareGroups).map((group) => ({
    group,
    memberIds: (members.get(group.groupId) ?? []).sort(comparePairs).map((p) => p.pairId),
  }));
  return {
    regionId,
    groups: groupContents,
    ungroupedIds: ungrouped.sort(comparePairs).map((p) => p.pairId),
    pairs: pairMap,
    groupsById: new Map(groupContents.map((g) => [g.group.groupId, g])),
    groupOfPair,
  };
}

/** The same region with one pair replaced (or removed when `pair` is undefined), re-shaped. */
export function withPair(contents: RegionContents, pairId: string, pair: ReplicaPair | undefined): RegionContents {
  const pairs = [...contents.pairs.values()].filter((p) => p.pairId !== pairId);
  if (pair) pairs.push(pair);
  return shapeRegion(contents.regionId, pairs, contents.groups.map((g) => g.group));
}
