// The drill journal of the evidence: turns what the drill features learn (a start and its RequestId, every answer of a
// poll or a listing, a clear and the user's verdict) into changes of the drill's record, written through the record
// store in the order they happened (one chain per drill), and kept in the window's RecordSet. A record is written
// only when something in it changed. Pure: the store, the account lookup and the clock are injected.
import type { DrillJournal, VerdictAnswer } from '../drills/journal';
import { drillKey, type DrillRef, type DrillTarget, type TrackedDrill } from '../drills/model';
import type { DrillObserved } from '../drills/tracker';
import type { Actor, DrillEvidence, Verification } from './evidence';
import {
  newEvidence,
  recordClearRequested,
  recordDiscovered,
  recordObservation,
  recordStarted,
  recordVanished,
  recordVerdict,
  recordVerification,
  type VerificationEvent,
} from './recorder';
import type { RecordSet } from './recordSet';
import type { EvidenceStore } from './store';

export interface JournalAccount {
  profileName: string;
  accessKeyId?: string;
}

export interface EvidenceJournalDeps {
  store: Pick<EvidenceStore, 'update'>;
  records: RecordSet;
  /** The profile's name and AccessKey ID (never a secret); the profile id when it no longer exists. */
  account(profileId: string): Promise<JournalAccount>;
  osUser: string;
  extensionVersion: string;
  now(): number;
  /** A record could not be written (the drill itself is unaffected). */
  onError(drill: TrackedDrill, error: unknown): void;
}

/** What a drill start knows that an observation does not: the source region, the RPO and a group's pairs. */
type StartFacts = Pick<DrillTarget, 'sourceRegionId' | 'rpoSeconds' | 'memberPairIds'>;

export class EvidenceJournal implements DrillJournal {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly deps: EvidenceJournalDeps) {}

  started(drill: TrackedDrill, facts: { target: DrillTarget; requestId?: string; adopted: boolean }): void {
    const at = this.deps.now();
    this.change(drill, facts.target, (record, actor) => recordStarted(record, { requestId: facts.requestId, by: actor }, at));
  }

  clearRequested(drill: TrackedDrill, facts: { requestId?: string; verdict?: VerdictAnswer }): void {
    const at = this.deps.now();
    this.change(drill, undefined, (record, actor) => {
      const cleared = recordClearRequested(record, { requestId: facts.requestId, by: actor }, at);
      return facts.verdict ? recordVerdict(cleared, { verdict: facts.verdict.verdict, notes: facts.verdict.notes, by: actor }, at) : cleared;
    });
  }

  /** Every answer about a drill the tracker got (tracker.onDidObserve). */
  observed(observed: DrillObserved): void {
    const { drill, at } = observed;
    this.change(drill, undefined, (record) => {
      if (observed.vanished) return recordVanished(record, at);
      const seen = observed.discovered ? recordDiscovered(record, at) : record;
      return recordObservation(seen, { status: drill.status, statusMessage: drill.statusMessage, disks: drill.disks, startedAt: drill.startedAt, recoverPoint: drill.recoverPoint }, at);
    });
  }

  /**
   * Writes a drill's latest verification (replacing the record's `verification`) and its event, in order with the
   * drill's other writes and under the record's lock. Resolves true when written; false, writing nothing, when no
   * record of the drill is known (a verification never creates a record). Rejects when the record cannot be written.
   */
  recordVerification(drill: DrillRef, verification: Verification, event?: VerificationEvent): Promise<boolean> {
    const key = drillKey(drill);
    const run = (this.chains.get(key) ?? Promise.resolve()).then(() => this.writeVerification(key, drill, verification, event));
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    const next = tail.finally(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
    this.chains.set(key, next);
    return run;
  }

  /** Resolves when every change asked for so far is written. */
  async flushed(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  private change(drill: TrackedDrill, start: StartFacts | undefined, apply: (record: DrillEvidence, actor: Actor) => DrillEvidence): void {
    const key = drillKey(drill);
    const previous = this.chains.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.write(drill, start, apply))
      .catch((error: unknown) => this.deps.onError(drill, error))
      .finally(() => {
        if (this.chains.get(key) === next) this.chains.delete(key);
      });
    this.chains.set(key, next);
  }

  private async writeVerification(key: string, drill: DrillRef, verification: Verification, event: VerificationEvent | undefined): Promise<boolean> {
    const known = this.deps.records.get(key);
    if (known === undefined) return false;
    let found = false;
    const written = await this.deps.store.update({ profileName: known.account.profileName, kind: drill.kind, drillId: drill.drillId }, (current) => {
      if (current === undefined) return undefined;
      found = true;
      const next = recordVerification(current, verification, this.deps.now(), event);
      return sameContent(current, next) ? undefined : next;
    });
    if (!found || written === undefined) return false;
    this.deps.records.upsert(written);
    return true;
  }

  private async write(drill: TrackedDrill, start: StartFacts | undefined, apply: (record: DrillEvidence, actor: Actor) => DrillEvidence): Promise<void> {
    const { deps } = this;
    const account = await deps.account(drill.account);
    const actor: Actor = { osUser: deps.osUser, profileName: account.profileName };
    const written = await deps.store.update({ profileName: account.profileName, kind: drill.kind, drillId: drill.drillId }, (current) => {
      const base =
        current ??
        newEvidence(
          {
            kind: drill.kind,
            drillId: drill.drillId,
            account: { profileId: drill.account, profileName: account.profileName, accessKeyId: account.accessKeyId || undefined },
            owner: { id: drill.ownerId, name: drill.ownerName, memberPairIds: start?.memberPairIds },
            regionId: drill.regionId,
            sourceRegionId: start?.sourceRegionId,
            zoneId: drill.zoneId,
            rpoSeconds: start?.rpoSeconds,
            recoveryPoint: drill.recoverPoint,
            startAt: drill.startedAt,
            extensionVersion: deps.extensionVersion,
          },
          deps.now(),
        );
      const next = apply(current ? withStartFacts(current, drill, start, account) : base, actor);
      return current && sameContent(current, next) ? undefined : next;
    });
    if (written) deps.records.upsert(written);
  }
}

/**
 * What only the journal knows, added to a record another writer created first (the tracker's store writes the new
 * drill at the same moment): the source region, the RPO, a group's pairs, the AccessKey ID.
 */
function withStartFacts(record: DrillEvidence, drill: TrackedDrill, start: StartFacts | undefined, account: JournalAccount): DrillEvidence {
  return {
    ...record,
    account: { ...record.account, accessKeyId: record.account.accessKeyId ?? (account.accessKeyId || undefined) },
    owner: { ...record.owner, name: record.owner.name ?? drill.ownerName, memberPairIds: record.owner.memberPairIds ?? start?.memberPairIds },
    sourceRegionId: record.sourceRegionId ?? start?.sourceRegionId,
    rpoSeconds: record.rpoSeconds ?? start?.rpoSeconds,
    zoneId: record.zoneId ?? drill.zoneId,
  };
}

/** True when two versions of a record differ in nothing but the time of the last write. */
function sameContent(a: DrillEvidence, b: DrillEvidence): boolean {
  return JSON.stringify({ ...a, updatedAt: '' }) === JSON.stringify({ ...b, updatedAt: '' });
}

