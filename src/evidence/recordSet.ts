// The drill records the extension knows of, in memory: every record of the store's folders (the window's own, and
// the team's evidence folder with what teammates committed), kept current by every write of this window and reread
// when the folders change. Freshness, the overdue marks and the report read from here. Pure.
import { Emitter } from '../shared/events';
import { evidenceKey, type DrillEvidence } from './evidence';
import { mergeEvidence } from './merge';

/** What changed: one record (`previous` is the version known before, if any), or everything (a reread). */
export type RecordChange = { record: DrillEvidence; previous?: DrillEvidence } | undefined;

export class RecordSet {
  private readonly byKey = new Map<string, DrillEvidence>();
  private readonly changes = new Emitter<RecordChange>();
  private loadedFlag = false;

  /** Fires after the records changed (a write, or a reread). */
  readonly onDidChange = this.changes.event;

  /** False until the first full read: freshness is then not known, and nothing is claimed. */
  get loaded(): boolean {
    return this.loadedFlag;
  }

  /**
   * Replaces everything with a full read of the folders. Fires only when something differs from what was known: the
   * team folder's watcher rereads after every record this window writes there, and those are known already.
   */
  replace(records: readonly DrillEvidence[]): void {
    const before = this.loadedFlag ? new Map([...this.byKey].map(([key, r]) => [key, fingerprint(r)])) : undefined;
    this.byKey.clear();
    for (const record of records) this.add(record);
    const wasLoaded = this.loadedFlag;
    this.loadedFlag = true;
    if (wasLoaded && before && before.size === this.byKey.size && [...this.byKey].every(([key, r]) => before.get(key) === fingerprint(r))) return;
    this.changes.fire(undefined);
  }

  /** A record this window just wrote (merged with what is known, so a teammate's copy loses nothing). */
  upsert(record: DrillEvidence): void {
    const previous = this.byKey.get(evidenceKey(record));
    this.changes.fire({ record: this.add(record), previous });
  }

  /** The record of a drill by its key (evidenceKey / drillKey), if known. */
  get(key: string): DrillEvidence | undefined {
    return this.byKey.get(key);
  }

  all(): DrillEvidence[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }

  dispose(): void {
    this.changes.dispose();
  }

  private add(record: DrillEvidence): DrillEvidence {
    const key = evidenceKey(record);
    const known = this.byKey.get(key);
    const merged = known ? mergeEvidence(known, record) : record;
    this.byKey.set(key, merged);
    return merged;
  }
}

/** What tells two reads of a record apart: every write moves updatedAt (events, status, verdict and verification for safety). */
function fingerprint(r: DrillEvidence): string {
  return `${r.updatedAt}|${r.events.length}|${r.status}|${r.verdict ?? ''}|${r.verification?.state ?? ''}|${r.verification?.startedAt ?? ''}`;
}
