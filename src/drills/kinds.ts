// The two kinds of drill owner, replication pair and replica group, in one table: the command, the client calls,
// the tree's names and the words that differ between them. Start, clear, listing and tracking ask DRILL_KINDS[kind] instead of
// branching on the kind themselves. Pure.
import type { EbsClient } from '../ebs/client';
import { DRILL_OWNER_NOUNS } from '../ebs/drillable';
import type { GroupDrill, PairDrill, ReplicaGroup, ReplicaPair } from '../ebs/types';
import { COMMAND, type CommandId } from '../shared/commands';
import type { LocalisableMessage } from '../shared/text';
import { observeGroupDrill, observePairDrill, type DrillKind, type DrillObservation, type DrillTarget, type ListedDrill } from './model';
import { msg } from './text';
import type { DrillOwnerRef, DrillTree } from './tree';

/** The calls of the EBS client the drill commands and the tracker make. */
export type DrillClient = Pick<
  EbsClient,
  | 'listReplicaPairs'
  | 'listReplicaGroups'
  | 'startPairDrill'
  | 'startReplicaGroupDrill'
  | 'describePairDrills'
  | 'describeReplicaGroupDrills'
  | 'clearPairDrill'
  | 'clearReplicaGroupDrill'
>;

export interface DrillKindApi {
  readonly kind: DrillKind;
  /** Start Pair Drill / Start Replica Group Drill. */
  readonly startCommand: CommandId;
  ownerRef(ownerId: string): DrillOwnerRef;
  /** The owners seen from a region (all, or those of `ownerIds`), as drill targets. */
  listTargets(client: DrillClient, regionId: string, options?: { ownerIds?: string[]; signal?: AbortSignal }): Promise<DrillTarget[]>;
  /** Describe*Drills of one owner, asked in its DR region (all drills, or the one of `drillId`). */
  describeDrills(client: DrillClient, regionId: string, ownerId: string, options?: { drillId?: string; signal?: AbortSignal }): Promise<ListedDrill[]>;
  start(client: DrillClient, request: { regionId: string; ownerId: string; clientToken: string; signal?: AbortSignal }): Promise<{ drillId: string; requestId?: string }>;
  clear(client: DrillClient, request: { regionId: string; ownerId: string; drillId: string; signal?: AbortSignal }): Promise<{ requestId?: string }>;
  /** A drill listing the tree loaded (its drills are of this kind). */
  listed(drills: readonly (PairDrill | GroupDrill)[]): ListedDrill[];
  /** The owner as the tree knows it. */
  treeTarget(tree: DrillTree | undefined, regionId: string, ownerId: string, profileId?: string): DrillTarget | undefined;
  /** One drill as the tree last listed it. */
  treeDrill(tree: DrillTree | undefined, ownerId: string, drillId: string, profileId?: string): DrillObservation | undefined;
  readonly texts: {
    /** The owner as a word inside a sentence ("The pair is …"). */
    noun: LocalisableMessage;
    startTitle: LocalisableMessage;
    /** Step 2 of the palette's start: the owners seen from the region chosen in step 1. */
    pickPlaceholder(regionId: string): LocalisableMessage;
    noneInRegion(regionId: string): LocalisableMessage;
    startQuestion(owner: string): LocalisableMessage;
    /** What the drill disks cost. */
    cost(target: DrillTarget): LocalisableMessage;
  };
}

const listed = <T extends { drillId: string }>(observe: (drill: T) => DrillObservation) => (drills: readonly T[]): ListedDrill[] =>
  drills.map((d) => ({ drillId: d.drillId, ...observe(d) }));

export function pairTarget(pair: ReplicaPair): DrillTarget {
  return {
    kind: 'pair',
    ownerId: pair.pairId,
    ownerName: pair.name || pair.pairId,
    regionId: pair.destinationRegionId,
    zoneId: pair.destinationZoneId,
    sourceRegionId: pair.sourceRegionId,
    secondaryDiskId: pair.destinationDiskId || undefined,
    status: pair.status,
    recoverPoint: pair.lastRecoverPoint,
    rpoSeconds: pair.rpoSeconds,
  };
}

export function groupTarget(group: ReplicaGroup): DrillTarget {
  return {
    kind: 'group',
    ownerId: group.groupId,
    ownerName: group.name || group.groupId,
    regionId: group.destinationRegionId,
    zoneId: group.destinationZoneId,
    sourceRegionId: group.sourceRegionId,
    status: group.status,
    recoverPoint: group.lastRecoverPoint,
    pairCount: group.pairCount ?? group.pairIds.length,
    memberPairIds: group.pairIds.length > 0 ? [...group.pairIds] : undefined,
    rpoSeconds: group.rpoSeconds,
  };
}

const PAIR: DrillKindApi = {
  kind: 'pair',
  startCommand: COMMAND.startPairDrill,
  ownerRef: (pairId) => ({ kind: 'pair', pairId }),
  listTargets: async (client, regionId, { ownerIds, signal } = {}) => (await client.listReplicaPairs(regionId, { pairIds: ownerIds, signal })).map(pairTarget),
  describeDrills: async (client, regionId, pairId, options) => listed(observePairDrill)(await client.describePairDrills(regionId, pairId, options)),
  start: (client, { ownerId, ...request }) => client.startPairDrill({ ...request, pairId: ownerId }),
  clear: (client, { ownerId, ...request }) => client.clearPairDrill({ ...request, pairId: ownerId }),
  listed: (drills) => listed(observePairDrill)(drills as readonly PairDrill[]),
  treeTarget: (tree, regionId, pairId, profileId) => {
    const pair = tree?.pair?.(regionId, pairId, profileId);
    return pair && pairTarget(pair);
  },
  treeDrill: (tree, pairId, drillId, profileId) => {
    const drill = tree?.pairDrill?.(pairId, drillId, profileId);
    return drill && observePairDrill(drill);
  },
  texts: {
    noun: DRILL_OWNER_NOUNS.pair,
    startTitle: msg('Start Pair Drill'),
    pickPlaceholder: (regionId) => msg('Pair to drill, seen from {0} (type to search)', regionId),
    noneInRegion: (regionId) => msg('No replication pairs in {0}.', regionId),
    startQuestion: (owner) => msg('Start a DR drill for pair {0}?', owner),
    cost: (target) =>
      msg('A pay-as-you-go drill disk of the same size as the secondary disk will be created in {0} and billed until you clear the drill.', target.zoneId),
  },
};

const GROUP: DrillKindApi = {
  kind: 'group',
  startCommand: COMMAND.startReplicaGroupDrill,
  ownerRef: (groupId) => ({ kind: 'group', groupId }),
  listTargets: async (client, regionId, { ownerIds, signal } = {}) => (await client.listReplicaGroups(regionId, { groupIds: ownerIds, signal })).map(groupTarget),
  describeDrills: async (client, regionId, groupId, options) => listed(observeGroupDrill)(await client.describeReplicaGroupDrills(regionId, groupId, options)),
  start: (client, { ownerId, ...request }) => client.startReplicaGroupDrill({ ...request, groupId: ownerId }),
  clear: (client, { ownerId, ...request }) => client.clearReplicaGroupDrill({ ...request, groupId: ownerId }),
  listed: (drills) => listed(observeGroupDrill)(drills as readonly GroupDrill[]),
  treeTarget: (tree, regionId, groupId, profileId) => {
    const group = tree?.group?.(regionId, groupId, profileId);
    return group && groupTarget(group);
  },
  treeDrill: (tree, groupId, drillId, profileId) => {
    const drill = tree?.groupDrill?.(groupId, drillId, profileId);
    return drill && observeGroupDrill(drill);
  },
  texts: {
    noun: DRILL_OWNER_NOUNS.group,
    startTitle: msg('Start Replica Group Drill'),
    pickPlaceholder: (regionId) => msg('Replica group to drill, seen from {0} (type to search)', regionId),
    noneInRegion: (regionId) => msg('No replica groups in {0}.', regionId),
    startQuestion: (owner) => msg('Start a DR drill for replica group {0}?', owner),
    cost: (target) =>
      msg(
        'One pay-as-you-go drill disk per pair ({0}), each the size of its secondary disk, will be created in {1} and billed until you clear the drill.',
        String(target.pairCount ?? '?'),
        target.zoneId,
      ),
  },
};

export const DRILL_KINDS: Readonly<Record<DrillKind, DrillKindApi>> = { pair: PAIR, group: GROUP };
