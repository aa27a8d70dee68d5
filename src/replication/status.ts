// How a status reads in the tree: pair/group status → health, its icon and colour, and the status texts of pairs,
// groups and drills; the icons of regions and message rows. Pure.
import { isPairFailed, type DrillStatus, type PairStatus } from '../ebs/types';
import type { Localiser } from './text';

/** A codicon id (`$(id)`) and an optional theme colour id. */
export interface IconSpec {
  id: string;
  color?: string;
}

export type Health = 'healthy' | 'syncing' | 'stopped' | 'failed' | 'failedOver' | 'transition' | 'deleted' | 'unknown';

export function pairHealth(status: PairStatus): Health {
  if (status === 'normal') return 'healthy';
  if (status === 'syncing' || status === 'initial_syncing' || status === 'manual_syncing') return 'syncing';
  if (status === 'stopped' || status === 'created') return 'stopped';
  if (isPairFailed(status)) return 'failed';
  if (status === 'failovered') return 'failedOver';
  if (status === 'creating' || status === 'stopping' || status === 'failovering' || status === 'reprotecting' || status === 'deleting') return 'transition';
  if (status === 'deleted') return 'deleted';
  return 'unknown';
}

export const HEALTH_ICONS: Readonly<Record<Health, IconSpec>> = {
  healthy: { id: 'pass-filled', color: 'testing.iconPassed' },
  syncing: { id: 'sync', color: 'charts.blue' },
  stopped: { id: 'debug-pause', color: 'charts.yellow' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  failedOver: { id: 'arrow-swap', color: 'charts.orange' },
  transition: { id: 'loading~spin', color: 'charts.blue' },
  deleted: { id: 'trash', color: 'disabledForeground' },
  unknown: { id: 'question' },
};

export function drillIcon(status: DrillStatus): IconSpec {
  switch (status) {
    case 'executing':
      return { id: 'loading~spin', color: 'charts.blue' };
    case 'executed':
      return { id: 'beaker', color: 'testing.iconPassed' };
    case 'execute_failed':
    case 'clear_failed':
      return { id: 'error', color: 'testing.iconFailed' };
    case 'clearing':
      return { id: 'trash', color: 'charts.blue' };
    default:
      return { id: 'question' };
  }
}

export const REGION_ICONS = {
  loading: { id: 'loading~spin' },
  failed: { id: 'error', color: 'testing.iconFailed' },
  idle: { id: 'globe' },
  empty: { id: 'globe' },
  healthy: { id: 'globe', color: 'testing.iconPassed' },
  attention: { id: 'globe', color: 'charts.yellow' },
  broken: { id: 'globe', color: 'testing.iconFailed' },
} as const satisfies Record<string, IconSpec>;

export const MESSAGE_ICONS = {
  loadError: { id: 'refresh', color: 'testing.iconFailed' },
  info: { id: 'info' },
} as const satisfies Record<string, IconSpec>;

export function pairStatusText(l: Localiser, status: PairStatus): string {
  switch (status) {
    case 'invalid':
      return l.t('Invalid');
    case 'creating':
      return l.t('Creating');
    case 'created':
      return l.t('Created');
    case 'create_failed':
      return l.t('Create failed');
    case 'initial_syncing':
      return l.t('Initial sync');
    case 'manual_syncing':
      return l.t('One-shot sync');
    case 'syncing':
      return l.t('Syncing');
    case 'normal':
      return l.t('Normal');
    case 'stopping':
      return l.t('Stopping');
    case 'stopped':
      return l.t('Stopped');
    case 'stop_failed':
      return l.t('Stop failed');
    case 'failovering':
      return l.t('Failing over');
    case 'failovered':
      return l.t('Failed over');
    case 'failover_failed':
      return l.t('Failover failed');
    case 'reprotecting':
      return l.t('Reprotecting');
    case 'reprotect_failed':
      return l.t('Reprotect failed');
    case 'deleting':
      return l.t('Deleting');
    case 'delete_failed':
      return l.t('Delete failed');
    case 'deleted':
      return l.t('Deleted');
    default:
      return status;
  }
}

/** Status text with the status message when the service gave one (`Invalid (DeviceRemoved)`). */
export function pairStatusWithMessage(l: Localiser, status: PairStatus, statusMessage: string | undefined): string {
  const text = pairStatusText(l, status);
  return statusMessage ? l.t('{0} ({1})', text, statusMessage) : text;
}

export function drillStatusText(l: Localiser, status: DrillStatus): string {
  switch (status) {
    case 'executing':
      return l.t('Executing');
    case 'executed':
      return l.t('Executed');
    case 'execute_failed':
      return l.t('Execute failed');
    case 'clearing':
      return l.t('Clearing');
    case 'clear_failed':
      return l.t('Clear failed');
    default:
      return status;
  }
}

