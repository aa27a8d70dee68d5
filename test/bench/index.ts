// npm run bench: builds the production bundle, then prints one figure per line ("name: value unit").
// Figures are measured, not asserted.
import { benchBundle } from './bundle';
import { benchDrills } from './drills';
import { benchInventory } from './inventory';
import { benchTree } from './tree';

async function main(): Promise<void> {
  benchBundle();
  await benchInventory();
  await benchDrills();
  await benchTree();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
