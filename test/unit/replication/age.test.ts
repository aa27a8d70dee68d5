// The tree's ages go through the one age rounding (shared/format.ts ageMessage), the same the drills' quick pick
// uses: at 59.6 s both say "just now" (the tree used to floor while the quick pick rounded up to "1 min ago").
import * as assert from 'node:assert/strict';
import { pairDescription } from '../../../src/replication/nodes/pair';
import { ageText, recoveryPointText } from '../../../src/replication/presentation';
import { ENGLISH as l } from '../../../src/replication/text';
import { ageMessage } from '../../../src/shared/format';
import { formatMessage } from '../../../src/shared/text';
import { NOW, samplePair } from '../support/samples';

describe('replication: ages in the tree', () => {
  const at = (ms: number): Date => new Date(NOW.getTime() - ms);
  const shared = (ms: number): string => formatMessage(ageMessage(NOW.getTime() - ms, NOW.getTime()));

  it('agree with the shared age (what the drills quick pick shows) at 59.6 s, 60 s and beyond', () => {
    for (const ms of [0, 59_600, 60_000, 119_999, 3_600_000, 48 * 3_600_000]) assert.equal(ageText(l, at(ms), NOW), shared(ms), `${ms} ms`);
    assert.equal(ageText(l, at(59_600), NOW), 'just now');
    assert.equal(recoveryPointText(l, at(59_600), NOW), 'RP just now');
    assert.equal(pairDescription(l, samplePair({ lastRecoverPoint: at(59_600).getTime() }), 'cn-hangzhou', NOW), 'Normal · RP just now · → cn-shanghai');
  });
});
