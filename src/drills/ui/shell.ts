// What the drill actions share: the dependencies the composition root passes, the tracker (owned by the tracker
// host), requests with progress in context, and the small shell helpers (a drill's profile in its messages when
// profiles are shown side by side, reveal in the tree, copy).
import * as vscode from 'vscode';
import type { ConnectionProvider } from '../../credentials/connection';
import type { ConnectedClient, EbsClients } from '../../credentials/ui/clients';
import { profilesSideBySide } from '../../replication/ui/replicationView';
import type { Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import type { UserInput } from '../../shared/ui/userInput';
import type { DrillJournal } from '../journal';
import type { DrillKind } from '../model';
import type { DrillStore } from '../persistence';
import type { TrackerClock } from '../polling';
import type { DrillTracker } from '../tracker';
import type { DrillOwnerRef, DrillTree } from '../tree';

/** A request that takes longer than this also gets a cancellable progress notification. */
export const PROGRESS_NOTIFICATION_DELAY_MS = 1500;

export interface DrillsDeps {
  context: vscode.ExtensionContext;
  input: UserInput;
  log: Log;
  /** The one action path: every drill command, and every notification button that runs one, goes through it. */
  actions: Actions<ConnectedClient>;
  clients: Pick<EbsClients, 'forProfile'>;
  connections: ConnectionProvider;
  /** The Replication tree, when it is there. */
  tree?: DrillTree;
  /** Tests only: a fake clock for the tracker. */
  clock?: TrackerClock;
  /**
   * Where tracked drills are shared between windows and survive a reload (the drill evidence's record store); a new
   * store per tracker. Without it: globalState.
   */
  drillStore?: () => Pick<DrillStore, 'load' | 'save' | 'claimOnce' | 'releaseClaim'> & { flushed?(): Promise<void> };
  /** Who keeps the record of every drill (the drill evidence). */
  journal?: DrillJournal;
}

/** A start request that may have started a drill: its ClientToken and what the resolution compares against. */
export interface PendingStart {
  clientToken: string;
  /** Unix ms of the user action that first sent it. */
  actionStart: number;
  /** Drill IDs of the owner before that action (undefined when unknown). */
  before: ReadonlySet<string> | undefined;
}

/** One start action's hold on a pair or group. */
export interface StartClaim {
  release(): void;
}

export class DrillShell {
  private readonly inFlight = new Set<AbortController>();
  /** Owners (`profile\nownerId`) a start action is working on: from its first check until its outcome is known. */
  private readonly starting = new Map<string, StartClaim>();
  /** Start requests of an owner whose outcome stayed unknown: the next start of it sends the same request again. */
  private readonly unresolved = new Map<string, PendingStart>();

  constructor(
    readonly deps: DrillsDeps,
    private readonly currentTracker: () => DrillTracker,
  ) {}

  /** The tracker of the moment (a reload in the tests replaces it). */
  get tracker(): DrillTracker {
    return this.currentTracker();
  }

  /** Side by side, a drill's messages start with its profile's name ("prod: …"); otherwise they read as before. */
  named(account: string, text: string): string {
    if (!profilesSideBySide()) return text;
    const name = this.deps.connections.profiles().find((p) => p.id === account)?.name ?? account;
    return vscode.l10n.t('{0}: {1}', name, text);
  }

  /**
   * Runs a request with progress in context (the owner's tree node spins; without a tree, the window's progress) and,
   * only when it takes longer than a moment, a cancellable progress notification.
   */
  async busy<T>(owner: DrillOwnerRef | undefined, nodeText: string, title: string, profileId: string | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const busy = owner ? this.deps.tree?.busy?.(owner, nodeText, profileId) : undefined;
    const work = run(controller.signal);
    const quiet = work.then(
      () => undefined,
      () => undefined,
    );
    if (!busy) void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => quiet);
    const timer = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
        token.onCancellationRequested(() => controller.abort());
        return quiet;
      });
    }, PROGRESS_NOTIFICATION_DELAY_MS);
    try {
      return await work;
    } finally {
      clearTimeout(timer);
      busy?.dispose();
      this.inFlight.delete(controller);
    }
  }

  /**
   * Claims the pair or group for one start action; undefined when another start of it is in flight. The claim's
   * release frees only this claim (a later action may hold the owner by then).
   */
  claimStart(account: string, ownerId: string): StartClaim | undefined {
    const key = `${account}\n${ownerId}`;
    if (this.starting.has(key)) return undefined;
    const claim: StartClaim = { release: () => (this.starting.get(key) === claim ? void this.starting.delete(key) : undefined) };
    this.starting.set(key, claim);
    return claim;
  }

  /** Remembers (or, with undefined, forgets) the start request of an owner whose outcome is unknown. */
  setUnresolved(account: string, ownerId: string, pending: PendingStart | undefined): void {
    const key = `${account}\n${ownerId}`;
    if (pending) this.unresolved.set(key, pending);
    else this.unresolved.delete(key);
  }

  /**
   * Drills (drillKey) whose completion this window announced and the user has not looked at since in Show Drills: they
   * come first there, marked Finished, so a notification that went away is not the only trace.
   */
  readonly unseenFinished = new Set<string>();

  /** Drills (drillKey) the user asked to verify as soon as they are ready (Verify When Ready of the start notification). */
  readonly verifyWhenReady = new Set<string>();

  /** Starts in flight (tests wait for none before the next action) */
  startsInFlight(): number {
    return this.starting.size;
  }

  /** Forgets every start whose outcome is unknown, and which finished drills were not seen yet (test isolation). */
  forgetUnresolved(): void {
    this.unresolved.clear();
    this.unseenFinished.clear();
    this.verifyWhenReady.clear();
  }

  unresolvedStart(account: string, ownerId: string): PendingStart | undefined {
    return this.unresolved.get(`${account}\n${ownerId}`);
  }

  /** Whether a start of the pair or group is in flight (of any profile when `account` is omitted). */
  isStarting(ownerId: string, account?: string): boolean {
    return [...this.starting.keys()].some((key) => {
      const [a, o] = key.split('\n');
      return o === ownerId && (account === undefined || a === account);
    });
  }

  /** Cancels the drill requests in flight (as the progress notification's Cancel does). */
  cancelRequests(): void {
    this.inFlight.forEach((c) => c.abort());
  }

  async reveal(kind: DrillKind, ownerId: string, drillId: string, account?: string): Promise<void> {
    if (this.deps.tree?.reveal) await this.deps.tree.reveal(kind, ownerId, drillId, profilesSideBySide() ? account : undefined);
    else await vscode.commands.executeCommand('ebsDr.replication.focus');
  }

  async copy(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }
}
