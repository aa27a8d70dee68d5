// The tracker host: one DrillTracker wired to the EBS client (its Describe*Drills calls), globalState, window focus,
// the profiles shown, the tree's drill listings, the status bar and the tree's running-drill badge. The tracker is
// replaced (a new one loaded from globalState) only when the tests simulate a window reload.
import * as vscode from 'vscode';
import { explainError } from '../../ebs/catalogue';
import { isEbsError } from '../../ebs/errors';
import { isDrillInProgress } from '../../ebs/types';
import type { RunningDrills } from '../../replication/runningDrills';
import { PROFILES_IN_TREE_SETTING, profilesSideBySide, TREE_PROFILES_SETTING, treeProfiles } from '../../replication/ui/replicationView';
import { localise } from '../../shared/ui/l10n';
import { onSettingChanged } from '../../shared/ui/settings';
import { indicatorModel } from '../indicator';
import { DRILL_KINDS } from '../kinds';
import { billableDisks, type DrillObservation, type TrackedDrill } from '../model';
import { DrillTracker, type DrillCompletion, type DrillObserved } from '../tracker';
import { ownerIdOf, type TreeDrillListing } from '../tree';
import type { DrillsDeps } from './shell';
import { DrillStatusBar } from './statusBar';
import { trackerDrillStore } from './store';

export class DrillTrackerHost implements vscode.Disposable {
  private current!: DrillTracker;
  private overdue = 0;
  private records: ReturnType<NonNullable<DrillsDeps['drillStore']>> | undefined;
  private trackerSubscriptions: { dispose(): void }[] = [];
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly statusBar = new DrillStatusBar();
  private readonly runningChanged = new vscode.EventEmitter<void>();
  private readonly observed = new vscode.EventEmitter<DrillObserved>();
  private readonly trackerChanged = new vscode.EventEmitter<void>();
  /** Every answer about a drill, from whichever tracker is current (a simulated reload replaces it). */
  readonly onDidObserve = this.observed.event;
  /** The tracked drills changed (of the current tracker). */
  readonly onDidChangeDrills = this.trackerChanged.event;

  readonly runningDrills: RunningDrills = {
    count: () => this.tracker.drills().filter((d) => isDrillInProgress(d.status)).length,
    onDidChange: (listener) => this.runningChanged.event(listener),
    // Being started counts too: the tree hides Start while a start of the owner is in flight.
    isRunning: (ownerId) => this.isStarting(ownerId) || this.tracker.drills().some((d) => d.ownerId === ownerId && isDrillInProgress(d.status)),
    heldDisks: (ownerId) => [...new Set(this.tracker.drills().filter((d) => d.ownerId === ownerId).flatMap((d) => billableDisks(d).map((disk) => disk.diskId)))],
    badge: () => {
      const model = indicatorModel(this.tracker.drills(), Date.now(), this.overdue);
      return model.badge > 0 && model.badgeTooltip ? { value: model.badge, tooltip: localise(model.badgeTooltip) } : undefined;
    },
  };

  constructor(
    private readonly deps: DrillsDeps,
    private readonly onCompleted: (completion: DrillCompletion) => void,
    private readonly isStarting: (ownerId: string) => boolean = () => false,
  ) {
    this.createTracker();
    const { tree } = deps;
    this.subscriptions.push(this.statusBar, this.runningChanged, this.observed, this.trackerChanged, vscode.window.onDidChangeWindowState((state) => this.applyFocus(state.focused)));
    const connections = deps.connections.onDidChange(() => void this.updateAccount());
    this.subscriptions.push(
      { dispose: () => connections.dispose() },
      onSettingChanged([PROFILES_IN_TREE_SETTING, TREE_PROFILES_SETTING], () => void this.updateAccount()),
    );
    if (tree?.onDidLoadDrills) {
      const listing = tree.onDidLoadDrills((l) => void this.onTreeListing(l));
      this.subscriptions.push({ dispose: () => listing.dispose() });
    }
    tree?.setRunningDrills?.(this.runningDrills);
    void this.updateAccount();
  }

  get tracker(): DrillTracker {
    return this.current;
  }

  /** A new tracker loaded from globalState (at activation, and when the tests simulate a reload or reset). */
  createTracker(account?: string): void {
    this.trackerSubscriptions.forEach((s) => s.dispose());
    this.current = new DrillTracker({
      describe: (drill, signal) => this.describe(drill, signal),
      store: trackerDrillStore(this.deps.context.globalState, (this.records = this.deps.drillStore?.())),
      clock: this.deps.clock,
      onPollError: (drill, error) => this.deps.log.warn(`Polling drill ${drill.drillId} in ${drill.regionId} failed: ${explainError(error).code}`),
    });
    this.trackerSubscriptions = [
      this.current,
      this.current.onDidChange(() => this.render()),
      this.current.onDidObserve((observed) => this.observed.fire(observed)),
      this.current.onDidComplete((completion) => this.onCompleted(completion)),
    ];
    this.applyFocus(vscode.window.state.focused);
    this.current.setAccount(account);
    this.render();
  }

  /** Resolves when what the tracker saved so far is written. */
  async flushed(): Promise<void> {
    await this.records?.flushed?.();
  }

  /** The drills shown, counted and polled: the active profile's, or every profile's shown side by side. */
  async updateAccount(): Promise<void> {
    if (profilesSideBySide()) {
      this.tracker.setAccounts(treeProfiles(this.deps.connections).map((p) => p.id));
      return;
    }
    const connection = await this.deps.connections.current().catch(() => undefined);
    if (profilesSideBySide()) return;
    this.tracker.setAccount(connection?.profileId);
  }

  private applyFocus(focused: boolean): void {
    if (focused) this.tracker.resume();
    else this.tracker.pause();
  }

  /** The pairs and groups overdue for a drill (the drill evidence counts them): shown when no drill runs or holds a disk. */
  setOverdue(count: number): void {
    if (count === this.overdue) return;
    this.overdue = count;
    this.render();
  }

  private render(): void {
    this.statusBar.render(this.tracker.drills(), this.overdue);
    this.runningChanged.fire();
    this.trackerChanged.fire();
  }

  private async describe(drill: TrackedDrill, signal: AbortSignal): Promise<DrillObservation | undefined> {
    const got = await this.deps.clients.forProfile(drill.account);
    if (!('connected' in got)) throw new Error('The profile that started the drill cannot be used.');
    try {
      const [found] = await DRILL_KINDS[drill.kind].describeDrills(got.connected.client, drill.regionId, drill.ownerId, { drillId: drill.drillId, signal });
      return found;
    } catch (error) {
      // The pair or group itself is gone, and its drills with it.
      if (isEbsError(error) && error.code === 'NoSuchResource') return undefined;
      throw error;
    }
  }

  private async onTreeListing(listing: TreeDrillListing): Promise<void> {
    const account = listing.profileId ?? (await this.deps.connections.current().catch(() => undefined))?.profileId;
    if (account === undefined) return;
    const { kind } = listing.owner;
    const drills = DRILL_KINDS[kind].listed(listing.drills);
    this.tracker.reconcile({ account, kind, regionId: listing.drRegionId, ownerId: ownerIdOf(listing.owner), drills });
  }

  dispose(): void {
    this.trackerSubscriptions.forEach((s) => s.dispose());
    this.subscriptions.forEach((s) => s.dispose());
  }
}
