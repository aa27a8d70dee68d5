// The drill commands speak the label table's words (src/ebs/labels.ts): the palette's description, why a pair or
// group cannot be drilled, why a drill cannot be cleared, the indicator lines; and they localise like the tree.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notClearableReason } from '../../../src/drills/clear';
import { lineText } from '../../../src/drills/indicator';
import { groupTarget, pairTarget } from '../../../src/drills/kinds';
import type { TrackedDrill } from '../../../src/drills/model';
import { notDrillableReason, targetDescription } from '../../../src/drills/start';
import { formatText, type ComposedMessage } from '../../../src/drills/text';
import { KNOWN_PAIR_STATUSES, type ReplicaGroup } from '../../../src/ebs/types';
import { DRILLABLE_STATUSES } from '../../../src/ebs/drillable';
import { pairStatusLabel } from '../../../src/ebs/labels';
import { formatMessage, formatTemplate, lowerFirst, sentenceCase, type LocalisableMessage } from '../../../src/shared/text';
import { repoRoot } from '../../harness/paths';
import { samplePair } from '../support/samples';

const NOW = Date.UTC(2026, 0, 1, 12);
const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** What the shell's localiseText does with the zh-cn bundle (vscode.l10n.t, then the nested messages). */
function zh(text: ComposedMessage): string {
  const one = (m: LocalisableMessage): string => sentenceCase(m, formatTemplate(bundle[m.message] ?? m.message, m.args));
  return formatTemplate(bundle[text.message] ?? text.message, text.args.map((a) => (typeof a === 'string' ? a : one(a))));
}

const tracked = (overrides: Partial<TrackedDrill> = {}): TrackedDrill => ({
  kind: 'pair',
  regionId: 'cn-shanghai',
  ownerId: 'pair-1',
  ownerName: 'web-01',
  drillId: 'drill-1',
  account: 'a',
  status: 'executing',
  disks: [],
  followed: true,
  ...overrides,
});

describe('drills/labels', () => {
  it('says why a pair cannot be drilled in words: "The pair is failed over; …"', () => {
    const reason = notDrillableReason(pairTarget(samplePair({ status: 'failovered' })));
    assert.ok(reason);
    assert.equal(formatText(reason), 'The pair is failed over; a drill needs a pair that is replicating or stopped.');
    assert.equal(zh(reason), '该复制对的状态为已故障切换；演练要求复制对处于复制中或已停止状态。');
    for (const status of KNOWN_PAIR_STATUSES.filter((s) => !DRILLABLE_STATUSES.has(s))) {
      const text = formatText(notDrillableReason(pairTarget(samplePair({ status }))) ?? { message: '', args: [] });
      assert.ok(text.startsWith(`The pair is ${lowerFirst(formatMessage(pairStatusLabel(status)))}; `), `${status}: its label in "${text}"`);
      assert.doesNotMatch(text, /_|failovered/, `${status}: no API spelling in "${text}"`);
    }
    assert.equal(formatText(notDrillableReason(pairTarget(samplePair({ status: 'brand_new' }))) ?? { message: '', args: [] }), 'The pair is brand_new; a drill needs a pair that is replicating or stopped.');
  });

  it('says the same of a group (the one table of pair and group statuses)', () => {
    const group = { groupId: 'pg-1', name: 'orders', description: '', status: 'invalid', sourceRegionId: 'cn-hangzhou', sourceZoneId: 'cn-hangzhou-h', destinationRegionId: 'cn-shanghai', destinationZoneId: 'cn-shanghai-e', primaryRegionId: 'cn-hangzhou', primaryZoneId: 'cn-hangzhou-h', standbyRegionId: 'cn-shanghai', standbyZoneId: 'cn-shanghai-e', pairIds: ['pair-1'], tags: [] } satisfies ReplicaGroup;
    const reason = notDrillableReason(groupTarget(group));
    assert.ok(reason);
    assert.match(formatText(reason), /^The group is invalid; /);
  });

  it('describes a pair in the palette with its status label and recovery-point age', () => {
    assert.equal(formatText(targetDescription(pairTarget(samplePair({ lastRecoverPoint: NOW - 5 * 60_000 })), NOW)), 'Normal · recovery point 5 min ago');
    assert.equal(formatText(targetDescription(pairTarget(samplePair({ status: 'created', lastRecoverPoint: undefined })), NOW)), 'Not started · no recovery point');
    assert.equal(zh(targetDescription(pairTarget(samplePair({ status: 'stopped', lastRecoverPoint: undefined })), NOW)), '已停止 · 无恢复点');
  });

  it('says why a drill cannot be cleared in words', () => {
    const executing = notClearableReason(tracked());
    assert.ok(executing);
    assert.equal(formatText(executing), 'Drill drill-1 is executing; it can be cleared once it has finished.');
    assert.equal(zh(executing), '演练 drill-1 的状态为执行中；完成后才能清除。');
    assert.equal(formatText(notClearableReason(tracked({ status: 'clearing' })) ?? { message: '', args: [] }), 'Drill drill-1 is clearing; it can be cleared once it has finished.');
    assert.equal(notClearableReason(tracked({ status: 'executed' })), undefined);
  });

  it('shows an unknown drill status raw in the indicator line', () => {
    assert.equal(formatText(lineText(tracked({ status: 'paused_by_service' }), NOW)), 'drill-1 for web-01 (pair-1): paused_by_service');
  });
});
