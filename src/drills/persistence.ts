// Where tracked drills survive a window reload, and the completions some window already announced. Every window of
// VS Code shares the store (globalState), so each completion is claimed there: only the first window that observes
// it announces it. Everything here is best effort: a store that fails leaves tracking in memory. Pure.
import { drillKey, type DrillRef, type TrackedDrill } from './model';
import type { TrackerClock } from './polling';
import type { DrillOutcome } from './transitions';

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
  /**
   * Optional, preferred over the two above: claims `key` atomically across windows (true for the first claim within
   * `ttlMs`, false when some window claimed it earlier), and forgets a claim. A read-modify-write of one shared map
   * is not atomic: VS Code's globalState may even hand a window back an older copy of it for a moment.
   */
  claimOnce?(key: string, now: number, ttlMs: number): boolean;
  releaseClaim?(key: string): void;
}

/** How long a completion claim is remembered (a window that slept longer may announce it again). */
export const ANNOUNCED_TTL_MS = 7 * 24 * 3_600_000;

/** Saves the tracked drills; a failure (thrown or rejected) is ignored. */
export function saveDrills(store: DrillStore, drills: readonly TrackedDrill[]): void {
  bestEffort(() => store.save(drills));
}

/** The claims of announced completions in the shared store. */
export class AnnouncementClaims {
  constructor(
    private readonly store: DrillStore,
    private readonly clock: TrackerClock,
  ) {}

  /** Claims the announcement of a completion; false when another window already claimed it. */
  claim(drill: DrillRef, outcome: DrillOutcome): boolean {
    const { store } = this;
    const key = announcedKey(drill, outcome);
    const now = this.clock.now();
    if (store.claimOnce) {
      try {
        return store.claimOnce(key, now, ANNOUNCED_TTL_MS);
      } catch {
        // At worst another window announces the same completion.
        return true;
      }
    }
    if (!store.loadAnnounced || !store.saveAnnounced) return true;
    let announced: Record<string, number>;
    try {
      announced = { ...store.loadAnnounced() };
    } catch {
      return true;
    }
    if (typeof announced[key] === 'number' && now - announced[key] < ANNOUNCED_TTL_MS) return false;
    for (const [k, at] of Object.entries(announced)) if (typeof at !== 'number' || now - at >= ANNOUNCED_TTL_MS) delete announced[k];
    announced[key] = now;
    // At worst another window announces the same completion.
    bestEffort(() => store.saveAnnounced?.(announced));
    return true;
  }

  /** Forgets the claim of a completion (a new attempt's outcome is news again). */
  release(drill: DrillRef, outcome: DrillOutcome): void {
    const { store } = this;
    if (store.releaseClaim) {
      try {
        store.releaseClaim(announcedKey(drill, outcome));
      } catch {
        // Best effort, like persistence.
      }
      return;
    }
    if (!store.loadAnnounced || !store.saveAnnounced) return;
    try {
      const announced = { ...store.loadAnnounced() };
      const key = announcedKey(drill, outcome);
      if (!(key in announced)) return;
      delete announced[key];
      bestEffort(() => store.saveAnnounced?.(announced));
    } catch {
      // Best effort, like persistence.
    }
  }
}

export function announcedKey(drill: DrillRef, outcome: DrillOutcome): string {
  return `${drillKey(drill)}#${outcome}`;
}

function bestEffort(save: () => void | PromiseLike<void>): void {
  try {
    const saved = save();
    if (saved) saved.then(undefined, () => undefined);
  } catch {
    // Persistence is best effort.
  }
}
