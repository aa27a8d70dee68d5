// The regions an evidence command acts on: the region node it was invoked on, else the user's choice among the
// view's root regions (of the node's profile side by side, else the active profile's).
import * as vscode from 'vscode';
import type { ConnectedClient } from '../../credentials/ui/clients';
import type { ReplicationView } from '../../replication/ui/replicationView';
import type { ActionContext } from '../../shared/ui/action';

type Context = ActionContext<ConnectedClient>;

/** The region of a region node (`{ kind: 'region', regionId }`), if the command was invoked on one. */
export function regionOfNode(node: unknown): string | undefined {
  const n = node as { kind?: unknown; regionId?: unknown } | undefined;
  return n?.kind === 'region' && typeof n.regionId === 'string' ? n.regionId : undefined;
}

/** Several regions: the node's, or a multi-select of the root regions (all preselected). */
export async function regionsOf(context: Context, tree: ReplicationView, node: unknown, connected: ConnectedClient, title: string, placeholder: string): Promise<string[] | undefined> {
  const fromNode = regionOfNode(node);
  if (fromNode) return [fromNode];
  const roots = rootRegions(tree, connected);
  const picked = await context.input.pickMany(
    roots.map((id) => ({ label: id, value: id, picked: true })),
    { title, step: 1, totalSteps: 2, placeholder },
  );
  return Array.isArray(picked) && picked.length > 0 ? picked : undefined;
}

/** One region: the node's, or a pick among the root regions with a description per region (e.g. its overdue count). */
export async function regionOf(context: Context, tree: ReplicationView, node: unknown, connected: ConnectedClient, title: string, describe: (regionId: string) => string | undefined): Promise<string | undefined> {
  const fromNode = regionOfNode(node);
  if (fromNode) return fromNode;
  const picked = await context.input.pickOne(
    rootRegions(tree, connected).map((id) => ({ label: id, description: describe(id), value: id })),
    { title, placeholder: vscode.l10n.t('Region') },
  );
  return typeof picked === 'string' ? picked : undefined;
}

function rootRegions(tree: ReplicationView, { connection }: ConnectedClient): string[] {
  const roots = tree.rootRegionIds?.(connection.profileId) ?? [];
  return roots.length > 0 ? [...roots] : [connection.defaultRegionId];
}
