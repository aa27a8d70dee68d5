// Persists tracked drills in the extension's globalState so a window reload resumes them, and the completions some
// window already announced (globalState is shared by every window, so another window does not announce them again).
import type * as vscode from 'vscode';
import { drillKey, type TrackedDrill } from '../model';
import type { DrillStore } from '../persistence';

export const TRACKED_DRILLS_KEY = 'ebsDr.drills.tracked';
export const ANNOUNCED_DRILLS_KEY = 'ebsDr.drills.announced';

/**
 * The tracker's store: the shared record store for the drill list when there is one (each drill in its own file, so
 * windows never overwrite each other's drills), globalState for the completion claims. Drills an earlier version
 * kept in globalState are taken over once: loaded with the others, saved into the records, then the key is removed.
 */
export function trackerDrillStore(memento: vscode.Memento, records: Pick<DrillStore, 'load' | 'save' | 'claimOnce' | 'releaseClaim'> | undefined): DrillStore {
  const legacy = globalStateDrillStore(memento);
  if (!records) return legacy;
  return {
    ...legacy,
    // Completion claims in the record store's folder when it offers them (atomic across windows), else globalState.
    claimOnce: records.claimOnce?.bind(records),
    releaseClaim: records.releaseClaim?.bind(records),
    load: () => {
      const loaded = records.load();
      const known = new Set(loaded.map(drillKey));
      const taken = legacy.load().filter((d) => !known.has(drillKey(d)));
      if (taken.length === 0) return loaded;
      const all = [...loaded, ...taken];
      // Into the records at once (not at the tracker's next save, which may never come for a finished drill).
      void Promise.resolve(records.save(all)).then(() => memento.update(TRACKED_DRILLS_KEY, undefined), () => undefined);
      return all;
    },
    save: async (drills) => {
      await records.save(drills);
      if (memento.get(TRACKED_DRILLS_KEY) !== undefined) await memento.update(TRACKED_DRILLS_KEY, undefined);
    },
  };
}

export function globalStateDrillStore(memento: vscode.Memento): DrillStore {
  return {
    load: () => {
      const raw = memento.get<unknown>(TRACKED_DRILLS_KEY);
      return Array.isArray(raw) ? raw.filter(isTrackedDrill) : [];
    },
    save: (drills) => memento.update(TRACKED_DRILLS_KEY, drills.length > 0 ? drills : undefined),
    loadAnnounced: () => {
      const raw = memento.get<unknown>(ANNOUNCED_DRILLS_KEY);
      return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, number>) : {};
    },
    saveAnnounced: (announced) => memento.update(ANNOUNCED_DRILLS_KEY, Object.keys(announced).length > 0 ? announced : undefined),
  };
}

function isTrackedDrill(value: unknown): value is TrackedDrill {
  const d = value as Partial<TrackedDrill> | null;
  return (
    typeof d === 'object' &&
    d !== null &&
    (d.kind === 'pair' || d.kind === 'group') &&
    typeof d.regionId === 'string' &&
    typeof d.ownerId === 'string' &&
    typeof d.drillId === 'string' &&
    typeof d.account === 'string' &&
    typeof d.status === 'string' &&
    Array.isArray(d.disks)
  );
}
