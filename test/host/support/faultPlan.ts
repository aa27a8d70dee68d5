// The seeded plan of the drill fault suite (test/host/drillFaults.test.ts) and its bench (npm run bench): which fault
// the emulator injects into StartPairDrill for each user action, where the user starts it (palette or tree) and when
// they click a second time (never, while the first start is in flight, after it ended). Pure: the same seed gives
// the same plan on every machine.
import type { FaultRule } from '../../emulator';

export interface FaultCase {
  name: string;
  rules: FaultRule[];
}

const start = (rule: Omit<FaultRule, 'action'>): FaultRule[] => [{ action: 'StartPairDrill', ...rule }];

/** Every ambiguous case: with `times`, the client's own retries or the user's Retry get through; without, none does. */
export const FAULT_CASES: readonly FaultCase[] = [
  { name: 'drop-after-commit, once', rules: start({ mode: 'drop-after-commit', times: 1 }) },
  { name: 'drop-after-commit, every attempt', rules: start({ mode: 'drop-after-commit' }) },
  { name: 'connection reset, 4 attempts', rules: start({ mode: 'reset', times: 4 }) },
  { name: '503 ServiceUnavailable, twice', rules: start({ mode: 'error', status: 503, code: 'ServiceUnavailable', times: 2 }) },
  { name: '503 after commit, every attempt', rules: start({ mode: 'error-after-commit', status: 503, code: 'ServiceUnavailable' }) },
  { name: 'HTML 504, 4 attempts', rules: start({ mode: 'html', status: 504, times: 4 }) },
  { name: 'HTML 504 after commit, every attempt', rules: start({ mode: 'html-after-commit', status: 504 }) },
  { name: 'empty 502, 4 attempts', rules: start({ mode: 'empty', status: 502, times: 4 }) },
  { name: 'empty 502 after commit, every attempt', rules: start({ mode: 'empty-after-commit', status: 502 }) },
  { name: 'Throttling.User, 4 attempts', rules: start({ mode: 'error', status: 400, code: 'Throttling.User', times: 4 }) },
  { name: 'LastTokenProcessing, 4 attempts', rules: start({ mode: 'error', status: 403, code: 'LastTokenProcessing', times: 4 }) },
  // The client's attempt deadline is 10 s: one attempt overruns it while the emulator holds the token, then commits.
  { name: 'deadline overrun (first attempt)', rules: start({ mode: 'delay', delayMs: 10_500, times: 1 }) },
  { name: 'commit after the deadline', rules: start({ mode: 'commit-after-deadline', delayMs: 10_500, times: 1 }) },
];

export type Entry = 'palette' | 'tree';
export type SecondClick = 'none' | 'during' | 'after';

export interface FaultAction {
  index: number;
  fault: FaultCase;
  entry: Entry;
  second: SecondClick;
}

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` actions: every fault case in turn (a seeded order per round), entry and second click drawn from the seed. */
export function faultPlan(count: number, seed: number): FaultAction[] {
  const random = seededRandom(seed);
  const actions: FaultAction[] = [];
  while (actions.length < count) {
    const round = [...FAULT_CASES].sort(() => random() - 0.5);
    for (const fault of round) {
      if (actions.length >= count) break;
      const draw = random();
      actions.push({ index: actions.length, fault, entry: random() < 0.5 ? 'palette' : 'tree', second: draw < 1 / 3 ? 'none' : draw < 2 / 3 ? 'during' : 'after' });
    }
  }
  return actions;
}

/** What the suite measures (the bench prints these). */
export interface FaultFigures {
  fault_actions: number;
  fault_drills_created: number;
  /** Drills beyond the first of one action (each billed). */
  fault_duplicate_drills: number;
  /** A drill exists but the user was told it did not start. */
  fault_false_failures: number;
  /** Said "may have started" and not resolved (announced as started, or no drill exists) within 60 s. */
  fault_unresolved: number;
  fault_unhandled_rejections: number;
}
