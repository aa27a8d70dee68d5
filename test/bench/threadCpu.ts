// CPU time of the calling thread, so a bench can tell the extension's cost (main thread) from the emulator's
// (its worker thread): process.cpuUsage() counts every thread of the process. Node ≥ 23.9 has
// process.threadCpuUsage(); on Node 20 Linux exposes the thread's own counters in /proc/thread-self/stat
// (utime and stime in USER_HZ ticks, 100 per second on Linux: 10 ms resolution).
import { readFileSync } from 'node:fs';

const USER_HZ = 100;

type ThreadCpuUsage = () => { user: number; system: number };

/** Milliseconds of CPU (user + system) this thread has used, or undefined where the platform cannot say. */
export function threadCpuMs(): number | undefined {
  const native = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
  if (typeof native === 'function') {
    const usage = native.call(process);
    return (usage.user + usage.system) / 1000;
  }
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may contain spaces) start at "state"; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / USER_HZ : undefined;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds this thread spends from now until the returned function is called. */
export function threadCpuMeter(): () => number | undefined {
  const start = threadCpuMs();
  return () => {
    const end = threadCpuMs();
    return start === undefined || end === undefined ? undefined : end - start;
  };
}
