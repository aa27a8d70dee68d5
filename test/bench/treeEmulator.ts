// Runs an emulator in a worker thread so the bench measures the extension's side, not the emulator sharing
// its event loop (the real service is remote). Used by test/bench/tree.ts.
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { generateScenario, startEmulator, type GenerateOptions } from '../emulator';

interface WorkerInput {
  generate: GenerateOptions;
  latencyMs: number;
}

export interface WorkerEmulator {
  url: string;
  close(): Promise<void>;
}

/** Starts the emulator on `generateScenario(generate)` in a worker thread. */
export async function startWorkerEmulator(generate: GenerateOptions, latencyMs: number): Promise<WorkerEmulator> {
  const worker = new Worker(__filename, { workerData: { generate, latencyMs } satisfies WorkerInput });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (message: unknown) => resolve(String(message)));
    worker.once('error', reject);
  });
  return {
    url,
    close: async () => {
      worker.postMessage('close');
      await new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    },
  };
}

if (parentPort && (workerData as WorkerInput | undefined)?.generate) {
  const port = parentPort;
  const input = workerData as WorkerInput;
  void startEmulator({ port: 0, scenario: generateScenario(input.generate), latencyMs: input.latencyMs }).then((emulator) => {
    port.on('message', () => void emulator.close().then(() => process.exit(0)));
    port.postMessage(emulator.url);
  });
}
