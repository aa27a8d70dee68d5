// DescribeDiskReplicaPairProgress.
import { invalidStatus } from '../errors';
import { P } from '../params';
import type { PairStatus } from '../types';
import { findPairIn, requireKnownRegion } from './common';
import type { Operation } from './types';

const NO_PROGRESS: ReadonlySet<PairStatus> = new Set<PairStatus>(['invalid', 'creating', 'create_failed', 'deleting', 'delete_failed', 'deleted']);

export const describeDiskReplicaPairProgress: Operation = {
  action: 'DescribeDiskReplicaPairProgress',
  params: [P.regionId, P.pairId('ReplicaPairId')],
  handle({ params, state, account, nowMs }) {
    const regionId = params.req('RegionId');
    requireKnownRegion(state, regionId);
    const entry = findPairIn(state, params.req('ReplicaPairId'), regionId, account);
    const pair = entry.pair;
    if (NO_PROGRESS.has(pair.Status)) throw invalidStatus(pair.Status);
    let progress = 100;
    const t = entry.transition;
    if (pair.Status === 'created') progress = 0;
    else if (t && (t.kind === 'sync' || t.kind === 'oneShot')) {
      progress = Math.min(99, Math.floor(((nowMs - t.startMs) / Math.max(1, t.atMs - t.startMs)) * 100));
    }
    const body: Record<string, unknown> = { Progress: progress };
    if (pair.LastRecoverPoint !== null) body.RecoverPoint = pair.LastRecoverPoint;
    return body;
  },
};
