// What the node kinds of the tree share in how they read: ages and recovery points, local times, direction, labels,
// drillability and contextValues, Markdown tables of fields. Pure; each node kind (nodes/*.ts) composes these.
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
import { isDrillable } from '../ebs/drillable';
import { bandwidthLabel, chargeTypeLabel, siteLabel } from '../ebs/labels';
import { isDrillClearable, type DrillStatus, type PairStatus, type ReplicaGroup, type ReplicaPair } from '../ebs/types';
import { ageMessage, escapeMarkdown, formatLocalDateTime } from '../shared/format';
import { withApiValue } from './status';
import { localised, type Localiser } from './text';

// ---------------------------------------------------------------------------------------------
// Times
// ---------------------------------------------------------------------------------------------

/** The age of a past instant in the one rounding every part of the UI uses (shared/format.ts ageMessage). */
export function ageText(l: Localiser, then: Date | number, now: Date): string {
  return localised(l, ageMessage(typeof then === 'number' ? then : then.getTime(), now.getTime()));
}

export function recoveryPointText(l: Localiser, recoverPoint: Date | number | undefined, now: Date): string {
  return recoverPoint !== undefined ? l.t('RP {0}', ageText(l, recoverPoint, now)) : l.t('no recovery point yet');
}

/** `2026-01-01 08:04:00 (UTC+08:00), 4 min ago`, or — without a date. */
export function localTimeWithAge(l: Localiser, date: Date | number | undefined, now: Date): string {
  return date !== undefined ? l.t('{0}, {1}', formatLocalDateTime(date), ageText(l, date, now)) : '—';
}

/** A recovery point's row value: local time and age, or that there is none yet. */
export function recoveryPointRow(l: Localiser, recoverPoint: Date | number | undefined, now: Date): string {
  return recoverPoint !== undefined ? localTimeWithAge(l, recoverPoint, now) : l.t('no recovery point yet');
}

// ---------------------------------------------------------------------------------------------
// Direction, drillability, contextValue
// ---------------------------------------------------------------------------------------------

/** `→ cn-shanghai` under the source region, `← cn-hangzhou` under the destination region (zones for same-region pairs). */
export function directionText(record: { sourceRegionId: string; destinationRegionId: string; sourceZoneId: string; destinationZoneId: string }, regionId: string): string {
  if (record.sourceRegionId === record.destinationRegionId) return `→ ${record.destinationZoneId || record.destinationRegionId}`;
  return record.sourceRegionId === regionId ? `→ ${record.destinationRegionId}` : `← ${record.sourceRegionId}`;
}

/** The one drillable rule (ebs/drillable.ts) for a pair or group record. */
export function isRecordDrillable(record: { status: PairStatus; lastRecoverPoint?: number }): boolean {
  return isDrillable({ status: record.status, recoverPoint: record.lastRecoverPoint });
}

export function ownerContextValue(kind: 'pair' | 'group', drillable: boolean, drillRunning: boolean): string {
  return `${kind}.${drillable ? 'drillable' : 'notDrillable'}${drillRunning ? '.drillRunning' : ''}`;
}

export function drillContextValue(kind: 'pair' | 'group', status: DrillStatus): string {
  const state = status === 'executing' || status === 'clearing' ? status : isDrillClearable(status) ? 'clearable' : 'other';
  // An executed drill's disk can be verified (Verify Drill): `drill.pair.clearable.verifiable`.
  return `drill.${kind}.${state}${status === 'executed' ? '.verifiable' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Labels, descriptions, tables
// ---------------------------------------------------------------------------------------------

export const SEPARATOR = ' · ';

export function pairLabel(pair: ReplicaPair): string {
  return pair.name || pair.pairId;
}

export function groupLabel(group: ReplicaGroup): string {
  return group.name || group.groupId;
}

/** The parts of a description that apply, joined by the separator. */
export function joinParts(parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined).join(SEPARATOR);
}

/** A heading line and a two-column table (field, value); values are escaped. */
export function markdownTable(l: Localiser, heading: string, rows: readonly (readonly [string, string])[]): string {
  const lines = [`**${escapeMarkdown(heading)}**`, '', `| ${l.t('Field')} | ${l.t('Value')} |`, '|---|---|'];
  for (const [field, value] of rows) lines.push(`| ${escapeMarkdown(field)} | ${escapeMarkdown(value === '' ? '—' : value)} |`);
  return lines.join('\n');
}

export function rpoText(l: Localiser, seconds: number | undefined): string {
  if (seconds === undefined) return '—';
  return seconds % 60 === 0 ? l.t('{0} s ({1} min)', seconds, seconds / 60) : l.t('{0} s', seconds);
}

export function bandwidthText(l: Localiser, kbps: number | undefined): string {
  return kbps === undefined ? '—' : localised(l, bandwidthLabel(kbps));
}

/** Tooltip value of a site: `Production site (production)` (the label table and the raw API value). */
export function siteText(l: Localiser, site: string | undefined): string {
  return site === undefined ? '—' : withApiValue(l, siteLabel(site), site);
}

/** Tooltip value of a charge type: `Pay-as-you-go (POSTPAY)`. */
export function chargeTypeText(l: Localiser, chargeType: string | undefined): string {
  return chargeType === undefined ? '—' : withApiValue(l, chargeTypeLabel(chargeType), chargeType);
}
