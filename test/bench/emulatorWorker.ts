// Runs an emulator in a worker thread so a bench measures the extension's side, not the emulator sharing its
// event loop (the real service is remote). The worker also reports its own CPU time, so on a small machine —
// where the worker still competes for cores — a figure can be read as client cost versus emulator cost.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { generateScenario, startEmulator, type GenerateOptions } from '../emulator';
import { threadCpuMs } from './threadCpu';

interface WorkerInput {
  generate: GenerateOptions;
  latencyMs: number;
}

type Request = { kind: 'close' } | { kind: 'cpu' };
type Reply = { kind: 'url'; url: string } | { kind: 'cpu'; ms: number | undefined };

export interface WorkerEmulator {
  url: string;
  /** CPU milliseconds the emulator's thread has used so far (undefined where the platform cannot say). */
  cpuMs(): Promise<number | undefined>;
  close(): Promise<void>;
}

function nextReply<K extends Reply['kind']>(worker: Worker, kind: K): Promise<Extract<Reply, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Reply): void => {
      if (message.kind !== kind) return;
      worker.off('message', onMessage);
      worker.off('error', reject);
      resolve(message as Extract<Reply, { kind: K }>);
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

/** Starts the emulator on `generateScenario(generate)` in a worker thread. */
export async function startWorkerEmulator(generate: GenerateOptions, latencyMs: number): Promise<WorkerEmulator> {
  const worker = new Worker(__filename, { workerData: { generate, latencyMs } satisfies WorkerInput });
  const { url } = await nextReply(worker, 'url');
  const send = (request: Request): void => worker.postMessage(request);
  return {
    url,
    cpuMs: async () => {
      const reply = nextReply(worker, 'cpu');
      send({ kind: 'cpu' });
      return (await reply).ms;
    },
    close: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      send({ kind: 'close' });
      await exited;
    },
  };
}

/** CPU milliseconds the emulator spends while `work` runs, next to the work's result. */
export async function withEmulatorCpu<T>(emulator: WorkerEmulator, work: () => Promise<T>): Promise<{ result: T; emulatorCpuMs: number | undefined }> {
  const before = await emulator.cpuMs();
  const result = await work();
  const after = await emulator.cpuMs();
  return { result, emulatorCpuMs: before === undefined || after === undefined ? undefined : after - before };
}

if (parentPort && (workerData as WorkerInput | undefined)?.generate) {
  const port = parentPort;
  const input = workerData as WorkerInput;
  void startEmulator({ port: 0, scenario: generateScenario(input.generate), latencyMs: input.latencyMs }).then((emulator) => {
    port.on('message', (request: Request) => {
      if (request.kind === 'cpu') port.postMessage({ kind: 'cpu', ms: threadCpuMs() } satisfies Reply);
      else void emulator.close().then(() => process.exit(0));
    });
    port.postMessage({ kind: 'url', url: emulator.url } satisfies Reply);
  });
}
