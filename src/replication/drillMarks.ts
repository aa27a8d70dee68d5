// State on the row: what a pair or group row says about its drills without being expanded ("drill running",
// "drill disk held"), the same rolled up on the region row ("1 drill running", "2 drill disks held"), and why a pair
// or group cannot be drilled (its tooltip row and Why Can't I Drill This?). What a row shows combines the drills the
// tree listed itself with what the drill tracker knows (the RunningDrills port). Pure.
import { SEPARATOR } from './presentation';
import { notDrillableText } from '../ebs/drillable';
import { isDrillDiskBilled, isDrillInProgress, type GroupDrill, type PairDrill, type PairStatus } from '../ebs/types';
import type { RunningDrills } from './runningDrills';
import { localised, type Localiser } from './text';

/** What a pair's or group's drills hold right now. */
export interface DrillMark {
  /** A drill is executing or clearing (or being started from this window). */
  running: boolean;
  /** The billed drill disks its finished drills still hold (each once). */
  heldDiskIds: readonly string[];
}

export const NO_DRILL_MARK: DrillMark = { running: false, heldDiskIds: [] };

/** The mark of the drills the tree listed for an owner. */
export function listedDrillMark(drills: readonly (PairDrill | GroupDrill)[]): DrillMark {
  const held: string[] = [];
  for (const drill of drills) {
    const disks = 'pairs' in drill ? drill.pairs : [drill];
    for (const disk of disks) if (disk.drillDiskId && isDrillDiskBilled(drill.status, disk.drillDiskStatus)) held.push(disk.drillDiskId);
  }
  return { running: drills.some((d) => isDrillInProgress(d.status)), heldDiskIds: [...new Set(held)] };
}

/** The tree's own listing and the tracker's knowledge of one owner, together (a disk both know is one disk). */
export function ownerDrillMark(listed: DrillMark, running: RunningDrills, ownerId: string): DrillMark {
  const tracked = running.heldDisks?.(ownerId) ?? [];
  return {
    running: listed.running || (running.isRunning?.(ownerId) ?? false),
    heldDiskIds: tracked.length === 0 ? listed.heldDiskIds : [...new Set([...listed.heldDiskIds, ...tracked])],
  };
}

/** A short text that changes exactly when the row's mark (and its contextValue's drillRunning) changes. */
export function drillMarkSignature(mark: DrillMark): string {
  return mark.running || mark.heldDiskIds.length > 0 ? `${mark.running ? 'R' : ''}${mark.heldDiskIds.join(',')}` : '';
}

/** The row's part: `drill running`, `drill disk held`, `3 drill disks held` (both when both), or nothing. */
export function drillMarkText(l: Localiser, mark: DrillMark): string | undefined {
  const held = mark.heldDiskIds.length;
  const parts = [
    mark.running ? l.t('drill running') : undefined,
    held === 0 ? undefined : held === 1 ? l.t('drill disk held') : l.t('{0} drill disks held', held),
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** How many drills run and how many billed drill disks are held under a region (each pair and group once). */
export interface RegionDrillRollup {
  running: number;
  held: number;
}

export function rollUpDrillMarks(marks: Iterable<DrillMark>): RegionDrillRollup {
  let running = 0;
  const held = new Set<string>();
  for (const mark of marks) {
    if (mark.running) running++;
    for (const id of mark.heldDiskIds) held.add(id);
  }
  return { running, held: held.size };
}

/** The region row's part: `1 drill running · 2 drill disks held`, or nothing. */
export function regionDrillRollupText(l: Localiser, rollup: RegionDrillRollup): string | undefined {
  const parts = [
    rollup.running === 0 ? undefined : rollup.running === 1 ? l.t('1 drill running') : l.t('{0} drills running', rollup.running),
    rollup.held === 0 ? undefined : rollup.held === 1 ? l.t('1 drill disk held') : l.t('{0} drill disks held', rollup.held),
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/**
 * The description with the drill part second, right after the status (a region: after its pair count): it is the
 * rare, billed, act-on-it state, and in a narrow sidebar the end of a description is what gets cut off, while the
 * status leads every row. Without a drill part the description is unchanged.
 */
export function withDrillMark(description: string | undefined, mark: string | undefined): string | undefined {
  if (mark === undefined) return description;
  if (!description) return mark;
  const [first, ...rest] = description.split(SEPARATOR);
  return [first, mark, ...rest].join(SEPARATOR);
}

/** Why the pair or group cannot be drilled (the one rule and text, ebs/drillable.ts), localised; undefined when it can. */
export function notDrillableMessage(l: Localiser, kind: 'pair' | 'group', record: { status: PairStatus; lastRecoverPoint?: number }): string | undefined {
  const text = notDrillableText(kind, { status: record.status, recoverPoint: record.lastRecoverPoint });
  return text && l.t(text.message, ...text.args.map((a) => (typeof a === 'string' ? a : localised(l, a))));
}

/** The tooltip row saying why the pair or group cannot be drilled (none when it can). */
export function notDrillableRows(l: Localiser, kind: 'pair' | 'group', record: { status: PairStatus; lastRecoverPoint?: number }): [string, string][] {
  const reason = notDrillableMessage(l, kind, record);
  return reason === undefined ? [] : [[l.t('Cannot be drilled'), reason]];
}
