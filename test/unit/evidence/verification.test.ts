// A drill's verification in its record: written by the recorder and the journal (latest attempt, output capped, one
// chain per drill), kept by the record file, merged across copies, and read as the time to verified.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { iso, OUTPUT_EXCERPT_CHARS, type DrillEvidence, type Verification, type VerificationDisk } from '../../../src/evidence/evidence';
import { EvidenceJournal } from '../../../src/evidence/evidenceJournal';
import { drillFigures } from '../../../src/evidence/figures';
import { parseEvidence, serializeEvidence } from '../../../src/evidence/format';
import { mergeEvidence } from '../../../src/evidence/merge';
import { recordObservation, recordStarted, recordVerification } from '../../../src/evidence/recorder';
import { RecordSet } from '../../../src/evidence/recordSet';
import { EvidenceStore } from '../../../src/evidence/store';
import { ALICE, BOB, DISK, DISK_2, GROUP, GROUP_DRILL, min, PAIR, PAIR_2, PAIR_DRILL, record, T0, tempFolder } from './fixtures';

const INSTANCE = 'i-uf6012y1698fz77ttf7g';
const OUTPUT = 'EBS-DR: device=/dev/vdb\nEBS-DR: filesystem=ext4\nEBS-DR: fsck=clean\ntotal 20\nEBS-DR: result=passed\n';

function disk(overrides: Partial<VerificationDisk> = {}): VerificationDisk {
  return { pairId: PAIR, diskId: DISK, attachedAt: iso(min(11)), invokeId: 't-sh02jb8ne5m1xq4', invocationStatus: 'Success', exitCode: 0, output: OUTPUT, filesystem: 'ext4', detachedAt: iso(min(12)), verdict: 'passed', ...overrides };
}

function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    state: 'passed',
    instance: { instanceId: INSTANCE, zoneId: 'cn-shanghai-e' },
    script: { source: 'builtin', name: 'built-in', sha256: '5a03bd5a48a48bf6773452c919db5b8362d527ef085adaf2281c30dbbbe45ffa' },
    timeoutSeconds: 300,
    by: ALICE,
    startedAt: iso(min(10)),
    finishedAt: iso(min(12)),
    verifiedAt: iso(min(11) + 30_000),
    disks: [disk()],
    ...overrides,
  };
}

/** A pair drill started at T0 and usable at 4 min. */
function usable(): DrillEvidence {
  const started = recordStarted(record(), { requestId: 'REQ-START-1', by: ALICE }, T0);
  return recordObservation(started, { status: 'executed', disks: [{ pairId: PAIR, diskId: DISK, status: 'created' }] }, min(4));
}

describe('evidence: verification in the record', () => {
  it('replaces the verification with the latest attempt and adds its event; earlier attempts stay in the events', () => {
    const first = recordVerification(usable(), verification({ state: 'failed', verifiedAt: undefined, disks: [disk({ exitCode: 1, verdict: 'failed' })] }), min(12), { type: 'verifyFailed', statusMessage: 'fsck found errors' });
    assert.equal(first.verification?.state, 'failed');
    assert.equal(first.updatedAt, iso(min(12)));
    const again = recordVerification(first, verification({ startedAt: iso(min(20)), finishedAt: iso(min(22)), verifiedAt: iso(min(21)) }), min(22), { type: 'verifyPassed', at: iso(min(21) + 500) });
    assert.equal(again.verification?.state, 'passed');
    assert.equal(again.verification?.startedAt, iso(min(20)));
    assert.deepEqual(again.events.map((e) => `${e.type}@${e.at}`), [`started@${iso(T0)}`, `executed@${iso(min(4))}`, `verifyFailed@${iso(min(12))}`, `verifyPassed@${iso(min(21) + 500)}`]);
    assert.equal(first.verification?.state, 'failed', 'the argument is left alone');
    // Without an event, only the verification changes (a disk's progress while it runs).
    assert.equal(recordVerification(again, verification(), min(23)).events.length, again.events.length);
  });

  it('cuts every disk output at OUTPUT_EXCERPT_CHARS, marks it truncated, and never splits a character', () => {
    const long = `${'x'.repeat(OUTPUT_EXCERPT_CHARS - 1)}😀tail`;
    const r = recordVerification(usable(), verification({ disks: [disk({ output: long }), disk({ diskId: DISK_2, output: OUTPUT, outputTruncated: true }), disk({ output: 'y'.repeat(OUTPUT_EXCERPT_CHARS) })] }), min(12));
    const [a, b, c] = r.verification?.disks ?? [];
    assert.equal(a?.output, 'x'.repeat(OUTPUT_EXCERPT_CHARS - 1), 'the emoji whose second half is past the cut is left out');
    assert.equal(a?.outputTruncated, true);
    assert.equal(b?.output, OUTPUT);
    assert.equal(b?.outputTruncated, true, 'cut by Cloud Assistant (Dropped): kept');
    assert.equal(c?.output?.length, OUTPUT_EXCERPT_CHARS);
    assert.equal(c?.outputTruncated, undefined, 'exactly the limit is not cut');
  });

  it('time to verified is verifiedAt − StartAt, only for a passed verification', () => {
    const passed = recordVerification(usable(), verification(), min(12));
    assert.equal(drillFigures(passed).timeToVerifiedMs, 11 * 60_000 + 30_000);
    for (const state of ['failed', 'incomplete', 'verifying'] as const) {
      assert.equal(drillFigures(recordVerification(usable(), verification({ state }), min(12))).timeToVerifiedMs, undefined, state);
    }
    assert.equal(drillFigures(usable()).timeToVerifiedMs, undefined);
    assert.equal(drillFigures({ ...passed, startAt: undefined }).timeToVerifiedMs, undefined, 'no StartAt');
    assert.equal(drillFigures(recordVerification(usable(), verification({ verifiedAt: iso(T0 - 1) }), min(12))).timeToVerifiedMs, undefined, 'never negative');
  });

  it('the record file keeps the verification in a fixed key order and reads it back; a malformed one is reported', () => {
    const r = recordVerification(usable(), verification({ problem: undefined, instance: { zoneId: 'cn-shanghai-e', instanceId: INSTANCE, name: 'dr-verify' } }), min(12), { type: 'diskAttached', diskId: DISK, instanceId: INSTANCE });
    const text = serializeEvidence(r);
    assert.deepEqual(parseEvidence(text), JSON.parse(text));
    const keys = Object.keys(JSON.parse(text) as object);
    assert.equal(keys.indexOf('verification'), keys.indexOf('verdictAt') === -1 ? keys.indexOf('status') - 1 : keys.indexOf('verdictAt') + 1);
    const v = (JSON.parse(text) as { verification: Record<string, unknown> }).verification;
    assert.deepEqual(Object.keys(v), ['state', 'instance', 'script', 'timeoutSeconds', 'by', 'startedAt', 'finishedAt', 'verifiedAt', 'disks']);
    assert.deepEqual(Object.keys(v.instance as object), ['instanceId', 'name', 'zoneId']);
    assert.deepEqual(Object.keys((v.disks as object[])[0]), ['pairId', 'diskId', 'attachedAt', 'invokeId', 'invocationStatus', 'exitCode', 'output', 'filesystem', 'detachedAt', 'verdict']);
    assert.ok(text.includes('"type": "diskAttached",\n      "at": "2026-03-10T01:12:00.000Z",\n      "diskId": "d-uf6h2k9m3x7q1w5e8r0t",\n      "instanceId": "i-uf6012y1698fz77ttf7g"'), text);
    for (const [bad, reason] of [
      [{ state: 'done' }, /verification\.state/],
      [{ disks: [{ exitCode: 0 }] }, /verification\.disks/],
      [{ disks: [{ diskId: DISK, exitCode: '0' }] }, /verification\.disks/],
      [{ instance: { zoneId: 'cn-shanghai-e' } }, /verification\.instance/],
      [{ script: { source: 'mine', name: 'x', sha256: 'y' } }, /verification\.script/],
    ] as const) {
      const parsed = parseEvidence(JSON.stringify({ ...r, verification: { ...r.verification, ...bad } }));
      assert.ok('error' in parsed && reason.test(parsed.error), JSON.stringify(parsed));
    }
  });
});

describe('evidence: merging verifications', () => {
  it('the later startedAt wins, whichever copy is newer otherwise', () => {
    const base = usable();
    const older = recordVerification(base, verification({ state: 'failed', verifiedAt: undefined }), min(30));
    const newer = recordVerification(base, verification({ startedAt: iso(min(20)), finishedAt: iso(min(22)), verifiedAt: iso(min(21)) }), min(22));
    // The copy with the older attempt was written later (another window wrote something else after).
    assert.equal(mergeEvidence(older, newer).verification?.startedAt, iso(min(20)));
    assert.equal(mergeEvidence(newer, older).verification?.startedAt, iso(min(20)));
    assert.equal(mergeEvidence(base, older).verification?.state, 'failed', 'one copy has none');
  });

  it('of one attempt, the finished copy wins, then the one whose disks say more; the result does not depend on the order', () => {
    const base = usable();
    const running = verification({ state: 'verifying', finishedAt: undefined, verifiedAt: undefined, disks: [disk({ exitCode: undefined, output: undefined, detachedAt: undefined, verdict: undefined })] });
    const attached = verification({ ...running, disks: [disk({ exitCode: undefined, output: undefined, detachedAt: undefined, verdict: undefined }), disk({ diskId: DISK_2, output: undefined, detachedAt: undefined, verdict: undefined })] });
    const a = recordVerification(base, running, min(13));
    const b = recordVerification(base, attached, min(11));
    const c = recordVerification(base, verification(), min(12));
    assert.equal(mergeEvidence(a, b).verification?.disks.length, 2, 'more said about the disks');
    assert.deepEqual(mergeEvidence(a, b), mergeEvidence(b, a));
    assert.equal(mergeEvidence(a, c).verification?.state, 'passed', 'finished beats running');
    assert.equal(mergeEvidence(c, b).verification?.state, 'passed');
    assert.deepEqual(mergeEvidence(b, c), mergeEvidence(c, b));
  });

  it('events of both copies are united; disk events of one moment stay apart by disk', () => {
    const base = usable();
    const at = iso(min(11));
    const a = recordVerification(base, verification(), min(11), { type: 'diskAttached', at, diskId: DISK, instanceId: INSTANCE });
    const b = recordVerification(base, verification(), min(11), { type: 'diskAttached', at, diskId: DISK_2, instanceId: INSTANCE });
    const m = mergeEvidence(a, b);
    assert.deepEqual(m.events.filter((e) => e.type === 'diskAttached').map((e) => e.diskId), [DISK, DISK_2].sort());
    assert.deepEqual(mergeEvidence(m, a).events, m.events);
  });
});

describe('evidence: the journal writes verifications', () => {
  let folder: { path: string; remove: () => void };
  let store: EvidenceStore;
  let records: RecordSet;
  let journal: EvidenceJournal;
  let now: number;

  beforeEach(() => {
    folder = tempFolder('ebs-dr-verify-');
    store = new EvidenceStore({ primary: folder.path });
    records = new RecordSet();
    now = min(10);
    journal = new EvidenceJournal({
      store,
      records,
      account: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { profileName: 'prod-hz' };
      },
      osUser: 'alice',
      extensionVersion: '0.2.0',
      now: () => now,
      onError: (_drill, error) => {
        throw error;
      },
    });
  });

  afterEach(() => folder.remove());

  const groupDrill = { kind: 'group' as const, regionId: 'cn-shanghai', ownerId: GROUP, drillId: GROUP_DRILL };
  const tracked = { ...groupDrill, account: 'profile-prod-hz', ownerName: 'orders-db', status: 'executed' as const, disks: [{ pairId: PAIR, diskId: DISK, status: 'created' as const }, { pairId: PAIR_2, diskId: DISK_2, status: 'created' as const }], startedAt: T0, followed: true };

  it('writes nothing and says so (false) when no record of the drill is known', async () => {
    assert.equal(await journal.recordVerification(groupDrill, verification(), { type: 'verifyStarted', by: BOB }), false);
    assert.equal(records.size, 0);
  });

  it("in order with the drill's other writes: the latest verification and every event, under the record's lock", async () => {
    journal.observed({ drill: tracked, at: min(5), source: 'poll', vanished: false, discovered: true });
    const v = verification({ state: 'verifying', finishedAt: undefined, verifiedAt: undefined, disks: [] });
    now = min(14);
    const writes = [
      journal.recordVerification(groupDrill, v, { type: 'verifyStarted', at: iso(min(10)), by: ALICE, instanceId: INSTANCE }),
      journal.recordVerification(groupDrill, { ...v, disks: [disk({ exitCode: undefined, verdict: undefined, detachedAt: undefined })] }, { type: 'diskAttached', at: iso(min(11)), diskId: DISK, instanceId: INSTANCE }),
      journal.recordVerification(groupDrill, { ...v, disks: [disk()] }, { type: 'diskDetached', at: iso(min(12)), diskId: DISK, instanceId: INSTANCE }),
      journal.recordVerification(groupDrill, { ...v, disks: [disk(), disk({ pairId: PAIR_2, diskId: DISK_2, output: 'z'.repeat(OUTPUT_EXCERPT_CHARS + 10) })] }, { type: 'diskDetached', at: iso(min(13)), diskId: DISK_2, instanceId: INSTANCE }),
      journal.recordVerification(groupDrill, verification({ finishedAt: iso(min(13)), verifiedAt: iso(min(12) + 50_000), disks: [disk(), disk({ pairId: PAIR_2, diskId: DISK_2, output: 'z'.repeat(OUTPUT_EXCERPT_CHARS + 10) })] }), { type: 'verifyPassed' }),
    ];
    assert.deepEqual(await Promise.all(writes), [true, true, true, true, true]);
    await journal.flushed();
    const [r] = records.all();
    assert.ok(r?.verification);
    assert.equal(r.verification.state, 'passed');
    assert.deepEqual(r.verification.disks.map((d) => [d.diskId, d.outputTruncated ?? false, d.output?.length]), [[DISK, false, OUTPUT.length], [DISK_2, true, OUTPUT_EXCERPT_CHARS]]);
    assert.deepEqual(r.events.map((e) => e.type), ['discovered', 'executed', 'verifyStarted', 'diskAttached', 'diskDetached', 'diskDetached', 'verifyPassed']);
    assert.equal(r.events.find((e) => e.type === 'verifyPassed')?.at, iso(min(14)), 'an event without a time takes the write’s');
    assert.equal(r.updatedAt, iso(min(14)));
    const file = store.fileOf(folder.path, { profileName: 'prod-hz', kind: 'group', drillId: GROUP_DRILL });
    assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), JSON.parse(serializeEvidence(r)), 'the file holds what the window knows');
    assert.equal(drillFigures(r).timeToVerifiedMs, 12 * 60_000 + 50_000);
  });

  it('false when the record is known here but its file is gone (never recreated from a verification)', async () => {
    journal.observed({ drill: tracked, at: min(5), source: 'poll', vanished: false, discovered: true });
    await journal.flushed();
    rmSync(join(folder.path, 'prod-hz'), { recursive: true, force: true });
    assert.equal(await journal.recordVerification(groupDrill, verification()), false);
  });

  it('rejects when the record cannot be written, and the next write still runs', async () => {
    journal.observed({ drill: { ...tracked, kind: 'pair', ownerId: PAIR, drillId: PAIR_DRILL }, at: min(5), source: 'poll', vanished: false, discovered: true });
    await journal.flushed();
    const pairDrill = { kind: 'pair' as const, regionId: 'cn-shanghai', ownerId: PAIR, drillId: PAIR_DRILL };
    const original = store.update.bind(store);
    let failures = 1;
    store.update = (...args) => (failures-- > 0 ? Promise.reject(new Error('EACCES')) : original(...args));
    await assert.rejects(journal.recordVerification(pairDrill, verification()), /EACCES/);
    assert.equal(await journal.recordVerification(pairDrill, verification(), { type: 'verifyPassed' }), true);
    // The same verification again, without an event, changes nothing: nothing is written, and it is still recorded.
    const file = store.fileOf(folder.path, { profileName: 'prod-hz', kind: 'pair', drillId: PAIR_DRILL });
    const before = readFileSync(file, 'utf8');
    now = min(40);
    assert.equal(await journal.recordVerification(pairDrill, verification()), true);
    assert.equal(readFileSync(file, 'utf8'), before);
  });
});
