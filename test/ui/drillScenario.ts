// The drill scenario file (test/fixtures/scenarios/drill-basic.json) seen from out/test/ui/.
import { join } from 'node:path';
import { repoRoot } from '../harness/paths';

export const DRILL_SCENARIO_PATH = join(repoRoot, 'test', 'fixtures', 'scenarios', 'drill-basic.json');
