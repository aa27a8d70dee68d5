// npm run bench: builds the production bundle, then prints one figure per line ("name: value unit").
// Figures are measured, not asserted.
import { loadavg, cpus } from 'node:os';
import { benchAutoRefresh } from './autoRefresh';
import { benchBundle } from './bundle';
import { benchDrills } from './drills';
import { benchEvidenceReport } from './evidenceReport';
import { benchHost } from './hostBench';
import { benchFaults } from './faults';
import { benchInventory } from './inventory';
import { figure } from './report';
import { benchTree } from './tree';
import { benchVsix } from './vsix';

async function main(): Promise<void> {
  // Wall-time figures depend on what else runs: say how busy the machine was.
  figure('machine_cpus', cpus().length, 'cores');
  figure('machine_load_avg_1m', loadavg()[0] ?? 0, 'load');
  await benchBundle();
  benchVsix();
  await benchInventory();
  await benchDrills();
  await benchAutoRefresh();
  await benchTree();
  benchEvidenceReport();
  benchHost();
  // Last: it runs the host tier, which rebuilds out/ and dist/.
  benchFaults();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
