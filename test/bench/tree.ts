// Replication tree figures: the pure explorer driven by the real EbsClient against the emulator (in a worker
// thread, so its CPU does not count as the extension's).
//   tree_first_render_ms  3 regions, 0 ms latency: from the load command to the first root with its children shown
//   tree_full_load_ms     30 regions × 500 pairs, 100 ms latency: until every root and its children are shown
//                         (median of warm runs; _cold_ms the first run), with tree_critical_path_ms (pages of the
//                         biggest region × latency), the ratio, and the CPU of the client's and the emulator's threads.
import { EbsClient, MAX_PAGE_SIZE } from '../../src/ebs/client';
import { ReplicationExplorer } from '../../src/replication/explorer';
import type { NodeRef } from '../../src/replication/nodes';
import { ENGLISH } from '../../src/replication/text';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { generateScenario, type GenerateOptions } from '../emulator';
import { startWorkerEmulator } from './emulatorWorker';
import { figure, figureIfKnown, median } from './report';
import { timedRuns, type RunFigures } from './runs';

const REGIONS = 30;
const PAIRS_PER_REGION = 500;
const LATENCY_MS = 100;
const WARM_RUNS = 5;

function client(url: string): EbsClient {
  return new EbsClient({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, endpointTemplate: url, timeoutMs: 120_000 });
}

/** What VS Code does to show a root: its children and every child's look. */
async function render(explorer: ReplicationExplorer, root: NodeRef): Promise<number> {
  const children = await explorer.children(root);
  explorer.present(root);
  for (const child of children) explorer.present(child);
  return children.length;
}

function regionIds(generate: GenerateOptions): string[] {
  return (generateScenario(generate).Regions ?? []).map((r) => r.RegionId);
}

async function firstRender(): Promise<number> {
  const generate = { regions: 3, pairsPerRegion: 200, groupsPerRegion: 2 };
  const emulator = await startWorkerEmulator(generate, 0);
  try {
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const explorer = new ReplicationExplorer({ localiser: ENGLISH });
      const started = performance.now();
      const firstLoaded = new Promise<NodeRef>((resolve) => {
        explorer.onDidChange((changed) => {
          const root = changed?.find((r) => r.kind === 'region' && explorer.regionState(r.regionId) === 'loaded');
          if (root) resolve(root);
        });
      });
      explorer.setSource(client(emulator.url), regionIds(generate));
      const all = explorer.loadAll();
      const shown = await render(explorer, await firstLoaded);
      runs.push(performance.now() - started);
      if (shown === 0) throw new Error('tree bench: the first root has no children');
      await all;
    }
    return median(runs.slice(2)); // the first runs warm up the JIT and the emulator
  } finally {
    await emulator.close();
  }
}

interface FullLoad {
  cold: RunFigures;
  warm: RunFigures;
  criticalPathMs: number;
  concurrency: number;
  pairs: number;
}

async function fullLoad(): Promise<FullLoad> {
  const generate = { regions: REGIONS, pairsPerRegion: PAIRS_PER_REGION };
  const emulator = await startWorkerEmulator(generate, LATENCY_MS);
  try {
    const ids = regionIds(generate);
    const runs = await timedRuns(emulator, WARM_RUNS, async () => {
      const explorer = new ReplicationExplorer({ localiser: ENGLISH });
      explorer.setSource(client(emulator.url), ids);
      const roots = explorer.roots();
      await explorer.loadAll();
      let pairs = 0;
      for (const root of roots) pairs += await render(explorer, root);
      const failed = roots.filter((r) => explorer.regionState(r.regionId) !== 'loaded');
      if (failed.length > 0) throw new Error(`tree bench: ${failed.length} regions did not load`);
      return { explorer, roots, pairs };
    });
    const { explorer, roots, pairs } = runs.last;
    const biggest = Math.max(...roots.map((r) => explorer.contents(r.regionId)?.pairs.size ?? 0));
    const criticalPathMs = Math.max(1, Math.ceil(biggest / MAX_PAGE_SIZE)) * LATENCY_MS;
    return { cold: runs.cold, warm: runs.warm, criticalPathMs, concurrency: explorer.concurrency, pairs };
  } finally {
    await emulator.close();
  }
}

export async function benchTree(): Promise<void> {
  figure('tree_first_render_ms', await firstRender(), 'ms');
  const full = await fullLoad();
  figure('tree_full_load_ms', full.warm.wallMs, 'ms');
  figure('tree_full_load_cold_ms', full.cold.wallMs, 'ms');
  figureIfKnown('tree_full_load_client_cpu_ms', full.warm.clientCpuMs, 'ms');
  figureIfKnown('tree_full_load_emulator_cpu_ms', full.warm.emulatorCpuMs, 'ms');
  figure('tree_critical_path_ms', full.criticalPathMs, 'ms');
  figure('tree_full_load_vs_critical_path', full.warm.wallMs / full.criticalPathMs, 'x');
  figure('tree_region_concurrency', full.concurrency, 'regions');
  figure('tree_nodes_rendered', full.pairs, 'nodes');
}
