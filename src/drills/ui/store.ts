// Persists tracked drills in the extension's globalState so a window reload resumes them.
import type * as vscode from 'vscode';
import type { TrackedDrill } from '../model';
import type { DrillStore } from '../tracker';

export const TRACKED_DRILLS_KEY = 'ebsDr.drills.tracked';

export function globalStateDrillStore(memento: vscode.Memento): DrillStore {
  return {
    load: () => {
      const raw = memento.get<unknown>(TRACKED_DRILLS_KEY);
      return Array.isArray(raw) ? raw.filter(isTrackedDrill) : [];
    },
    save: (drills) => memento.update(TRACKED_DRILLS_KEY, drills.length > 0 ? drills : undefined),
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
