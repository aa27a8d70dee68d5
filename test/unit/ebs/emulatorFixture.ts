// Shared setup for the emulator-driven EBS client tests: a real emulator in-process over HTTP and a real
// EbsClient (real SDK, real ACS3 signatures) pointed at it through the endpoint template.

import { EbsClient, EbsClientOptions } from '../../../src/ebs/client';
import { EbsCallRecord } from '../../../src/ebs/types';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, RunningEmulator, StartEmulatorOptions, startEmulator } from '../../emulator';

export interface Fixture {
  emulator: RunningEmulator;
  records: EbsCallRecord[];
  client(overrides?: Partial<EbsClientOptions>): EbsClient;
}

/** Starts one emulator for the enclosing `describe` and resets it (state, faults, log) before each test. */
export function useEmulator(options: StartEmulatorOptions = {}): Fixture {
  const fixture = { records: [] as EbsCallRecord[] } as Fixture;
  before(async () => {
    fixture.emulator = await startEmulator({ port: 0, ...options });
    fixture.client = (overrides = {}) =>
      new EbsClient({
        credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET },
        endpointTemplate: fixture.emulator.url,
        logger: { call: (r) => fixture.records.push(r) },
        // Fast, deterministic backoff; tests that need other values override.
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
        ...overrides,
      });
  });
  beforeEach(async () => {
    fixture.records.length = 0;
    await fixture.emulator.admin.reset();
  });
  after(async () => {
    await fixture.emulator?.close();
  });
  return fixture;
}

/** Polls a condition without fixed sleeps (next macrotask each time), failing after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
