// The rows that stand for no record: "Could not load … — click to retry" (a region's inventory or an owner's drills
// failed; activating it retries) and the informational leaves "No drills" / "No replication pairs in this region". Pure.
import type { NodeKind, RefOf } from '../nodes';
import { MESSAGE_ICONS } from '../status';

export const LOAD_ERROR_NODE: NodeKind<RefOf<'loadError'>> = {
  parent: (ref, tree) => tree.byId(ref.parentId),

  present(ref, tree) {
    const { l } = tree;
    const error = ref.target.kind === 'region' ? tree.regionError(ref.regionId) : tree.drillsError(ref.target);
    const explanation = error === undefined ? l.t('the request failed') : l.errorText(error);
    const label = ref.target.kind === 'region' ? l.t('Could not load: {0} — click to retry', explanation) : l.t('Could not load drills: {0} — click to retry', explanation);
    return { id: ref.id, label, tooltip: label, icon: MESSAGE_ICONS.loadError, contextValue: 'loadError', collapsible: 'none', retry: true };
  },
};

export const MESSAGE_NODE: NodeKind<RefOf<'message'>> = {
  parent: (ref, tree) => tree.byId(ref.parentId),

  present: (ref, tree) => ({
    id: ref.id,
    label: ref.message === 'noPairs' ? tree.l.t('No replication pairs in this region') : tree.l.t('No drills'),
    icon: MESSAGE_ICONS.info,
    contextValue: 'message',
    collapsible: 'none',
  }),
};
