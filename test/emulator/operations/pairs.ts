// DescribeDiskReplicaPairs: pairs whose source or destination is in RegionId, with Site, filters and paging.
import { tagFilters, PAGING, P } from '../params';
import { cachedPage, cachedQuery } from '../listingCache';
import { paginate } from '../paging';
import { PAIR_ID_PATTERN } from '../scenario';
import { matchesSite, requireKnownRegion, siteFor, tagsMatch } from './common';
import type { ReplicaPair } from '../types';
import type { Operation } from './types';

export const describeDiskReplicaPairs: Operation = {
  action: 'DescribeDiskReplicaPairs',
  params: [
    P.regionId,
    { name: 'PairIds', list: true, maxItems: 100, format: PAIR_ID_PATTERN, maxLength: 20000 },
    P.site,
    { name: 'ReplicaGroupId', format: /^(-|pg-[A-Za-z0-9][A-Za-z0-9-]{0,62})$/ },
    { name: 'ResourceGroupId', maxLength: 128 },
    { name: 'Name', maxLength: 128 },
    ...PAGING,
  ],
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const ids = params.list('PairIds');
    const idSet = ids.length > 0 ? new Set(ids) : undefined;
    const site = params.str('Site');
    const groupId = params.str('ReplicaGroupId');
    const resourceGroupId = params.str('ResourceGroupId');
    const name = params.str('Name')?.toLowerCase();
    const tags = tagFilters(params.raw);
    const scope = JSON.stringify(['pairs', regionId, ids, site, groupId, resourceGroupId, name, tags]);
    const queryKey = `${account.AccountId} ${scope}`;
    const matches = cachedQuery(state, queryKey, () =>
      state.pairsInRegion(regionId).filter(
        ({ pair: p, accountId }) =>
          accountId === account.AccountId &&
          p.Status !== 'deleted' &&
          matchesSite(p.SourceRegion, p.DestinationRegion, regionId, site) &&
          (!idSet || idSet.has(p.ReplicaPairId)) &&
          (groupId === undefined || (groupId === '-' ? p.ReplicaGroupId === '' : p.ReplicaGroupId === groupId)) &&
          (resourceGroupId === undefined || p.ResourceGroupId === resourceGroupId) &&
          (name === undefined || p.PairName.toLowerCase().includes(name)) &&
          tagsMatch(p.Tags, tags),
      ),
    );
    const { page, offset, fields } = paginate(matches, params, scope);
    return {
      ...fields,
      ReplicaPairs: cachedPage(state, queryKey, offset, page, (e) => e.version, (e) => pairView(e.pair, site ?? siteFor(e.pair.SourceRegion, regionId))),
    };
  },
};

/** A pair as the listing returns it: a copy (tags too) with its Site, without a null LastRecoverPoint (never synced). */
function pairView(p: ReplicaPair, site: string): Record<string, unknown> {
  const extra = { Tags: p.Tags.map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue })), Site: site };
  if (p.LastRecoverPoint !== null) return Object.assign({} as Record<string, unknown>, p, extra);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { LastRecoverPoint, ...rest } = p;
  return Object.assign(rest, extra);
}
