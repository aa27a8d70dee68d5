// Drill polling cost, measured against the emulator with the real EbsClient and the real DrillTracker on a virtual
// clock (the emulator's clock follows it):
//   idle_api_calls_per_min   API calls per minute while no drill runs (only a finished drill is tracked); must be 0
//   polling_calls_per_drill  DescribePairDrills calls from start to the completion event of a 10-minute drill
//   completion_latency       how long after the drill finished the tracker noticed (virtual seconds)
import { observePairDrill, type TrackedDrill } from '../../src/drills/model';
import type { DrillStore } from '../../src/drills/persistence';
import { DrillTracker } from '../../src/drills/tracker';
import { EbsClient } from '../../src/ebs/client';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator } from '../emulator';
import { FakeClock } from '../unit/drills/fakeClock';
import { figure } from './report';

const DRILL_SECONDS = 600;

export async function benchDrills(): Promise<void> {
  const startMs = Math.floor(Date.now() / 1000) * 1000;
  const emulator = await startEmulator({
    port: 0,
    now: new Date(startMs),
    speed: 0,
    scenario: {
      Accounts: [{ AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET }],
      ReplicaPairs: [{ ReplicaPairId: 'pair-bench-01', PairName: 'bench', SourceRegion: 'cn-hangzhou', DestinationRegion: 'cn-shanghai' }],
      DrillSeconds: DRILL_SECONDS,
    },
  });
  try {
    const client = new EbsClient({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, endpointTemplate: emulator.url });
    const clock = new FakeClock(startMs);
    let saved: readonly TrackedDrill[] = [];
    const store: DrillStore = { load: () => saved, save: (drills) => void (saved = drills) };
    const tracker = new DrillTracker({
      clock,
      store,
      describe: async (drill, signal) => {
        await emulator.admin.setClock(new Date(clock.now()));
        const [found] = await client.describePairDrills(drill.regionId, drill.ownerId, { drillId: drill.drillId, signal });
        return found ? observePairDrill(found) : undefined;
      },
    });
    tracker.setAccount('bench');
    let completedAt: number | undefined;
    tracker.onDidComplete(() => (completedAt = clock.now()));

    const { drillId } = await client.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-bench-01' });
    await emulator.admin.clearRequests();
    tracker.track({ kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-bench-01', drillId, account: 'bench', status: 'executing', disks: [], followed: true, startedAt: startMs });
    while (completedAt === undefined && clock.now() - startMs < 2 * DRILL_SECONDS * 1000) await clock.advance(1000);
    const polls = (await emulator.admin.requests()).filter((r) => r.action === 'DescribePairDrills').length;
    figure('polling_calls_per_drill', polls, `calls (${DRILL_SECONDS / 60}-minute drill)`);
    figure('completion_latency', completedAt === undefined ? -1 : (completedAt - startMs) / 1000 - DRILL_SECONDS, 's');

    // Idle: the finished drill (a billable disk) stays tracked; nothing executes. Ten virtual minutes.
    await emulator.admin.clearRequests();
    const idleMinutes = 10;
    await clock.advance(idleMinutes * 60_000);
    const idleCalls = (await emulator.admin.requests()).length;
    figure('idle_api_calls_per_min', idleCalls / idleMinutes, `calls/min (timer exists: ${tracker.hasTimer()})`);
    tracker.dispose();
  } finally {
    await emulator.close();
  }
}
