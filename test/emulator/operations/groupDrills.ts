// StartReplicaGroupDrill, DescribeReplicaGroupDrills, ClearReplicaGroupDrill.
import { invalidStatus, noSuchResource, operationDenied } from '../errors';
import { GROUP_DRILL_ID_PATTERN, PAGING, P } from '../params';
import { paginate } from '../paging';
import { DRILLABLE_STATUSES } from '../state';
import type { GroupDrill } from '../state';
import { checkAccountCanCreate, findGroup, findGroupIn, requireKnownRegion } from './common';
import { notOnDestRegion, recoverPointNotFound } from './pairDrills';
import type { Operation } from './types';

export function groupDrillView(d: GroupDrill): Record<string, unknown> {
  return {
    DrillId: d.DrillId,
    GroupId: d.GroupId,
    Status: d.Status,
    StatusMessage: d.StatusMessage,
    StartAt: d.StartAt,
    RecoverPoint: d.RecoverPoint,
    PairsInfo: d.PairsInfo.map((p) => ({ ...p })),
  };
}

export const startReplicaGroupDrill: Operation = {
  action: 'StartReplicaGroupDrill',
  params: [P.regionId, P.groupId('GroupId'), P.clientToken],
  idempotent: true,
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    checkAccountCanCreate(account);
    const { group } = findGroup(state, params.req('GroupId'), account);
    if (group.DestinationRegionId !== regionId) throw notOnDestRegion();
    if (!DRILLABLE_STATUSES.has(group.Status)) throw operationDenied(`A drill cannot start while the group is ${group.Status}.`);
    if (group.PairIds.length === 0) throw operationDenied('The group has no replication pair.');
    if (group.LastRecoverPoint === null) throw recoverPointNotFound();
    const drill = state.createGroupDrill(group, params.str('ClientToken') ?? '', nowMs);
    return { DrillId: drill.DrillId };
  },
};

export const describeReplicaGroupDrills: Operation = {
  action: 'DescribeReplicaGroupDrills',
  params: [P.regionId, P.groupId('GroupId'), { name: 'DrillId', format: GROUP_DRILL_ID_PATTERN }, ...PAGING],
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const groupId = params.req('GroupId');
    findGroupIn(state, groupId, regionId, account);
    const drillId = params.str('DrillId');
    const drills = [...state.groupDrills.values()].filter((d) => d.GroupId === groupId && (drillId === undefined || d.DrillId === drillId)).reverse();
    const { page, fields } = paginate(drills, params, JSON.stringify(['groupDrills', regionId, groupId, drillId]));
    return { ...fields, Drills: page.map(groupDrillView) };
  },
};

export const clearReplicaGroupDrill: Operation = {
  action: 'ClearReplicaGroupDrill',
  params: [P.regionId, P.groupId('GroupId'), { name: 'DrillId', required: true, format: GROUP_DRILL_ID_PATTERN }],
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const groupId = params.req('GroupId');
    findGroupIn(state, groupId, regionId, account);
    const drill = state.groupDrills.get(params.req('DrillId'));
    if (!drill || drill.GroupId !== groupId) throw noSuchResource(`Drill ${params.req('DrillId')} does not exist.`);
    if (drill.Status === 'executing') throw invalidStatus(drill.Status);
    if (drill.Status !== 'clearing') state.clearDrill(drill, nowMs);
    return {};
  },
};
