import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { iso, type DrillEvidence } from '../../../src/evidence/evidence';
import { accountFolder } from '../../../src/evidence/format';
import { recordClearRequested, recordObservation } from '../../../src/evidence/recorder';
import { EvidenceStore, parseEvidence, serializeEvidence } from '../../../src/evidence/store';
import { ALICE, BOB, GROUP, GROUP_DRILL, min, PAIR_DRILL, PAIR_DRILL_2, record, T0, tempFolder } from './fixtures';

const at = { profileName: 'prod-hz', kind: 'pair' as const, drillId: PAIR_DRILL };

function clearRequest(n: number, by = ALICE) {
  return (current: DrillEvidence | undefined) => recordClearRequested(current ?? record(), { requestId: `REQ-${by.osUser}-${n}`, by }, T0 + n * 1000);
}

describe('evidence: store', () => {
  let temp: ReturnType<typeof tempFolder>;
  beforeEach(() => (temp = tempFolder()));
  afterEach(() => temp.remove());

  it('writes <root>/<account folder>/<kind>-<DrillId>.json, pretty-printed with a fixed key order', async () => {
    const store = new EvidenceStore({ primary: temp.path });
    const written = await store.update(at, () => record());
    const file = join(temp.path, 'prod-hz', `pair-${PAIR_DRILL}.json`);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.endsWith('}\n'));
    assert.match(text, /^\{\n {2}"schemaVersion": 1,\n {2}"kind": "pair",\n {2}"drillId": "drill-/);
    assert.deepEqual(parseEvidence(text), written);
    // The same record with its keys in another order is written byte for byte the same.
    const shuffled = Object.fromEntries(Object.entries(written as DrillEvidence).reverse()) as unknown as DrillEvidence;
    assert.equal(serializeEvidence(shuffled), text);
  });

  it('names account folders safely', () => {
    assert.equal(accountFolder('prod-hz'), 'prod-hz');
    assert.equal(accountFolder('Prod HZ/../x:1'), 'Prod-HZ-..-x-1');
    assert.equal(accountFolder(''), 'profile');
    assert.notEqual(accountFolder('.'), '.');
    assert.notEqual(accountFolder('..'), '..');
    assert.equal(accountFolder('生产'), '--');
  });

  it('writes nothing when the change returns undefined', async () => {
    const store = new EvidenceStore({ primary: temp.path });
    assert.equal(await store.update(at, () => undefined), undefined);
    assert.ok(!existsSync(join(temp.path, 'prod-hz')) || readdirSync(join(temp.path, 'prod-hz')).length === 0);
  });

  it('writes atomically: a reader polling the file never sees partial JSON, and no temporary file remains', async () => {
    const store = new EvidenceStore({ primary: temp.path });
    const file = store.fileOf(temp.path, at);
    await store.update(at, () => record());
    const updates = Array.from({ length: 300 }, (_, n) => store.update(at, clearRequest(n)));
    let done = false;
    let reads = 0;
    const bad: string[] = [];
    const reader = (async () => {
      while (!done) {
        const parsed = parseEvidence(readFileSync(file, 'utf8'));
        if ('error' in parsed) bad.push(parsed.error);
        reads++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all(updates);
    done = true;
    await reader;
    assert.deepEqual(bad, []);
    assert.ok(reads > 10, `the reader read ${reads} times`);
    const final = parseEvidence(readFileSync(file, 'utf8')) as DrillEvidence;
    assert.equal(final.events.length, 300, 'every update of the process applied to the one before');
    assert.deepEqual(readdirSync(join(temp.path, 'prod-hz')), [`pair-${PAIR_DRILL}.json`]);
  });

  it('skips damaged records with one report each, reads the others, and an update keeps the damaged copy aside', async () => {
    const folder = join(temp.path, 'prod-hz');
    mkdirSync(folder, { recursive: true });
    const good = new EvidenceStore({ primary: temp.path });
    await good.update(at, () => record());
    const garbage = join(folder, `pair-${PAIR_DRILL_2}.json`);
    const truncated = join(folder, `group-${GROUP_DRILL}.json`);
    const future = join(folder, 'pair-drill-0000000000000000future.json');
    writeFileSync(garbage, Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80]));
    writeFileSync(truncated, serializeEvidence(record({ kind: 'group', drillId: GROUP_DRILL, owner: { id: GROUP } })).slice(0, 150));
    writeFileSync(future, serializeEvidence({ ...record({ drillId: 'drill-0000000000000000future' }), schemaVersion: 99 as 1 }));
    // Missing required fields.
    const partial = join(folder, 'pair-drill-00000000000000000partial.json');
    writeFileSync(partial, JSON.stringify({ schemaVersion: 1, kind: 'pair', drillId: 'drill-00000000000000000partial' }));
    const reports: [string, string][] = [];
    const store = new EvidenceStore({ primary: temp.path, onDamaged: (file, reason) => reports.push([file, reason]), now: () => min(90) });
    assert.deepEqual(store.loadPrimarySync().map((r) => r.drillId), [PAIR_DRILL]);
    assert.deepEqual((await store.readAll()).map((r) => r.drillId), [PAIR_DRILL]);
    assert.deepEqual(reports.map(([file]) => file).sort(), [garbage, truncated, future, partial].sort());
    assert.match(reports.find(([f]) => f === future)?.[1] ?? '', /schemaVersion 99/);

    const damagedText = readFileSync(truncated, 'utf8');
    const rewritten = await store.update({ profileName: 'prod-hz', kind: 'group', drillId: GROUP_DRILL }, (current) => {
      assert.equal(current, undefined, 'a damaged record reads as absent');
      return record({ kind: 'group', drillId: GROUP_DRILL, owner: { id: GROUP } }, min(91));
    });
    assert.equal(rewritten?.drillId, GROUP_DRILL);
    const aside = `${truncated}.damaged-${iso(min(90)).replace(/[-:.]/g, '')}`;
    assert.equal(readFileSync(aside, 'utf8'), damagedText);
    assert.equal((parseEvidence(readFileSync(truncated, 'utf8')) as DrillEvidence).updatedAt, iso(min(91)));
    assert.equal(reports.length, 4, 'reported once per file');
    assert.equal(store.loadPrimarySync().length, 2, 'the set-aside copy is not read as a record');
  });

  it('writes the mirror too, and merges both copies before an update so the mirror loses no event', async () => {
    const mirror = tempFolder('ebs-dr-evidence-team-');
    try {
      const store = new EvidenceStore({ primary: temp.path, mirror: mirror.path });
      await store.update(at, clearRequest(1));
      const mirrorFile = store.fileOf(mirror.path, at);
      assert.equal(readFileSync(mirrorFile, 'utf8'), readFileSync(store.fileOf(temp.path, at), 'utf8'));
      // A teammate's commit added an event to the mirror's copy only.
      const teammate = recordClearRequested(parseEvidence(readFileSync(mirrorFile, 'utf8')) as DrillEvidence, { requestId: 'REQ-bob-2', by: BOB }, T0 + 2000);
      writeFileSync(mirrorFile, serializeEvidence(teammate));
      const merged = await store.update(at, (current) => current && recordObservation(current, { status: 'clearing', disks: [] }, T0 + 3000));
      assert.deepEqual(merged?.events.map((e) => e.requestId), ['REQ-alice-1', 'REQ-bob-2']);
      assert.deepEqual((parseEvidence(readFileSync(mirrorFile, 'utf8')) as DrillEvidence).events.length, 2);

      // A record only the team's folder holds is read too; without the mirror it is not.
      const other = record({ drillId: PAIR_DRILL_2, account: { profileId: 'profile-bob', profileName: 'bob-prod' } });
      mkdirSync(join(mirror.path, 'bob-prod'));
      writeFileSync(join(mirror.path, 'bob-prod', `pair-${PAIR_DRILL_2}.json`), serializeEvidence(other));
      assert.deepEqual((await store.readAll()).map((r) => r.drillId).sort(), [PAIR_DRILL_2, PAIR_DRILL].sort());
      store.setMirror(undefined);
      assert.deepEqual((await store.readAll()).map((r) => r.drillId), [PAIR_DRILL]);
    } finally {
      mirror.remove();
    }
  });

  it('takes over a stale lock, and writes without a lock it cannot get in time (never throws for it)', async () => {
    const store = new EvidenceStore({ primary: temp.path, lockStaleMs: 10_000, lockTimeoutMs: 300 });
    const file = store.fileOf(temp.path, at);
    mkdirSync(join(temp.path, 'prod-hz'), { recursive: true });
    writeFileSync(`${file}.lock`, '4242 dead');
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(`${file}.lock`, old, old);
    let started = Date.now();
    await store.update(at, clearRequest(1));
    assert.ok(Date.now() - started < 250, 'a stale lock is taken over at once');
    assert.ok(!existsSync(`${file}.lock`), 'the lock is released');

    writeFileSync(`${file}.lock`, '4343 busy');
    started = Date.now();
    const written = await store.update(at, clearRequest(2));
    assert.ok(Date.now() - started >= 250, 'waited for the lock');
    assert.equal(written?.events.length, 2, 'written without the lock');
    assert.equal(readFileSync(`${file}.lock`, 'utf8'), '4343 busy', "another process's lock is left alone");
    assert.deepEqual(readdirSync(join(temp.path, 'prod-hz')).sort(), [`pair-${PAIR_DRILL}.json`, `pair-${PAIR_DRILL}.json.lock`]);
  });

  it('reads 5,000 records quickly', async function () {
    this.timeout(60_000);
    const folder = join(temp.path, 'prod-hz');
    mkdirSync(folder, { recursive: true });
    const template = record();
    for (let i = 0; i < 5000; i++) {
      const drillId = `drill-${String(i).padStart(20, '0')}`;
      writeFileSync(join(folder, `pair-${drillId}.json`), serializeEvidence({ ...template, drillId }));
    }
    const store = new EvidenceStore({ primary: temp.path });
    const started = Date.now();
    const all = await store.readAll();
    const elapsed = Date.now() - started;
    assert.equal(all.length, 5000);
    assert.ok(elapsed < 5000, `read in ${elapsed} ms`);
    assert.equal(store.loadPrimarySync().length, 5000);
  });
});
