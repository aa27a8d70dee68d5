// How replication records look in the tree: status → health, icon and colour, status text, recovery-point
// age, direction, descriptions, Markdown tooltips, contextValues, node ids and console URLs. Pure.
//
// contextValue scheme (menus in package.json match these with `viewItem =~ /.../`):
//   region                          a chosen region (loaded, loading or idle)
//   region.failed                   its last load failed (its one child is the retry node)
//   group.drillable                 replica group that has a recovery point and a status that allows a group drill
//   group.drillable.drillRunning    … and one of its group drills is executing or clearing
//   group.notDrillable[.drillRunning]
//   pair.drillable                  pair with a recovery point in a status that allows StartPairDrill
//   pair.drillable.drillRunning     … and one of its drills is executing or clearing
//   pair.notDrillable[.drillRunning]
//   drill.pair.<state> / drill.group.<state>, where <state> is
//       executing | clearing        in progress (not clearable)
//       clearable                   executed, execute_failed or clear_failed (ClearPairDrill / ClearReplicaGroupDrill)
//       other                       an unknown status
//   loadError                       "Could not load … click to retry" (its command retries)
//   message                         an informational leaf ("No drills", "No replication pairs")
// Examples: Start Pair Drill → `viewItem =~ /^pair\.drillable/`; Clear Pair Drill → `viewItem == drill.pair.clearable`;
// Copy Drill ID → `viewItem =~ /^drill\./`; Refresh Pair → `viewItem =~ /^pair\./`.
import {
  isDrillClearable,
  isPairFailed,
  type DrillStatus,
  type GroupDrill,
  type PairDrill,
  type PairStatus,
  type ReplicaGroup,
  type ReplicaPair,
} from '../ebs/types';
import type { Localiser } from './text';

// ---------------------------------------------------------------------------------------------
// Ids
// ---------------------------------------------------------------------------------------------

export const regionNodeId = (regionId: string): string => `region/${regionId}`;
export const groupNodeId = (regionId: string, groupId: string): string => `region/${regionId}/group/${groupId}`;
/** A pair appears once per region (under its group or ungrouped), so its id does not include the group. */
export const pairNodeId = (regionId: string, pairId: string): string => `region/${regionId}/pair/${pairId}`;
export const pairDrillNodeId = (regionId: string, pairId: string, drillId: string): string => `${pairNodeId(regionId, pairId)}/drill/${drillId}`;
export const groupDrillNodeId = (regionId: string, groupId: string, drillId: string): string =>
  `${groupNodeId(regionId, groupId)}/drill/${drillId}`;

// ---------------------------------------------------------------------------------------------
// Icons and health
// ---------------------------------------------------------------------------------------------

/** A codicon id (`$(id)`) and an optional theme colour id. */
export interface IconSpec {
  id: string;
  color?: string;
}

export type Health = 'healthy' | 'syncing' | 'stopped' | 'failed' | 'failedOver' | 'transition' | 'deleted' | 'unknown';

export function pairHealth(status: PairStatus): Health {
  if (status === 'normal') return 'healthy';
  if (status === 'syncing' || status === 'initial_syncing' || status === 'manual_syncing') return 'syncing';
  if (status === 'stopped' || status === 'created') return 'stopped';
  if (isPairFailed(status)) return 'failed';
  if (status === 'failovered') return 'failedOver';
  if (status === 'creating' || status === 'stopping' || status === 'failovering' || status === 'reprotecting' || status === 'deleting') return 'transition';
  if (status === 'deleted') return 'deleted';
  return 'unknown';
}

export const HEALTH_ICONS: Readonly<Record<Health, IconSpec>> = {
  healthy: { id: 'pass-filled', color: 'testing.iconPassed' },
  syncing: { id: 'sync', color: 'charts.blue' },
  stopped: { id: 'debug-pause', color: 'charts.yellow' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  failedOver: { id: 'arrow-swap', color: 'charts.orange' },
  transition: { id: 'loading~spin', color: 'charts.blue' },
  deleted: { id: 'trash', color: 'disabledForeground' },
  unknown: { id: 'question' },
};

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

// ---------------------------------------------------------------------------------------------
// Status text
// ---------------------------------------------------------------------------------------------

export function pairStatusText(l: Localiser, status: PairStatus): string {
  switch (status) {
    case 'invalid':
      return l.t('Invalid');
    case 'creating':
      return l.t('Creating');
    case 'created':
      return l.t('Created');
    case 'create_failed':
      return l.t('Create failed');
    case 'initial_syncing':
      return l.t('Initial sync');
    case 'manual_syncing':
      return l.t('One-shot sync');
    case 'syncing':
      return l.t('Syncing');
    case 'normal':
      return l.t('Normal');
    case 'stopping':
      return l.t('Stopping');
    case 'stopped':
      return l.t('Stopped');
    case 'stop_failed':
      return l.t('Stop failed');
    case 'failovering':
      return l.t('Failing over');
    case 'failovered':
      return l.t('Failed over');
    case 'failover_failed':
      return l.t('Failover failed');
    case 'reprotecting':
      return l.t('Reprotecting');
    case 'reprotect_failed':
      return l.t('Reprotect failed');
    case 'deleting':
      return l.t('Deleting');
    case 'delete_failed':
      return l.t('Delete failed');
    case 'deleted':
      return l.t('Deleted');
    default:
      return status;
  }
}

/** Status text with the status message when the service gave one (`Invalid (DeviceRemoved)`). */
export function pairStatusWithMessage(l: Localiser, status: PairStatus, statusMessage: string | undefined): string {
  const text = pairStatusText(l, status);
  return statusMessage ? l.t('{0} ({1})', text, statusMessage) : text;
}

export function drillStatusText(l: Localiser, status: DrillStatus): string {
  switch (status) {
    case 'executing':
      return l.t('Executing');
    case 'executed':
      return l.t('Executed');
    case 'execute_failed':
      return l.t('Execute failed');
    case 'clearing':
      return l.t('Clearing');
    case 'clear_failed':
      return l.t('Clear failed');
    default:
      return status;
  }
}

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

/** "just now", "4 min ago", "3 h ago", "5 d ago" (floored; future instants count as now). */
export function ageText(l: Localiser, then: Date, now: Date): string {
  const seconds = Math.floor((now.getTime() - then.getTime()) / 1000);
  if (seconds < 60) return l.t('just now');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return l.t('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return l.t('{0} h ago', hours);
  return l.t('{0} d ago', Math.floor(hours / 24));
}

export function recoveryPointText(l: Localiser, recoverPoint: Date | undefined, now: Date): string {
  return recoverPoint ? l.t('RP {0}', ageText(l, recoverPoint, now)) : l.t('no recovery point yet');
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local time as `2026-01-01 08:04:00 (UTC+08:00)`. */
export function formatLocalDateTime(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const zone = `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return (
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} (${zone})`
  );
}

function localTimeWithAge(l: Localiser, date: Date | undefined, now: Date): string {
  return date ? l.t('{0}, {1}', formatLocalDateTime(date), ageText(l, date, now)) : '—';
}

// ---------------------------------------------------------------------------------------------
// Direction, drillability, contextValue
// ---------------------------------------------------------------------------------------------

/** `→ cn-shanghai` under the source region, `← cn-hangzhou` under the destination region (zones for same-region pairs). */
export function directionText(record: { sourceRegionId: string; destinationRegionId: string; sourceZoneId: string; destinationZoneId: string }, regionId: string): string {
  if (record.sourceRegionId === record.destinationRegionId) return `→ ${record.destinationZoneId || record.destinationRegionId}`;
  return record.sourceRegionId === regionId ? `→ ${record.destinationRegionId}` : `← ${record.sourceRegionId}`;
}

/** Statuses that accept a drill (the API only documents "a recovery point must exist"; the emulator uses the same set). */
const DRILLABLE: ReadonlySet<string> = new Set([
  'created',
  'initial_syncing',
  'manual_syncing',
  'syncing',
  'normal',
  'stopping',
  'stopped',
  'stop_failed',
]);

export function isDrillable(record: { status: PairStatus; lastRecoverPoint?: Date }): boolean {
  return record.lastRecoverPoint !== undefined && DRILLABLE.has(record.status);
}

export function ownerContextValue(kind: 'pair' | 'group', drillable: boolean, drillRunning: boolean): string {
  return `${kind}.${drillable ? 'drillable' : 'notDrillable'}${drillRunning ? '.drillRunning' : ''}`;
}

export function drillContextValue(kind: 'pair' | 'group', status: DrillStatus): string {
  const state = status === 'executing' || status === 'clearing' ? status : isDrillClearable(status) ? 'clearable' : 'other';
  return `drill.${kind}.${state}`;
}

export function isDrillRunning(status: DrillStatus): boolean {
  return status === 'executing' || status === 'clearing';
}

// ---------------------------------------------------------------------------------------------
// Descriptions and tooltips
// ---------------------------------------------------------------------------------------------

export const SEPARATOR = ' · ';

export function pairLabel(pair: ReplicaPair): string {
  return pair.name || pair.pairId;
}

export function groupLabel(group: ReplicaGroup): string {
  return group.name || group.groupId;
}

export function pairDescription(l: Localiser, pair: ReplicaPair, regionId: string, now: Date): string {
  return [directionText(pair, regionId), pairStatusWithMessage(l, pair.status, pair.statusMessage), recoveryPointText(l, pair.lastRecoverPoint, now)].join(SEPARATOR);
}

export function groupDescription(l: Localiser, group: ReplicaGroup, regionId: string, memberCount: number, now: Date): string {
  return [
    directionText(group, regionId),
    pairStatusWithMessage(l, group.status, group.statusMessage),
    recoveryPointText(l, group.lastRecoverPoint, now),
    memberCount === 1 ? l.t('1 pair') : l.t('{0} pairs', memberCount),
  ].join(SEPARATOR);
}

export function pairDrillDescription(l: Localiser, drill: PairDrill, now: Date): string {
  return [
    drillStatusText(l, drill.status),
    drill.drillDiskId ?? l.t('no drill disk'),
    drill.startedAt ? l.t('started {0}', ageText(l, drill.startedAt, now)) : undefined,
    recoveryPointText(l, drill.recoverPoint, now),
  ]
    .filter((part): part is string => part !== undefined)
    .join(SEPARATOR);
}

export function groupDrillDescription(l: Localiser, drill: GroupDrill, now: Date): string {
  const disks = drill.pairs.filter((p) => p.drillDiskId).length;
  return [
    drillStatusText(l, drill.status),
    disks === 1 ? l.t('1 drill disk') : l.t('{0} drill disks', disks),
    drill.startedAt ? l.t('started {0}', ageText(l, drill.startedAt, now)) : undefined,
    recoveryPointText(l, drill.recoverPoint, now),
  ]
    .filter((part): part is string => part !== undefined)
    .join(SEPARATOR);
}

/** Health roll-up of a region's pairs for its description ("13 pairs · 2 failed · 1 stopped"). */
export interface RegionSummary {
  pairs: number;
  groups: number;
  byHealth: Partial<Record<Health, number>>;
}

export function summarise(pairs: readonly ReplicaPair[], groups: number): RegionSummary {
  const byHealth: Partial<Record<Health, number>> = {};
  for (const pair of pairs) {
    const h = pairHealth(pair.status);
    byHealth[h] = (byHealth[h] ?? 0) + 1;
  }
  return { pairs: pairs.length, groups, byHealth };
}

export function regionSummaryText(l: Localiser, summary: RegionSummary): string {
  if (summary.pairs === 0 && summary.groups === 0) return l.t('no replication pairs');
  const parts = [summary.pairs === 1 ? l.t('1 pair') : l.t('{0} pairs', summary.pairs)];
  const failed = summary.byHealth.failed ?? 0;
  const stopped = summary.byHealth.stopped ?? 0;
  const failedOver = summary.byHealth.failedOver ?? 0;
  if (failed > 0) parts.push(l.t('{0} failed', failed));
  if (stopped > 0) parts.push(l.t('{0} stopped', stopped));
  if (failedOver > 0) parts.push(l.t('{0} failed over', failedOver));
  return parts.join(SEPARATOR);
}

export function regionSummaryIcon(summary: RegionSummary): IconSpec {
  if (summary.pairs === 0 && summary.groups === 0) return REGION_ICONS.empty;
  if ((summary.byHealth.failed ?? 0) > 0) return REGION_ICONS.broken;
  if ((summary.byHealth.stopped ?? 0) + (summary.byHealth.failedOver ?? 0) + (summary.byHealth.unknown ?? 0) > 0) return REGION_ICONS.attention;
  return REGION_ICONS.healthy;
}

/** Escapes text for a Markdown table cell. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** A heading line and a two-column table (field, value); values are escaped. */
export function markdownTable(l: Localiser, heading: string, rows: readonly (readonly [string, string])[]): string {
  const lines = [`**${escapeMarkdown(heading)}**`, '', `| ${l.t('Field')} | ${l.t('Value')} |`, '|---|---|'];
  for (const [field, value] of rows) lines.push(`| ${escapeMarkdown(field)} | ${escapeMarkdown(value === '' ? '—' : value)} |`);
  return lines.join('\n');
}

function rpoText(l: Localiser, seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  return seconds % 60 === 0 ? l.t('{0} s ({1} min)', seconds, seconds / 60) : l.t('{0} s', seconds);
}

function bandwidthText(l: Localiser, kbps: number | undefined): string {
  if (kbps === undefined) return '—';
  return kbps === 0 ? l.t('dynamic') : l.t('{0} Kbit/s', kbps);
}

function siteText(l: Localiser, site: string | undefined): string {
  if (site === 'production') return l.t('production');
  if (site === 'backup') return l.t('backup');
  return site ?? '—';
}

export function pairTooltipRows(l: Localiser, pair: ReplicaPair, regionId: string, now: Date): [string, string][] {
  const rows: [string, string][] = [
    [l.t('Pair ID'), pair.pairId],
    [l.t('Name'), pair.name],
    [l.t('Status'), pairStatusWithMessage(l, pair.status, pair.statusMessage)],
    [l.t('Direction'), directionText(pair, regionId)],
    [l.t('Primary disk'), `${pair.sourceDiskId} (${pair.sourceRegionId}, ${pair.sourceZoneId})`],
    [l.t('Secondary disk'), `${pair.destinationDiskId} (${pair.destinationRegionId}, ${pair.destinationZoneId})`],
    [l.t('Initial primary zone'), pair.primaryZoneId],
    [l.t('Initial secondary zone'), pair.standbyZoneId],
    [l.t('RPO'), rpoText(l, pair.rpoSeconds)],
    [l.t('Bandwidth'), bandwidthText(l, pair.bandwidthKbps)],
    [l.t('Charge type'), pair.chargeType ?? '—'],
    [l.t('Group'), pair.groupId ? (pair.groupName ? `${pair.groupName} (${pair.groupId})` : pair.groupId) : '—'],
    [l.t('Site'), siteText(l, pair.site)],
    [l.t('Recovery point'), pair.lastRecoverPoint ? localTimeWithAge(l, pair.lastRecoverPoint, now) : l.t('no recovery point yet')],
  ];
  if (pair.description) rows.splice(2, 0, [l.t('Description'), pair.description]);
  if (pair.createdAt) rows.push([l.t('Created'), formatLocalDateTime(pair.createdAt)]);
  if (pair.expiresAt) rows.push([l.t('Expires'), formatLocalDateTime(pair.expiresAt)]);
  return rows;
}

export function pairTooltip(l: Localiser, pair: ReplicaPair, regionId: string, now: Date): string {
  return markdownTable(l, l.t('Replication pair {0}', pairLabel(pair)), pairTooltipRows(l, pair, regionId, now));
}

export function groupTooltipRows(l: Localiser, group: ReplicaGroup, regionId: string, memberIds: readonly string[], now: Date): [string, string][] {
  const rows: [string, string][] = [
    [l.t('Group ID'), group.groupId],
    [l.t('Name'), group.name],
    [l.t('Status'), pairStatusWithMessage(l, group.status, group.statusMessage)],
    [l.t('Direction'), directionText(group, regionId)],
    [l.t('Primary zone'), `${group.sourceRegionId}, ${group.sourceZoneId}`],
    [l.t('Secondary zone'), `${group.destinationRegionId}, ${group.destinationZoneId}`],
    [l.t('RPO'), rpoText(l, group.rpoSeconds)],
    [l.t('Bandwidth'), bandwidthText(l, group.bandwidthKbps)],
    [l.t('Site'), siteText(l, group.site)],
    [l.t('Pairs'), memberIds.join(', ')],
    [l.t('Recovery point'), group.lastRecoverPoint ? localTimeWithAge(l, group.lastRecoverPoint, now) : l.t('no recovery point yet')],
  ];
  if (group.description) rows.splice(2, 0, [l.t('Description'), group.description]);
  return rows;
}

export function groupTooltip(l: Localiser, group: ReplicaGroup, regionId: string, memberIds: readonly string[], now: Date): string {
  return markdownTable(l, l.t('Replica group {0}', groupLabel(group)), groupTooltipRows(l, group, regionId, memberIds, now));
}

export function pairDrillTooltipRows(l: Localiser, drill: PairDrill, regionId: string, now: Date): [string, string][] {
  return [
    [l.t('Drill ID'), drill.drillId],
    [l.t('Pair ID'), drill.pairId],
    [l.t('Status'), drill.statusMessage ? l.t('{0} ({1})', drillStatusText(l, drill.status), drill.statusMessage) : drillStatusText(l, drill.status)],
    [l.t('Drill disk'), drill.drillDiskId ?? '—'],
    [l.t('Drill disk status'), drill.drillDiskStatus ?? '—'],
    [l.t('Region'), regionId],
    [l.t('Started'), localTimeWithAge(l, drill.startedAt, now)],
    [l.t('Recovery point'), drill.recoverPoint ? localTimeWithAge(l, drill.recoverPoint, now) : l.t('no recovery point yet')],
  ];
}

export function groupDrillTooltipRows(l: Localiser, drill: GroupDrill, regionId: string, now: Date): [string, string][] {
  return [
    [l.t('Drill ID'), drill.drillId],
    [l.t('Group ID'), drill.groupId],
    [l.t('Status'), drill.statusMessage ? l.t('{0} ({1})', drillStatusText(l, drill.status), drill.statusMessage) : drillStatusText(l, drill.status)],
    [
      l.t('Drill disks'),
      drill.pairs.map((p) => `${p.pairId}: ${p.drillDiskId ?? '—'}${p.drillDiskStatus ? ` (${p.drillDiskStatus})` : ''}`).join(', '),
    ],
    [l.t('Region'), regionId],
    [l.t('Started'), localTimeWithAge(l, drill.startedAt, now)],
    [l.t('Recovery point'), drill.recoverPoint ? localTimeWithAge(l, drill.recoverPoint, now) : l.t('no recovery point yet')],
  ];
}

// ---------------------------------------------------------------------------------------------
// Console
// ---------------------------------------------------------------------------------------------

/**
 * The EBS console's detail pages (routes as used by public console-link catalogues; the console has no documented
 * deep-link scheme): async replication pairs live under "dataProtection", replica (consistency) groups under
 * "consistencyGroup", both per region.
 */
export const CONSOLE_BASE = 'https://ebs.console.aliyun.com';

export function pairConsoleUrl(regionId: string, pairId: string): string {
  return `${CONSOLE_BASE}/dataProtection/${encodeURIComponent(regionId)}/${encodeURIComponent(pairId)}`;
}

export function groupConsoleUrl(regionId: string, groupId: string): string {
  return `${CONSOLE_BASE}/consistencyGroup/${encodeURIComponent(regionId)}/${encodeURIComponent(groupId)}`;
}
