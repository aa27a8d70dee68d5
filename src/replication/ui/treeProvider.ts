// The TreeDataProvider over the pure tree (ProfileForest over the explorers): PresentedNode → TreeItem, tooltips on
// hover, what a click runs; and the localiser the pure tree renders with (vscode.l10n.t).
import * as vscode from 'vscode';
import { remedy as remedyOf } from '../../credentials/remedies';
import { explainError } from '../../ebs/catalogue';
import { errorText } from '../../ebs/ui/errorMessages';
import { COMMAND } from '../../shared/commands';
import type { NodeRef, PresentedNode } from '../nodes';
import { isProfileNode, type ProblemRemedy, type ProfileForest, type TreeRef } from '../profileForest';
import type { Localiser } from '../text';

/** The pure tree's texts in the UI's language (zh-cn in l10n/bundle.l10n.zh-cn.json). */
export const localiser: Localiser = {
  t: (template, ...args) => vscode.l10n.t(template, ...args),
  errorText: (error) => errorText(explainError(error)),
};

export function isTreeRef(value: unknown): value is TreeRef {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { id?: unknown }).id === 'string';
}

/** A node of an explorer (region, group, pair, drill, message), not a profile row. */
export function isRef(value: unknown): value is NodeRef {
  return isTreeRef(value) && !isProfileNode(value);
}

/** What a way-out row runs: the remedy's command (Re-enter Secret for that profile), or Refresh for Retry. */
function remedyCommand(remedy: ProblemRemedy, profileId: string): vscode.Command {
  const way = remedyOf(remedy);
  return { command: way.command, title: vscode.l10n.t(way.label), arguments: way.takesProfileId ? [profileId] : [] };
}

function toTreeItem(node: TreeRef, p: PresentedNode): vscode.TreeItem {
  const state =
    p.collapsible === 'none'
      ? vscode.TreeItemCollapsibleState.None
      : p.collapsible === 'expanded'
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(p.label, state);
  item.id = p.id;
  item.description = p.description;
  if (p.tooltip) item.tooltip = new vscode.MarkdownString(p.tooltip);
  item.iconPath = new vscode.ThemeIcon(p.icon.id, p.icon.color ? new vscode.ThemeColor(p.icon.color) : undefined);
  item.contextValue = p.contextValue;
  if (node.kind === 'profileRemedy') item.command = remedyCommand(node.remedy, node.profileId);
  else if (p.retry && node.kind === 'profileProblem') item.command = { command: COMMAND.profileRemedies, title: vscode.l10n.t('Fix Profile…'), arguments: [node] };
  else if (p.retry) item.command = { command: COMMAND.retryLoad, title: vscode.l10n.t('Retry'), arguments: [node] };
  return item;
}

export class ReplicationTreeProvider implements vscode.TreeDataProvider<TreeRef>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeRef | TreeRef[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly forest: ProfileForest) {
    this.subscription = forest.onDidChange((refs) => this.changed.fire(refs));
  }

  getTreeItem(node: TreeRef): vscode.TreeItem {
    return toTreeItem(node, this.forest.present(node));
  }

  /** Tooltips are built on hover only (a table of every field; thousands of pairs would cost too much up front). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeRef): vscode.TreeItem {
    if (item.tooltip === undefined) {
      const tooltip = this.forest.tooltip(node);
      if (tooltip) item.tooltip = new vscode.MarkdownString(tooltip);
    }
    return item;
  }

  getChildren(node?: TreeRef): Promise<TreeRef[]> {
    return this.forest.children(node);
  }

  getParent(node: TreeRef): TreeRef | undefined {
    return this.forest.parent(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
