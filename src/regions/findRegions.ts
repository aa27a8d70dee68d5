// Find Regions with Pairs: asks every region that offers async replication (DescribeRegions, ResourceType=ear)
// in parallel with a concurrency limit and reports those with pairs or groups. Pure.
import type { EbsClient } from '../ebs/client';
import { loadInventory, type RegionInventory } from '../ebs/inventory';
import type { Region } from '../ebs/types';

export type FindRegionsClient = Pick<EbsClient, 'describeRegions' | 'listReplicaPairs' | 'listReplicaGroups'>;

export interface FindRegionsResult {
  /** Every async-replication region, as DescribeRegions reported it. */
  regions: Region[];
  /** Regions with at least one pair or group, sorted. */
  withPairs: string[];
  failed: { regionId: string; error: unknown }[];
  /** The loaded inventories, so the view can show them without asking again. */
  inventories: RegionInventory[];
}

/** Regions that offer async replication (`ear`), as DescribeRegions answered in `endpointRegionId`. */
export async function replicationRegions(client: Pick<EbsClient, 'describeRegions'>, endpointRegionId: string, signal?: AbortSignal): Promise<Region[]> {
  const regions = await client.describeRegions({ resourceType: 'ear', regionId: endpointRegionId, signal });
  return regions.filter((r) => r.zones.length === 0 || r.zones.some((z) => z.resourceTypes.length === 0 || z.resourceTypes.includes('ear')));
}

export async function findRegionsWithPairs(
  client: FindRegionsClient,
  endpointRegionId: string,
  options: { concurrency: number; signal?: AbortSignal },
): Promise<FindRegionsResult> {
  const regions = await replicationRegions(client, endpointRegionId, options.signal);
  const inventories = await loadInventory(
    client,
    regions.map((r) => r.regionId),
    { concurrency: options.concurrency, signal: options.signal },
  );
  const withPairs: string[] = [];
  const failed: { regionId: string; error: unknown }[] = [];
  for (const inv of inventories) {
    if (inv.status === 'rejected') failed.push({ regionId: inv.regionId, error: inv.error });
    else if (inv.pairs.length > 0 || inv.groups.length > 0) withPairs.push(inv.regionId);
  }
  return { regions, withPairs: withPairs.sort(), failed, inventories };
}
