import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillEvidence } from '../../../src/evidence/evidence';
import { EvidenceStore, parseEvidence } from '../../../src/evidence/store';
import { PAIR_DRILL, tempFolder } from './fixtures';

/** Runs the compiled writer.js (next to this file in out/) as its own process. */
function writer(folder: string, mode: 'drills' | 'events', tag: string, count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'writer.js'), [folder, mode, tag, String(count)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`writer ${tag} exited ${code}: ${output}`))));
  });
}

describe('evidence: two writer processes', function () {
  this.timeout(60_000);
  let temp: ReturnType<typeof tempFolder>;
  beforeEach(() => (temp = tempFolder()));
  afterEach(() => temp.remove());

  it('record different drills at once into one folder: every record is there', async () => {
    const outputs = await Promise.all([writer(temp.path, 'drills', 'a', 150), writer(temp.path, 'drills', 'b', 150)]);
    assert.deepEqual(outputs, ['', '']);
    const records = await new EvidenceStore({ primary: temp.path }).readAll();
    assert.equal(records.length, 300);
    assert.deepEqual(readdirSync(join(temp.path, 'prod-hz')).filter((n) => !n.endsWith('.json')), [], 'no temporary or lock file remains');
  });

  it('record different events of the same drill at once: every event is there', async () => {
    const outputs = await Promise.all([writer(temp.path, 'events', 'alice', 60), writer(temp.path, 'events', 'bob', 60)]);
    assert.deepEqual(outputs, ['', '']);
    const store = new EvidenceStore({ primary: temp.path });
    const record = parseEvidence(readFileSync(store.fileOf(temp.path, { profileName: 'prod-hz', kind: 'pair', drillId: PAIR_DRILL }), 'utf8')) as DrillEvidence;
    const ids = record.events.map((e) => e.requestId).sort();
    const expected = ['alice', 'bob'].flatMap((tag) => Array.from({ length: 60 }, (_, i) => `REQ-${tag}-${i}`)).sort();
    assert.deepEqual(ids, expected);
    assert.deepEqual(readdirSync(join(temp.path, 'prod-hz')), [`pair-${PAIR_DRILL}.json`]);
  });
});
