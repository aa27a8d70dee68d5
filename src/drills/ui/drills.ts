// The drill shell's one entry point, registerDrills() (extension.ts calls it): the tracker host, and Start Pair
// Drill / Start Replica Group Drill / Clear Drill / Show Drills registered through the one action path.
import type * as vscode from 'vscode';
import type { RunningDrills } from '../../replication/runningDrills';
import type { ConnectedClient } from '../../credentials/ui/clients';
import type { ActionContext } from '../../shared/ui/action';
import type { DrillTarget, TrackedDrill } from '../model';
import { startDrillsInBulk, type BulkStartOutcome } from './bulkStart';
import type { VerdictAnswer } from '../journal';
import { clearWithVerdict, drillOfArgument, registerClearDrill } from './clearDrill';
import { announceCompletion } from './completions';
import { DrillShell, type DrillsDeps } from './shell';
import { registerShowDrills } from './showDrills';
import { registerStartDrills } from './startDrill';
import { ANNOUNCED_DRILLS_KEY, TRACKED_DRILLS_KEY } from './store';
import { DrillTrackerHost } from './trackerHost';

export type { DrillsDeps } from './shell';

/** Hooks for the host tests (returned through the extension's test API). */
export interface DrillsTestApi {
  /** Drills the tracker knows for the active profile. */
  tracked(): TrackedDrill[];
  /** Polls every executing/clearing drill now (as if the timer fired) and waits for the answers. */
  pollNow(): Promise<void>;
  hasTimer(): boolean;
  isPaused(): boolean;
  /** The status-bar item as the user sees it. */
  statusBar(): { visible: boolean; text: string; tooltip: string };
  /** Replaces the tracker with one loaded from the shared store, as a window reload would. */
  simulateReload(): Promise<void>;
  /** Cancels the drill requests in flight (as the progress notification's Cancel does). */
  cancelRequests(): void;
  /** Starts whose outcome is not known yet (each holds its pair or group). */
  startsInFlight(): number;
  /** Forgets every tracked drill and every start whose outcome stayed unknown (test isolation). */
  reset(): Promise<void>;
  /** Calls made by the tracker so far. */
  polls(): number;
  runningDrills: RunningDrills;
}

/** What the drill shell offers the features built on it (the drill evidence). */
export interface Drills {
  /** Every answer about a drill (polls and the tree's listings), whichever tracker is current. */
  onDidObserve: DrillTrackerHost['onDidObserve'];
  /** The tracked drills changed. */
  onDidChangeDrills: DrillTrackerHost['onDidChangeDrills'];
  /** The overdue count the status bar and the badge show when no drill runs or holds a disk. */
  setOverdue(count: number): void;
  /** Starts drills for several pairs or groups after one confirmation (see bulkStart.ts). */
  startInBulk(context: ActionContext<ConnectedClient>, targets: readonly DrillTarget[], connected: ConnectedClient, question: string): Promise<BulkStartOutcome>;
  /** The drill of a command's argument (a drill node, a drill from a notification), else one the user picks. */
  drillOf(context: ActionContext<ConnectedClient>, arg: unknown, title: string, filter: (d: TrackedDrill) => boolean): Promise<TrackedDrill | undefined>;
  /** The drill as the tracker knows it now. */
  current(drill: TrackedDrill): TrackedDrill | undefined;
  /** Clears the drill without a confirmation, with this verdict in its record. */
  clearWithVerdict(context: ActionContext<ConnectedClient>, drill: TrackedDrill, verdict: VerdictAnswer): Promise<void>;
  testApi: DrillsTestApi;
}

export function registerDrills(deps: DrillsDeps): Drills {
  // The shell reads the host's tracker lazily (once the host exists); the host announces completions through the shell.
  const shell: DrillShell = new DrillShell(deps, () => host.tracker);
  const host = new DrillTrackerHost(
    deps,
    (completion) => announceCompletion(shell, completion),
    (ownerId) => shell.isStarting(ownerId),
  );
  const registered: vscode.Disposable[] = [...registerStartDrills(shell), registerClearDrill(shell), registerShowDrills(shell)];
  deps.context.subscriptions.push(host, ...registered, { dispose: () => shell.cancelRequests() });
  return {
    onDidObserve: host.onDidObserve,
    onDidChangeDrills: host.onDidChangeDrills,
    setOverdue: (count) => host.setOverdue(count),
    startInBulk: (context, targets, connected, question) => startDrillsInBulk(context, shell, targets, connected, question),
    drillOf: (context, arg, title, filter) => drillOfArgument(context, shell, arg, title, filter),
    current: (drill) => shell.tracker.get(drill),
    clearWithVerdict: (context, drill, verdict) => clearWithVerdict(context, shell, drill, verdict),
    testApi: testApi(deps, host, shell),
  };
}

function testApi(deps: DrillsDeps, host: DrillTrackerHost, shell: DrillShell): DrillsTestApi {
  const { globalState } = deps.context;
  return {
    tracked: () => host.tracker.drills(),
    pollNow: () => host.tracker.pollNow(),
    hasTimer: () => host.tracker.hasTimer(),
    isPaused: () => host.tracker.paused,
    statusBar: () => host.statusBar.snapshot(),
    simulateReload: async () => {
      const account = host.tracker.drills()[0]?.account;
      // A window reload closes the old window first: what it saved is on disk before the new one loads.
      await host.flushed();
      host.createTracker(account);
      await host.updateAccount();
    },
    cancelRequests: () => shell.cancelRequests(),
    startsInFlight: () => shell.startsInFlight(),
    reset: async () => {
      shell.forgetUnresolved();
      host.tracker.forgetAll();
      await host.flushed();
      await globalState.update(TRACKED_DRILLS_KEY, undefined);
      await globalState.update(ANNOUNCED_DRILLS_KEY, undefined);
      host.createTracker();
      await host.updateAccount();
    },
    polls: () => host.tracker.polls,
    runningDrills: host.runningDrills,
  };
}
