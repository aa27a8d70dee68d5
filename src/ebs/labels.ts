// The one table of human labels for the API's words: pair and group statuses, drill and drill-disk statuses, charge
// types, sites and bandwidth. Each label is a LocalisableMessage (its English text is the l10n key; zh-cn in
// l10n/bundle.l10n.zh-cn.json, worded as the Alibaba Cloud console words them); the tree localises them with its
// Localiser (replication/status.ts), the drill commands nest them in their messages (drills/start.ts, clear.ts).
// An unknown value (one the service adds later) shows as it is. The raw API value stays visible for support in the
// tooltips (replication/status.ts withApiValue). Pure.
import type { LocalisableMessage } from '../shared/text';
import type { ChargeType, DrillDiskStatus, DrillStatus, KnownChargeType, KnownDrillDiskStatus, KnownDrillStatus, KnownPairStatus, KnownSite, PairStatus, Site } from './statuses';

/** A label without arguments (its text is the l10n key). */
function t(message: string): LocalisableMessage {
  return { message, args: [] };
}

/** An unknown value, shown as the service sent it. */
export function rawLabel(value: string): LocalisableMessage {
  return { message: '{0}', args: [value] };
}

const PAIR_STATUS_LABELS: Readonly<Record<KnownPairStatus, LocalisableMessage>> = {
  invalid: t('Invalid'),
  creating: t('Creating'),
  created: t('Not started'),
  create_failed: t('Create failed'),
  initial_syncing: t('Initial sync'),
  manual_syncing: t('One-shot sync'),
  syncing: t('Syncing'),
  normal: t('Normal'),
  stopping: t('Stopping'),
  stopped: t('Stopped'),
  stop_failed: t('Stop failed'),
  failovering: t('Failing over'),
  failovered: t('Failed over'),
  failover_failed: t('Failover failed'),
  reprotecting: t('Reprotecting'),
  reprotect_failed: t('Reprotect failed'),
  deleting: t('Deleting'),
  delete_failed: t('Delete failed'),
  deleted: t('Deleted'),
};

const DRILL_STATUS_LABELS: Readonly<Record<KnownDrillStatus, LocalisableMessage>> = {
  executing: t('Executing'),
  executed: t('Executed'),
  execute_failed: t('Execute failed'),
  clearing: t('Clearing'),
  clear_failed: t('Clear failed'),
};

const DRILL_DISK_STATUS_LABELS: Readonly<Record<KnownDrillDiskStatus, LocalisableMessage>> = {
  creating: t('Creating'),
  created: t('Created'),
  deleting: t('Deleting'),
  deleted: t('Deleted'),
};

const CHARGE_TYPE_LABELS: Readonly<Record<KnownChargeType, LocalisableMessage>> = {
  POSTPAY: t('Pay-as-you-go'),
  PREPAY: t('Subscription'),
};

const SITE_LABELS: Readonly<Record<KnownSite, LocalisableMessage>> = {
  production: t('Production site'),
  backup: t('DR site'),
};

function lookup<K extends string>(table: Readonly<Record<K, LocalisableMessage>>, value: string): LocalisableMessage {
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value as K] : rawLabel(value);
}

export function pairStatusLabel(status: PairStatus): LocalisableMessage {
  return lookup(PAIR_STATUS_LABELS, status);
}
/** Replica groups use the pair statuses (statuses.ts): the one table, shared. */
export const groupStatusLabel = pairStatusLabel;

export function drillStatusLabel(status: DrillStatus): LocalisableMessage {
  return lookup(DRILL_STATUS_LABELS, status);
}

export function drillDiskStatusLabel(status: DrillDiskStatus): LocalisableMessage {
  return lookup(DRILL_DISK_STATUS_LABELS, status);
}

export function chargeTypeLabel(chargeType: ChargeType): LocalisableMessage {
  return lookup(CHARGE_TYPE_LABELS, chargeType);
}

export function siteLabel(site: Site): LocalisableMessage {
  return lookup(SITE_LABELS, site);
}

/** Bandwidth of a pair or group: 0 means the service picks it (dynamic). */
export function bandwidthLabel(kbps: number): LocalisableMessage {
  return kbps === 0 ? t('Dynamic') : { message: '{0} Kbit/s', args: [String(kbps)] };
}

/** Whether the label is the value itself (an unknown value): then the raw value is not repeated beside it. */
export function isRawLabel(label: LocalisableMessage): boolean {
  return label.message === '{0}';
}
