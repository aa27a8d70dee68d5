// A region's roll-up of its pairs' health: its description ("13 pairs · 2 failed · 1 stopped · 2 without recovery
// point · 3 of 14 overdue") and its icon. A pair that was created but never started is not stopped: it counts among
// those without a recovery point (as do pairs in their first sync). Pure.
import type { ReplicaPair } from '../ebs/types';
import { groupFreshnessOwner, pairFreshnessOwner, type FreshnessOwner, type OwnerFreshness } from './freshness';
import { SEPARATOR } from './presentation';
import type { RegionContents } from './regionContents';
import { pairHealth, REGION_ICONS, type Health, type IconSpec } from './status';
import type { Localiser } from './text';

export interface RegionSummary {
  pairs: number;
  groups: number;
  byHealth: Partial<Record<Health, number>>;
  /** Pairs that have no recovery point yet (not started, first sync, or never replicated): they cannot be drilled. */
  noRecoveryPoint: number;
  /** How many of the pairs and groups listed under the region (each once) are overdue for a drill. */
  overdue?: number;
}

export function summarise(pairs: readonly ReplicaPair[], groups: number): RegionSummary {
  const byHealth: Partial<Record<Health, number>> = {};
  let noRecoveryPoint = 0;
  for (const pair of pairs) {
    const h = pairHealth(pair.status);
    byHealth[h] = (byHealth[h] ?? 0) + 1;
    if (pair.lastRecoverPoint === undefined && h !== 'failed' && h !== 'deleted') noRecoveryPoint++;
  }
  return { pairs: pairs.length, groups, byHealth, noRecoveryPoint };
}

/** The summary of what a region lists, with how many of its pairs and groups (each once) the drill freshness calls overdue. */
export function summariseRegion(contents: RegionContents, freshness: (owner: FreshnessOwner) => OwnerFreshness | undefined): RegionSummary {
  let overdue = 0;
  for (const pair of contents.pairs.values()) if (freshness(pairFreshnessOwner(pair))?.overdue) overdue++;
  for (const { group } of contents.groups) if (freshness(groupFreshnessOwner(group))?.overdue) overdue++;
  return { ...summarise([...contents.pairs.values()], contents.groups.length), overdue };
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
  if (summary.noRecoveryPoint > 0) parts.push(l.t('{0} without recovery point', summary.noRecoveryPoint));
  const overdue = summary.overdue ?? 0;
  if (overdue > 0) parts.push(l.t('{0} of {1} overdue', overdue, summary.pairs + summary.groups));
  return parts.join(SEPARATOR);
}

export function regionSummaryIcon(summary: RegionSummary): IconSpec {
  if (summary.pairs === 0 && summary.groups === 0) return REGION_ICONS.empty;
  if ((summary.byHealth.failed ?? 0) > 0) return REGION_ICONS.broken;
  if ((summary.byHealth.stopped ?? 0) + (summary.byHealth.failedOver ?? 0) + (summary.byHealth.notStarted ?? 0) + (summary.byHealth.unknown ?? 0) > 0) return REGION_ICONS.attention;
  return REGION_ICONS.healthy;
}
