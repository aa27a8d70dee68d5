// Activation and first paint in the real VS Code (code-server), against the emulator in a child process (so its
// heap and CPU are not the extension host's), with the Environment profile:
//   host_activation_ms              extension.activate(): the extension's activate() in the extension host
//   host_first_rows_ms              from that call until the Replication view (opened) shows 3 region roots, loaded,
//                                   and VS Code has every row of theirs (getChildren + getTreeItem). A user's region
//                                   choice is stored before VS Code starts; the benchmark can write the extension's
//                                   globalState only once it is active, so it writes the choice right after activation
//                                   and refreshes, without waiting for VS Code to persist the choice (the value is
//                                   readable at once; writing it to disk is no part of a user's first paint)
//   host_heap_mb                    extension host heap (after a full GC) before loading the big tree
//   host_heap_after_15k_pairs_mb    the same once 3 regions × 5,000 pairs are loaded and rendered
//   host_heap_per_1k_pairs_kb       the growth per 1,000 pair records the tree holds
import * as vscode from 'vscode';
import type { NodeRef } from '../../../src/replication/nodes';
import { regionChoiceKey } from '../../../src/regions/regionChoice';
import { COMMAND } from '../../../src/shared/commands';
import { SETTING } from '../../../src/shared/settings';
import type { EbsDrTestApi } from '../../../src/testApi';
import { startBenchEmulator, type BenchEmulator } from '../../bench/emulatorProcess';
import { retainedHeapBytes } from '../../bench/heap';
import { figure } from '../../bench/report';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, generateScenario, type GenerateOptions } from '../../emulator';
import { EXTENSION_ID } from '../support/extension';

const PROFILE = 'environment';
const ENV = ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABA_CLOUD_REGION_ID', 'ALIBABA_CLOUD_PROFILE'];

async function waitFor(what: string, probe: () => boolean | Promise<boolean>, state: () => Promise<string>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${await state()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const heapMb = (): number => retainedHeapBytes() / (1024 * 1024);
const regionIds = (generate: GenerateOptions): string[] => (generateScenario(generate).Regions ?? []).map((r) => r.RegionId);

/** Asks for the roots and every root's rows the way VS Code renders them; true once all `ids` are loaded. */
async function rendered(api: EbsDrTestApi, ids: readonly string[]): Promise<number | undefined> {
  const tree = api.replication;
  const roots = (await tree.provider.getChildren(undefined)) ?? [];
  // The view shows the chosen regions sorted.
  if (roots.map((r) => r.id).join() !== [...ids].sort().map((r) => `region/${r}`).join()) return undefined;
  if (!ids.every((id) => tree.explorer.regionState(id) === 'loaded')) return undefined;
  let rows = 0;
  for (const root of roots) {
    await tree.provider.getTreeItem(root);
    const children: NodeRef[] = (await tree.provider.getChildren(root)) ?? [];
    for (const child of children) await tree.provider.getTreeItem(child);
    rows += 1 + children.length;
  }
  return rows;
}

const pairRecords = (api: EbsDrTestApi, ids: readonly string[]): number =>
  ids.reduce((n, id) => n + (api.replication.explorer.contents(id)?.pairs.size ?? 0), 0);

/** Chooses the regions, refreshes, and waits until their rows are shown with at least `minRecords` pair records. */
async function showRegions(api: EbsDrTestApi, ids: readonly string[], minRecords = 0, onShown?: (at: number) => void): Promise<number> {
  const stored = api.globalState.update(regionChoiceKey(PROFILE), ids);
  await vscode.commands.executeCommand(COMMAND.refresh);
  let rows: number | undefined;
  const state = async (): Promise<string> => {
    const roots = (await api.replication.provider.getChildren(undefined)) ?? [];
    const states = ids.map((id) => `${id}=${api.replication.explorer.regionState(id)}`);
    return `roots ${roots.map((r) => r.id).join()}; ${states.join()}; ${pairRecords(api, ids)} records; log: ${api.logLines().slice(-5).join(' / ')}`;
  };
  await waitFor(`${ids.length} loaded regions`, async () => pairRecords(api, ids) >= minRecords && (rows = await rendered(api, ids)) !== undefined, state);
  onShown?.(performance.now());
  await stored;
  return rows ?? 0;
}

const setEndpoint = (url: string | undefined): Thenable<void> =>
  vscode.workspace.getConfiguration('ebsDr').update(SETTING.endpointTemplate, url, vscode.ConfigurationTarget.Global);

describe('host benchmark: activation, first rows, heap', function () {
  const emulators: BenchEmulator[] = [];
  const savedEnv = new Map(ENV.map((n) => [n, process.env[n]]));

  after(async () => {
    for (const emulator of emulators) await emulator.close();
    await setEndpoint(undefined);
    for (const [name, value] of savedEnv) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('measures activation to the first rows of 3 regions, then the heap with 15,000 pairs', async () => {
    const extension = vscode.extensions.getExtension<EbsDrTestApi | undefined>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
    if (extension.isActive) throw new Error('the extension is already active: activation cannot be measured');

    const small = { regions: 3, pairsPerRegion: 15, groupsPerRegion: 2 };
    const first = await startBenchEmulator(small, 0);
    emulators.push(first);
    await setEndpoint(first.url);
    for (const name of ENV) delete process.env[name];
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_ACCESS_KEY_ID;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_ACCESS_KEY_SECRET;
    process.env.ALIBABA_CLOUD_REGION_ID = regionIds(small)[0];

    const started = performance.now();
    let firstRowsMs = 0;
    const api = await extension.activate();
    const activationMs = performance.now() - started;
    if (!api) throw new Error('The extension returned no test API (is extensionMode Test?)');
    await vscode.commands.executeCommand('workbench.view.extension.ebsDr');
    const rows = await showRegions(api, regionIds(small), 0, (ms) => (firstRowsMs = ms - started));
    if (rows < 3) throw new Error(`only ${rows} rows rendered`);
    figure('host_activation_ms', activationMs, 'ms');
    figure('host_first_rows_ms', firstRowsMs, 'ms');
    figure('host_first_rows', rows, 'rows');

    const big = { regions: 3, pairsPerRegion: 5000 };
    const second = await startBenchEmulator(big, 0);
    emulators.push(second);
    const before = heapMb();
    await setEndpoint(second.url);
    // Each region lists the pairs it is the source or the destination of.
    const bigRows = await showRegions(api, regionIds(big), 15_000);
    const after = heapMb();
    const records = pairRecords(api, regionIds(big));
    figure('host_heap_mb', before, 'MB');
    figure('host_heap_after_15k_pairs_mb', after, 'MB');
    figure('host_heap_per_1k_pairs_kb', ((after - before) * 1024) / (records / 1000), 'KB');
    figure('host_big_tree_rows', bigRows, 'rows');
    figure('host_big_tree_pair_records', records, 'records');
  });
});
