// Background refresh of the Replication view (setting ebsDr.autoRefreshMinutes): which loaded regions are due for a
// reload, and the one timer that reloads them. Only while the view is visible and the window focused: otherwise no
// timer exists and nothing is called. At most one background load per region per threshold (a region whose reload
// keeps failing or keeps coming back with old data is not asked again sooner). Pure: the shell feeds visibility and
// focus, the clock and the timers are injected (the unit tests and the bench drive a fake clock). Also the tooltip row
// that says how fresh a row's data is.
import { localTimeWithAge } from './presentation';
import type { Localiser } from './text';

/** The tooltip row of a pair or group: when its data was loaded (`Loaded | 2024-05-01 10:00, 3 min ago`); none when not known. */
export function loadedRows(l: Localiser, loadedAt: Date | undefined, now: Date): [string, string][] {
  return loadedAt ? [[l.t('Loaded'), localTimeWithAge(l, loadedAt, now)]] : [];
}

/** A root region (of one explorer) the refresher may reload. */
export interface RefreshTarget {
  /** Unique across explorers (side by side: the profile id and the region id). */
  key: string;
  /** When its data was loaded (unix ms); undefined while it is not loaded (idle, loading, failed). */
  loadedAt: number | undefined;
  reload(): Promise<void>;
}

export interface DueInput {
  targets: readonly Pick<RefreshTarget, 'key' | 'loadedAt'>[];
  /** When the refresher last reloaded each key (unix ms). */
  lastRefreshAt: ReadonlyMap<string, number>;
  now: number;
  /** 0 (or less): off */
  thresholdMs: number;
  visible: boolean;
  focused: boolean;
}

/** The earliest instant (unix ms) the target may be reloaded: its data is a threshold old and its last background load a threshold ago. */
function dueAt(target: Pick<RefreshTarget, 'key' | 'loadedAt'>, lastRefreshAt: ReadonlyMap<string, number>, thresholdMs: number): number | undefined {
  if (target.loadedAt === undefined) return undefined;
  const last = lastRefreshAt.get(target.key);
  return Math.max(target.loadedAt + thresholdMs, last === undefined ? -Infinity : last + thresholdMs);
}

/** Whether the refresher runs at all: visible, focused, on, and something loaded to keep fresh. */
export function refresherActive(input: Omit<DueInput, 'now' | 'lastRefreshAt'>): boolean {
  return input.visible && input.focused && input.thresholdMs > 0 && input.targets.some((t) => t.loadedAt !== undefined);
}

/** The keys of the regions to reload now (none while hidden, unfocused or off). */
export function dueRegions(input: DueInput): string[] {
  if (!refresherActive(input)) return [];
  return input.targets.filter((t) => {
    const at = dueAt(t, input.lastRefreshAt, input.thresholdMs);
    return at !== undefined && at <= input.now;
  }).map((t) => t.key);
}

/** Milliseconds until the next region is due (at least 1), or undefined when no timer is needed. */
export function nextDueDelay(input: DueInput): number | undefined {
  if (!refresherActive(input)) return undefined;
  let next: number | undefined;
  for (const t of input.targets) {
    const at = dueAt(t, input.lastRefreshAt, input.thresholdMs);
    if (at !== undefined && (next === undefined || at < next)) next = at;
  }
  return next === undefined ? undefined : Math.max(1, next - input.now);
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutoRefresherOptions {
  now: () => number;
  timers: Timers;
  /** Every root region of every shown explorer, as it is now. */
  targets: () => RefreshTarget[];
  /** The threshold in ms (0: off), read on every update. */
  thresholdMs: () => number;
  /** A background reload failed (the region shows its error as after a manual refresh). */
  onError?: (key: string, error: unknown) => void;
}

/** The refresher: one timer at most, existing only while visible, focused, on and some region is loaded. */
export class AutoRefresher {
  private visible = false;
  private focused = false;
  private timer: unknown;
  private readonly lastRefreshAt = new Map<string, number>();
  private disposed = false;
  private updating = false;
  private again = false;

  constructor(private readonly options: AutoRefresherOptions) {}

  setVisible(visible: boolean): void {
    this.visible = visible;
    this.update();
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
    this.update();
  }

  hasTimer(): boolean {
    return this.timer !== undefined;
  }

  /** Re-evaluates after any change (a load settled, regions or setting changed): reloads what is due, then arms the timer. */
  update(): void {
    // A reload started here fires the tree's change synchronously, which calls update() again: run once more after.
    if (this.updating) {
      this.again = true;
      return;
    }
    this.updating = true;
    try {
      do {
        this.again = false;
        this.evaluate();
      } while (this.again);
    } finally {
      this.updating = false;
    }
  }

  private evaluate(): void {
    this.clear();
    if (this.disposed) return;
    const input = (): DueInput => ({
      targets: this.options.targets(),
      lastRefreshAt: this.lastRefreshAt,
      now: this.options.now(),
      thresholdMs: this.options.thresholdMs(),
      visible: this.visible,
      focused: this.focused,
    });
    const first = input();
    const due = new Set(dueRegions(first));
    const reloads = first.targets.filter((t) => due.has(t.key)) as RefreshTarget[];
    for (const target of reloads) this.lastRefreshAt.set(target.key, first.now);
    for (const target of reloads) target.reload().catch((error: unknown) => this.options.onError?.(target.key, error));
    // Forget keys no longer shown (a new profile or region choice starts from its own load time).
    const shown = new Set(first.targets.map((t) => t.key));
    for (const key of [...this.lastRefreshAt.keys()]) if (!shown.has(key)) this.lastRefreshAt.delete(key);
    const delay = nextDueDelay(input());
    if (delay !== undefined) {
      this.timer = this.options.timers.setTimeout(() => {
        this.timer = undefined;
        this.update();
      }, delay);
    }
  }

  private clear(): void {
    if (this.timer === undefined) return;
    this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}
