// A replica group's node: under its root region; its children are its drills (asked in its DR region), then its
// member pairs in this region. Pure.
import { groupStatusLabel } from '../../ebs/labels';
import type { ReplicaGroup } from '../../ebs/types';
import { groupConsoleUrl } from '../console';
import { loadedRows } from '../autoRefresh';
import { drillMarkText, notDrillableRows, withDrillMark } from '../drillMarks';
import { freshnessDescription, freshnessIcon, freshnessTooltipRows, groupFreshnessOwner, type OwnerFreshness } from '../freshness';
import { goneNode, groupNodeId, withBusyLook, type NodeKind, type RefOf } from '../nodes';
import {
  bandwidthText,
  directionText,
  groupLabel,
  isRecordDrillable,
  joinParts,
  markdownTable,
  ownerContextValue,
  recoveryPointRow,
  recoveryPointText,
  rpoText,
  siteText,
} from '../presentation';
import { GROUP_HEALTH_ICONS, groupStatusText, pairHealth, statusTooltipRows } from '../status';
import type { Localiser } from '../text';
import { drillChildren } from './drill';

export function groupDescription(l: Localiser, group: ReplicaGroup, regionId: string, memberCount: number, now: Date, freshness?: OwnerFreshness): string {
  // The order of a pair's row (pairDescription): status, recovery-point age, direction, then the rest.
  return joinParts([
    groupStatusText(l, group.status),
    recoveryPointText(l, group.lastRecoverPoint, now),
    directionText(group, regionId),
    freshnessDescription(l, freshness, now),
    memberCount === 1 ? l.t('1 pair') : l.t('{0} pairs', memberCount),
  ]);
}

export function groupTooltipRows(l: Localiser, group: ReplicaGroup, regionId: string, memberIds: readonly string[], now: Date, freshness?: OwnerFreshness, loadedAt?: Date): [string, string][] {
  const rows: [string, string][] = [
    [l.t('Group ID'), group.groupId],
    [l.t('Name'), group.name],
    ...statusTooltipRows(l, groupStatusLabel(group.status), group.status, undefined),
    ...notDrillableRows(l, 'group', group),
    [l.t('Direction'), directionText(group, regionId)],
    [l.t('Primary zone'), `${group.sourceRegionId}, ${group.sourceZoneId}`],
    [l.t('Secondary zone'), `${group.destinationRegionId}, ${group.destinationZoneId}`],
    [l.t('RPO'), rpoText(l, group.rpoSeconds)],
    [l.t('Bandwidth'), bandwidthText(l, group.bandwidthKbps)],
    [l.t('Site'), siteText(l, group.site)],
    [l.t('Pairs'), memberIds.join(', ')],
    [l.t('Recovery point'), recoveryPointRow(l, group.lastRecoverPoint, now)],
    ...freshnessTooltipRows(l, freshness, now),
    ...loadedRows(l, loadedAt, now),
  ];
  if (group.description) rows.splice(2, 0, [l.t('Description'), group.description]);
  return rows;
}

export function groupTooltip(l: Localiser, group: ReplicaGroup, regionId: string, memberIds: readonly string[], now: Date, freshness?: OwnerFreshness, loadedAt?: Date): string {
  return markdownTable(l, l.t('Replica group {0}', groupLabel(group)), groupTooltipRows(l, group, regionId, memberIds, now, freshness, loadedAt));
}

export const GROUP_NODE: NodeKind<RefOf<'group'>> = {
  parent: (ref, tree) => tree.regionRef(ref.regionId),

  async children(ref, tree) {
    const { regionId, groupId } = ref;
    const entry = tree.contents(regionId)?.groupsById.get(groupId);
    if (!entry) return [];
    const drills = await drillChildren(tree, { kind: 'group', groupId }, regionId, tree.idPrefix + groupNodeId(regionId, groupId), entry.group.destinationRegionId);
    // Re-read: the region may have reloaded while the drills were loading.
    const members = tree.contents(regionId)?.groupsById.get(groupId)?.memberIds ?? [];
    return [...drills, ...members.map((id) => tree.pairRef(regionId, id))];
  },

  present(ref, tree) {
    const entry = tree.contents(ref.regionId)?.groupsById.get(ref.groupId);
    if (!entry) return goneNode(ref.id, ref.groupId);
    const { group, memberIds } = entry;
    const owner = { kind: 'group', groupId: group.groupId } as const;
    const freshness = tree.freshness(groupFreshnessOwner(group));
    return withBusyLook(tree, owner, {
      id: ref.id,
      label: groupLabel(group),
      description: withDrillMark(groupDescription(tree.l, group, ref.regionId, memberIds.length, tree.now(), freshness), drillMarkText(tree.l, tree.drillMark(owner))),
      icon: freshnessIcon(GROUP_HEALTH_ICONS[pairHealth(group.status)], freshness),
      contextValue: ownerContextValue('group', isRecordDrillable(group), tree.drillRunning(owner)),
      collapsible: 'collapsed',
    });
  },

  tooltip(ref, tree) {
    const entry = tree.contents(ref.regionId)?.groupsById.get(ref.groupId);
    return entry ? groupTooltip(tree.l, entry.group, ref.regionId, entry.memberIds, tree.now(), tree.freshness(groupFreshnessOwner(entry.group)), tree.loadedAt(ref.regionId)) : undefined;
  },

  consoleUrl: (ref) => groupConsoleUrl(ref.regionId, ref.groupId),
};
