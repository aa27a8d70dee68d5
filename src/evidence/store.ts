// The drill records on disk: one JSON file per drill, `<root>/<account folder>/<kind>-<DrillId>.json`. The primary
// root is the extension's global storage (the canonical copy, and the drill tracker's state shared by every
// window); the mirror, when the team set an evidence folder, gets every write as well. An update reads the latest
// version (both copies, merged), applies the change and writes it atomically, one update of a file at a time in this
// process (a promise chain per file) and across processes (a lock file next to the record). A file that is not a
// readable record is reported once and skipped, and set aside before an update writes a new record in its place.
// Pure (Node's file system only).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evidenceKey, type DrillEvidence, type EvidenceKind } from './evidence';
import { acquireLock, listFiles, listFolders, mapLimit, readIfExists, setAside, writeAtomic } from './files';
import { accountFolder, isRecordFileName, parseEvidence, recordFileName, serializeEvidence } from './format';
import { mergeEvidence } from './merge';

export { parseEvidence, serializeEvidence } from './format';

export interface EvidenceStoreOptions {
  /** The canonical store: a folder under the extension's global storage. */
  primary: string;
  /** The team's evidence folder (setting ebsDr.evidenceFolder), when set: every write is also written there. */
  mirror?: string;
  /** A file that is not a readable record: called once per file per store. */
  onDamaged?: (file: string, reason: string) => void;
  /** A write to the mirror failed (the primary copy was written; a primary failure rejects the update instead). */
  onMirrorError?: (file: string, error: unknown) => void;
  /** A record file was written (the shell tells its own writes from a teammate's arriving in the watched folder). */
  onWritten?: (file: string) => void;
  /** Clock for the names of set-aside files (unix ms). */
  now?: () => number;
  /** A lock file older than this (ms) is taken over. Default 10 s. */
  lockStaleMs?: number;
  /** How long an update waits for a lock before writing without it (ms). Default 5 s. */
  lockTimeoutMs?: number;
}

/** Where a drill's record lives. */
export interface EvidenceLocation {
  profileName: string;
  kind: EvidenceKind;
  drillId: string;
}

/** What an update's change returns: the record to write, or undefined to leave the file as it is. */
export type EvidenceChange = (current: DrillEvidence | undefined) => DrillEvidence | undefined;

/** How many record files are read at once. */
const READ_CONCURRENCY = 64;

type Read = { record?: DrillEvidence };

export class EvidenceStore {
  readonly primary: string;
  private mirrorFolder: string | undefined;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly reported = new Set<string>();
  private readonly now: () => number;
  private readonly lock: { staleMs: number; timeoutMs: number };

  constructor(private readonly options: EvidenceStoreOptions) {
    this.primary = resolve(options.primary);
    this.now = options.now ?? Date.now;
    this.lock = { staleMs: options.lockStaleMs ?? 10_000, timeoutMs: options.lockTimeoutMs ?? 5_000 };
    this.setMirror(options.mirror);
  }

  get mirror(): string | undefined {
    return this.mirrorFolder;
  }

  /** Sets or removes the team's evidence folder (the primary folder itself is no mirror). */
  setMirror(folder: string | undefined): void {
    const resolved = folder === undefined || folder.trim() === '' ? undefined : resolve(folder);
    this.mirrorFolder = resolved === this.primary ? undefined : resolved;
  }

  /** The record file of a drill below a root folder. */
  fileOf(root: string, where: EvidenceLocation): string {
    return join(root, accountFolder(where.profileName), recordFileName(where.kind, where.drillId));
  }

  /**
   * Applies `change` to the latest version of a drill's record and writes the result to the primary folder and the
   * mirror. Resolves with the record written, or the current one when `change` returned undefined (nothing written).
   * Rejects only when the primary copy cannot be read or written.
   */
  update(where: EvidenceLocation, change: EvidenceChange): Promise<DrillEvidence | undefined> {
    const file = this.fileOf(this.primary, where);
    const run = (this.chains.get(file) ?? Promise.resolve()).then(() => this.updateNow(where, change));
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(file, tail);
    void tail.then(() => {
      if (this.chains.get(file) === tail) this.chains.delete(file);
    });
    return run;
  }

  /** Every record of the primary folder, read synchronously (the tracker loads while it is constructed). */
  loadPrimarySync(): DrillEvidence[] {
    const records = new Map<string, DrillEvidence>();
    for (const folder of entriesSync(this.primary, true)) {
      for (const name of entriesSync(join(this.primary, folder), false)) {
        if (!isRecordFileName(name)) continue;
        const file = join(this.primary, folder, name);
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          this.damaged(file, unreadable(error));
          continue;
        }
        const read = this.parse(file, text);
        if (read.record) add(records, read.record);
      }
    }
    return [...records.values()];
  }

  /** Every record of the primary folder and the mirror (a teammate's committed records too), one per drill. */
  async readAll(): Promise<DrillEvidence[]> {
    const roots = [this.primary, ...(this.mirrorFolder ? [this.mirrorFolder] : [])];
    const folders = (await Promise.all(roots.map(async (root) => (await listFolders(root)).map((f) => join(root, f))))).flat();
    const files = (await mapLimit(folders, READ_CONCURRENCY, async (folder) => (await listFiles(folder)).filter(isRecordFileName).map((n) => join(folder, n)))).flat();
    const reads = await mapLimit(files, READ_CONCURRENCY, async (file) => {
      try {
        const text = await readIfExists(file);
        return text === undefined ? {} : this.parse(file, text);
      } catch (error) {
        this.damaged(file, unreadable(error));
        return {};
      }
    });
    const records = new Map<string, DrillEvidence>();
    for (const read of reads) if (read.record) add(records, read.record);
    return [...records.values()];
  }

  private async updateNow(where: EvidenceLocation, change: EvidenceChange): Promise<DrillEvidence | undefined> {
    const primaryFile = this.fileOf(this.primary, where);
    const mirrorFile = this.mirrorFolder === undefined ? undefined : this.fileOf(this.mirrorFolder, where);
    // Always the primary's lock first, so two processes never wait for each other's second lock.
    const releases = [await acquireLock(primaryFile, this.lock)];
    if (mirrorFile) releases.push(await acquireLock(mirrorFile, this.lock));
    try {
      const primary = await this.readForUpdate(primaryFile);
      let mirror: DrillEvidence | undefined;
      if (mirrorFile) {
        try {
          mirror = await this.readForUpdate(mirrorFile);
        } catch (error) {
          this.options.onMirrorError?.(mirrorFile, error);
        }
      }
      const current = primary && mirror ? mergeEvidence(primary, mirror) : (primary ?? mirror);
      const next = change(current);
      if (next === undefined) return current;
      const text = serializeEvidence(next);
      await writeAtomic(primaryFile, text);
      if (mirrorFile) {
        try {
          this.options.onWritten?.(mirrorFile);
          await writeAtomic(mirrorFile, text);
        } catch (error) {
          this.options.onMirrorError?.(mirrorFile, error);
        }
      }
      return next;
    } finally {
      for (const release of releases.reverse()) await release();
    }
  }

  /** The record in a file; a damaged one is reported, moved aside so the update does not destroy it, and absent. */
  private async readForUpdate(file: string): Promise<DrillEvidence | undefined> {
    const text = await readIfExists(file);
    if (text === undefined) return undefined;
    const read = this.parse(file, text);
    if (read.record) return read.record;
    await setAside(file, `damaged-${new Date(this.now()).toISOString().replace(/[-:.]/g, '')}`);
    return undefined;
  }

  private parse(file: string, text: string): Read {
    const parsed = parseEvidence(text);
    if ('error' in parsed) {
      this.damaged(file, parsed.error);
      return {};
    }
    return { record: parsed };
  }

  private damaged(file: string, reason: string): void {
    if (this.reported.has(file)) return;
    this.reported.add(file);
    try {
      this.options.onDamaged?.(file, reason);
    } catch {
      // A failing report must not stop the others' reading.
    }
  }
}

/** Adds a record, merged with another copy of the same drill (the mirror's, or an older account folder's). */
function add(records: Map<string, DrillEvidence>, record: DrillEvidence): void {
  const key = evidenceKey(record);
  const known = records.get(key);
  records.set(key, known ? mergeEvidence(known, record) : record);
}

function entriesSync(folder: string, folders: boolean): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => (folders ? e.isDirectory() : e.isFile()))
      .map((e) => e.name);
  } catch {
    return [];
  }
}

function unreadable(error: unknown): string {
  return `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
}
