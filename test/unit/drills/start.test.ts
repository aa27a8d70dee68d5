import * as assert from 'node:assert/strict';
import { clearConfirmation } from '../../../src/drills/clear';
import { completionNotice } from '../../../src/drills/completion';
import { pairTarget } from '../../../src/drills/kinds';
import type { ListedDrill, TrackedDrill } from '../../../src/drills/model';
import { executingIds, heldDrill, inFlightReason, notDrillableReason, staleDataWarning, startConfirmation, startedMessage, targetDescription, type PreStartCheck } from '../../../src/drills/start';
import { formatText as render } from '../../../src/drills/text';
import type { ReplicaPair } from '../../../src/ebs/types';
import { samplePair } from '../support/samples';

const NOW = Date.UTC(2026, 0, 1, 12);
const fmt = (ms: number): string => new Date(ms).toISOString();

/** The shared sample pair as this suite knows it: ID pair-1, recovery point 5 minutes before NOW. */
const pair = (overrides: Partial<ReplicaPair> = {}): ReplicaPair =>
  samplePair({ pairId: 'pair-1', lastRecoverPoint: NOW - 5 * 60_000, ...overrides });

describe('drills/start', () => {
  it('sends the drill to the destination (DR) region, even after a failover reversed the direction', () => {
    assert.equal(pairTarget(pair()).regionId, 'cn-shanghai');
    const reversed = pairTarget(pair({ sourceRegionId: 'cn-shanghai', destinationRegionId: 'cn-hangzhou', destinationZoneId: 'cn-hangzhou-i' }));
    assert.equal(reversed.regionId, 'cn-hangzhou');
    assert.equal(reversed.zoneId, 'cn-hangzhou-i');
  });

  it('explains why a pair cannot be drilled', () => {
    assert.equal(notDrillableReason(pairTarget(pair())), undefined);
    assert.equal(notDrillableReason(pairTarget(pair({ status: 'stopped' }))), undefined);
    assert.match(render(notDrillableReason(pairTarget(pair({ lastRecoverPoint: undefined }))) ?? { message: '', args: [] }), /No recovery point yet/);
    assert.match(render(notDrillableReason(pairTarget(pair({ status: 'failovered' }))) ?? { message: '', args: [] }), /^The pair is failed over; /);
    assert.match(render(notDrillableReason(pairTarget(pair({ status: 'invalid' }))) ?? { message: '', args: [] }), /pair is invalid/);
  });

  it('describes a pair with status and recovery-point age', () => {
    assert.equal(render(targetDescription(pairTarget(pair()), NOW)), 'Normal · recovery point 5 min ago');
    assert.equal(render(targetDescription(pairTarget(pair({ lastRecoverPoint: undefined })), NOW)), 'Normal · no recovery point');
  });

  const complete = (drills: ListedDrill[] = []): PreStartCheck => ({ complete: true, drills });

  it('confirms with the pair, DR region and zone, recovery point and the billing', () => {
    const c = startConfirmation(pairTarget(pair()), complete(), true, fmt, NOW);
    assert.ok(c);
    assert.equal(render(c.message), 'Start a DR drill for pair web-01 (pair-1)?');
    const detail = render(c.detail);
    assert.match(detail, /DR region cn-shanghai, zone cn-shanghai-e/);
    assert.match(detail, new RegExp(fmt(NOW - 5 * 60_000)));
    assert.match(detail, /pay-as-you-go drill disk of the same size .* billed until you clear the drill/);
  });

  it('skips the confirmation when turned off, but fails closed: asks when the check could not be completed', () => {
    assert.equal(startConfirmation(pairTarget(pair()), complete(), false, fmt, NOW), undefined);
    const c = startConfirmation(pairTarget(pair()), { complete: false }, false, fmt, NOW);
    assert.ok(c);
    assert.equal(render(c.message), 'Could not check whether a drill of web-01 (pair-1) is running or still holds a billed drill disk. Start a drill anyway?');
    assert.match(render(c.detail), /If a drill is running, this starts a second billable drill\./);
    assert.equal(render(c.confirmLabel), 'Start Drill Anyway');
  });

  it('names a finished drill that still holds a billed disk, with its age, even with confirmations off', () => {
    const held: ListedDrill = { drillId: 'drill-old', status: 'executed', disks: [{ diskId: 'd-held', status: 'created' }], startedAt: NOW - 3 * 3600_000 };
    const gone: ListedDrill = { drillId: 'drill-gone', status: 'execute_failed', disks: [{ diskId: 'd-x', status: 'create_failed' }], startedAt: NOW - 60_000 };
    const c = startConfirmation(pairTarget(pair()), complete([gone, held]), false, fmt, NOW);
    assert.ok(c);
    assert.equal(render(c.message), 'Drill drill-old of web-01 (pair-1) (started 3 h ago) still holds the billed drill disk d-held. Start another drill?');
    assert.equal(c.held?.drillId, 'drill-old');
    assert.equal(render(c.confirmLabel), 'Start Another Drill');
    assert.equal(heldDrill(complete([gone])), undefined, 'a failed drill without a created disk holds nothing');
  });

  it('refuses a second start while one is being started or a drill is executing', () => {
    assert.equal(inFlightReason(pairTarget(pair()), false, []), undefined);
    assert.equal(render(inFlightReason(pairTarget(pair()), true, []) ?? { message: '', args: [] }), 'A drill for web-01 (pair-1) is being started. Wait for the answer before starting another.');
    assert.match(render(inFlightReason(pairTarget(pair()), false, ['drill-run']) ?? { message: '', args: [] }), /already executing \(drill-run\)\. Wait until it has finished/);
    assert.deepEqual(executingIds(complete([{ drillId: 'drill-run', status: 'executing', disks: [] }, { drillId: 'drill-done', status: 'executed', disks: [] }])), ['drill-run']);
  });

  it('announces the start with the DrillId and the recovery point time', () => {
    assert.equal(render(startedMessage(pairTarget(pair()), 'drill-abc', fmt)), `Drill drill-abc started for web-01 (pair-1) from the recovery point of ${fmt(NOW - 300_000)}`);
  });

  it('words completions: disk, zone and billing on success; the StatusMessage on failure; nothing when it vanished', () => {
    const base: TrackedDrill = { kind: 'pair', regionId: 'cn-shanghai', ownerId: 'pair-1', ownerName: 'web-01', drillId: 'drill-1', account: 'a', status: 'executed', disks: [{ diskId: 'd-9', status: 'created' }], zoneId: 'cn-shanghai-e', followed: true };
    const ok = completionNotice(base, 'executed');
    assert.equal(ok?.kind, 'info');
    assert.match(render(ok?.text ?? { message: '', args: [] }), /drill disk d-9 in zone cn-shanghai-e is ready and billed until you clear the drill/);
    assert.deepEqual(ok?.actions, ['verify', 'clear', 'copyDiskId']);
    const failed = completionNotice({ ...base, status: 'execute_failed', statusMessage: 'PAIR_SYNCPOINT_NOT_FOUND', disks: [] }, 'execute_failed');
    assert.equal(failed?.kind, 'error');
    assert.match(render(failed?.text ?? { message: '', args: [] }), /failed: the secondary disk has no usable recovery point/);
    assert.equal(completionNotice(base, 'vanished'), undefined);
    const text = (notice: ReturnType<typeof completionNotice>): string => render(notice?.text ?? { message: '', args: [] });
    assert.equal(text(completionNotice({ ...base, status: 'clearing', disksAtClear: ['d-9'] }, 'cleared')), 'Drill drill-1 for web-01 (pair-1) was cleared and its drill disk deleted.');
    assert.equal(text(completionNotice({ ...base, status: 'clearing', disksAtClear: [] }, 'cleared')), 'Drill drill-1 for web-01 (pair-1) was cleared.', 'no disk to delete');
    const clearFailed = completionNotice({ ...base, status: 'clear_failed', statusMessage: 'DISK_IN_USE' }, 'clear_failed');
    assert.equal(clearFailed?.kind, 'error');
    assert.match(text(clearFailed), /^Clearing drill drill-1 for web-01 \(pair-1\) failed \(DISK_IN_USE\); its drill disk may still be billed\./);
    assert.deepEqual(clearFailed?.actions, ['clear', 'copyDiskId', 'viewLogs']);
    assert.match(text(completionNotice({ ...base, status: 'clear_failed' }, 'clear_failed')), /^Clearing drill drill-1 for web-01 \(pair-1\) failed; its drill disk/, 'no empty parentheses');
    assert.match(render(clearConfirmation(base).detail), /d-9/);
  });
});

describe('drills/start: the confirmation says plainly when the data is old', () => {
  const check: PreStartCheck = { complete: true, drills: [] };

  it('warns for a stopped pair, with the age of its recovery point, and then always confirms', () => {
    const stopped = pairTarget(pair({ status: 'stopped', rpoSeconds: 900, lastRecoverPoint: NOW - 365 * 86_400_000 }));
    assert.equal(render(staleDataWarning(stopped, NOW) ?? { message: '', args: [] }), 'The pair is stopped: replication does not run, so this drill will use data from 365 d ago.');
    const confirmation = startConfirmation(stopped, check, false, fmt, NOW);
    assert.ok(confirmation?.warning, 'shown even with ebsDr.confirmBeforeDrill off');
  });

  it('warns when the recovery point is older than twice the RPO, not at twice exactly', () => {
    const at = (ageMs: number) => pairTarget(pair({ rpoSeconds: 900, lastRecoverPoint: NOW - ageMs }));
    assert.equal(staleDataWarning(at(30 * 60_000), NOW), undefined);
    assert.equal(render(staleDataWarning(at(31 * 60_000), NOW) ?? { message: '', args: [] }), 'This drill will use data from 31 min ago: the last recovery point is older than twice the RPO of 900 s.');
    assert.equal(startConfirmation(at(5 * 60_000), check, false, fmt, NOW), undefined, 'fresh data and confirmations off: no modal');
  });

  it('says nothing without a recovery point or an RPO', () => {
    assert.equal(staleDataWarning(pairTarget(pair({ lastRecoverPoint: undefined })), NOW), undefined);
    assert.equal(staleDataWarning(pairTarget(pair({ rpoSeconds: undefined, lastRecoverPoint: NOW - 86_400_000 })), NOW), undefined);
  });
});
