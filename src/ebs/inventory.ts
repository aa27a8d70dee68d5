// Loads the replication inventory (pairs and groups) of many regions in parallel with a concurrency
// limit. Per-region results are settled values: one failing region never spoils the others.

import type { EbsClient } from './client';
import { mapSettledWithConcurrency } from './concurrency';
import { fanOutSignal } from './deadline';
import { EbsError, toEbsError } from './errors';
import { ReplicaGroup, ReplicaPair } from './types';

/**
 * Regions loaded at the same time, for the inventory and the Replication tree alike. Every region has its own
 * endpoint and a region never has more than two requests in flight (its pairs and its groups, each paged one page
 * after the other), so the global limit does not raise the load on any one endpoint or any per-region API quota; it
 * only bounds local sockets (two per region). 32 covers every region with an EBS endpoint (about 30) in one round,
 * so loading all of them takes the pages of the biggest region rather than several rounds of that (8 meant four
 * rounds). Throttling, should it happen, is retried with backoff by the client.
 */
export const DEFAULT_INVENTORY_CONCURRENCY = 32;

export interface LoadInventoryOptions {
  /** Regions loaded at the same time (default DEFAULT_INVENTORY_CONCURRENCY). */
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
  // Up to two requests per region listen for cancellation: on one fanned-out signal, not on the caller's.
  const shared = fanOutSignal(options.signal);
  const call = { signal: shared.signal, timeoutMs: options.timeoutMs };
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
  }).finally(shared.dispose);
  return settled.map((s, i) =>
    s.status === 'fulfilled' ? s.value : { regionId: unique[i] as string, status: 'rejected', error: toEbsError(s.reason), durationMs: 0 },
  );
}
