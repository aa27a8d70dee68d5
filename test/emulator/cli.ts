// Command line: npm run emulator -- [--host 127.0.0.1] [--port N] [--scenario FILE] [--now ISO] [--speed X] [--latency-ms N]
//   [--tls-key FILE --tls-cert FILE]
import { readFileSync } from 'node:fs';
import { ScenarioError, startEmulator } from './index';
import type { StartEmulatorOptions } from './index';

const USAGE = 'usage: npm run emulator -- [--host 127.0.0.1] [--port N] [--scenario FILE] [--now ISO-8601] [--speed X] [--latency-ms N] [--tls-key FILE --tls-cert FILE]';

/** Options plus the TLS files named on the command line (read by readTlsFiles). */
export type CliOptions = StartEmulatorOptions & { tlsKeyFile?: string; tlsCertFile?: string };

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    const num = (min: number): number => {
      const v = value();
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || n < min) throw new Error(`${name}: expected a number >= ${min}, got "${v}"`);
      return n;
    };
    switch (name) {
      case '--host':
        options.host = value();
        break;
      case '--port': {
        const port = num(0);
        if (!Number.isInteger(port) || port > 65535) throw new Error(`--port: expected 0-65535`);
        options.port = port;
        break;
      }
      case '--scenario':
        options.scenario = value();
        break;
      case '--now': {
        const now = value();
        if (!Number.isFinite(Date.parse(now))) throw new Error(`--now: expected an ISO-8601 time, got "${now}"`);
        options.now = now;
        break;
      }
      case '--speed':
        options.speed = num(0);
        break;
      case '--latency-ms':
        options.latencyMs = num(0);
        break;
      case '--tls-key':
        options.tlsKeyFile = value();
        break;
      case '--tls-cert':
        options.tlsCertFile = value();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}`);
    }
  }
  if ((options.tlsKeyFile === undefined) !== (options.tlsCertFile === undefined)) throw new Error('--tls-key and --tls-cert go together');
  return options;
}

/** Reads the PEM files of --tls-key / --tls-cert into the `tls` option. */
export function readTlsFiles(options: CliOptions): StartEmulatorOptions {
  const { tlsKeyFile, tlsCertFile, ...rest } = options;
  if (tlsKeyFile === undefined || tlsCertFile === undefined) return rest;
  return { ...rest, tls: { key: readFileSync(tlsKeyFile, 'utf8'), cert: readFileSync(tlsCertFile, 'utf8') } };
}

async function main(): Promise<void> {
  let options: StartEmulatorOptions;
  try {
    options = readTlsFiles(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`ebs emulator: ${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  try {
    const emulator = await startEmulator(options);
    console.log(`EBS emulator listening on ${emulator.url}`);
    if (emulator.httpsUrl) console.log(`EBS emulator listening on ${emulator.httpsUrl}`);
    const stop = (): void => {
      void emulator.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (e) {
    console.error(e instanceof ScenarioError ? `ebs emulator: ${e.message}` : `ebs emulator: cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
}

if (require.main === module) void main();
