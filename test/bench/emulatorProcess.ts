// Runs an emulator in a child process so a bench measures the extension's side: against the real service each
// region's server works in parallel with the client, so the emulator must not share the client's process (its event
// loop, its heap, its garbage collector). The child reports its own CPU time, so on a small machine — where it still
// competes for cores — a figure can be read as client cost versus emulator cost.
import { fork, type ChildProcess } from 'node:child_process';
import { generateScenario, startEmulator, type GenerateOptions } from '../emulator';

interface ChildInput {
  generate: GenerateOptions;
  latencyMs: number;
}

type Request = { kind: 'close' } | { kind: 'cpu' };
type Reply = { kind: 'url'; url: string } | { kind: 'cpu'; ms: number } | { kind: 'failed'; message: string };

export interface BenchEmulator {
  url: string;
  /** CPU milliseconds (user + system) the emulator's process has used so far. */
  cpuMs(): Promise<number>;
  close(): Promise<void>;
}

function nextReply<K extends Reply['kind']>(child: ChildProcess, kind: K): Promise<Extract<Reply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`bench emulator exited (${code ?? 'signal'})`));
    const onMessage = (message: Reply): void => {
      if (message.kind === 'failed') reject(new Error(`bench emulator failed: ${message.message}`));
      else if (message.kind !== kind) return;
      else resolve(message as Extract<Reply, { kind: K }>);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts the emulator on `generateScenario(generate)` in a child process. */
export async function startBenchEmulator(generate: GenerateOptions, latencyMs: number): Promise<BenchEmulator> {
  const input: ChildInput = { generate, latencyMs };
  // No inherited execArgv: the parent may be VS Code's extension host (test/host/bench), whose flags are its own.
  const child = fork(__filename, [JSON.stringify(input)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const { url } = await nextReply(child, 'url');
  return {
    url,
    cpuMs: async () => {
      const reply = nextReply(child, 'cpu');
      child.send({ kind: 'cpu' } satisfies Request);
      return (await reply).ms;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'close' } satisfies Request);
      await exited;
    },
  };
}

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

if (require.main === module && process.send) {
  const send = (reply: Reply): void => void process.send?.(reply);
  const input = JSON.parse(process.argv[2] ?? '{}') as ChildInput;
  startEmulator({ port: 0, scenario: generateScenario(input.generate), latencyMs: input.latencyMs }).then(
    (emulator) => {
      process.on('message', (request: Request) => {
        if (request.kind === 'cpu') send({ kind: 'cpu', ms: processCpuMs() });
        else void emulator.close().then(() => process.exit(0));
      });
      // The parent went away without closing: do not linger.
      process.on('disconnect', () => void emulator.close().then(() => process.exit(0)));
      send({ kind: 'url', url: emulator.url });
    },
    (error: unknown) => {
      send({ kind: 'failed', message: String(error) });
      process.exit(1);
    },
  );
}
