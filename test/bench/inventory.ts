// Inventory load figures: 30 regions × 500 pairs with 100 ms emulator latency per request, loaded in parallel (the
// inventory's default concurrency) and sequentially, against the critical path. The emulator runs in a worker thread
// (emulatorWorker.ts) so its CPU does not count as the client's; on a machine with few cores it still competes for
// them, hence the CPU figures of both sides:
//   inventory_load_ms / _cold_ms          wall time of a parallel load (median of warm runs / the first run)
//   inventory_client_cpu_ms               CPU of this (the extension's) thread during a warm parallel load
//   inventory_emulator_cpu_ms             CPU of the emulator's thread during it
//   inventory_critical_path_ms            pages of the biggest region × latency (groups load beside them)
//   inventory_vs_critical_path            inventory_load_ms / inventory_critical_path_ms
//   inventory_sequential_ms               one region after the other
import { EbsClient, MAX_PAGE_SIZE } from '../../src/ebs/client';
import { DEFAULT_INVENTORY_CONCURRENCY, loadInventory, type RegionInventory } from '../../src/ebs/inventory';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { generateScenario } from '../emulator';
import { startWorkerEmulator } from './emulatorWorker';
import { figure, figureIfKnown } from './report';
import { timedRuns } from './runs';

export const BENCH_REGIONS = 30;
export const BENCH_PAIRS_PER_REGION = 500;
export const BENCH_LATENCY_MS = 100;
const WARM_RUNS = 5;

function loaded(results: RegionInventory[]): RegionInventory[] {
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new Error(`inventory bench: ${failed.length} regions failed`);
  return results;
}

export async function benchInventory(): Promise<void> {
  const generate = { regions: BENCH_REGIONS, pairsPerRegion: BENCH_PAIRS_PER_REGION };
  const emulator = await startWorkerEmulator(generate, BENCH_LATENCY_MS);
  try {
    const client = new EbsClient({
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
      endpointTemplate: emulator.url,
      timeoutMs: 120_000,
    });
    const regionIds = (generateScenario(generate).Regions ?? []).map((r) => r.RegionId);

    const parallel = await timedRuns(emulator, WARM_RUNS, async () => loaded(await loadInventory(client, regionIds)));
    const biggest = Math.max(...parallel.last.map((r) => (r.status === 'fulfilled' ? r.pairs.length : 0)));
    // Pages of the biggest region, one request each, back to back; groups load beside them.
    const criticalPathMs = Math.max(1, Math.ceil(biggest / MAX_PAGE_SIZE)) * BENCH_LATENCY_MS;

    const started = performance.now();
    for (const regionId of regionIds) loaded(await loadInventory(client, [regionId]));
    const sequentialMs = performance.now() - started;

    figure('inventory_load_ms', parallel.warm.wallMs, 'ms');
    figure('inventory_load_cold_ms', parallel.cold.wallMs, 'ms');
    figureIfKnown('inventory_client_cpu_ms', parallel.warm.clientCpuMs, 'ms');
    figureIfKnown('inventory_emulator_cpu_ms', parallel.warm.emulatorCpuMs, 'ms');
    figure('inventory_critical_path_ms', criticalPathMs, 'ms');
    figure('inventory_vs_critical_path', parallel.warm.wallMs / criticalPathMs, 'x');
    figure('inventory_sequential_ms', sequentialMs, 'ms');
    figure('inventory_concurrency', DEFAULT_INVENTORY_CONCURRENCY, 'regions');
  } finally {
    await emulator.close();
  }
}
