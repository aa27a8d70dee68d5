// Walks the pure explorer like VS Code would with every node expanded, as TreeLines.
import type { ReplicationExplorer } from '../../../src/replication/explorer';
import type { NodeRef } from '../../../src/replication/nodes';
import type { TreeLine } from '../../fixtures/treeScenario';

export async function walk(explorer: ReplicationExplorer, expand: (ref: NodeRef) => boolean = () => true): Promise<TreeLine[]> {
  const lines: TreeLine[] = [];
  const visit = async (ref: NodeRef | undefined, depth: number): Promise<void> => {
    for (const child of await explorer.children(ref)) {
      const p = explorer.present(child);
      lines.push({ depth, label: p.label, description: p.description, icon: p.icon.id, color: p.icon.color, contextValue: p.contextValue });
      if (p.collapsible !== 'none' && expand(child)) await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
  return lines;
}
