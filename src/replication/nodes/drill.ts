// The drill nodes under a pair (pair drills) and under a group (group drills), newest first, and how their list is
// loaded under the owner (once, in the owner's DR region; a failure is one retry node). Pure.
import { drillDiskStatusLabel, drillStatusLabel } from '../../ebs/labels';
import type { GroupDrill, PairDrill } from '../../ebs/types';
import { groupConsoleUrl, pairConsoleUrl } from '../console';
import { goneNode, groupDrillNodeId, pairDrillNodeId, type DrillOwner, type NodeKind, type NodeRef, type RefOf, type TreeSource } from '../nodes';
import { ageText, drillContextValue, joinParts, localTimeWithAge, markdownTable, recoveryPointRow, recoveryPointText } from '../presentation';
import { drillDiskStatusText, drillIcon, drillStatusText, statusTooltipRows, withApiValue } from '../status';
import { verificationText } from '../freshness';
import type { Localiser } from '../text';

type Drill = PairDrill | GroupDrill;

function started(l: Localiser, drill: Drill, now: Date): string | undefined {
  return drill.startedAt ? l.t('started {0}', ageText(l, drill.startedAt, now)) : undefined;
}

function statusRows(l: Localiser, drill: Drill): [string, string][] {
  return statusTooltipRows(l, drillStatusLabel(drill.status), drill.status, drill.statusMessage);
}

function diskStatusText(l: Localiser, status: string | undefined): string {
  return status === undefined ? '—' : withApiValue(l, drillDiskStatusLabel(status), status);
}

// The order of a pair's row (pairDescription): status, recovery-point age, then the rest (the long disk ID last).
// `verification`: the Verify Drill part (verificationText), right after the status.
export function pairDrillDescription(l: Localiser, drill: PairDrill, now: Date, verification?: string): string {
  return joinParts([drillStatusText(l, drill.status), verification, recoveryPointText(l, drill.recoverPoint, now), started(l, drill, now), drill.drillDiskId ?? l.t('no drill disk')]);
}

export function groupDrillDescription(l: Localiser, drill: GroupDrill, now: Date, verification?: string): string {
  const disks = drill.pairs.filter((p) => p.drillDiskId).length;
  return joinParts([
    drillStatusText(l, drill.status),
    verification,
    recoveryPointText(l, drill.recoverPoint, now),
    started(l, drill, now),
    disks === 1 ? l.t('1 drill disk') : l.t('{0} drill disks', disks),
  ]);
}

/** `regionId`: the DR region the drill runs in. */
export function pairDrillTooltipRows(l: Localiser, drill: PairDrill, regionId: string, now: Date): [string, string][] {
  return [
    [l.t('Drill ID'), drill.drillId],
    [l.t('Pair ID'), drill.pairId],
    ...statusRows(l, drill),
    [l.t('Drill disk'), drill.drillDiskId ?? '—'],
    [l.t('Drill disk status'), diskStatusText(l, drill.drillDiskStatus)],
    [l.t('Region'), regionId],
    [l.t('Started'), localTimeWithAge(l, drill.startedAt, now)],
    [l.t('Recovery point'), recoveryPointRow(l, drill.recoverPoint, now)],
  ];
}

/** `regionId`: the DR region the drill runs in. */
export function groupDrillTooltipRows(l: Localiser, drill: GroupDrill, regionId: string, now: Date): [string, string][] {
  return [
    [l.t('Drill ID'), drill.drillId],
    [l.t('Group ID'), drill.groupId],
    ...statusRows(l, drill),
    [l.t('Drill disks'), drill.pairs.map((p) => `${p.pairId}: ${p.drillDiskId ?? '—'}${p.drillDiskStatus ? ` (${drillDiskStatusText(l, p.drillDiskStatus)})` : ''}`).join(', ')],
    [l.t('Region'), regionId],
    [l.t('Started'), localTimeWithAge(l, drill.startedAt, now)],
    [l.t('Recovery point'), recoveryPointRow(l, drill.recoverPoint, now)],
  ];
}

/** The drill nodes of a pair or group shown under `parentId` in root region `regionId` (a retry node when the list failed). */
export async function drillChildren(tree: TreeSource, owner: DrillOwner, regionId: string, parentId: string, drRegionId: string): Promise<NodeRef[]> {
  const state = await tree.drillsSettled(owner, drRegionId);
  if (state.status === 'failed') return [tree.intern({ kind: 'loadError', id: `${parentId}/drills-error`, regionId, parentId, target: owner })];
  if (state.status !== 'loaded') return [];
  const newestFirst = [...state.drills].sort((a, b) => (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0) || (a.drillId < b.drillId ? -1 : 1));
  return newestFirst.map(({ drillId }) =>
    tree.intern<NodeRef>(
      owner.kind === 'pair'
        ? { kind: 'pairDrill', id: tree.idPrefix + pairDrillNodeId(regionId, owner.pairId, drillId), regionId, pairId: owner.pairId, drillId }
        : { kind: 'groupDrill', id: tree.idPrefix + groupDrillNodeId(regionId, owner.groupId, drillId), regionId, groupId: owner.groupId, drillId },
    ),
  );
}

/** What tells a pair drill node from a group drill node. */
interface DrillNodeSpec<R extends RefOf<'pairDrill'> | RefOf<'groupDrill'>, D extends Drill> {
  ownerKind: 'pair' | 'group';
  parent(ref: R, tree: TreeSource): NodeRef;
  drill(ref: R, tree: TreeSource): D | undefined;
  /** The DR region the drill runs in (the owner's destination; the node's root region when the owner is gone). */
  drRegion(ref: R, tree: TreeSource): string;
  description(l: Localiser, drill: D, now: Date, verification?: string): string;
  tooltip(l: Localiser, drill: D, drRegionId: string, now: Date, extraRows: [string, string][]): string;
  ownerId(ref: R): string;
  /** A drill opens its pair's or group's page. */
  consoleUrl(ref: R): string;
}

function drillNode<R extends RefOf<'pairDrill'> | RefOf<'groupDrill'>, D extends Drill>(spec: DrillNodeSpec<R, D>): NodeKind<R> {
  return {
    parent: spec.parent,
    present(ref, tree) {
      const drill = spec.drill(ref, tree);
      if (!drill) return goneNode(ref.id, ref.drillId);
      const mark = tree.verification({ kind: spec.ownerKind, regionId: spec.drRegion(ref, tree), ownerId: spec.ownerId(ref), drillId: drill.drillId });
      return {
        id: ref.id,
        label: drill.drillId,
        description: spec.description(tree.l, drill, tree.now(), verificationText(tree.l, mark, drill.status === 'executed')),
        icon: drillIcon(drill.status),
        contextValue: drillContextValue(spec.ownerKind, drill.status),
        collapsible: 'none',
      };
    },
    tooltip(ref, tree) {
      const drill = spec.drill(ref, tree);
      if (!drill) return undefined;
      const drRegionId = spec.drRegion(ref, tree);
      const mark = tree.verification({ kind: spec.ownerKind, regionId: drRegionId, ownerId: spec.ownerId(ref), drillId: drill.drillId });
      const verification = verificationText(tree.l, mark, drill.status === 'executed');
      return spec.tooltip(tree.l, drill, drRegionId, tree.now(), verification === undefined ? [] : [[tree.l.t('Verification'), verification]]);
    },
    consoleUrl: spec.consoleUrl,
  };
}

export const PAIR_DRILL_NODE = drillNode<RefOf<'pairDrill'>, PairDrill>({
  ownerKind: 'pair',
  parent: (ref, tree) => tree.pairRef(ref.regionId, ref.pairId),
  drill: (ref, tree) => tree.pairDrill(ref.pairId, ref.drillId),
  drRegion: (ref, tree) => tree.pair(ref.regionId, ref.pairId)?.destinationRegionId ?? ref.regionId,
  description: pairDrillDescription,
  tooltip: (l, drill, drRegionId, now, extra) => markdownTable(l, l.t('Pair drill {0}', drill.drillId), [...pairDrillTooltipRows(l, drill, drRegionId, now), ...extra]),
  ownerId: (ref) => ref.pairId,
  consoleUrl: (ref) => pairConsoleUrl(ref.regionId, ref.pairId),
});

export const GROUP_DRILL_NODE = drillNode<RefOf<'groupDrill'>, GroupDrill>({
  ownerKind: 'group',
  parent: (ref, tree) => tree.groupRef(ref.regionId, ref.groupId),
  drill: (ref, tree) => tree.groupDrill(ref.groupId, ref.drillId),
  drRegion: (ref, tree) => tree.group(ref.regionId, ref.groupId)?.destinationRegionId ?? ref.regionId,
  description: groupDrillDescription,
  tooltip: (l, drill, drRegionId, now, extra) => markdownTable(l, l.t('Group drill {0}', drill.drillId), [...groupDrillTooltipRows(l, drill, drRegionId, now), ...extra]),
  ownerId: (ref) => ref.groupId,
  consoleUrl: (ref) => groupConsoleUrl(ref.regionId, ref.groupId),
});
