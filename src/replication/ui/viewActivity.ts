// What the Replication view shows about work in progress: the progress bar on the view while anything loads (or
// one command's work runs) and the badge of running drills.
import * as vscode from 'vscode';
import type { RunningDrills } from '../runningDrills';

export const REPLICATION_VIEW_ID = 'ebsDr.replication';

export class ViewActivity implements vscode.Disposable {
  private endProgress: (() => void) | undefined;

  constructor(private readonly treeView: vscode.TreeView<unknown>) {}

  /** The view's progress bar while `busy` (one bar however many loads run). */
  progress(busy: boolean): void {
    if (busy && !this.endProgress) {
      void vscode.window.withProgress({ location: { viewId: REPLICATION_VIEW_ID } }, () => new Promise<void>((resolve) => (this.endProgress = resolve)));
    } else if (!busy && this.endProgress) {
      this.endProgress();
      this.endProgress = undefined;
    }
  }

  /** Progress on the view (with a title) while `work` runs; returns `work`. */
  withProgress<T>(work: Promise<T>, title?: string): Promise<T> {
    void vscode.window.withProgress({ location: { viewId: REPLICATION_VIEW_ID }, title }, () => work.then(
      () => undefined,
      () => undefined,
    ));
    return work;
  }

  /** The drill tracker's badge (running drills, else drill disks still held), or the running count. */
  showBadge(running: RunningDrills): void {
    if (running.badge) {
      this.treeView.badge = running.badge();
      return;
    }
    const count = running.count();
    this.treeView.badge =
      count > 0 ? { value: count, tooltip: count === 1 ? vscode.l10n.t('1 drill running') : vscode.l10n.t('{0} drills running', count) } : undefined;
  }

  dispose(): void {
    this.endProgress?.();
  }
}
