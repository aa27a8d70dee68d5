// What one region shows: its replica groups (each with its member pairs) and its ungrouped pairs. A pair is
// listed under every region where it is the primary or the secondary, once per region; when the other region holds
// the same record (equal apart from its Site), this one holds that record too and keeps only its own Site (a big
// inventory then holds each pair once, not twice). Pure.
import type { ReplicaGroup, ReplicaPair, Site } from '../ebs/types';
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
  /** This region's Site of each pair whose shared record carries another region's Site (pairSite reads it). */
  pairSites: ReadonlyMap<string, Site | undefined>;
}

/** The Site this region's listing gave the pair (a shared record carries the Site of the region that loaded it first). */
export function pairSite(contents: RegionContents, pair: ReplicaPair): Site | undefined {
  return contents.pairSites.has(pair.pairId) ? contents.pairSites.get(pair.pairId) : pair.site;
}

/** Another region's record of the same pair, if it holds one. */
export type OtherRecord = (pair: ReplicaPair) => ReplicaPair | undefined;

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && !Array.isArray(a) && !Array.isArray(b)) return sameFields(a, b, undefined);
  return false;
}

/** Every own field equal (Dates by instant, arrays and objects field by field), `except` aside. */
function sameFields(a: object, b: object, except: string | undefined): boolean {
  const keys = (o: object): string[] => Object.keys(o).filter((k) => k !== except && (o as Record<string, unknown>)[k] !== undefined);
  const ka = keys(a);
  if (ka.length !== keys(b).length) return false;
  return ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The two records say the same about the pair, apart from the Site (each region's listing gives its own). */
export function sameApartFromSite(a: ReplicaPair, b: ReplicaPair): boolean {
  return sameFields(a, b, 'site');
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

/**
 * The region's contents from its listing. `other` offers another region's record of a pair: when it is equal apart
 * from the Site, the region holds that record and notes its own Site. `sites` are Sites already known for shared
 * records (withPair keeps them).
 */
export function shapeRegion(
  regionId: string,
  pairs: readonly ReplicaPair[],
  groups: readonly ReplicaGroup[],
  other?: OtherRecord,
  sites?: ReadonlyMap<string, Site | undefined>,
): RegionContents {
  const pairMap = new Map<string, ReplicaPair>();
  for (const pair of pairs) {
    if (!involves(pair, regionId)) continue;
    const seen = pairMap.get(pair.pairId);
    pairMap.set(pair.pairId, seen ? preferred(seen, pair, regionId) : pair);
  }
  const pairSites = new Map<string, Site | undefined>();
  for (const [pairId, pair] of pairMap) {
    if (sites?.has(pairId)) pairSites.set(pairId, sites.get(pairId));
    const held = other?.(pair);
    if (held === undefined || held === pair || !sameApartFromSite(held, pair)) continue;
    pairMap.set(pairId, held);
    if (!pairSites.has(pairId) && pair.site !== held.site) pairSites.set(pairId, pair.site);
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
    pairSites,
  };
}

/**
 * The same region with one pair replaced (or removed when `pair` is undefined), re-shaped. `site` is this region's
 * Site of the new record when it differs from the record's own (a record asked in another region).
 */
export function withPair(contents: RegionContents, pairId: string, pair: ReplicaPair | undefined, site?: Site): RegionContents {
  const pairs = [...contents.pairs.values()].filter((p) => p.pairId !== pairId);
  if (pair) pairs.push(pair);
  const sites = new Map(contents.pairSites);
  sites.delete(pairId);
  if (pair && site !== undefined && site !== pair.site) sites.set(pairId, site);
  return shapeRegion(contents.regionId, pairs, contents.groups.map((g) => g.group), undefined, sites);
}
