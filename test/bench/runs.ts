// Repeated timed runs against an emulator in a child process: wall time, the client's CPU (this process's main
// thread, where the extension's code runs) and the emulator's CPU (its process) for each run. The first run is reported apart (cold: JIT, sockets, the emulator's own warm-up);
// the figures of the later runs are medians.
import type { BenchEmulator } from './emulatorProcess';
import { median } from './report';
import { threadCpuMeter } from './threadCpu';

export interface RunFigures {
  wallMs: number;
  /** undefined where the platform cannot measure thread CPU. */
  clientCpuMs: number | undefined;
  emulatorCpuMs: number;
}

export interface RunSeries<T> {
  cold: RunFigures;
  /** Medians of the warm runs. */
  warm: RunFigures;
  /** The result of the last run. */
  last: T;
}

async function once<T>(emulator: BenchEmulator, work: () => Promise<T>): Promise<RunFigures & { result: T }> {
  const emulatorBefore = await emulator.cpuMs();
  const clientCpu = threadCpuMeter();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const clientCpuMs = clientCpu();
  const emulatorAfter = await emulator.cpuMs();
  return { wallMs, clientCpuMs, emulatorCpuMs: emulatorAfter - emulatorBefore, result };
}

const medianOf = (values: (number | undefined)[]): number | undefined =>
  values.every((v): v is number => v !== undefined) ? median(values) : undefined;

/** One cold run, then `warmRuns` more. */
export async function timedRuns<T>(emulator: BenchEmulator, warmRuns: number, work: () => Promise<T>): Promise<RunSeries<T>> {
  const cold = await once(emulator, work);
  const warm: (RunFigures & { result: T })[] = [];
  for (let i = 0; i < warmRuns; i++) warm.push(await once(emulator, work));
  return {
    cold: { wallMs: cold.wallMs, clientCpuMs: cold.clientCpuMs, emulatorCpuMs: cold.emulatorCpuMs },
    warm: {
      wallMs: median(warm.map((r) => r.wallMs)),
      clientCpuMs: medianOf(warm.map((r) => r.clientCpuMs)),
      emulatorCpuMs: median(warm.map((r) => r.emulatorCpuMs)),
    },
    last: (warm.at(-1) ?? cold).result,
  };
}
