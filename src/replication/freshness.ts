// The small interface through which the drill evidence (a later layer) tells the Replication view when each pair and
// replica group was last drilled successfully and whether it is overdue for a drill, and how the tree shows that: a
// description part ("drilled 12 d ago", "never drilled"), tooltip rows, and the warning colour on an overdue row's
// icon. Like runningDrills.ts, the tree only reads this port; the evidence layer implements it. Pure.
import type { ReplicaGroup, ReplicaPair } from '../ebs/types';
import { ageText, localTimeWithAge } from './presentation';
import { HEALTH_ICONS, type IconSpec } from './status';
import type { Localiser } from './text';

/** A pair or replica group the tree asks about (`name`: the record's name, possibly empty). */
export interface FreshnessOwner {
  kind: 'pair' | 'group';
  id: string;
  name: string;
}

export interface OwnerFreshness {
  /** unix ms of the last successful drill */
  lastDrilledAt?: number;
  overdue: boolean;
  /** 0 = cadence off */
  intervalDays: number;
}

export interface DrillFreshness {
  /** undefined: not known (yet) — nothing is shown */
  of(owner: FreshnessOwner): OwnerFreshness | undefined;
  /** Where Verify Drill stands for the drill; undefined when it was never verified (or nothing is known). */
  verificationOf?(drill: VerifiableDrill): VerificationMark | undefined;
  /** Fires whenever of() or verificationOf() may answer differently (the tree then redraws every row). */
  onDidChange(listener: () => void): { dispose(): void };
}

/** A drill the tree asks about: `regionId` is the DR region it runs in. */
export interface VerifiableDrill {
  kind: 'pair' | 'group';
  regionId: string;
  ownerId: string;
  drillId: string;
}

/** Where Verify Drill stands for a drill (the drill evidence's record); undefined: never verified. */
export type VerificationMark = 'verifying' | 'passed' | 'failed' | 'incomplete';

/** What the tree shows about a drill's verification: a mark, `notVerified` (the record has none), or undefined (not known). */
export type VerificationView = VerificationMark | 'notVerified';

/** The drill row's description part; an executed drill never verified says so (a usable disk is not yet a proof). */
export function verificationText(l: Localiser, mark: VerificationView | undefined, executed: boolean): string | undefined {
  switch (mark) {
    case 'verifying':
      return l.t('verifying…');
    case 'passed':
      return l.t('verified');
    case 'failed':
      return l.t('verification failed');
    case 'incomplete':
      return l.t('verification incomplete');
    case 'notVerified':
      return executed ? l.t('not verified') : undefined;
    default:
      return undefined;
  }
}

/** Until the drill evidence is wired in: nothing is known, nothing is shown. */
export const NO_DRILL_FRESHNESS: DrillFreshness = {
  of: () => undefined,
  onDidChange: () => ({ dispose: () => undefined }),
};

export const pairFreshnessOwner = (pair: ReplicaPair): FreshnessOwner => ({ kind: 'pair', id: pair.pairId, name: pair.name });
export const groupFreshnessOwner = (group: ReplicaGroup): FreshnessOwner => ({ kind: 'group', id: group.groupId, name: group.name });

/** The theme colour an overdue row's icon takes (unless its health already shows the failure colour). */
export const OVERDUE_COLOR = 'list.warningForeground';

/** The row's description part: `drilled 12 d ago` (the one age rounding), `never drilled`, or nothing when not known. */
export function freshnessDescription(l: Localiser, freshness: OwnerFreshness | undefined, now: Date): string | undefined {
  if (!freshness) return undefined;
  return freshness.lastDrilledAt === undefined ? l.t('never drilled') : l.t('drilled {0}', ageText(l, new Date(freshness.lastDrilledAt), now));
}

/** The tooltip rows: the last successful drill, the cadence, and why the owner is overdue (when it is). */
export function freshnessTooltipRows(l: Localiser, freshness: OwnerFreshness | undefined, now: Date): [string, string][] {
  if (!freshness) return [];
  const { lastDrilledAt, intervalDays } = freshness;
  const rows: [string, string][] = [
    [l.t('Last successful drill'), lastDrilledAt === undefined ? l.t('never') : localTimeWithAge(l, new Date(lastDrilledAt), now)],
    [l.t('Drill cadence'), intervalDays <= 0 ? l.t('off') : intervalDays === 1 ? l.t('every day') : l.t('every {0} days', intervalDays)],
  ];
  if (freshness.overdue) {
    rows.push([l.t('Overdue'), lastDrilledAt === undefined ? l.t('never drilled') : l.t('last successful drill is older than {0} days', intervalDays)]);
  }
  return rows;
}

/**
 * An overdue row keeps its codicon and takes the warning colour, unless its health colour is already the failure
 * colour (a failed pair stays red: the worse news wins).
 */
export function freshnessIcon(icon: IconSpec, freshness: OwnerFreshness | undefined): IconSpec {
  if (!freshness?.overdue || icon.color === HEALTH_ICONS.failed.color) return icon;
  return { id: icon.id, color: OVERDUE_COLOR };
}
