// Which pairs and groups can be drilled: the one rule the tree (menus, icons) and the drill commands share, so the
// tree never offers a drill the command refuses. The API documents only that a recovery point must exist; the
// statuses are those in which the secondary disk holds a consistent recovery point and is not being taken over,
// created or removed (docs/ebs-api.md, "Drills"). Pure.
import type { LocalisableMessage } from '../shared/text';
import { pairStatusLabel } from './labels';
import type { PairStatus } from './types';

/** Statuses from which StartPairDrill / StartReplicaGroupDrill can start a drill. */
export const DRILLABLE_STATUSES: ReadonlySet<string> = new Set(['created', 'initial_syncing', 'manual_syncing', 'syncing', 'normal', 'stopping', 'stopped', 'stop_failed']);

export type Undrillable = 'status' | 'noRecoveryPoint';

/** Why a pair or group (status and last recovery point) cannot be drilled, or undefined when it can. */
export function whyNotDrillable(target: { status: PairStatus | string; recoverPoint?: Date | number }): Undrillable | undefined {
  if (!DRILLABLE_STATUSES.has(target.status)) return 'status';
  if (target.recoverPoint === undefined) return 'noRecoveryPoint';
  return undefined;
}

export function isDrillable(target: { status: PairStatus | string; recoverPoint?: Date | number }): boolean {
  return whyNotDrillable(target) === undefined;
}

/** The owner as a word inside a sentence ("The pair is …"): the drill texts and the tree's why-not share these. */
export const DRILL_OWNER_NOUNS: Readonly<Record<'pair' | 'group', LocalisableMessage>> = {
  pair: { message: 'pair', args: [] },
  group: { message: 'group', args: [] },
};

/** A reason text: its template, and arguments that may be messages of their own (the noun), one level deep. */
export interface NotDrillableText {
  message: string;
  args: Array<string | LocalisableMessage>;
}

/**
 * Why the pair or group cannot be drilled, in words, or undefined when it can: the one text the palette's Start
 * (drills/start.ts notDrillableReason), the tree's tooltip and Why Can't I Drill This? show.
 */
export function notDrillableText(kind: 'pair' | 'group', target: { status: PairStatus | string; recoverPoint?: Date | number }): NotDrillableText | undefined {
  const what = DRILL_OWNER_NOUNS[kind];
  switch (whyNotDrillable(target)) {
    case 'status':
      // The status as people say it, lower case inside the sentence ("The pair is failed over; …").
      return { message: 'The {0} is {1}; a drill needs a {0} that is replicating or stopped.', args: [what, { ...pairStatusLabel(target.status as PairStatus), inSentence: true }] };
    case 'noRecoveryPoint':
      return { message: 'No recovery point yet: the first replication cycle of this {0} has not completed.', args: [what] };
    case undefined:
      return undefined;
  }
}
