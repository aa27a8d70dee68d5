// The figures of one drill, read from its evidence record: the RPO the drill proved, how long the drill disk took to
// become usable (and how precisely that is known), how long until its files were verified, and how long the disk was
// held (billed). Pure.
//
// DescribePairDrills / DescribeReplicaGroupDrills report a StartAt but no end time: the moment a drill became usable
// lies between the last observation of `executing` and the first of `executed`. So the time to a usable disk is an
// upper bound (first `executed` − StartAt) with a resolution (first `executed` − last `executing`): the true value
// is at most the figure and at least the figure minus the resolution.
import type { LocalisableMessage } from '../shared/text';
import { ms, type DrillEvidence } from './evidence';

export type DrillOutcome = 'usable' | 'failed' | 'running' | 'unknown';

export interface DrillFigures {
  /** StartAt − recovery point: how old the data the drill cloned was. */
  rpoAtDrillMs?: number;
  /** First `executed` observation − StartAt: an upper bound of the time to a usable drill disk. */
  timeToUsableMs?: number;
  /** How much less the true time to a usable disk may be (first `executed` − last `executing`, or − StartAt). */
  resolutionMs?: number;
  /** The verification's verifiedAt − StartAt: how long until the drill disk's files were checked (passed drills only). */
  timeToVerifiedMs?: number;
  /** (Cleared, else gone) − first `executed`: how long the usable drill disk was held (billed). */
  timeHeldMs?: number;
  outcome: DrillOutcome;
}

/** `to − from` when both are known and it is not negative. */
function span(from: number | undefined, to: number | undefined): number | undefined {
  if (from === undefined || to === undefined) return undefined;
  const d = to - from;
  return d >= 0 ? d : undefined;
}

/** usable: the disk was seen `executed`; failed: seen `execute_failed`; running: still executing and not gone. */
export function drillOutcome(record: DrillEvidence): DrillOutcome {
  if (record.firstExecutedAt !== undefined) return 'usable';
  if (record.failedAt !== undefined || record.status === 'execute_failed') return 'failed';
  if (record.status === 'executing' && record.clearedAt === undefined && record.goneAt === undefined) return 'running';
  return 'unknown';
}

export function drillFigures(record: DrillEvidence): DrillFigures {
  const startAt = ms(record.startAt);
  const executedAt = ms(record.firstExecutedAt);
  const lastExecutingAt = ms(record.lastExecutingAt);
  const figures: DrillFigures = { outcome: drillOutcome(record) };
  const rpo = span(ms(record.recoveryPoint), startAt);
  if (rpo !== undefined) figures.rpoAtDrillMs = rpo;
  const toUsable = span(startAt, executedAt);
  if (toUsable !== undefined) {
    figures.timeToUsableMs = toUsable;
    // A last `executing` before StartAt (clock skew) bounds nothing better than StartAt itself.
    const lowerBound = lastExecutingAt !== undefined && startAt !== undefined && lastExecutingAt > startAt ? lastExecutingAt : startAt;
    const resolution = span(lowerBound, executedAt);
    if (resolution !== undefined) figures.resolutionMs = resolution;
  }
  if (record.verification?.state === 'passed') {
    const toVerified = span(startAt, ms(record.verification.verifiedAt));
    if (toVerified !== undefined) figures.timeToVerifiedMs = toVerified;
  }
  const held = span(executedAt, ms(record.clearedAt ?? record.goneAt));
  if (held !== undefined) figures.timeHeldMs = held;
  return figures;
}

const msg = (message: string, ...args: number[]): LocalisableMessage => ({ message, args: args.map(String) });

/**
 * "42 s", "3 min 5 s", "2 h 4 min", "3 d 2 h": the two largest whole units, rounded down (a duration never claims
 * more than it was); a zero second unit is left out ("5 min"). Negative durations count as 0.
 */
export function formatDuration(durationMs: number): LocalisableMessage {
  const seconds = Math.floor(Math.max(0, Number.isFinite(durationMs) ? durationMs : 0) / 1000);
  if (seconds < 60) return msg('{0} s', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? msg('{0} min', minutes) : msg('{0} min {1} s', minutes, seconds % 60);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? msg('{0} h', hours) : msg('{0} h {1} min', hours, minutes % 60);
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? msg('{0} d', days) : msg('{0} d {1} h', days, hours % 24);
}
