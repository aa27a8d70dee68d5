// Pair lifecycle: StartDiskReplicaPair, StopDiskReplicaPair, FailoverDiskReplicaPair, ReprotectDiskReplicaPair.
// Allowed-from states follow docs/ebs-api.md (Operations, Pair lifecycle); anything else is OperationDenied.InvalidStatus.
import { ApiError, invalidStatus } from '../errors';
import { P } from '../params';
import type { PairEntry } from '../state';
import type { PairStatus } from '../types';
import { findPairIn, requireKnownRegion } from './common';
import type { Operation, OperationContext } from './types';

const START_FROM: ReadonlySet<PairStatus> = new Set<PairStatus>(['created', 'stopped']);
const STOP_FROM: ReadonlySet<PairStatus> = new Set<PairStatus>(['initial_syncing', 'syncing', 'manual_syncing', 'normal']);
const FAILOVER_DENIED: ReadonlySet<PairStatus> = new Set<PairStatus>(['invalid', 'deleted']);

function lookup(ctx: OperationContext): PairEntry {
  const regionId = ctx.params.req('RegionId');
  requireKnownRegion(ctx.state, regionId);
  return findPairIn(ctx.state, ctx.params.req('ReplicaPairId'), regionId, ctx.account);
}

/** Failover and Reprotect run on the secondary (current destination) region. */
function requireSecondary(entry: PairEntry, regionId: string): void {
  if (entry.pair.DestinationRegion !== regionId) {
    throw new ApiError(403, 'OperationDenied.OperateNotAllowedForPrimary', 'Operation is not allowed on the primary site.');
  }
}

const base = [P.regionId, P.pairId('ReplicaPairId'), P.clientToken];

export const startDiskReplicaPair: Operation = {
  action: 'StartDiskReplicaPair',
  params: [...base, { name: 'OneShot', type: 'boolean' }],
  idempotent: true,
  handle(ctx) {
    const entry = lookup(ctx);
    const pair = entry.pair;
    if (!START_FROM.has(pair.Status)) throw invalidStatus(pair.Status);
    if (ctx.params.bool('OneShot', false)) {
      const minGapMs = (pair.RPO * 1000) / 2;
      if (entry.lastOneShotMs !== undefined && ctx.nowMs - entry.lastOneShotMs < minGapMs) {
        throw new ApiError(403, 'OperationDenied.ManualSyncLimit', 'One shot start manual syncing too frequently, please try again later.');
      }
      entry.lastOneShotMs = ctx.nowMs;
      pair.Status = 'manual_syncing';
      ctx.state.startTransition(entry, 'oneShot', ctx.nowMs);
    } else {
      pair.Status = pair.Status === 'created' || pair.LastRecoverPoint === null ? 'initial_syncing' : 'syncing';
      ctx.state.startTransition(entry, 'sync', ctx.nowMs);
    }
    return {};
  },
};

export const stopDiskReplicaPair: Operation = {
  action: 'StopDiskReplicaPair',
  params: base,
  idempotent: true,
  handle(ctx) {
    const entry = lookup(ctx);
    if (!STOP_FROM.has(entry.pair.Status)) throw invalidStatus(entry.pair.Status);
    entry.pair.Status = 'stopping';
    ctx.state.startTransition(entry, 'stop', ctx.nowMs);
    return {};
  },
};

export const failoverDiskReplicaPair: Operation = {
  action: 'FailoverDiskReplicaPair',
  params: base,
  idempotent: true,
  handle(ctx) {
    const entry = lookup(ctx);
    requireSecondary(entry, ctx.params.req('RegionId'));
    if (FAILOVER_DENIED.has(entry.pair.Status)) throw invalidStatus(entry.pair.Status);
    if (entry.pair.Status === 'failovered' || entry.pair.Status === 'failovering') return {};
    entry.pair.Status = 'failovering';
    ctx.state.startTransition(entry, 'failover', ctx.nowMs);
    return {};
  },
};

export const reprotectDiskReplicaPair: Operation = {
  action: 'ReprotectDiskReplicaPair',
  params: [...base, { name: 'ReverseReplicate', type: 'boolean' }],
  idempotent: true,
  handle(ctx) {
    const entry = lookup(ctx);
    requireSecondary(entry, ctx.params.req('RegionId'));
    if (entry.pair.Status !== 'failovered') throw invalidStatus(entry.pair.Status);
    entry.pair.Status = 'reprotecting';
    ctx.state.startTransition(entry, ctx.params.bool('ReverseReplicate', true) ? 'reprotect' : 'cancelFailover', ctx.nowMs);
    return {};
  },
};
