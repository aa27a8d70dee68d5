// Lookups and checks shared by several operations.
import { ApiError, invalidParameter, noSuchResource } from '../errors';
import type { GroupEntry, PairEntry, EmulatorState } from '../state';
import type { Account, ReplicaGroup, ReplicaPair } from '../types';

export type Site = 'production' | 'backup';

export function requireKnownRegion(state: EmulatorState, regionId: string): void {
  if (!state.regionIds.has(regionId)) throw invalidParameter('RegionId', `Region ${regionId} is not supported.`);
}

/** A pair of the caller's account (another account's pair does not exist for the caller). */
export function findPair(state: EmulatorState, pairId: string, account: Account): PairEntry {
  const entry = state.pairs.get(pairId);
  if (!entry || entry.pair.Status === 'deleted' || entry.accountId !== account.AccountId) throw noSuchResource(`Pair ${pairId} does not exist.`);
  return entry;
}

export function findGroup(state: EmulatorState, groupId: string, account: Account): GroupEntry {
  const entry = state.groups.get(groupId);
  if (!entry || entry.group.Status === 'deleted' || entry.accountId !== account.AccountId) throw noSuchResource(`Group ${groupId} does not exist.`);
  return entry;
}

export function pairInRegion(pair: ReplicaPair, regionId: string): boolean {
  return pair.SourceRegion === regionId || pair.DestinationRegion === regionId;
}

export function groupInRegion(group: ReplicaGroup, regionId: string): boolean {
  return group.SourceRegionId === regionId || group.DestinationRegionId === regionId;
}

/** A pair visible from `regionId` (its source or destination region), else NoSuchResource. */
export function findPairIn(state: EmulatorState, pairId: string, regionId: string, account: Account): PairEntry {
  const entry = findPair(state, pairId, account);
  if (!pairInRegion(entry.pair, regionId)) throw noSuchResource(`Pair ${pairId} does not exist in region ${regionId}.`);
  return entry;
}

export function findGroupIn(state: EmulatorState, groupId: string, regionId: string, account: Account): GroupEntry {
  const entry = findGroup(state, groupId, account);
  if (!groupInRegion(entry.group, regionId)) throw noSuchResource(`Group ${groupId} does not exist in region ${regionId}.`);
  return entry;
}

/** Billing and service-linked-role preconditions of operations that create paid resources (drills). */
export function checkAccountCanCreate(account: Account): void {
  if (account.NotEnoughBalance) throw new ApiError(403, 'InvalidAccountStatus.NotEnoughBalance', 'Your account does not have enough balance.');
  if (account.NoServiceLinkedRole) {
    throw new ApiError(403, 'NoPermission.SLR', 'The user does not have permission to create the service linked role AliyunServiceLinkedRoleForEBS.');
  }
}

/**
 * Site of the record returned to a caller in `regionId` when Site is not given: the record of the site that
 * lives in that region (production when the source is there, backup otherwise). See README.
 */
export function siteFor(sourceRegion: string, regionId: string): Site {
  return sourceRegion === regionId ? 'production' : 'backup';
}

/** Filter for the Site parameter: production = source in region, backup = destination in region, omitted = either. */
export function matchesSite(source: string, destination: string, regionId: string, site: string | undefined): boolean {
  if (site === 'production') return source === regionId;
  if (site === 'backup') return destination === regionId;
  return source === regionId || destination === regionId;
}

export function tagsMatch(tags: ReadonlyArray<{ TagKey: string; TagValue: string }>, filters: ReadonlyArray<{ key: string; value: string | undefined }>): boolean {
  return filters.every((f) => tags.some((t) => t.TagKey === f.key && (f.value === undefined || t.TagValue === f.value)));
}

/** Drops a null LastRecoverPoint: a never-synced record has no such field (see README). */
export function withRecoverPoint<T extends { LastRecoverPoint: number | null }>(record: T): Omit<T, 'LastRecoverPoint'> & { LastRecoverPoint?: number } {
  const { LastRecoverPoint, ...rest } = record;
  return LastRecoverPoint === null ? rest : { ...rest, LastRecoverPoint };
}
