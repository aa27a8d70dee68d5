// Registry of the emulated operations, by action name.
import { describeReplicaGroupDrills, clearReplicaGroupDrill, startReplicaGroupDrill } from './groupDrills';
import { describeDiskReplicaGroups } from './groups';
import { failoverDiskReplicaPair, reprotectDiskReplicaPair, startDiskReplicaPair, stopDiskReplicaPair } from './lifecycle';
import { clearPairDrill, describePairDrills, startPairDrill } from './pairDrills';
import { describeDiskReplicaPairs } from './pairs';
import { describeDiskReplicaPairProgress } from './progress';
import { describeRegions } from './regions';
import { STS_OPERATIONS, STS_VERSION } from './sts';
import type { Operation } from './types';

export const API_VERSION = '2021-07-30';

export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [
    describeRegions,
    describeDiskReplicaPairs,
    describeDiskReplicaGroups,
    startPairDrill,
    describePairDrills,
    clearPairDrill,
    startReplicaGroupDrill,
    describeReplicaGroupDrills,
    clearReplicaGroupDrill,
    describeDiskReplicaPairProgress,
    startDiskReplicaPair,
    stopDiskReplicaPair,
    failoverDiskReplicaPair,
    reprotectDiskReplicaPair,
  ].map((op) => [op.action, op]),
);

/** Operations by API version: one process serves both the EBS and the STS endpoint. */
export const OPERATIONS_BY_VERSION: ReadonlyMap<string, ReadonlyMap<string, Operation>> = new Map([
  [API_VERSION, OPERATIONS],
  [STS_VERSION, STS_OPERATIONS],
]);
