// A node of the Replication tree by id (region → owner → drill), through the real TreeDataProvider, expanding only
// the nodes on the way.
import type * as vscode from 'vscode';
import type { NodeRef } from '../../../src/replication/nodes';
import type { ReplicationTestApi } from '../../../src/replication/ui/replicationView';

export async function treeItemById(tree: ReplicationTestApi, id: string): Promise<vscode.TreeItem | undefined> {
  const parts = id.split('/');
  let parent: NodeRef | undefined;
  for (let depth = 2; depth <= parts.length; depth += 2) {
    const prefix = parts.slice(0, depth).join('/');
    parent = ((await tree.provider.getChildren(parent)) ?? []).find((n) => n.id === prefix);
    if (!parent) return undefined;
  }
  return parent ? tree.provider.getTreeItem(parent) : undefined;
}
