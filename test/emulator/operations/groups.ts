// DescribeDiskReplicaGroups: groups whose source or destination is in RegionId, with Site, filters and paging.
import { tagFilters, PAGING, P } from '../params';
import { paginate } from '../paging';
import { GROUP_ID_PATTERN } from '../scenario';
import { matchesSite, requireKnownRegion, siteFor, tagsMatch, withRecoverPoint } from './common';
import type { Operation } from './types';

export const describeDiskReplicaGroups: Operation = {
  action: 'DescribeDiskReplicaGroups',
  params: [
    P.regionId,
    { name: 'GroupIds', list: true, maxItems: 100, format: GROUP_ID_PATTERN, maxLength: 20000 },
    P.site,
    { name: 'ResourceGroupId', maxLength: 128 },
    { name: 'Name', maxLength: 128 },
    ...PAGING,
  ],
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const ids = params.list('GroupIds');
    const idSet = ids.length > 0 ? new Set(ids) : undefined;
    const site = params.str('Site');
    const resourceGroupId = params.str('ResourceGroupId');
    const name = params.str('Name')?.toLowerCase();
    const tags = tagFilters(params.raw);
    const matches = [...state.groups.values()]
      .filter((e) => e.accountId === account.AccountId)
      .map((e) => e.group)
      .filter(
        (g) =>
          g.Status !== 'deleted' &&
          matchesSite(g.SourceRegionId, g.DestinationRegionId, regionId, site) &&
          (!idSet || idSet.has(g.ReplicaGroupId)) &&
          (resourceGroupId === undefined || g.ResourceGroupId === resourceGroupId) &&
          (name === undefined || g.GroupName.toLowerCase().includes(name)) &&
          tagsMatch(g.Tags, tags),
      );
    const scope = JSON.stringify(['groups', regionId, ids, site, resourceGroupId, name, tags]);
    const { page, fields } = paginate(matches, params, scope);
    return {
      ...fields,
      ReplicaGroups: page.map((g) => ({
        ...withRecoverPoint(g),
        PairIds: [...g.PairIds],
        PairNumber: g.PairIds.length,
        Tags: g.Tags.map((t) => ({ ...t })),
        Site: site ?? siteFor(g.SourceRegionId, regionId),
      })),
    };
  },
};
