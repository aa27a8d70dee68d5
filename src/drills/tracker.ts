// The drill tracker: follows every drill this window cares about until it settles, with one timer that exists only
// while drills are executing or clearing (and the window is focused), per-drill backoff, persistence through an
// injected store, and completion events fired exactly once per observed transition. Every window of VS Code shares the
// store (globalState), so each completion is also claimed there: only the first window that observes it announces it.
// Pure: the clock, the timer, the describe call and the store are injected, so unit tests drive it with a fake clock.
import type { Disposable } from '../credentials/connection';
import { Emitter } from '../shared/events';
import { billableDisks, drillKey, needsPolling, type DrillObservation, type DrillRef, type TrackedDrill } from './model';

export interface TrackerClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: TrackerClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One Describe*Drills call for the drill; resolves undefined when the drill no longer exists. */
export type DescribeDrill = (drill: TrackedDrill, signal: AbortSignal) => Promise<DrillObservation | undefined>;

/** Where tracked drills survive a window reload (VS Code: globalState, shared by every window). */
export interface DrillStore {
  load(): readonly TrackedDrill[];
  save(drills: readonly TrackedDrill[]): void | PromiseLike<void>;
  /**
   * Completions already announced by some window: `<drill key>#<outcome>` → clock time of the claim. Optional: without
   * it every tracker announces what it observes (one window).
   */
  loadAnnounced?(): Readonly<Record<string, number>>;
  saveAnnounced?(announced: Readonly<Record<string, number>>): void | PromiseLike<void>;
}

/** How long a completion claim is remembered (a window that slept longer may announce it again). */
export const ANNOUNCED_TTL_MS = 7 * 24 * 3_600_000;

export interface PollingPolicy {
  /** Wait before the first poll of a newly followed drill, and after any status change. */
  initialMs: number;
  /** Growth of the wait while nothing changes. */
  factor: number;
  maxMs: number;
  /** Ceiling of the wait after failed polls (which double it). */
  errorMaxMs: number;
}

export const DEFAULT_POLLING: Readonly<PollingPolicy> = Object.freeze({ initialMs: 5_000, factor: 1.5, maxMs: 30_000, errorMaxMs: 120_000 });

/** How a followed drill settled. `vanished`: it disappeared while executing (cleared elsewhere). */
export type DrillOutcome = 'executed' | 'execute_failed' | 'cleared' | 'clear_failed' | 'vanished';

export interface DrillCompletion {
  drill: TrackedDrill;
  outcome: DrillOutcome;
  /**
   * True for the first window (tracker) sharing the store that observed this completion: only it notifies the user.
   * Every window still gets the event (to refresh its tree).
   */
  announce: boolean;
}

export interface TrackerOptions {
  describe: DescribeDrill;
  store: DrillStore;
  clock?: TrackerClock;
  policy?: Partial<PollingPolicy>;
  /** A poll failed (the drill stays tracked and is retried later). */
  onPollError?: (drill: TrackedDrill, error: unknown) => void;
}

/** What a caller knows about the owner of drills it listed (the tree, after Describe*Drills). */
export interface OwnerListing {
  account: string;
  kind: TrackedDrill['kind'];
  regionId: string;
  ownerId: string;
  ownerName?: string;
  zoneId?: string;
  drills: Array<{ drillId: string } & DrillObservation>;
}

interface Entry {
  drill: TrackedDrill;
  intervalMs: number;
  dueAt: number;
  /** Bumped by every update, so a poll answer that raced with a newer update is dropped. */
  generation: number;
}

export class DrillTracker implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: TrackerClock;
  private readonly policy: PollingPolicy;
  private readonly changed = new Emitter<void>();
  private readonly completed = new Emitter<DrillCompletion>();
  private accounts: ReadonlySet<string> = new Set();
  private timer: unknown;
  private timerDueAt: number | undefined;
  private polling: Promise<void> | undefined;
  private pausedFlag = false;
  private disposed = false;
  private readonly abort = new AbortController();
  private pollCount = 0;

  /** Fires after any change of the tracked set or of a drill's status. */
  readonly onDidChange = this.changed.event;
  /** Fires once per followed drill settling (executed, failed, cleared…). */
  readonly onDidComplete = this.completed.event;

  constructor(private readonly options: TrackerOptions) {
    this.clock = options.clock ?? realClock;
    this.policy = { ...DEFAULT_POLLING, ...options.policy };
    const now = this.clock.now();
    for (const drill of options.store.load()) {
      // Resumed drills are polled at once: the window was closed for an unknown time.
      this.entries.set(drillKey(drill), { drill: { ...drill }, intervalMs: this.policy.initialMs, dueAt: now, generation: 0 });
    }
  }

  /** Selects whose drills are shown and polled (the active profile); undefined = none. */
  setAccount(account: string | undefined): void {
    this.setAccounts(account === undefined ? [] : [account]);
  }

  /** Selects several accounts at once (profiles shown side by side): their drills are shown, counted and polled together. */
  setAccounts(accounts: readonly string[]): void {
    const next = new Set(accounts);
    if (next.size === this.accounts.size && [...next].every((a) => this.accounts.has(a))) return;
    this.accounts = next;
    this.schedule();
    this.changed.fire();
  }

  /** Drills of the shown accounts, oldest first. */
  drills(): TrackedDrill[] {
    return [...this.entries.values()]
      .filter((e) => this.accounts.has(e.drill.account))
      .map((e) => ({ ...e.drill }))
      .sort((a, b) => (a.startedAt ?? 0) - (b.startedAt ?? 0));
  }

  get(ref: DrillRef): TrackedDrill | undefined {
    const entry = this.entries.get(drillKey(ref));
    return entry && this.accounts.has(entry.drill.account) ? { ...entry.drill } : undefined;
  }

  /** Starts following a drill (a drill this window just started, or one to show). */
  track(drill: TrackedDrill): void {
    const key = drillKey(drill);
    const existing = this.entries.get(key);
    const followed = drill.followed || needsPolling(drill.status) || (existing?.drill.followed ?? false);
    const merged: TrackedDrill = { ...existing?.drill, ...drill, followed };
    this.entries.set(key, { drill: merged, intervalMs: this.policy.initialMs, dueAt: this.clock.now() + this.policy.initialMs, generation: (existing?.generation ?? 0) + 1 });
    this.persistAndNotify();
  }

  /** After Clear* succeeded: follow the drill through `clearing` until it disappears. */
  markClearing(ref: DrillRef): void {
    // A new clear attempt: its failure is news again, even if an earlier attempt's failure was announced.
    this.releaseAnnounced(ref, 'clear_failed');
    const entry = this.entries.get(drillKey(ref));
    if (!entry) return;
    const disksAtClear = billableDisks(entry.drill).map((d) => d.diskId);
    this.update(entry, { ...entry.drill, status: 'clearing', disksAtClear, disks: entry.drill.disks.map((d) => ({ ...d, status: 'deleting' })) });
  }

  forget(ref: DrillRef): void {
    if (this.entries.delete(drillKey(ref))) this.persistAndNotify();
  }

  /**
   * Reconciles with a full Describe*Drills listing of one pair or group (e.g. the tree loaded it): updates tracked
   * drills (firing completions for followed ones), starts following executing/clearing drills, remembers finished
   * drills that hold disks, and drops tracked drills of that owner that are gone.
   */
  reconcile(listing: OwnerListing): void {
    const seen = new Set<string>();
    let touched = false;
    for (const listed of listing.drills) {
      const { drillId, ...observation } = listed;
      const ref: DrillRef = { kind: listing.kind, regionId: listing.regionId, ownerId: listing.ownerId, drillId };
      const key = drillKey(ref);
      seen.add(key);
      const entry = this.entries.get(key);
      if (entry) {
        const named = { ...entry.drill, ownerName: listing.ownerName ?? entry.drill.ownerName, zoneId: listing.zoneId ?? entry.drill.zoneId };
        if (isStaleObservation(entry.drill.status, observation.status)) {
          // The listing was requested before a change this tracker already saw (e.g. the tree loaded while a poll
          // found the drill finished): a drill never goes back to executing, nor from clearing to finished.
          continue;
        }
        if (this.isSame(entry.drill, observation)) {
          entry.drill = named;
        } else {
          this.update(entry, { ...named, ...observation }, false);
        }
        touched = true;
      } else if (needsPolling(observation.status) || billableDisks(observation).length > 0) {
        // Executing/clearing drills are followed from now on; finished ones are kept for the disk reminder.
        const drill: TrackedDrill = {
          ...ref,
          ...observation,
          account: listing.account,
          ownerName: listing.ownerName,
          zoneId: listing.zoneId,
          followed: needsPolling(observation.status),
        };
        this.entries.set(key, { drill, intervalMs: this.policy.initialMs, dueAt: this.clock.now() + this.policy.initialMs, generation: 1 });
        touched = true;
      }
    }
    for (const [key, entry] of [...this.entries]) {
      const d = entry.drill;
      if (d.kind === listing.kind && d.regionId === listing.regionId && d.ownerId === listing.ownerId && d.account === listing.account && !seen.has(key)) {
        this.vanish(key, entry, false);
        touched = true;
      }
    }
    if (touched) this.persistAndNotify();
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Stops polling (window unfocused); drills stay tracked. */
  pause(): void {
    if (this.pausedFlag) return;
    this.pausedFlag = true;
    this.clearTimer();
  }

  /** Resumes polling; drills that came due while paused are polled at once. */
  resume(): void {
    if (!this.pausedFlag) return;
    this.pausedFlag = false;
    this.schedule();
  }

  /** True while a poll timer exists (never when nothing executes or clears). */
  hasTimer(): boolean {
    return this.timer !== undefined;
  }

  /** When the next poll is due (clock time), if a timer exists. */
  nextPollAt(): number | undefined {
    return this.timerDueAt;
  }

  /** Describe calls made so far. */
  get polls(): number {
    return this.pollCount;
  }

  /** Polls every executing/clearing drill of the active account now, ignoring backoff and pause. */
  async pollNow(): Promise<void> {
    if (this.polling) await this.polling;
    const now = this.clock.now();
    for (const entry of this.entries.values()) if (this.isPollable(entry)) entry.dueAt = now;
    await this.runPoll(true);
  }

  /** Resolves when no poll is in flight. */
  async idle(): Promise<void> {
    while (this.polling) await this.polling;
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.abort.abort();
    this.changed.dispose();
    this.completed.dispose();
  }

  // ---------------------------------------------------------------------------------------------

  private isPollable(entry: Entry): boolean {
    return this.accounts.has(entry.drill.account) && needsPolling(entry.drill.status);
  }

  private isSame(drill: TrackedDrill, observation: DrillObservation): boolean {
    return (
      drill.status === observation.status &&
      drill.statusMessage === observation.statusMessage &&
      JSON.stringify(drill.disks) === JSON.stringify(observation.disks)
    );
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDueAt = undefined;
  }

  /** Keeps exactly one timer for the earliest due drill, or none. */
  private schedule(): void {
    this.clearTimer();
    if (this.disposed || this.pausedFlag || this.polling) return;
    let earliest: number | undefined;
    for (const entry of this.entries.values()) {
      if (this.isPollable(entry) && (earliest === undefined || entry.dueAt < earliest)) earliest = entry.dueAt;
    }
    if (earliest === undefined) return;
    const delay = Math.max(0, earliest - this.clock.now());
    this.timerDueAt = earliest;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.timerDueAt = undefined;
      void this.runPoll(false);
    }, delay);
  }

  private async runPoll(force: boolean): Promise<void> {
    if (this.disposed || (this.pausedFlag && !force) || this.polling) return;
    const now = this.clock.now();
    const due = [...this.entries.values()].filter((e) => this.isPollable(e) && e.dueAt <= now);
    if (due.length === 0) {
      this.schedule();
      return;
    }
    this.clearTimer();
    const run = Promise.all(due.map((entry) => this.pollOne(entry))).then(() => undefined);
    this.polling = run;
    try {
      await run;
    } finally {
      this.polling = undefined;
      this.persistAndNotify();
      this.schedule();
    }
  }

  private async pollOne(entry: Entry): Promise<void> {
    const generation = entry.generation;
    const key = drillKey(entry.drill);
    this.pollCount++;
    let observation: DrillObservation | undefined;
    try {
      observation = await this.options.describe({ ...entry.drill }, this.abort.signal);
    } catch (error) {
      if (this.disposed) return;
      entry.intervalMs = Math.min(Math.max(entry.intervalMs, this.policy.initialMs) * 2, this.policy.errorMaxMs);
      entry.dueAt = this.clock.now() + entry.intervalMs;
      this.options.onPollError?.({ ...entry.drill }, error);
      return;
    }
    if (this.disposed || this.entries.get(key) !== entry || entry.generation !== generation) return;
    if (observation === undefined) {
      this.vanish(key, entry, false);
    } else if (this.isSame(entry.drill, observation)) {
      entry.intervalMs = Math.min(entry.intervalMs * this.policy.factor, this.policy.maxMs);
      entry.dueAt = this.clock.now() + entry.intervalMs;
    } else {
      this.update(entry, { ...entry.drill, ...observation }, false);
    }
  }

  /** Applies a new state; fires the completion of a followed drill once, on the transition itself. */
  private update(entry: Entry, next: TrackedDrill, notify = true): void {
    const previous = entry.drill.status;
    entry.generation++;
    entry.drill = { ...next, followed: next.followed || needsPolling(next.status) };
    entry.intervalMs = this.policy.initialMs;
    entry.dueAt = this.clock.now() + this.policy.initialMs;
    if (entry.drill.followed && previous !== next.status) {
      const outcome = transitionOutcome(previous, next.status);
      if (outcome) this.complete(entry.drill, outcome);
    }
    if (notify) {
      this.persistAndNotify();
      this.schedule();
    }
  }

  private vanish(key: string, entry: Entry, notify: boolean): void {
    this.entries.delete(key);
    entry.generation++;
    const previous = entry.drill.status;
    if (entry.drill.followed && needsPolling(previous)) this.complete(entry.drill, previous === 'clearing' ? 'cleared' : 'vanished');
    if (notify) this.persistAndNotify();
  }

  private complete(drill: TrackedDrill, outcome: DrillOutcome): void {
    this.completed.fire({ drill: { ...drill }, outcome, announce: this.claimAnnounced(drill, outcome) });
  }

  /** Claims the announcement of a completion in the shared store; false when another window already claimed it. */
  private claimAnnounced(drill: DrillRef, outcome: DrillOutcome): boolean {
    const store = this.options.store;
    if (!store.loadAnnounced || !store.saveAnnounced) return true;
    const key = announcedKey(drill, outcome);
    const now = this.clock.now();
    let announced: Record<string, number>;
    try {
      announced = { ...store.loadAnnounced() };
    } catch {
      return true;
    }
    if (typeof announced[key] === 'number' && now - announced[key] < ANNOUNCED_TTL_MS) return false;
    for (const [k, at] of Object.entries(announced)) if (typeof at !== 'number' || now - at >= ANNOUNCED_TTL_MS) delete announced[k];
    announced[key] = now;
    this.saveAnnounced(announced);
    return true;
  }

  private releaseAnnounced(drill: DrillRef, outcome: DrillOutcome): void {
    const store = this.options.store;
    if (!store.loadAnnounced || !store.saveAnnounced) return;
    try {
      const announced = { ...store.loadAnnounced() };
      const key = announcedKey(drill, outcome);
      if (!(key in announced)) return;
      delete announced[key];
      this.saveAnnounced(announced);
    } catch {
      // Best effort, like persistence.
    }
  }

  private saveAnnounced(announced: Record<string, number>): void {
    try {
      const saved = this.options.store.saveAnnounced?.(announced);
      if (saved) saved.then(undefined, () => undefined);
    } catch {
      // Best effort: at worst another window announces the same completion.
    }
  }

  private persistAndNotify(): void {
    if (this.disposed) return;
    try {
      const saved = this.options.store.save([...this.entries.values()].map((e) => e.drill));
      if (saved) saved.then(undefined, () => undefined);
    } catch {
      // Persistence is best effort: tracking continues in memory.
    }
    this.changed.fire();
    this.schedule();
  }
}

/** True when `observed` can only be an older answer than `known`: drills move forward and never return to executing. */
export function isStaleObservation(known: string, observed: string): boolean {
  if (observed === 'executing') return known !== 'executing';
  return known === 'clearing' && (observed === 'executed' || observed === 'execute_failed');
}

function transitionOutcome(previous: string, next: string): DrillOutcome | undefined {
  if (next === 'executed' && previous === 'executing') return 'executed';
  if (next === 'execute_failed' && previous === 'executing') return 'execute_failed';
  if (next === 'clear_failed' && previous === 'clearing') return 'clear_failed';
  return undefined;
}

function announcedKey(drill: DrillRef, outcome: DrillOutcome): string {
  return `${drillKey(drill)}#${outcome}`;
}
