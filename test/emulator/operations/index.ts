// Registry of the emulated operations, by action name.
import { describeReplicaGroupDrills, clearReplicaGroupDrill, startReplicaGroupDrill } from './groupDrills';
import { describeDiskReplicaGroups } from './groups';
import { failoverDiskReplicaPair, reprotectDiskReplicaPair, startDiskReplicaPair, stopDiskReplicaPair } from './lifecycle';
import { clearPairDrill, describePairDrills, startPairDrill } from './pairDrills';
import { describeDiskReplicaPairs } from './pairs';
import { describeDiskReplicaPairProgress } from './progress';
import { describeRegions } from './regions';
import { describeCloudAssistantStatus, describeInvocationResults, runCommand } from './cloudAssistant';
import { attachDisk, describeDisks, describeInstances, detachDisk, ECS_VERSION } from './ecs';
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

/** ECS 2014-05-26 with Cloud Assistant. */
export const ECS_OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  [describeInstances, describeDisks, attachDisk, detachDisk, describeCloudAssistantStatus, runCommand, describeInvocationResults].map((op) => [op.action, op]),
);

/** Operations by API version: one process serves the EBS, the STS and the ECS endpoint. */
export const OPERATIONS_BY_VERSION: ReadonlyMap<string, ReadonlyMap<string, Operation>> = new Map([
  [API_VERSION, OPERATIONS],
  [STS_VERSION, STS_OPERATIONS],
  [ECS_VERSION, ECS_OPERATIONS],
]);
