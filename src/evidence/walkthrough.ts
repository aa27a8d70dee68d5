// The Get Started walkthrough's progress from real state (package.json completionEvents `onContext:<key>`): a usable
// profile exists, regions are chosen, a drill has run, a drill has been cleared. Computed at activation and on every
// change, so the steps are checked also when the page is opened later. Pure: the shell (ui/walkthrough.ts) gathers
// the state and sets the context keys.
import { REGION_CHOICE_KEY_PREFIX, normaliseRegionIds } from '../regions/regionChoice';
import type { DrillEvidence } from './evidence';

export const WALKTHROUGH_CONTEXT_KEYS = {
  connected: 'ebsDr.walkthrough.connected',
  regionsChosen: 'ebsDr.walkthrough.regionsChosen',
  drilled: 'ebsDr.walkthrough.drilled',
  cleared: 'ebsDr.walkthrough.cleared',
} as const;

export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT_KEYS;

export interface WalkthroughInput {
  /** Whether at least one profile resolves to usable credentials. */
  usableProfile: boolean;
  /** Every key and value of the global state (the region choices are kept there per profile). */
  globalState: readonly (readonly [string, unknown])[];
  /** Every drill record known (started here, discovered, or a teammate's). */
  records: readonly Pick<DrillEvidence, 'account' | 'clearedAt' | 'clearRequestedAt' | 'goneAt'>[];
  /** Ids of this machine's profiles: only their drills count (a teammate's committed record does not check a step). */
  profileIds: ReadonlySet<string>;
}

/** Whether the record's drill was cleared: its disappearance after a clear was seen. */
export function wasCleared(record: Pick<DrillEvidence, 'clearedAt' | 'clearRequestedAt' | 'goneAt'>): boolean {
  return record.clearedAt !== undefined || (record.clearRequestedAt !== undefined && record.goneAt !== undefined);
}

export function walkthroughState(input: WalkthroughInput): Record<WalkthroughStep, boolean> {
  const own = input.records.filter((r) => input.profileIds.has(r.account.profileId));
  return {
    connected: input.usableProfile,
    regionsChosen: input.globalState.some(([key, value]) => key.startsWith(REGION_CHOICE_KEY_PREFIX) && Array.isArray(value) && normaliseRegionIds(value).length > 0),
    drilled: own.length > 0,
    cleared: own.some(wasCleared),
  };
}
