// The drill records the extension knows of, in memory: every record of the store's folders (the window's own, and
// the team's evidence folder with what teammates committed), kept current by every write of this window and reread
// when the folders change. Freshness, the overdue marks and the report read from here. Pure.
import { Emitter } from '../shared/events';
import { evidenceKey, type DrillEvidence } from './evidence';
import { mergeEvidence } from './merge';

export class RecordSet {
  private readonly byKey = new Map<string, DrillEvidence>();
  private readonly changes = new Emitter<void>();
  private loadedFlag = false;

  /** Fires after the records changed (a write, or a reread). */
  readonly onDidChange = this.changes.event;

  /** False until the first full read: freshness is then not known, and nothing is claimed. */
  get loaded(): boolean {
    return this.loadedFlag;
  }

  /** Replaces everything with a full read of the folders. */
  replace(records: readonly DrillEvidence[]): void {
    this.byKey.clear();
    for (const record of records) this.add(record);
    this.loadedFlag = true;
    this.changes.fire();
  }

  /** A record this window just wrote (merged with what is known, so a teammate's copy loses nothing). */
  upsert(record: DrillEvidence): void {
    this.add(record);
    this.changes.fire();
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

  private add(record: DrillEvidence): void {
    const key = evidenceKey(record);
    const known = this.byKey.get(key);
    this.byKey.set(key, known ? mergeEvidence(known, record) : record);
  }
}
