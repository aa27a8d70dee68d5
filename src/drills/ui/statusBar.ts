// The status-bar drill indicator (left side): renders the pure indicator model; click opens the drill quick pick.
import * as vscode from 'vscode';
import { COMMAND } from '../../shared/commands';
import { escapeMarkdown } from '../../shared/format';
import { localise } from '../../shared/ui/l10n';
import { indicatorModel, type IndicatorModel } from '../indicator';
import type { TrackedDrill } from '../model';
import { localiseText } from './text';

export class DrillStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ebsDr.drills', vscode.StatusBarAlignment.Left, 10);
  private model: IndicatorModel | undefined;

  constructor() {
    this.item.name = vscode.l10n.t('EBS DR Drills');
    this.item.command = COMMAND.showDrills;
  }

  render(drills: readonly TrackedDrill[], overdue = 0): void {
    const model = indicatorModel(drills, Date.now(), overdue);
    this.model = model;
    this.item.command = model.overdueOnly ? COMMAND.drillOverduePairs : COMMAND.showDrills;
    if (!model.visible || !model.text) {
      this.item.hide();
      return;
    }
    this.item.text = `$(${model.icon}) ${localise(model.text)}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    if (model.tooltipTitle) tooltip.appendMarkdown(`**${escapeMarkdown(localise(model.tooltipTitle))}**\n\n`);
    for (const line of model.lines) tooltip.appendMarkdown(`$(${line.icon}) ${escapeMarkdown(localiseText(line.text))}  \n`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: localise(model.text) };
    this.item.show();
  }

  /** What the user sees (tests): visible, text and tooltip as plain text. */
  snapshot(): { visible: boolean; text: string; tooltip: string } {
    const model = this.model;
    if (!model?.visible || !model.text) return { visible: false, text: '', tooltip: '' };
    const tooltip = model.overdueOnly && model.tooltipTitle ? localise(model.tooltipTitle) : model.lines.map((l) => localiseText(l.text)).join('\n');
    return { visible: true, text: this.item.text, tooltip };
  }

  dispose(): void {
    this.item.dispose();
  }
}
