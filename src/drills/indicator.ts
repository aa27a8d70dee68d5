// The status-bar drill indicator as data: counts of executing/clearing drills and of billable drill disks turned
// into an icon, a localisable text, tooltip lines and the view badge. Pure; the shell renders it.
import { drillStatusLabel } from '../ebs/labels';
import { ageMessage } from '../shared/format';
import type { LocalisableMessage } from '../shared/text';
import { billableDisks, ownerLabel, type TrackedDrill } from './model';
import { msg, type ComposedMessage } from './text';

export interface IndicatorModel {
  visible: boolean;
  /** Codicon name without `$()`, e.g. `sync~spin`. */
  icon: string;
  /** Absent when hidden. */
  text?: LocalisableMessage;
  /** Title line of the tooltip, then one line per drill (message and its codicon). */
  tooltipTitle?: LocalisableMessage;
  lines: Array<{ icon: string; drillId: string; text: ComposedMessage }>;
  /** What the view badge shows: the number in the status-bar text (0 = no badge), and a tooltip that says what it counts. */
  badge: number;
  badgeTooltip?: LocalisableMessage;
  executing: number;
  clearing: number;
  disks: number;
  /** Shown for the overdue count alone: its click drills overdue pairs instead of listing drills. */
  overdueOnly?: boolean;
}

/**
 * The indicator of the drills, and, when no drill runs or holds a disk, of the pairs and groups overdue for a drill
 * (`overdue`, counted by the drill evidence; 0 = none or not known).
 */
export function indicatorModel(drills: readonly TrackedDrill[], now: number, overdue = 0): IndicatorModel {
  const executing = drills.filter((d) => d.status === 'executing').length;
  const clearing = drills.filter((d) => d.status === 'clearing').length;
  const disks = drills.reduce((sum, d) => sum + billableDisks(d).length, 0);
  const lines = drills.map((d) => ({ icon: lineIcon(d), drillId: d.drillId, text: lineText(d, now) }));

  const counts = { executing, clearing, disks };
  const shown = (count: number, icon: string, text: LocalisableMessage, tooltipTitle: LocalisableMessage, badgeTooltip: LocalisableMessage): IndicatorModel => ({
    visible: true,
    icon,
    text,
    tooltipTitle,
    lines,
    badge: count,
    badgeTooltip,
    ...counts,
  });
  const actions = msg('EBS DR drills (click for actions)');
  if (executing > 0) {
    const text = executing === 1 ? msg('1 drill running') : msg('{0} drills running', executing);
    return shown(executing, 'sync~spin', text, actions, text);
  }
  if (clearing > 0) {
    const text = clearing === 1 ? msg('1 drill clearing') : msg('{0} drills clearing', clearing);
    return shown(clearing, 'sync~spin', text, actions, text);
  }
  if (disks > 0) {
    const text = disks === 1 ? msg('1 drill disk') : msg('{0} drill disks', disks);
    const badgeTooltip = disks === 1 ? msg('1 billable drill disk') : msg('{0} billable drill disks', disks);
    return shown(disks, 'database', text, msg('Drill disks are billed until their drills are cleared (click for actions)'), badgeTooltip);
  }
  if (overdue > 0) {
    const text = overdue === 1 ? msg('1 overdue for a drill') : msg('{0} overdue for a drill', overdue);
    const tooltip = overdue === 1 ? msg('1 pair or replica group is overdue for a drill (click to drill overdue pairs)') : msg('{0} pairs or replica groups are overdue for a drill (click to drill overdue pairs)', overdue);
    return { ...shown(overdue, 'warning', text, tooltip, tooltip), overdueOnly: true };
  }
  return { visible: false, icon: '', lines, badge: 0, ...counts };
}

function lineIcon(drill: TrackedDrill): string {
  switch (drill.status) {
    case 'executing':
    case 'clearing':
      return 'sync~spin';
    case 'executed':
      return 'pass';
    case 'execute_failed':
    case 'clear_failed':
      return 'error';
    default:
      return 'circle-outline';
  }
}

/** One tooltip / quick-pick line for a drill: "<drill> · <owner>: <state>". */
export function lineText(drill: TrackedDrill, now: number): ComposedMessage {
  const owner = ownerLabel(drill);
  const since = drill.startedAt !== undefined ? ageMessage(drill.startedAt, now) : undefined;
  switch (drill.status) {
    case 'executing':
      return since ? msg('{0} for {1}: running, started {2}', drill.drillId, owner, since) : msg('{0} for {1}: running', drill.drillId, owner);
    case 'clearing':
      return msg('{0} for {1}: clearing', drill.drillId, owner);
    case 'executed': {
      const disks = billableDisks(drill).map((d) => d.diskId).join(', ');
      return msg('{0} for {1}: finished, drill disk {2} billed until cleared', drill.drillId, owner, disks || '-');
    }
    case 'execute_failed':
      return msg('{0} for {1}: failed ({2})', drill.drillId, owner, drill.statusMessage ?? '-');
    case 'clear_failed':
      return msg('{0} for {1}: clearing failed ({2})', drill.drillId, owner, drill.statusMessage ?? '-');
    default:
      return msg('{0} for {1}: {2}', drill.drillId, owner, drillStatusLabel(drill.status));
  }
}

/**
 * A drill's state alone, for lines that already name the drill and its owner (Show Drills shows the drill ID as the
 * label and the owner as the description): "running, started 4 min ago", "finished, drill disk d-… billed until cleared".
 */
export function stateText(drill: TrackedDrill, now: number): ComposedMessage {
  const since = drill.startedAt !== undefined ? ageMessage(drill.startedAt, now) : undefined;
  switch (drill.status) {
    case 'executing':
      return since ? msg('running, started {0}', since) : msg('running');
    case 'clearing':
      return msg('clearing');
    case 'executed':
      return msg('finished, drill disk {0} billed until cleared', billableDisks(drill).map((d) => d.diskId).join(', ') || '-');
    case 'execute_failed':
      return msg('failed ({0})', drill.statusMessage ?? '-');
    case 'clear_failed':
      return msg('clearing failed ({0})', drill.statusMessage ?? '-');
    default:
      return msg('status {0}', drill.status);
  }
}
