// npm run demo: the whole product without an Alibaba Cloud account. Starts the EBS emulator with the rich
// built-in demo scenario, then code-server on 127.0.0.1 with the packaged VSIX installed, the endpoint
// template pointed at the emulator and the sandbox AccessKey supplied through the environment-credential
// path (never written into settings), and a team evidence folder (ebsDr.evidenceFolder, a temporary folder) holding
// a teammate's drill history, so freshness and overdue marks show from the start. Runs until Ctrl+C, then stops
// everything it started.
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { startEmulator, type RunningEmulator } from '../emulator';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTeammateDrills, type PastDrill } from '../fixtures/evidenceHistory';
import { QUIET_WORKBENCH_SETTINGS, vsixPath, workspacePath } from '../ui/workbench';

/**
 * The demo account's drill history: some pairs drilled lately, some long ago (overdue at the default 90 days). web-01
 * and the crm group (both member disks) were verified (the check passed); orders-db, app-01 and log-archive were
 * judged passed by hand; app-01's later drill failed its verification (fsck found errors), so it does not count and
 * app-01 stays drilled 130 d ago, overdue.
 */
export const DEMO_DRILL_HISTORY: readonly PastDrill[] = [
  { kind: 'pair', ownerId: 'pair-demo-web01', name: 'web-01', daysAgo: 12, regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', sourceRegionId: 'cn-hangzhou', verification: 'passed' },
  { kind: 'group', ownerId: 'pg-demo-orders', name: 'orders-db', daysAgo: 40, regionId: 'cn-shanghai', zoneId: 'cn-shanghai-e', sourceRegionId: 'cn-hangzhou', memberPairIds: ['pair-demo-orders01', 'pair-demo-orders02'] },
  { kind: 'group', ownerId: 'pg-demo-crm', name: 'crm', daysAgo: 20, regionId: 'cn-shanghai', zoneId: 'cn-shanghai-f', sourceRegionId: 'cn-beijing', memberPairIds: ['pair-demo-crm01', 'pair-demo-crm02'], verification: 'passed' },
  { kind: 'pair', ownerId: 'pair-demo-app01', name: 'app-01', daysAgo: 130, regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-i', sourceRegionId: 'cn-shanghai' },
  { kind: 'pair', ownerId: 'pair-demo-log01', name: 'log-archive', daysAgo: 200, regionId: 'cn-beijing', zoneId: 'cn-beijing-f', sourceRegionId: 'cn-shanghai' },
  { kind: 'pair', ownerId: 'pair-demo-app01', name: 'app-01', daysAgo: 30, regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-i', sourceRegionId: 'cn-shanghai', verification: 'failed' },
];

export interface Demo {
  url: string;
  emulator: RunningEmulator;
  server: CodeServer;
  stop(): Promise<void>;
}

/** The demo's environment: the sandbox account as the read-only Environment profile. */
export const DEMO_ENV: Record<string, string> = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET,
  ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou',
};

export async function startDemo(options: { port?: number; emulatorPort?: number; settings?: Record<string, unknown> } = {}): Promise<Demo> {
  // Real-time clock: the demo scenario's drills take 30 s (DrillSeconds), clearing 10 s.
  const emulator = await startEmulator({ port: options.emulatorPort ?? 0 });
  const evidenceFolder = mkdtempSync(join(tmpdir(), 'ebs-dr-demo-evidence-'));
  let server: CodeServer;
  try {
    await writeTeammateDrills(evidenceFolder, DEMO_DRILL_HISTORY);
    server = await startCodeServer({
      workspace: workspacePath,
      installVsix: [vsixPath],
      port: options.port,
      env: DEMO_ENV,
      settings: {
        ...QUIET_WORKBENCH_SETTINGS,
        'ebsDr.endpointTemplate': emulator.url,
        'ebsDr.ecsEndpointTemplate': emulator.url,
        'ebsDr.evidenceFolder': evidenceFolder,
        ...options.settings,
      },
    });
  } catch (error) {
    await emulator.close();
    rmSync(evidenceFolder, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `${server.url}/?folder=${encodeURIComponent(workspacePath)}`,
    emulator,
    server,
    stop: async () => {
      await server.stop();
      await emulator.close();
      rmSync(evidenceFolder, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const demo = await startDemo({ port: Number(process.env.EBS_DR_DEMO_PORT ?? 8080) });
  console.log(`EBS emulator: ${demo.emulator.url} (sandbox account, demo scenario)`);
  console.log(`EBS DR demo: open ${demo.url}`);
  console.log(
    'Tour: open the EBS DR view → "Find Regions with Pairs" → expand a region and a group (see when each was last drilled, and which are overdue) → right-click a pair → Start Pair Drill → watch the status bar → Clear Drill (with your verdict) → Export Drill Report. Ctrl+C stops the demo.',
  );
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void demo.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
