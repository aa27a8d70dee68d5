// What the host tests get of the Replication view (through the extension's test API): its explorer, tree and
// TreeView, waiting until it is idle, and stand-ins for the clock, the externals, the drill tracker and the drill
// evidence. The view builds it (ReplicationView.testApi()).
import type * as vscode from 'vscode';
import type { NodeRef, ReplicationExplorer } from '../explorer';
import type { DrillFreshness } from '../freshness';
import type { ProfileForest, TreeRef } from '../profileForest';
import type { RunningDrills } from '../runningDrills';
import type { ReplicationExternals } from './nodeCommands';
import type { ViewProblem } from './problems';
import type { AutoRefreshTestApi } from './viewAutoRefresh';

/** Hooks for the host tests (exposed through the extension's test API). */
export interface ReplicationTestApi {
  readonly explorer: ReplicationExplorer;
  readonly provider: vscode.TreeDataProvider<NodeRef>;
  readonly treeView: vscode.TreeView<NodeRef>;
  /** Resolves once the roots follow the active connection and nothing is loading. */
  whenIdle(): Promise<void>;
  /** Pins the clock used for "RP 4 min ago" (undefined: real time). */
  setClock(now: (() => Date) | undefined): void;
  setExternals(externals: ReplicationExternals | undefined): void;
  /** What the drill tracker does in production (tests put a stand-in and restore the tracker's). */
  setRunningDrills(running: RunningDrills): void;
  /** What the drill evidence does in production (tests put a stand-in and restore the evidence's). */
  setDrillFreshness(freshness: DrillFreshness): void;
  /**
   * The background refresh (ebsDr.autoRefreshMinutes): whether its one timer exists, whether it counts the view as
   * visible and the window as focused, and update() to re-evaluate now (after the test moved the clock with setClock).
   */
  autoRefresh: AutoRefreshTestApi;
  /** The TreeView's badge and message as VS Code shows them. */
  badge(): { value: number; tooltip: string } | undefined;
  message(): string | undefined;
  /** Why the active profile cannot be used, as the view shows it (the ebsDr.connectionProblem context key is its kind). */
  problem(): ViewProblem | undefined;
  /** The tree as VS Code sees it, side by side or not (profile roots, their problem nodes, then the explorers' nodes). */
  readonly tree: vscode.TreeDataProvider<TreeRef>;
  readonly forest: ProfileForest;
  /** Side by side: the explorer of a shown, usable profile. */
  explorerOf(profileId: string): ReplicationExplorer | undefined;
}
