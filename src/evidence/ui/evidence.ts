// The drill evidence shell, built in two steps by the composition root: constructed before the drills (they write
// through its journal and keep their tracked drills in its record store), attach() after the drills and the tree
// (observations of drills, the freshness marks, the overdue count, Export Drill Report, Drill Overdue Pairs).
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../../credentials/connection';
import type { ConnectedClient } from '../../credentials/ui/clients';
import { ANNOUNCED_TTL_MS } from '../../drills/persistence';
import type { Drills } from '../../drills/ui/drills';
import type { ReplicationView } from '../../replication/ui/replicationView';
import type { Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, SETTING } from '../../shared/ui/settings';
import type { UserInput } from '../../shared/ui/userInput';
import type { Actor, DrillEvidence, EvidenceEventType, Verification } from '../evidence';
import { drillKey, type DrillRef } from '../../drills/model';
import { claimFiles, type ClaimFiles } from '../claims';
import { EvidenceJournal, type JournalAccount } from '../evidenceJournal';
import { RecordSet } from '../recordSet';
import { EvidenceStore } from '../store';
import { evidenceDrillStore } from '../trackerStore';
import { primaryEvidenceFolder, teamEvidenceFolder } from './folders';
import { registerDrillOverdue } from './drillOverdue';
import { registerExportReport, type BuiltReport } from './exportReport';
import { FreshnessService } from './freshnessService';

/** How long a watcher event for a file this window wrote is taken as the echo of that write. */
const OWN_WRITE_MS = 10_000;

export interface EvidenceDeps {
  context: vscode.ExtensionContext;
  connections: ConnectionProvider;
  log: Log;
  input: UserInput;
}

/** What Verify Drill (a later layer) reads and writes in the drill records. */
export interface VerificationRecords {
  /** The record's last verification of the drill. */
  of(drill: DrillRef): Verification | undefined;
  write(drill: DrillRef, verification: Verification, event?: { type: EvidenceEventType; diskId?: string; instanceId?: string }): Promise<void>;
  /** The team's evidence folder (where `checks/` lives), when set. */
  teamFolder(): string | undefined;
  /** Who runs it: the OS user and the profile that owns the drill. */
  actor(drill: DrillRef & { account: string }): Promise<Actor>;
}

export interface EvidenceAttachDeps {
  actions: Actions<ConnectedClient>;
  drills: Drills;
  tree: ReplicationView;
}

/** Hooks for the host tests. */
export interface EvidenceTestApi {
  /** Every record the window knows of (after every write in flight). */
  records(): Promise<DrillEvidence[]>;
  /** The folders records are written to: the global storage one, and the team's when set. */
  folders(): { primary: string; team?: string };
  /** Waits until every record write asked for so far is done. */
  flushed(): Promise<void>;
  /** Rereads every record from the folders (as when a teammate's records arrive). */
  reread(): Promise<void>;
  /** Deletes every record of the global storage folder (test isolation); the team folder is the test's. */
  reset(): Promise<void>;
  freshness: FreshnessService;
  /** The completion claims every window shares (a test claims as another window would). */
  claims: ClaimFiles;
  /** The last drill report built in this window. */
  lastReport(): BuiltReport | undefined;
}

export class EvidenceShell implements vscode.Disposable {
  readonly store: EvidenceStore;
  readonly records = new RecordSet();
  readonly journal: EvidenceJournal;
  /** Which window announces a completion: claimed atomically in the global storage's record folder. */
  readonly claims: ClaimFiles;
  private readonly version: string;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly damagedWarned = new Set<string>();
  /** Every poll of a running drill writes its record: the profile behind it is resolved once, not per write. */
  private readonly accounts = new Map<string, Promise<JournalAccount>>();
  /** Record files this window wrote to the team folder lately (path → when): their watcher events are not news. */
  private readonly ownWrites = new Map<string, number>();
  private watcher: vscode.FileSystemWatcher | undefined;
  private rereadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly trackerStores: { flushed(): Promise<void> }[] = [];
  freshness: FreshnessService | undefined;

  constructor(private readonly deps: EvidenceDeps) {
    this.version = String((deps.context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
    const team = teamEvidenceFolder();
    this.store = new EvidenceStore({
      primary: primaryEvidenceFolder(deps.context),
      mirror: team.folder,
      onDamaged: (file, reason) => this.warnDamaged(file, reason),
      onWritten: (file) => this.ownWrites.set(file, Date.now()),
    });
    this.journal = new EvidenceJournal({
      store: this.store,
      records: this.records,
      account: (profileId) => this.account(profileId),
      osUser: osUser(),
      extensionVersion: this.version,
      now: () => Date.now(),
      onError: (drill, error) => deps.log.warn(`Could not write the record of drill ${drill.drillId}: ${error instanceof Error ? error.message : String(error)}`),
    });
    if (team.problem) deps.log.warn(team.problem);
    const forget = deps.connections.onDidChange(() => this.accounts.clear());
    this.subscriptions.push({ dispose: () => forget.dispose() });
    this.claims = claimFiles(primaryEvidenceFolder(deps.context));
    try {
      this.claims.prune(Date.now(), ANNOUNCED_TTL_MS);
    } catch {
      // Old claims stay; nothing depends on their removal.
    }
  }

  /** The tracker's store: each drill in its own record (a new one per tracker, as a window reload makes). */
  drillStore = (): ReturnType<typeof evidenceDrillStore> & ClaimFiles => {
    const store = evidenceDrillStore(this.store, (profileId) => this.profileName(profileId), this.version, () => Date.now());
    this.trackerStores.push(store);
    return { ...store, ...this.claims };
  };

  attach(attach: EvidenceAttachDeps): EvidenceTestApi {
    const { context, log } = this.deps;
    const freshness = new FreshnessService(this.records, attach.tree, () => this.store.mirror, log);
    this.freshness = freshness;
    attach.tree.setDrillFreshness(freshness);
    const report = registerExportReport({ ...attach, records: this.records, freshness, store: this.store, version: this.version, log });
    this.subscriptions.push(
      freshness,
      attach.drills.onDidObserve((observed) => this.journal.observed(observed)),
      freshness.onDidChangeOverdue((count) => attach.drills.setOverdue(count)),
      onSettingChanged([SETTING.evidenceFolder], () => this.folderChanged()),
      report.command,
      registerDrillOverdue({ ...attach, freshness }),
    );
    this.watchTeamFolder();
    void this.reread();
    context.subscriptions.push(this);
    return {
      records: async () => {
        await this.flushed();
        return this.records.all();
      },
      folders: () => ({ primary: primaryEvidenceFolder(context), team: this.store.mirror }),
      flushed: () => this.flushed(),
      reread: () => this.reread(),
      reset: async () => {
        await this.flushed();
        await vscode.workspace.fs.delete(vscode.Uri.file(primaryEvidenceFolder(context)), { recursive: true, useTrash: false }).then(undefined, () => undefined);
        await this.reread();
      },
      freshness,
      claims: this.claims,
      lastReport: () => report.last(),
    };
  }

  async flushed(): Promise<void> {
    await this.journal.flushed();
    await Promise.all(this.trackerStores.map((s) => s.flushed()));
  }

  /** Reads every record of both folders again. */
  async reread(): Promise<void> {
    try {
      this.records.replace(await this.store.readAll());
    } catch (error) {
      this.deps.log.warn(`Could not read the drill records: ${error instanceof Error ? error.message : String(error)}`);
    }
    await this.freshness?.reloadPolicy();
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.watcher?.dispose();
    if (this.rereadTimer) clearTimeout(this.rereadTimer);
    this.records.dispose();
  }

  private folderChanged(): void {
    const team = teamEvidenceFolder();
    if (team.problem) void this.deps.input.notify('warning', team.problem);
    this.store.setMirror(team.folder);
    this.watchTeamFolder();
    void this.reread();
  }

  /** Records a teammate commits (a git pull) and policy edits arrive through the watcher. */
  private watchTeamFolder(): void {
    this.watcher?.dispose();
    this.watcher = undefined;
    const folder = this.store.mirror;
    if (!folder) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*.json'));
    const soon = (uri: vscode.Uri): void => {
      const now = Date.now();
      for (const [file, at] of this.ownWrites) if (now - at > OWN_WRITE_MS) this.ownWrites.delete(file);
      // This window's own writes (every poll of a running drill) are known already: no reread of every record.
      if (this.ownWrites.has(uri.fsPath)) return;
      if (this.rereadTimer) clearTimeout(this.rereadTimer);
      this.rereadTimer = setTimeout(() => {
        this.rereadTimer = undefined;
        void this.reread();
      }, 500);
    };
    watcher.onDidCreate(soon);
    watcher.onDidChange(soon);
    watcher.onDidDelete(soon);
    this.watcher = watcher;
  }

  private warnDamaged(file: string, reason: string): void {
    this.deps.log.warn(`Skipped the damaged drill record ${file}: ${reason}`);
    if (this.damagedWarned.has(file)) return;
    this.damagedWarned.add(file);
    void this.deps.input.notify('warning', vscode.l10n.t('The drill record {0} is damaged and was skipped ({1}). The other records are unaffected.', file, reason));
  }

  /** What Verify Drill reads and writes in the drill records. */
  verificationRecords(): VerificationRecords {
    return {
      of: (drill) => this.records.get(drillKey(drill))?.verification,
      write: async (drill, verification, event) => {
        const written = await this.journal.recordVerification(drill, verification, event);
        if (!written) this.deps.log.warn(`Drill ${drill.drillId} has no record here: its verification is not recorded.`);
      },
      teamFolder: () => this.store.mirror,
      actor: async (drill) => ({ osUser: osUser(), profileName: (await this.account(drill.account)).profileName }),
    };
  }

  private profileName(profileId: string): { name: string; accessKeyId?: string } | undefined {
    const entry = this.deps.connections.profiles().find((p) => p.id === profileId);
    return entry ? { name: entry.name } : undefined;
  }

  /** The profile's name and AccessKey ID for a record: resolved once per profile until the profiles change. */
  private account(profileId: string): Promise<JournalAccount> {
    let known = this.accounts.get(profileId);
    if (!known) {
      const name = this.profileName(profileId)?.name ?? profileId;
      known = this.deps.connections.resolve(profileId).then(
        (resolved) => (resolved.status === 'ok' ? { profileName: resolved.connection.profileName, accessKeyId: resolved.connection.accessKeyId || undefined } : { profileName: name }),
        () => ({ profileName: name }),
      );
      this.accounts.set(profileId, known);
    }
    return known;
  }
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? '?';
  }
}
