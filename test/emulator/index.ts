// Public API of the EBS emulator for in-process use (tests, benchmarks, the sandbox demo).
import { EmulatorAdmin } from './adminClient';
import { DEMO_SCENARIO } from './demo';
import { readScenarioFile } from './scenario';
import { EmulatorServer } from './server';
import type { Scenario } from './types';

export { EmulatorAdmin, EmulatorAdminError } from './adminClient';
export type { ClockSnapshot, EmulatorStateSnapshot, GroupDrillState, PairDrillState, SessionState } from './admin';
export { DEMO_SCENARIO } from './demo';
export {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_ACCOUNT,
  DEMO_ACCOUNT_ID,
  DEMO_STS_ACCESS_KEY_ID,
  DEMO_STS_ACCESS_KEY_SECRET,
  DEMO_STS_TOKEN,
} from './demoAccount';
export type { FaultMode, FaultRule } from './faults';
export { generateScenario } from './generate';
export type { GenerateOptions } from './generate';
export type { RequestLogEntry } from './requestLog';
export { normalizeScenario, readScenarioFile, ScenarioError } from './scenario';
export { builtInRegions } from './regionCatalog';
export type {
  Account,
  AccountType,
  Role,
  RoleSession,
  DrillOutcome,
  DrillStatus,
  PairStatus,
  Region,
  ReplicaGroup,
  ReplicaPair,
  Scenario,
  ScenarioAccount,
  ScenarioDrillOutcome,
  ScenarioGroup,
  ScenarioPair,
  ScenarioRegion,
  ScenarioRole,
  Tag,
  Zone,
} from './types';

export interface StartEmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port). */
  port?: number;
  /** A scenario object or the path of a scenario JSON file. Default: the built-in demo scenario. */
  scenario?: Scenario | string;
  /** Start of the emulator clock. Default: real time. */
  now?: string | Date;
  /** Clock speed relative to real time. Default 1. */
  speed?: number;
  /** Fixed delay added to every API response (non-blocking). Default 0. */
  latencyMs?: number;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41951` */
  url: string;
  host: string;
  port: number;
  /** `host:port`, what the SDK takes as `config.endpoint`. */
  endpoint: string;
  admin: EmulatorAdmin;
  close(): Promise<void>;
}

export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Starts an emulator; rejects with ScenarioError on an invalid scenario and with the listen error on a busy port. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const scenario = typeof options.scenario === 'string' ? readScenarioFile(options.scenario) : (options.scenario ?? DEMO_SCENARIO);
  const server = new EmulatorServer({ scenario, now: options.now, speed: options.speed, latencyMs: options.latencyMs });
  const address = await server.listen(host, options.port ?? 0);
  const url = formatUrl(host, address.port);
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: address.port,
    endpoint: `${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    admin: new EmulatorAdmin(url),
    close: () => (closing ??= server.close()),
  };
}
