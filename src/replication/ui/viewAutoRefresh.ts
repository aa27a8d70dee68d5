// The Replication view's background refresh (ebsDr.autoRefreshMinutes) in VS Code: the pure AutoRefresher fed with
// the view's visibility, the window's focus, the setting, and every root region of every shown explorer; and its
// hooks for the host tests.
import * as vscode from 'vscode';
import type { Log } from '../../shared/ui/log';
import { onSettingChanged, setting, SETTING } from '../../shared/ui/settings';
import { AutoRefresher, type RefreshTarget } from '../autoRefresh';
import type { ProfileForest, TreeRef } from '../profileForest';

export interface ViewAutoRefreshDeps {
  treeView: vscode.TreeView<TreeRef>;
  forest: ProfileForest;
  /** The view's clock (unix ms; the tests pin it). */
  now(): number;
  log: Log;
}

/** What the host tests see of the background refresh (see ReplicationTestApi.autoRefresh). */
export interface AutoRefreshTestApi {
  hasTimer(): boolean;
  visible(): boolean;
  focused(): boolean;
  update(): void;
  /** Stands in for the window's focus (a headless test window may never be focused); undefined: the real focus again. */
  assumeFocused(focused: boolean | undefined): void;
}

export class ViewAutoRefresh implements vscode.Disposable {
  private readonly refresher: AutoRefresher;
  private viewVisible = false;
  private windowFocused = false;
  private focusOverride: boolean | undefined;
  private readonly subscriptions: { dispose(): void }[] = [];

  constructor(private readonly deps: ViewAutoRefreshDeps) {
    const { treeView, forest, log } = deps;
    this.refresher = new AutoRefresher({
      now: () => deps.now(),
      timers: { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
      targets: () => this.refreshTargets(),
      thresholdMs: () => Math.max(0, setting<number>(SETTING.autoRefreshMinutes, 5)) * 60_000,
      onError: (key, error) => log.warn(`Replication view: background refresh of ${key} failed: ${error instanceof Error ? error.name : 'error'}`),
    });
    this.viewVisible = treeView.visible;
    this.windowFocused = vscode.window.state.focused;
    this.refresher.setVisible(this.viewVisible);
    this.refresher.setFocused(this.windowFocused);
    // Re-evaluated when a region's state changes (a load settled, roots changed), not on every row.
    const onTree = forest.onDidChange((changed) => {
      if (changed === undefined || changed.some((ref) => ref.kind === 'region' || ref.kind === 'profile')) this.refresher.update();
    });
    this.subscriptions.push(
      onTree,
      { dispose: () => this.refresher.dispose() },
      treeView.onDidChangeVisibility((event) => {
        this.viewVisible = event.visible;
        this.refresher.setVisible(event.visible);
      }),
      vscode.window.onDidChangeWindowState((state) => {
        this.windowFocused = state.focused;
        this.refresher.setFocused(this.focusOverride ?? state.focused);
      }),
      onSettingChanged([SETTING.autoRefreshMinutes], () => this.refresher.update()),
    );
  }

  /** Re-evaluates now (the view finished loading). */
  update(): void {
    this.refresher.update();
  }

  /** Every root region of every shown explorer, for the background refresh (a region counts once it is loaded, not while it reloads). */
  private refreshTargets(): RefreshTarget[] {
    return this.deps.forest.explorers().flatMap((explorer) =>
      explorer.rootRegionIds().map((regionId) => ({
        key: `${explorer.profileId ?? ''}|${regionId}`,
        loadedAt: explorer.regionState(regionId) === 'loaded' ? explorer.loadedAt(regionId)?.getTime() : undefined,
        reload: () => explorer.refreshRegion(regionId),
      })),
    );
  }

  testApi(): AutoRefreshTestApi {
    return {
      hasTimer: () => this.refresher.hasTimer(),
      visible: () => this.viewVisible,
      focused: () => this.windowFocused,
      update: () => this.refresher.update(),
      assumeFocused: (focused) => {
        this.focusOverride = focused;
        this.refresher.setFocused(focused ?? this.windowFocused);
      },
    };
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}
