// A replication pair's node: under its group or its region (once per root region it is the source or destination
// of); its children are its drills (asked in its DR region), or "No drills". Pure.
import { pairStatusLabel } from '../../ebs/labels';
import type { ReplicaPair } from '../../ebs/types';
import { formatLocalDateTime } from '../../shared/format';
import { pairConsoleUrl } from '../console';
import { loadedRows } from '../autoRefresh';
import { drillMarkText, notDrillableRows, withDrillMark } from '../drillMarks';
import { freshnessDescription, freshnessIcon, freshnessTooltipRows, pairFreshnessOwner, type OwnerFreshness } from '../freshness';
import { goneNode, pairNodeId, withBusyLook, type NodeKind, type NodeRef, type RefOf } from '../nodes';
import {
  bandwidthText,
  chargeTypeText,
  directionText,
  isRecordDrillable,
  joinParts,
  markdownTable,
  ownerContextValue,
  pairLabel,
  recoveryPointRow,
  recoveryPointText,
  rpoText,
  siteText,
} from '../presentation';
import { pairSite } from '../regionContents';
import { HEALTH_ICONS, pairHealth, pairStatusWithMessage, statusTooltipRows } from '../status';
import type { Localiser } from '../text';
import { drillChildren } from './drill';

export function pairDescription(l: Localiser, pair: ReplicaPair, regionId: string, now: Date, freshness?: OwnerFreshness): string {
  // Most important first (a narrow sidebar cuts the end): status, recovery-point age, direction, then the rest.
  return joinParts([
    pairStatusWithMessage(l, pair.status, pair.statusMessage),
    recoveryPointText(l, pair.lastRecoverPoint, now),
    directionText(pair, regionId),
    freshnessDescription(l, freshness, now),
  ]);
}

/** `site`: the Site the region's listing gave (a record shared between regions carries another's; see regionContents). */
export function pairTooltipRows(
  l: Localiser,
  pair: ReplicaPair,
  regionId: string,
  now: Date,
  freshness?: OwnerFreshness,
  loadedAt?: Date,
  site = pair.site,
): [string, string][] {
  const rows: [string, string][] = [
    [l.t('Pair ID'), pair.pairId],
    [l.t('Name'), pair.name],
    ...statusTooltipRows(l, pairStatusLabel(pair.status), pair.status, pair.statusMessage),
    ...notDrillableRows(l, 'pair', pair),
    [l.t('Direction'), directionText(pair, regionId)],
    [l.t('Primary disk'), `${pair.sourceDiskId} (${pair.sourceRegionId}, ${pair.sourceZoneId})`],
    [l.t('Secondary disk'), `${pair.destinationDiskId} (${pair.destinationRegionId}, ${pair.destinationZoneId})`],
    [l.t('Initial primary zone'), pair.primaryZoneId],
    [l.t('Initial secondary zone'), pair.standbyZoneId],
    [l.t('RPO'), rpoText(l, pair.rpoSeconds)],
    [l.t('Bandwidth'), bandwidthText(l, pair.bandwidthKbps)],
    [l.t('Charge type'), chargeTypeText(l, pair.chargeType)],
    [l.t('Group'), pair.groupId ? (pair.groupName ? `${pair.groupName} (${pair.groupId})` : pair.groupId) : '—'],
    [l.t('Site'), siteText(l, site)],
    [l.t('Recovery point'), recoveryPointRow(l, pair.lastRecoverPoint, now)],
    ...freshnessTooltipRows(l, freshness, now),
    ...loadedRows(l, loadedAt, now),
  ];
  if (pair.description) rows.splice(2, 0, [l.t('Description'), pair.description]);
  if (pair.createdAt !== undefined) rows.push([l.t('Created'), formatLocalDateTime(pair.createdAt)]);
  if (pair.expiresAt !== undefined) rows.push([l.t('Expires'), formatLocalDateTime(pair.expiresAt)]);
  return rows;
}

export function pairTooltip(l: Localiser, pair: ReplicaPair, regionId: string, now: Date, freshness?: OwnerFreshness, loadedAt?: Date, site = pair.site): string {
  return markdownTable(l, l.t('Replication pair {0}', pairLabel(pair)), pairTooltipRows(l, pair, regionId, now, freshness, loadedAt, site));
}

export const PAIR_NODE: NodeKind<RefOf<'pair'>> = {
  parent(ref, tree) {
    const groupId = tree.contents(ref.regionId)?.groupOfPair.get(ref.pairId);
    return groupId ? tree.groupRef(ref.regionId, groupId) : tree.regionRef(ref.regionId);
  },

  async children(ref, tree) {
    const pair = tree.pair(ref.regionId, ref.pairId);
    if (!pair) return [];
    const id = tree.idPrefix + pairNodeId(ref.regionId, ref.pairId);
    const drills = await drillChildren(tree, { kind: 'pair', pairId: ref.pairId }, ref.regionId, id, pair.destinationRegionId);
    if (drills.length > 0) return drills;
    const none: NodeRef = { kind: 'message', id: `${id}/no-drills`, regionId: ref.regionId, parentId: id, message: 'noDrills' };
    return [tree.intern(none)];
  },

  present(ref, tree) {
    const pair = tree.pair(ref.regionId, ref.pairId);
    if (!pair) return goneNode(ref.id, ref.pairId);
    const owner = { kind: 'pair', pairId: pair.pairId } as const;
    const freshness = tree.freshness(pairFreshnessOwner(pair));
    return withBusyLook(tree, owner, {
      id: ref.id,
      label: pairLabel(pair),
      description: withDrillMark(pairDescription(tree.l, pair, ref.regionId, tree.now(), freshness), drillMarkText(tree.l, tree.drillMark(owner))),
      icon: freshnessIcon(HEALTH_ICONS[pairHealth(pair.status)], freshness),
      contextValue: ownerContextValue('pair', isRecordDrillable(pair), tree.drillRunning(owner)),
      collapsible: 'collapsed',
    });
  },

  tooltip(ref, tree) {
    const pair = tree.pair(ref.regionId, ref.pairId);
    const contents = tree.contents(ref.regionId);
    if (!pair || !contents) return undefined;
    return pairTooltip(tree.l, pair, ref.regionId, tree.now(), tree.freshness(pairFreshnessOwner(pair)), tree.loadedAt(ref.regionId, ref.pairId), pairSite(contents, pair));
  },

  consoleUrl: (ref) => pairConsoleUrl(ref.regionId, ref.pairId),
};
