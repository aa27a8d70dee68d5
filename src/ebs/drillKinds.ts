// The two kinds of drill, of a replication pair and of a replica group: the same three operations under different
// action and parameter names (docs/ebs-api.md, section Drills). Every drill operation is written once, for a kind.

export interface DrillKind {
  start: 'StartPairDrill' | 'StartReplicaGroupDrill';
  describe: 'DescribePairDrills' | 'DescribeReplicaGroupDrills';
  clear: 'ClearPairDrill' | 'ClearReplicaGroupDrill';
  /** The query parameter naming the pair or group (`PairId` here, not `ReplicaPairId`). */
  idParameter: 'PairId' | 'GroupId';
  /** The name of that argument in the client's messages. */
  idArgument: 'pairId' | 'groupId';
}

export const PAIR_DRILL: DrillKind = {
  start: 'StartPairDrill',
  describe: 'DescribePairDrills',
  clear: 'ClearPairDrill',
  idParameter: 'PairId',
  idArgument: 'pairId',
};

export const GROUP_DRILL: DrillKind = {
  start: 'StartReplicaGroupDrill',
  describe: 'DescribeReplicaGroupDrills',
  clear: 'ClearReplicaGroupDrill',
  idParameter: 'GroupId',
  idArgument: 'groupId',
};
