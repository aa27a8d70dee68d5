// Replication tree figures: the pure explorer driven by the real EbsClient, both bundled as the extension ships them
// (shipped.ts), against the emulator (in a child process, so its CPU does not count as the extension's).
//   tree_first_render_ms   3 regions, 0 ms latency: from the load command to the first root with its children shown
//   tree_full_load_…       30 regions × 500 pairs, 100 ms latency: until every root and its children are shown
//                          (median of warm runs; _cold_ms the first run), the client's and the emulator's CPU, the
//                          critical path, the lower bound max(critical path, client CPU) and the ratio to it
//   tree_retained_heap_per_1k_pairs_kb   heap still used (after a full GC) by a tree of 30 × 5,000 pairs, per
//                          1,000 pair records it holds (a region lists its pairs as source and as destination), against the heap before the load
import type { EbsClient } from '../../src/ebs/client';
import type { ReplicationExplorer } from '../../src/replication/explorer';
import type { NodeRef } from '../../src/replication/nodes';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { generateScenario, type GenerateOptions } from '../emulator';
import { startBenchEmulator } from './emulatorProcess';
import { retainedHeapBytes } from './heap';
import { criticalPathMs, printLoadFigures } from './inventory';
import { figure, median } from './report';
import { timedRuns, type RunFigures } from './runs';
import { shippedModules, type Shipped } from './shipped';

const REGIONS = 30;
const PAIRS_PER_REGION = 500;
const LATENCY_MS = 100;
const WARM_RUNS = 5;

function newExplorer({ ReplicationExplorer, ENGLISH }: Shipped): ReplicationExplorer {
  return new ReplicationExplorer({ localiser: ENGLISH });
}

function client({ EbsClient }: Shipped, url: string): EbsClient {
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
  const shipped = await shippedModules();
  const generate = { regions: 3, pairsPerRegion: 200, groupsPerRegion: 2 };
  const emulator = await startBenchEmulator(generate, 0);
  try {
    const runs: number[] = [];
    for (let i = 0; i < 7; i++) {
      const explorer = newExplorer(shipped);
      const started = performance.now();
      const firstLoaded = new Promise<NodeRef>((resolve) => {
        explorer.onDidChange((changed) => {
          const root = changed?.find((r) => r.kind === 'region' && explorer.regionState(r.regionId) === 'loaded');
          if (root) resolve(root);
        });
      });
      explorer.setSource(client(shipped, emulator.url), regionIds(generate));
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
  records: number;
}

async function fullLoad(): Promise<FullLoad> {
  const shipped = await shippedModules();
  const generate = { regions: REGIONS, pairsPerRegion: PAIRS_PER_REGION };
  const emulator = await startBenchEmulator(generate, LATENCY_MS);
  try {
    const ids = regionIds(generate);
    const runs = await timedRuns(emulator, WARM_RUNS, async () => {
      const explorer = newExplorer(shipped);
      explorer.setSource(client(shipped, emulator.url), ids);
      const roots = explorer.roots();
      await explorer.loadAll();
      let pairs = 0;
      for (const root of roots) pairs += await render(explorer, root);
      const failed = roots.filter((r) => explorer.regionState(r.regionId) !== 'loaded');
      if (failed.length > 0) throw new Error(`tree bench: ${failed.length} regions did not load`);
      return { explorer, roots, pairs };
    });
    const { explorer, roots, pairs } = runs.last;
    const sizes = roots.map((r) => explorer.contents(r.regionId)?.pairs.size ?? 0);
    return {
      cold: runs.cold,
      warm: runs.warm,
      criticalPathMs: criticalPathMs(Math.max(...sizes), LATENCY_MS),
      concurrency: explorer.concurrency,
      pairs,
      records: sizes.reduce((a, b) => a + b, 0),
    };
  } finally {
    await emulator.close();
  }
}

/** Heap bytes a fully loaded and rendered tree of 30 × 5,000 pairs keeps, per 1,000 pair records. */
export async function retainedHeapPer1k(): Promise<number> {
  const shipped = await shippedModules();
  const generate = { regions: REGIONS, pairsPerRegion: 5000 };
  const emulator = await startBenchEmulator(generate, 0);
  try {
    const before = retainedHeapBytes();
    const explorer = newExplorer(shipped);
    explorer.setSource(client(shipped, emulator.url), regionIds(generate));
    const roots = explorer.roots();
    await explorer.loadAll();
    for (const root of roots) await render(explorer, root);
    const retained = retainedHeapBytes() - before;
    const records = roots.reduce((n, r) => n + (explorer.contents(r.regionId)?.pairs.size ?? 0), 0);
    // Each region lists the pairs it is the source or the destination of: every pair is held twice.
    if (records === 0) throw new Error('tree bench: no pairs loaded');
    return retained / (records / 1000);
  } finally {
    await emulator.close();
  }
}

export async function benchTree(): Promise<void> {
  figure('tree_first_render_ms', await firstRender(), 'ms');
  const full = await fullLoad();
  printLoadFigures('tree_full_load', full, full.criticalPathMs, full.records);
  figure('tree_region_concurrency', full.concurrency, 'regions');
  figure('tree_nodes_rendered', full.pairs, 'nodes');
  figure('tree_retained_heap_per_1k_pairs_kb', (await retainedHeapPer1k()) / 1024, 'KB');
}
