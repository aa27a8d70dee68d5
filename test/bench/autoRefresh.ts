// Background refresh cost (ebsDr.autoRefreshMinutes at its default, 5): a simulation, not a measurement in VS Code —
// the real ReplicationExplorer and AutoRefresher over an in-memory API that counts calls, on a fake clock.
//   visible_api_calls_per_hour   3 loaded regions, the view visible and the window focused for an hour: API calls
//                                (ListReplicaPairs + ListReplicaGroups per region load; no pair expanded)
//   hidden_api_calls_per_hour    the same hour with the view hidden (or the window unfocused); must be 0
import { startSimulation } from '../fixtures/autoRefreshSim';
import { figure } from './report';

const HOUR = 3_600_000;

export async function benchAutoRefresh(): Promise<void> {
  const visible = await startSimulation();
  const before = visible.api.calls.length;
  visible.setFocused(true);
  visible.setVisible(true);
  await visible.clock.advance(HOUR);
  figure('visible_api_calls_per_hour', visible.api.calls.length - before, `calls/h (simulated, 3 regions, ${visible.api.regionLoads() - 3} region loads)`);
  visible.refresher.dispose();

  const hidden = await startSimulation();
  const start = hidden.api.calls.length;
  hidden.setFocused(true);
  hidden.setVisible(false);
  await hidden.clock.advance(HOUR);
  figure('hidden_api_calls_per_hour', hidden.api.calls.length - start, `calls/h (simulated; timer exists: ${hidden.refresher.hasTimer()})`);
}
