// Every node kind of the Replication tree, by kind: the explorer dispatches parent / children / present / tooltip /
// consoleUrl through this table (the type makes a new kind of NodeRef fail to compile until it has its entry). Pure.
import type { NodeKind, NodeKindName, NodeRef, RefOf } from '../nodes';
import { GROUP_DRILL_NODE, PAIR_DRILL_NODE } from './drill';
import { GROUP_NODE } from './group';
import { LOAD_ERROR_NODE, MESSAGE_NODE } from './messages';
import { PAIR_NODE } from './pair';
import { REGION_NODE } from './region';

const NODE_KINDS: { readonly [K in NodeKindName]: NodeKind<RefOf<K>> } = {
  region: REGION_NODE,
  group: GROUP_NODE,
  pair: PAIR_NODE,
  pairDrill: PAIR_DRILL_NODE,
  groupDrill: GROUP_DRILL_NODE,
  loadError: LOAD_ERROR_NODE,
  message: MESSAGE_NODE,
};

/** The kind of a node (typed for any NodeRef; each entry only ever sees its own kind). */
export function kindOf(ref: NodeRef): NodeKind<NodeRef> {
  return NODE_KINDS[ref.kind] as NodeKind<NodeRef>;
}
