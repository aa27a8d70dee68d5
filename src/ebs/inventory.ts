// Loads the replication inventory (pairs and groups) of many regions in parallel with a concurrency
// limit. Per-region results are settled values: one failing region never spoils the others.

import type { EbsClient } from './client';
import { mapSettledWithConcurrency } from './concurrency';
import { EbsError, toEbsError } from './errors';
import { ReplicaGroup, ReplicaPair } from './types';

export const DEFAULT_INVENTORY_CONCURRENCY = 8;

export interface LoadInventoryOptions {
  /** Regions loaded at the same time (default 8). */
  concurrency?: number;
  signal?: AbortSignal;
  /** Per API request deadline override. */
  timeoutMs?: number;
  /** Also list replica groups (default true). */
  includeGroups?: boolean;
}

export type RegionInventory =
  | { regionId: string; status: 'fulfilled'; pairs: ReplicaPair[]; groups: ReplicaGroup[]; durationMs: number }
  | { regionId: string; status: 'rejected'; error: EbsError; durationMs: number };

/** The part of EbsClient the inventory needs (eases testing and benches). */
export type InventoryClient = Pick<EbsClient, 'listReplicaPairs' | 'listReplicaGroups'>;

export async function loadInventory(
  client: InventoryClient,
  regionIds: readonly string[],
  options: LoadInventoryOptions = {},
): Promise<RegionInventory[]> {
  const unique = [...new Set(regionIds)];
  const call = { signal: options.signal, timeoutMs: options.timeoutMs };
  const settled = await mapSettledWithConcurrency(unique, options.concurrency ?? DEFAULT_INVENTORY_CONCURRENCY, async (regionId) => {
    const started = Date.now();
    try {
      const [pairs, groups] = await Promise.all([
        client.listReplicaPairs(regionId, call),
        options.includeGroups === false ? Promise.resolve([]) : client.listReplicaGroups(regionId, call),
      ]);
      return { regionId, status: 'fulfilled', pairs, groups, durationMs: Date.now() - started } as const;
    } catch (err) {
      return { regionId, status: 'rejected', error: toEbsError(err, { regionId }), durationMs: Date.now() - started } as const;
    }
  });
  return settled.map((s, i) =>
    s.status === 'fulfilled' ? s.value : { regionId: unique[i] as string, status: 'rejected', error: toEbsError(s.reason), durationMs: 0 },
  );
}
