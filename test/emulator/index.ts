// Public API of the EBS emulator for in-process use (tests, benchmarks, the sandbox demo).
import { EmulatorAdmin } from './adminClient';
import { DEMO_SCENARIO } from './demo';
import { readScenarioFile } from './scenario';
import { EmulatorServer } from './server';
import type { Scenario } from './types';

export { EmulatorAdmin, EmulatorAdminError } from './adminClient';
export type { ClockSnapshot, DiskState, EmulatorStateSnapshot, GroupDrillState, InstancePatch, InvocationState, PairDrillState, SessionState } from './admin';
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
export { normalizeScenario, readScenarioFile, roleArn, ScenarioError } from './scenario';
export { createTestCertificate } from './tls';
export type { TestCertificate } from './tls';
export { builtInRegions } from './regionCatalog';
export type {
  Account,
  AccountType,
  Role,
  RoleSession,
  DiskContents,
  DrillDiskState,
  DrillOutcome,
  DrillStatus,
  EcsInstance,
  FsType,
  InstanceStatus,
  OsType,
  ScenarioDiskContents,
  ScenarioEcs,
  ScenarioInstance,
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
  /**
   * PEM private key and certificate (e.g. from `createTestCertificate()` in `tls.ts`): the emulator then also listens
   * with HTTPS on another free port of the same host, serving the same pipeline (API, STS, metadata, admin).
   */
  tls?: { key: string; cert: string };
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41951` */
  url: string;
  host: string;
  port: number;
  /** `host:port`, what the SDK takes as `config.endpoint`. */
  endpoint: string;
  /** With `tls`: e.g. `https://127.0.0.1:41953`. */
  httpsUrl?: string;
  /** With `tls`: `host:port` of the HTTPS listener (what `withStsEndpoint()` of @alicloud/credentials takes). */
  httpsEndpoint?: string;
  httpsPort?: number;
  admin: EmulatorAdmin;
  /** Closes both listeners. */
  close(): Promise<void>;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function formatUrl(host: string, port: number, protocol: 'http' | 'https' = 'http'): string {
  return `${protocol}://${hostPort(host, port)}`;
}

/** Starts an emulator; rejects with ScenarioError on an invalid scenario and with the listen error on a busy port. */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const scenario = typeof options.scenario === 'string' ? readScenarioFile(options.scenario) : (options.scenario ?? DEMO_SCENARIO);
  const server = new EmulatorServer({ scenario, now: options.now, speed: options.speed, latencyMs: options.latencyMs, tls: options.tls });
  const address = await server.listen(host, options.port ?? 0);
  let httpsPort: number | undefined;
  if (options.tls) {
    try {
      httpsPort = (await server.listenTls(host, 0)).port;
    } catch (e) {
      await server.close();
      throw e;
    }
  }
  const url = formatUrl(host, address.port);
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: address.port,
    endpoint: hostPort(host, address.port),
    ...(httpsPort !== undefined ? { httpsUrl: formatUrl(host, httpsPort, 'https'), httpsEndpoint: hostPort(host, httpsPort), httpsPort } : {}),
    admin: new EmulatorAdmin(url),
    close: () => (closing ??= server.close()),
  };
}
