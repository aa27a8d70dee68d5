// The drill tracker's store kept in the drill records: each window's tracker loads the drills some window is
// tracking, and a save writes only the drills that changed since this store last loaded or saved them. A save under
// one shared key (globalState) replaces the whole list, so a drill that only one window tracks vanishes when another
// window saves; here a window never touches the record of a drill it never saw. Pure.
import { drillKey, type TrackedDrill } from '../drills/model';
import type { DrillStore } from '../drills/persistence';
import { newEvidence, recordTracking, recordUntracked, trackedFromEvidence } from './recorder';
import type { EvidenceLocation, EvidenceStore } from './store';

export type ProfileOf = (profileId: string) => { name: string; accessKeyId?: string } | undefined;

export type EvidenceDrillStore = Pick<DrillStore, 'load' | 'save'> & {
  /** Resolves when every write started so far is done. */
  flushed(): Promise<void>;
};

interface Seen {
  /** The drill as this store last loaded or saved it (stable JSON). */
  json: string;
  where: EvidenceLocation;
}

export function evidenceDrillStore(store: EvidenceStore, profileOf: ProfileOf, extensionVersion: string, now: () => number): EvidenceDrillStore {
  let seen = new Map<string, Seen>();
  const inFlight = new Set<Promise<unknown>>();

  const write = (promise: Promise<unknown>): Promise<void> => {
    const settled = promise.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(settled);
    void settled.then(() => inFlight.delete(settled));
    return settled;
  };

  const locationOf = (drill: TrackedDrill): EvidenceLocation => ({
    profileName: profileOf(drill.account)?.name ?? drill.account,
    kind: drill.kind,
    drillId: drill.drillId,
  });

  return {
    load() {
      const drills: TrackedDrill[] = [];
      const loaded = new Map<string, Seen>();
      for (const record of store.loadPrimarySync()) {
        if (!record.tracking.active) continue;
        const drill = trackedFromEvidence(record);
        drills.push(drill);
        loaded.set(drillKey(drill), { json: stableJson(drill), where: { profileName: record.account.profileName, kind: record.kind, drillId: record.drillId } });
      }
      seen = loaded;
      return drills;
    },

    save(drills) {
      const next = new Map<string, Seen>();
      const writes: Promise<void>[] = [];
      for (const drill of drills) {
        const key = drillKey(drill);
        const json = stableJson(drill);
        const known = seen.get(key);
        const where = known?.where ?? locationOf(drill);
        next.set(key, { json, where });
        if (known?.json === json) continue;
        const tracked = JSON.parse(json) as TrackedDrill;
        // The time of the save, not of the write (which may wait for a lock).
        const at = now();
        writes.push(
          write(
            store.update(where, (current) => {
              const profile = profileOf(tracked.account);
              const record =
                current ??
                newEvidence(
                  {
                    kind: tracked.kind,
                    drillId: tracked.drillId,
                    account: { profileId: tracked.account, profileName: where.profileName, accessKeyId: profile?.accessKeyId },
                    owner: { id: tracked.ownerId, name: tracked.ownerName },
                    regionId: tracked.regionId,
                    zoneId: tracked.zoneId,
                    recoveryPoint: tracked.recoverPoint,
                    startAt: tracked.startedAt,
                    extensionVersion,
                  },
                  at,
                );
              return recordTracking(record, tracked, at);
            }),
          ),
        );
      }
      for (const [key, known] of seen) {
        if (next.has(key)) continue;
        // No longer tracked by this window: the record stays (it is the drill's evidence), inactive.
        writes.push(write(store.update(known.where, (current) => (current && current.tracking.active ? recordUntracked(current, now()) : undefined))));
      }
      seen = next;
      return Promise.all(writes).then(() => undefined);
    },

    async flushed() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

/** JSON with sorted keys and without undefined values: equal for equal drills whatever their key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
