// StartPairDrill, DescribePairDrills, ClearPairDrill.
import { ApiError, invalidStatus, noSuchResource, operationDenied } from '../errors';
import { DRILL_ID_PATTERN, PAGING, P } from '../params';
import { paginate } from '../paging';
import { DRILLABLE_STATUSES } from '../state';
import type { PairDrill } from '../state';
import { checkAccountCanCreate, findPair, findPairIn, requireKnownRegion } from './common';
import type { Operation } from './types';

export const recoverPointNotFound = (): ApiError => new ApiError(403, 'OperationDenied.RecoverPointNotFound', 'Recover point is not found.');
export const notOnDestRegion = (): ApiError => new ApiError(403, 'OperationDenied.StartDrillShouldOnDestRegion', 'Operation should be executed on the secondary region.');

export function pairDrillView(d: PairDrill): Record<string, unknown> {
  return {
    DrillId: d.DrillId,
    Status: d.Status,
    StatusMessage: d.StatusMessage,
    DrillDiskId: d.DrillDiskId,
    DrillDiskStatus: d.DrillDiskStatus,
    StartAt: d.StartAt,
    RecoverPoint: d.RecoverPoint,
  };
}

export const startPairDrill: Operation = {
  action: 'StartPairDrill',
  params: [P.regionId, P.pairId('PairId'), P.clientToken],
  idempotent: true,
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    checkAccountCanCreate(account);
    const { pair } = findPair(state, params.req('PairId'), account);
    if (pair.DestinationRegion !== regionId) throw notOnDestRegion();
    if (!DRILLABLE_STATUSES.has(pair.Status)) throw operationDenied(`A drill cannot start while the pair is ${pair.Status}.`);
    if (pair.LastRecoverPoint === null) throw recoverPointNotFound();
    const drill = state.createPairDrill(pair, params.str('ClientToken') ?? '', nowMs);
    return { DrillId: drill.DrillId };
  },
};

export const describePairDrills: Operation = {
  action: 'DescribePairDrills',
  params: [P.regionId, P.pairId('PairId'), { name: 'DrillId', format: DRILL_ID_PATTERN }, ...PAGING],
  handle({ params, state, account }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const pairId = params.req('PairId');
    findPairIn(state, pairId, regionId, account);
    const drillId = params.str('DrillId');
    const drills = [...state.pairDrills.values()].filter((d) => d.PairId === pairId && (drillId === undefined || d.DrillId === drillId)).reverse();
    const { page, fields } = paginate(drills, params, JSON.stringify(['pairDrills', regionId, pairId, drillId]));
    return { ...fields, Drills: page.map(pairDrillView) };
  },
};

export const clearPairDrill: Operation = {
  action: 'ClearPairDrill',
  params: [P.regionId, P.pairId('PairId'), { name: 'DrillId', required: true, format: DRILL_ID_PATTERN }],
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const pairId = params.req('PairId');
    findPairIn(state, pairId, regionId, account);
    const drill = state.pairDrills.get(params.req('DrillId'));
    if (!drill || drill.PairId !== pairId) throw noSuchResource(`Drill ${params.req('DrillId')} does not exist.`);
    if (drill.Status === 'executing') throw invalidStatus(drill.Status);
    if (drill.Status !== 'clearing') state.clearDrill(drill, nowMs);
    return {};
  },
};
