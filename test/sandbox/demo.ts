// npm run demo: the whole product without an Alibaba Cloud account. Starts the EBS emulator with the rich
// built-in demo scenario, then code-server on 127.0.0.1 with the packaged VSIX installed, the endpoint
// template pointed at the emulator and the sandbox AccessKey supplied through the environment-credential
// path (never written into settings). Runs until Ctrl+C, then stops everything it started.
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/demoAccount';
import { startEmulator, type RunningEmulator } from '../emulator';
import { QUIET_WORKBENCH_SETTINGS, vsixPath, workspacePath } from '../ui/workbench';

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
  let server: CodeServer;
  try {
    server = await startCodeServer({
      workspace: workspacePath,
      installVsix: [vsixPath],
      port: options.port,
      env: DEMO_ENV,
      settings: {
        ...QUIET_WORKBENCH_SETTINGS,
        'ebsDr.endpointTemplate': emulator.url,
        ...options.settings,
      },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  return {
    url: `${server.url}/?folder=${encodeURIComponent(workspacePath)}`,
    emulator,
    server,
    stop: async () => {
      await server.stop();
      await emulator.close();
    },
  };
}

async function main(): Promise<void> {
  const demo = await startDemo({ port: Number(process.env.EBS_DR_DEMO_PORT ?? 8080) });
  console.log(`EBS emulator: ${demo.emulator.url} (sandbox account, demo scenario)`);
  console.log(`EBS DR demo: open ${demo.url}`);
  console.log(
    'Tour: open the EBS DR view → "Find Regions with Pairs" → expand a region and a group → right-click a pair → Start Pair Drill → watch the status bar → Clear Drill. Ctrl+C stops the demo.',
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
