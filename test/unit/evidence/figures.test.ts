import * as assert from 'node:assert/strict';
import { drillFigures, formatDuration } from '../../../src/evidence/figures';
import { formatMessage } from '../../../src/shared/text';
import { drillRecord } from './records';

const WEB = { id: 'pair-demo-web01', name: 'web-01' };

describe('evidence figures', () => {
  it('reads RPO at drill, time to a usable disk with its resolution, and time held from fixed times', () => {
    const f = drillFigures(drillRecord({
      drillId: 'drill-5r7t9v1x3z5b7d9f1h3j', owner: WEB, regionId: 'cn-shanghai',
      recoveryPoint: '2026-02-10T01:52:30.000Z', startAt: '2026-02-10T02:00:00.000Z',
      lastExecutingAt: '2026-02-10T02:03:40.000Z', firstExecutedAt: '2026-02-10T02:03:45.000Z', clearedAt: '2026-02-10T03:10:20.000Z',
    }));
    assert.deepEqual(f, { outcome: 'usable', rpoAtDrillMs: 450_000, timeToUsableMs: 225_000, resolutionMs: 5_000, timeHeldMs: 3_995_000 });
  });

  it('without a last `executing` observation, the resolution is the whole time from StartAt', () => {
    const f = drillFigures(drillRecord({ drillId: 'drill-a', owner: WEB, regionId: 'cn-shanghai', startAt: '2026-02-20T02:00:00.000Z', firstExecutedAt: '2026-02-20T02:06:30.000Z' }));
    assert.equal(f.timeToUsableMs, 390_000);
    assert.equal(f.resolutionMs, 390_000);
    assert.equal(f.timeHeldMs, undefined);
    assert.equal(f.rpoAtDrillMs, undefined);
  });

  it('a last `executing` before StartAt (clock skew) bounds nothing: the resolution is from StartAt', () => {
    const f = drillFigures(drillRecord({ drillId: 'drill-a', owner: WEB, regionId: 'cn-shanghai', startAt: '2026-02-20T02:00:00.000Z', lastExecutingAt: '2026-02-20T01:59:58.000Z', firstExecutedAt: '2026-02-20T02:01:00.000Z' }));
    assert.equal(f.resolutionMs, 60_000);
  });

  it('held time counts until the drill was gone when no clear was seen', () => {
    const f = drillFigures(drillRecord({ drillId: 'drill-a', owner: WEB, regionId: 'cn-shanghai', startAt: '2026-02-27T04:00:00.000Z', firstExecutedAt: '2026-02-27T04:01:30.000Z', goneAt: '2026-02-28T09:30:00.000Z' }));
    assert.equal(f.timeHeldMs, (24 + 5) * 3_600_000 + 28.5 * 60_000);
  });

  it('negative, missing or unreadable inputs give no figure', () => {
    const f = drillFigures(drillRecord({
      drillId: 'drill-a', owner: WEB, regionId: 'cn-shanghai', status: 'executing',
      recoveryPoint: '2026-02-10T02:05:00.000Z', startAt: '2026-02-10T02:00:00.000Z', lastExecutingAt: '2026-02-10T02:09:00.000Z',
      firstExecutedAt: '2026-02-10T02:08:00.000Z', clearedAt: 'not a time', goneAt: '2026-02-10T02:30:00.000Z',
    }));
    // recovery point after StartAt; last `executing` after the first `executed`; clearedAt unreadable (goneAt is not used then).
    assert.deepEqual(f, { outcome: 'usable', timeToUsableMs: 480_000 });
    const none = drillFigures(drillRecord({ drillId: 'drill-b', owner: WEB, regionId: 'cn-shanghai', status: 'executing', firstExecutedAt: '2026-02-10T02:08:00.000Z' }));
    assert.deepEqual(none, { outcome: 'usable' });
    const early = drillFigures(drillRecord({ drillId: 'drill-c', owner: WEB, regionId: 'cn-shanghai', startAt: '2026-02-10T02:00:00.000Z', firstExecutedAt: '2026-02-10T01:59:00.000Z' }));
    assert.equal(early.timeToUsableMs, undefined);
    assert.equal(early.resolutionMs, undefined);
  });

  it('tells the outcome: usable, failed, running or unknown', () => {
    const base = { owner: WEB, regionId: 'cn-shanghai', startAt: '2026-02-10T02:00:00.000Z' };
    assert.equal(drillFigures(drillRecord({ ...base, drillId: 'drill-f', status: 'execute_failed', failedAt: '2026-02-10T02:01:00.000Z' })).outcome, 'failed');
    assert.equal(drillFigures(drillRecord({ ...base, drillId: 'drill-r', status: 'executing' })).outcome, 'running');
    assert.equal(drillFigures(drillRecord({ ...base, drillId: 'drill-g', status: 'executing', goneAt: '2026-02-10T02:10:00.000Z' })).outcome, 'unknown');
    assert.equal(drillFigures(drillRecord({ ...base, drillId: 'drill-x', status: 'clear_failed' })).outcome, 'unknown');
  });

  it('formats durations in the two largest whole units, rounded down', () => {
    const text = (ms: number): string => formatMessage(formatDuration(ms));
    assert.equal(text(0), '0 s');
    assert.equal(text(-5_000), '0 s');
    assert.equal(text(42_999), '42 s');
    assert.equal(text(59_999), '59 s');
    assert.equal(text(60_000), '1 min');
    assert.equal(text(185_900), '3 min 5 s');
    assert.equal(text(3_599_999), '59 min 59 s');
    assert.equal(text(3_600_000), '1 h');
    assert.equal(text(2 * 3_600_000 + 4 * 60_000 + 59_000), '2 h 4 min');
    assert.equal(text(86_400_000 - 1), '23 h 59 min');
    assert.equal(text(3 * 86_400_000 + 2 * 3_600_000 + 59 * 60_000), '3 d 2 h');
    assert.equal(text(30 * 86_400_000), '30 d');
    assert.equal(text(Number.NaN), '0 s');
  });
});
