// How a status reads in the tree: pair/group status → health, its icon and colour, and the status texts of pairs,
// groups and drills; the icons of regions and message rows. Pure.
//
// Icons: a pair's icon is its health (HEALTH_ICONS: a check, sync arrows, pause, error…). A replica group's icon is
// always the `layers` codicon (a stack: several pairs) in its health's colour (GROUP_HEALTH_ICONS), so a group and a
// pair tell apart at a glance while the colour still says how the group is; its status is the first word of its row.
// A pair that was created but never started (`created`) is its own health, `notStarted` (an empty circle), never
// counted or shown as stopped.
import { drillDiskStatusLabel, drillStatusLabel, isRawLabel, pairStatusLabel } from '../ebs/labels';
import { isPairFailed, type DrillDiskStatus, type DrillStatus, type PairStatus } from '../ebs/types';
import type { LocalisableMessage } from '../shared/text';
import { localised, type Localiser } from './text';

/** A codicon id (`$(id)`) and an optional theme colour id. */
export interface IconSpec {
  id: string;
  color?: string;
}

export type Health = 'healthy' | 'syncing' | 'notStarted' | 'stopped' | 'failed' | 'failedOver' | 'transition' | 'deleted' | 'unknown';

export function pairHealth(status: PairStatus): Health {
  if (status === 'normal') return 'healthy';
  if (status === 'syncing' || status === 'initial_syncing' || status === 'manual_syncing') return 'syncing';
  if (status === 'created') return 'notStarted';
  if (status === 'stopped') return 'stopped';
  if (isPairFailed(status)) return 'failed';
  if (status === 'failovered') return 'failedOver';
  if (status === 'creating' || status === 'stopping' || status === 'failovering' || status === 'reprotecting' || status === 'deleting') return 'transition';
  if (status === 'deleted') return 'deleted';
  return 'unknown';
}

export const HEALTH_ICONS: Readonly<Record<Health, IconSpec>> = {
  healthy: { id: 'pass-filled', color: 'testing.iconPassed' },
  syncing: { id: 'sync', color: 'charts.blue' },
  notStarted: { id: 'circle-large-outline', color: 'charts.yellow' },
  stopped: { id: 'debug-pause', color: 'charts.yellow' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  failedOver: { id: 'arrow-swap', color: 'charts.orange' },
  transition: { id: 'loading~spin', color: 'charts.blue' },
  deleted: { id: 'trash', color: 'disabledForeground' },
  unknown: { id: 'question' },
};

/** The marker of a replica group: one shape for every group, coloured by its health. */
export const GROUP_ICON_ID = 'layers';

export const GROUP_HEALTH_ICONS: Readonly<Record<Health, IconSpec>> = Object.fromEntries(
  Object.entries(HEALTH_ICONS).map(([health, icon]) => [health, icon.color === undefined ? { id: GROUP_ICON_ID } : { id: GROUP_ICON_ID, color: icon.color }]),
) as Record<Health, IconSpec>;

export function drillIcon(status: DrillStatus): IconSpec {
  switch (status) {
    case 'executing':
      return { id: 'loading~spin', color: 'charts.blue' };
    case 'executed':
      return { id: 'beaker', color: 'testing.iconPassed' };
    case 'execute_failed':
    case 'clear_failed':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'clearing':
      return { id: 'trash', color: 'charts.blue' };
    default:
      return { id: 'question' };
  }
}

export const REGION_ICONS = {
  loading: { id: 'loading~spin' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  idle: { id: 'globe' },
  empty: { id: 'globe' },
  healthy: { id: 'globe', color: 'testing.iconPassed' },
  attention: { id: 'globe', color: 'charts.yellow' },
  broken: { id: 'globe', color: 'testing.iconFailed' },
} as const satisfies Record<string, IconSpec>;

export const MESSAGE_ICONS = {
  loadError: { id: 'refresh', color: 'testing.iconFailed' },
  info: { id: 'info' },
} as const satisfies Record<string, IconSpec>;

// The texts come from the one label table (ebs/labels.ts), localised here; the tree, the tooltips and the evidence
// report use these, the drill commands nest the table's messages in theirs.

export function pairStatusText(l: Localiser, status: PairStatus): string {
  return localised(l, pairStatusLabel(status));
}

/** Replica groups read as pairs do (the same statuses). */
export const groupStatusText = pairStatusText;

/** Status text with the status message when the service gave one (`Invalid (DeviceRemoved)`). */
export function pairStatusWithMessage(l: Localiser, status: PairStatus, statusMessage: string | undefined): string {
  const text = pairStatusText(l, status);
  return statusMessage ? l.t('{0} ({1})', text, statusMessage) : text;
}

export function drillStatusText(l: Localiser, status: DrillStatus): string {
  return localised(l, drillStatusLabel(status));
}

export function drillDiskStatusText(l: Localiser, status: DrillDiskStatus): string {
  return localised(l, drillDiskStatusLabel(status));
}

/**
 * A tooltip value: the human label with the raw API value beside it for support (`Failed over (failovered)`,
 * `Pay-as-you-go (POSTPAY)`); an unknown value shows once, as it is. Every tooltip row of a status, charge type or
 * site uses this one form.
 */
export function withApiValue(l: Localiser, label: LocalisableMessage, raw: string): string {
  return isRawLabel(label) ? raw : l.t('{0} ({1})', localised(l, label), raw);
}

/** Tooltip rows of a status: `Status | Failed over (failovered)`, and `Status message | …` when the service gave one. */
export function statusTooltipRows(l: Localiser, label: LocalisableMessage, raw: string, statusMessage: string | undefined): [string, string][] {
  const rows: [string, string][] = [[l.t('Status'), withApiValue(l, label, raw)]];
  if (statusMessage) rows.push([l.t('Status message'), statusMessage]);
  return rows;
}
