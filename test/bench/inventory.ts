// Inventory load figures: 30 regions × 500 and × 2,000 pairs with 100 ms emulator latency per request, loaded in
// parallel (the inventory's default concurrency), against the lower bound of what any client could do. The client is
// the extension's code bundled as it ships (shipped.ts). The emulator
// runs in a child process (emulatorProcess.ts), like the real service, which works beside the client; on a machine
// with few cores it still competes for them, hence the CPU figures of both sides. Per size (`inventory_30x<N>_…`):
//   load_ms / load_cold_ms        wall time of a parallel load (median of warm runs / the first run)
//   client_cpu_ms                 CPU of the extension's thread during a warm parallel load
//   client_cpu_per_1k_pairs_ms    the same per 1,000 pair records
//   emulator_cpu_ms               CPU of the emulator's process during it
//   critical_path_ms              pages of the biggest region × latency (groups load beside them)
//   lower_bound_ms                max(critical path, client CPU): no client can be faster than either
//   vs_lower_bound                load_ms / lower_bound_ms
//   single_thread_floor_ms        time to the first answer + the client's CPU after it: on one thread no order of work
//                                 finishes sooner, since no answer can be read before it arrives
//   vs_single_thread_floor        load_ms / single_thread_floor_ms: how much the client idles once answers arrive
// and, at 30 × 500, inventory_sequential_ms (one region after the other) and inventory_concurrency.
import { MAX_PAGE_SIZE } from '../../src/ebs/client';
import type { EbsCallLogger } from '../../src/ebs/clientConfig';
import type { RegionInventory } from '../../src/ebs/inventory';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { generateScenario } from '../emulator';
import { startBenchEmulator } from './emulatorProcess';
import { shippedModules } from './shipped';
import { figure, figureIfKnown, median } from './report';
import { timedRuns, type RunFigures } from './runs';
import { threadCpuMs } from './threadCpu';

export const BENCH_REGIONS = 30;
export const BENCH_LATENCY_MS = 100;
const WARM_RUNS = 5;

function loaded(results: RegionInventory[]): RegionInventory[] {
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) throw new Error(`inventory bench: ${failed.length} regions failed`);
  return results;
}

/** Pages of the biggest region, one request each, back to back. */
export function criticalPathMs(biggestRegionPairs: number, latencyMs: number): number {
  return Math.max(1, Math.ceil(biggestRegionPairs / MAX_PAGE_SIZE)) * latencyMs;
}

/** Prints the client/emulator split and the lower-bound ratio of one series under `prefix`. */
export function printLoadFigures(prefix: string, runs: { cold: RunFigures; warm: RunFigures }, pathMs: number, records: number): void {
  const { warm } = runs;
  figure(`${prefix}_ms`, warm.wallMs, 'ms');
  figure(`${prefix}_cold_ms`, runs.cold.wallMs, 'ms');
  figureIfKnown(`${prefix}_client_cpu_ms`, warm.clientCpuMs, 'ms');
  figureIfKnown(`${prefix}_client_cpu_per_1k_pairs_ms`, warm.clientCpuMs === undefined ? undefined : warm.clientCpuMs / (records / 1000), 'ms');
  figure(`${prefix}_emulator_cpu_ms`, warm.emulatorCpuMs, 'ms');
  figure(`${prefix}_critical_path_ms`, pathMs, 'ms');
  const lowerBound = Math.max(pathMs, warm.clientCpuMs ?? 0);
  figure(`${prefix}_lower_bound_ms`, lowerBound, 'ms');
  figure(`${prefix}_vs_lower_bound`, warm.wallMs / lowerBound, 'x');
}

/**
 * The single-thread floor of each run: the client's call log marks the first answer read (the SDK has parsed it; our
 * mapping has not run), when the thread's CPU is sampled (10 ms resolution on Node 20).
 */
class FirstAnswerProbe implements EbsCallLogger {
  private startedAt = 0;
  private firstAt: number | undefined;
  private cpuAtFirst: number | undefined;

  begin(): void {
    this.startedAt = performance.now();
    this.firstAt = undefined;
    this.cpuAtFirst = undefined;
  }

  call(): void {
    if (this.firstAt !== undefined) return;
    this.firstAt = performance.now();
    this.cpuAtFirst = threadCpuMs();
  }

  /** At the end of a run; undefined where thread CPU is unknown. */
  floorMs(): number | undefined {
    const cpuNow = threadCpuMs();
    if (this.firstAt === undefined || this.cpuAtFirst === undefined || cpuNow === undefined) return undefined;
    return this.firstAt - this.startedAt + (cpuNow - this.cpuAtFirst);
  }
}

async function benchSize(pairsPerRegion: number): Promise<void> {
  const generate = { regions: BENCH_REGIONS, pairsPerRegion };
  const emulator = await startBenchEmulator(generate, BENCH_LATENCY_MS);
  const { EbsClient, DEFAULT_INVENTORY_CONCURRENCY, loadInventory } = await shippedModules();
  try {
    const probe = new FirstAnswerProbe();
    const client = new EbsClient({
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
      endpointTemplate: emulator.url,
      timeoutMs: 120_000,
      logger: probe,
    });
    const regionIds = (generateScenario(generate).Regions ?? []).map((r) => r.RegionId);
    const floors: (number | undefined)[] = [];
    const parallel = await timedRuns(emulator, WARM_RUNS, async () => {
      probe.begin();
      const results = loaded(await loadInventory(client, regionIds));
      floors.push(probe.floorMs());
      return results;
    });
    const sizes = parallel.last.map((r) => (r.status === 'fulfilled' ? r.pairs.length : 0));
    const prefix = `inventory_${BENCH_REGIONS}x${pairsPerRegion}`;
    printLoadFigures(`${prefix}_load`, parallel, criticalPathMs(Math.max(...sizes), BENCH_LATENCY_MS), sizes.reduce((a, b) => a + b, 0));
    const warmFloors = floors.slice(1);
    if (warmFloors.every((f): f is number => f !== undefined)) {
      const floorMs = median(warmFloors);
      figure(`${prefix}_load_single_thread_floor_ms`, floorMs, 'ms');
      figure(`${prefix}_load_vs_single_thread_floor`, parallel.warm.wallMs / floorMs, 'x');
    }

    if (pairsPerRegion === 500) {
      const started = performance.now();
      for (const regionId of regionIds) loaded(await loadInventory(client, [regionId]));
      figure('inventory_sequential_ms', performance.now() - started, 'ms');
      figure('inventory_concurrency', DEFAULT_INVENTORY_CONCURRENCY, 'regions');
    }
  } finally {
    await emulator.close();
  }
}

export async function benchInventory(): Promise<void> {
  await benchSize(500);
  await benchSize(2000);
}
