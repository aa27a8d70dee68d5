// Child process for the bundle benchmark.
//   evalBundle.js <bundle>                     resolves `vscode` to a stub, then times require() of the bundle
//   evalBundle.js --first-call <ebs bundle>    starts an emulator, then times the first and second DescribeRegions
//                                              of the bundled EbsClient ("first next" in ms)
import Module from 'node:module';
import type * as Ebs from '../../src/ebs';

function evalExtensionBundle(bundle: string): void {
  const stub = { l10n: { t: (message: string) => message } };
  type Resolver = (request: string, ...rest: unknown[]) => string;
  const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
  };
  moduleInternals._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };

  const started = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(bundle) as { activate?: unknown };
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (typeof loaded.activate !== 'function') {
    throw new Error('The bundle does not export activate()');
  }
  process.stdout.write(String(elapsedMs));
}

async function timeFirstCalls(ebsBundle: string): Promise<void> {
  // The emulator (and whatever it loads) is ready before any timing starts. Required here, not imported at the top,
  // so that the other mode times the bundle alone.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { startEmulator } = require('../emulator') as typeof import('../emulator');
  const { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } = require('../emulator/demoAccount') as typeof import('../emulator/demoAccount');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const emulator = await startEmulator();
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ebs = require(ebsBundle) as typeof Ebs;
    const client = new ebs.EbsClient({
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
      endpointTemplate: emulator.url,
    });
    const timed = async (): Promise<number> => {
      const started = process.hrtime.bigint();
      const regions = await client.describeRegions();
      if (regions.length === 0) throw new Error('DescribeRegions returned no regions');
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const first = await timed();
    const next = await timed();
    process.stdout.write(`${first} ${next}`);
  } finally {
    await emulator.close();
  }
}

if (process.argv[2] === '--first-call') {
  timeFirstCalls(process.argv[3] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  evalExtensionBundle(process.argv[2] ?? '');
}
