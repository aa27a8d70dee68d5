// Inventory load figures: 30 regions × 500 pairs with 100 ms emulator latency per request, loaded in
// parallel (the client's default concurrency) and sequentially, against the critical path.
import { EbsClient } from '../../src/ebs/client';
import { loadInventory } from '../../src/ebs/inventory';
import { MAX_PAGE_SIZE } from '../../src/ebs/client';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { generateScenario, startEmulator } from '../emulator';
import { figure } from './report';

export const BENCH_REGIONS = 30;
export const BENCH_PAIRS_PER_REGION = 500;
export const BENCH_LATENCY_MS = 100;

export async function benchInventory(): Promise<void> {
  const scenario = generateScenario({ regions: BENCH_REGIONS, pairsPerRegion: BENCH_PAIRS_PER_REGION });
  const emulator = await startEmulator({ port: 0, scenario, latencyMs: BENCH_LATENCY_MS });
  try {
    const client = new EbsClient({
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
      endpointTemplate: emulator.url,
      timeoutMs: 120_000,
    });
    const regionIds = (scenario.Regions ?? []).map((r) => r.RegionId);

    let started = Date.now();
    const parallel = await loadInventory(client, regionIds);
    const parallelMs = Date.now() - started;
    const failed = parallel.filter((r) => r.status === 'rejected');
    if (failed.length > 0) throw new Error(`inventory bench: ${failed.length} regions failed`);
    const biggest = Math.max(...parallel.map((r) => (r.status === 'fulfilled' ? r.pairs.length : 0)));
    // Pages of the biggest region, one request each, back to back; groups load beside them.
    const criticalPathMs = Math.max(1, Math.ceil(biggest / MAX_PAGE_SIZE)) * BENCH_LATENCY_MS;

    started = Date.now();
    for (const regionId of regionIds) await loadInventory(client, [regionId]);
    const sequentialMs = Date.now() - started;

    figure('inventory_load_ms', parallelMs, 'ms');
    figure('inventory_critical_path_ms', criticalPathMs, 'ms');
    figure('inventory_vs_critical_path', parallelMs / criticalPathMs, 'x');
    figure('inventory_sequential_ms', sequentialMs, 'ms');
  } finally {
    await emulator.close();
  }
}
