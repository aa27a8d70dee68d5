// A root region's node: its load state and the roll-up of its pairs' health; its children are its groups, then its
// ungrouped pairs (or "No replication pairs in this region", or one retry node when its load failed). Pure.
import { regionDrillRollupText, withDrillMark } from '../drillMarks';
import type { NodeKind, NodeRef, RefOf } from '../nodes';
import type { RegionContents } from '../regionContents';
import { regionSummaryIcon, regionSummaryText, summariseRegion, type RegionSummary } from '../regionSummary';
import { REGION_ICONS } from '../status';

export const REGION_NODE: NodeKind<RefOf<'region'>> = {
  parent: () => undefined,

  async children(ref, tree) {
    const { regionId } = ref;
    const state = await tree.regionShown(regionId);
    if (state.status === 'failed') return [tree.intern({ kind: 'loadError', id: `${ref.id}/error`, regionId, parentId: ref.id, target: { kind: 'region' } })];
    const contents = tree.contents(regionId);
    if (!contents) return [];
    const nodes: NodeRef[] = [...contents.groups.map((g) => tree.groupRef(regionId, g.group.groupId)), ...contents.ungroupedIds.map((id) => tree.pairRef(regionId, id))];
    if (nodes.length === 0) nodes.push(tree.intern({ kind: 'message', id: `${ref.id}/empty`, regionId, parentId: ref.id, message: 'noPairs' }));
    return nodes;
  },

  present(ref, tree) {
    const { l } = tree;
    const { regionId } = ref;
    const state = tree.regionView(regionId);
    const name = tree.regionName(regionId);
    const summary = (contents: RegionContents): RegionSummary => summariseRegion(contents, (owner) => tree.freshness(owner));
    // Running drills and held drill disks right after the pair count (drillMarks.ts withDrillMark says why).
    const withRegionDrills = (text: string): string | undefined => withDrillMark(text, regionDrillRollupText(l, tree.regionDrills(regionId)));
    const base = { id: ref.id, label: regionId, collapsible: 'collapsed' as const, tooltip: name ? `**${regionId}** — ${name}` : `**${regionId}**` };
    switch (state.status) {
      case 'idle':
        return { ...base, icon: REGION_ICONS.idle, contextValue: 'region' };
      case 'loading':
        return { ...base, description: state.previous ? withRegionDrills(regionSummaryText(l, summary(state.previous))) : l.t('Loading…'), icon: REGION_ICONS.loading, contextValue: 'region' };
      case 'failed':
        return { ...base, description: l.t('Could not load'), icon: REGION_ICONS.failed, contextValue: 'region.failed' };
      case 'loaded': {
        const loaded = summary(state.value);
        return { ...base, description: withRegionDrills(regionSummaryText(l, loaded)), icon: regionSummaryIcon(loaded), contextValue: 'region' };
      }
    }
  },
};
