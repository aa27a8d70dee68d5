// The drill tracker: follows every drill this window cares about until it settles, with one timer that exists only
// while drills are executing or clearing (and the window is focused), per-drill backoff (polling.ts), persistence
// and completion claims through an injected store (persistence.ts), reconciliation with the listings the tree loads,
// and completion events fired exactly once per observed transition (transitions.ts).
// Pure: the clock, the timer, the describe call and the store are injected, so unit tests drive it with a fake clock.
import { isDrillInProgress } from '../ebs/types';
import { Emitter, type Disposable } from '../shared/events';
import { billableDisks, drillKey, type DrillObservation, type DrillRef, type ListedDrill, type TrackedDrill } from './model';
import { AnnouncementClaims, saveDrills, type DrillStore } from './persistence';
import { DEFAULT_POLLING, intervalAfterError, intervalAfterUnchanged, realClock, type PollingPolicy, type TrackerClock } from './polling';
import { isSameObservation, isStaleObservation, transitionOutcome, type DrillOutcome } from './transitions';

/** One Describe*Drills call for the drill; resolves undefined when the drill no longer exists. */
export type DescribeDrill = (drill: TrackedDrill, signal: AbortSignal) => Promise<DrillObservation | undefined>;

export interface DrillCompletion {
  drill: TrackedDrill;
  outcome: DrillOutcome;
  /**
   * True for the first window (tracker) sharing the store that observed this completion: only it notifies the user.
   * Every window still gets the event (to refresh its tree).
   */
  announce: boolean;
}

/** One answer about a drill: a poll, or a listing the tree loaded. The drill evidence records every one of them. */
export interface DrillObserved {
  /** The drill as the tracker knows it after the answer. */
  drill: TrackedDrill;
  /** Clock time of the answer. */
  at: number;
  source: 'poll' | 'listing';
  /** True when the drill was not in its listing (or its poll found it gone). */
  vanished: boolean;
  /** True when a listing made the tracker follow a drill it did not know (found executing or holding a disk). */
  discovered: boolean;
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
  drills: ListedDrill[];
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
  private readonly observed = new Emitter<DrillObserved>();
  private accounts: ReadonlySet<string> = new Set();
  private timer: unknown;
  private timerDueAt: number | undefined;
  private polling: Promise<void> | undefined;
  private pausedFlag = false;
  private disposed = false;
  private readonly abort = new AbortController();
  private readonly claims: AnnouncementClaims;
  private pollCount = 0;

  /** Fires after any change of the tracked set or of a drill's status. */
  readonly onDidChange = this.changed.event;
  /** Fires once per followed drill settling (executed, failed, cleared…). */
  readonly onDidComplete = this.completed.event;
  /** Fires for every answer about a drill (unchanged ones too), before completions it causes are announced. */
  readonly onDidObserve = this.observed.event;

  constructor(private readonly options: TrackerOptions) {
    this.clock = options.clock ?? realClock;
    this.policy = { ...DEFAULT_POLLING, ...options.policy };
    this.claims = new AnnouncementClaims(options.store, this.clock);
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
    const followed = drill.followed || isDrillInProgress(drill.status) || (existing?.drill.followed ?? false);
    const merged: TrackedDrill = { ...existing?.drill, ...drill, followed };
    this.entries.set(key, { drill: merged, intervalMs: this.policy.initialMs, dueAt: this.clock.now() + this.policy.initialMs, generation: (existing?.generation ?? 0) + 1 });
    this.persistAndNotify();
  }

  /** After Clear* succeeded: follow the drill through `clearing` until it disappears. */
  markClearing(ref: DrillRef): void {
    // A new clear attempt: its failure is news again, even if an earlier attempt's failure was announced.
    this.claims.release(ref, 'clear_failed');
    const entry = this.entries.get(drillKey(ref));
    if (!entry) return;
    const disksAtClear = billableDisks(entry.drill).map((d) => d.diskId);
    this.update(entry, { ...entry.drill, status: 'clearing', disksAtClear, disks: entry.drill.disks.map((d) => ({ ...d, status: 'deleting' })) });
  }

  forget(ref: DrillRef): void {
    if (this.entries.delete(drillKey(ref))) this.persistAndNotify();
  }

  /** Forgets every drill, of every account (test isolation: the shared store then keeps none either). */
  forgetAll(): void {
    this.entries.clear();
    this.persistAndNotify();
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
        if (isSameObservation(entry.drill, observation)) {
          entry.drill = named;
          this.observe(entry.drill, 'listing');
        } else {
          this.update(entry, { ...named, ...observation }, false, 'listing');
        }
        touched = true;
      } else if (isDrillInProgress(observation.status) || billableDisks(observation).length > 0) {
        // Executing/clearing drills are followed from now on; finished ones are kept for the disk reminder.
        const drill: TrackedDrill = {
          ...ref,
          ...observation,
          account: listing.account,
          ownerName: listing.ownerName,
          zoneId: listing.zoneId,
          followed: isDrillInProgress(observation.status),
        };
        this.entries.set(key, { drill, intervalMs: this.policy.initialMs, dueAt: this.clock.now() + this.policy.initialMs, generation: 1 });
        this.observe(drill, 'listing', { discovered: true });
        touched = true;
      }
    }
    for (const [key, entry] of [...this.entries]) {
      const d = entry.drill;
      if (d.kind === listing.kind && d.regionId === listing.regionId && d.ownerId === listing.ownerId && d.account === listing.account && !seen.has(key)) {
        this.vanish(key, entry, false, 'listing');
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
    this.observed.dispose();
  }

  // ---------------------------------------------------------------------------------------------

  private isPollable(entry: Entry): boolean {
    return this.accounts.has(entry.drill.account) && isDrillInProgress(entry.drill.status);
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
      entry.intervalMs = intervalAfterError(entry.intervalMs, this.policy);
      entry.dueAt = this.clock.now() + entry.intervalMs;
      this.options.onPollError?.({ ...entry.drill }, error);
      return;
    }
    if (this.disposed || this.entries.get(key) !== entry || entry.generation !== generation) return;
    if (observation === undefined) {
      this.vanish(key, entry, false, 'poll');
    } else if (isSameObservation(entry.drill, observation)) {
      entry.intervalMs = intervalAfterUnchanged(entry.intervalMs, this.policyFor(entry.drill));
      entry.dueAt = this.clock.now() + entry.intervalMs;
      this.observe(entry.drill, 'poll');
    } else {
      this.update(entry, { ...entry.drill, ...observation }, false, 'poll');
    }
  }

  /** Applies a new state; fires the completion of a followed drill once, on the transition itself. */
  private update(entry: Entry, next: TrackedDrill, notify = true, source?: DrillObserved['source']): void {
    const previous = entry.drill.status;
    entry.generation++;
    entry.drill = { ...next, followed: next.followed || isDrillInProgress(next.status) };
    entry.intervalMs = this.policy.initialMs;
    entry.dueAt = this.clock.now() + this.policy.initialMs;
    if (source) this.observe(entry.drill, source);
    if (entry.drill.followed && previous !== next.status) {
      const outcome = transitionOutcome(previous, next.status);
      if (outcome) this.complete(entry.drill, outcome);
    }
    if (notify) {
      this.persistAndNotify();
      this.schedule();
    }
  }

  private vanish(key: string, entry: Entry, notify: boolean, source: DrillObserved['source']): void {
    this.entries.delete(key);
    entry.generation++;
    const previous = entry.drill.status;
    this.observe(entry.drill, source, { vanished: true });
    if (entry.drill.followed && isDrillInProgress(previous)) this.complete(entry.drill, previous === 'clearing' ? 'cleared' : 'vanished');
    if (notify) this.persistAndNotify();
  }

  private observe(drill: TrackedDrill, source: DrillObserved['source'], flags: { vanished?: boolean; discovered?: boolean } = {}): void {
    this.observed.fire({ drill: { ...drill }, at: this.clock.now(), source, vanished: flags.vanished ?? false, discovered: flags.discovered ?? false });
  }

  /**
   * The polling of a drill the user started here is capped at the fast interval while it executes: its measured time
   * to a usable drill disk is then honest to within that interval.
   */
  private policyFor(drill: TrackedDrill): PollingPolicy {
    return drill.fastPoll && drill.status === 'executing' ? { ...this.policy, maxMs: Math.min(this.policy.maxMs, this.policy.fastMs) } : this.policy;
  }

  private complete(drill: TrackedDrill, outcome: DrillOutcome): void {
    this.completed.fire({ drill: { ...drill }, outcome, announce: this.claims.claim(drill, outcome) });
  }

  private persistAndNotify(): void {
    if (this.disposed) return;
    // Tracking continues in memory when the store fails.
    saveDrills(this.options.store, [...this.entries.values()].map((e) => e.drill));
    this.changed.fire();
    this.schedule();
  }
}
