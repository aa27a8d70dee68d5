// The label table (src/ebs/labels.ts) and how the tree uses it: every known value of every kind has an English
// label and a zh-cn translation, an unknown value shows raw, tooltips keep the raw API value; "created" is its own
// state (icon, summary); rows put the status first; group and pair icons differ.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chargeTypeLabel,
  drillDiskStatusLabel,
  drillStatusLabel,
  groupStatusLabel,
  isRawLabel,
  pairStatusLabel,
  rawLabel,
  siteLabel,
} from '../../../src/ebs/labels';
import {
  KNOWN_CHARGE_TYPES,
  KNOWN_DRILL_DISK_STATUSES,
  KNOWN_DRILL_STATUSES,
  KNOWN_PAIR_STATUSES,
  KNOWN_SITES,
  type ReplicaGroup,
} from '../../../src/ebs/types';
import { groupDrillDescription, pairDrillDescription, pairDrillTooltipRows } from '../../../src/replication/nodes/drill';
import { groupDescription, groupTooltipRows } from '../../../src/replication/nodes/group';
import { pairDescription, pairTooltipRows } from '../../../src/replication/nodes/pair';
import { chargeTypeText, siteText } from '../../../src/replication/presentation';
import { regionSummaryIcon, regionSummaryText, summarise } from '../../../src/replication/regionSummary';
import { GROUP_HEALTH_ICONS, HEALTH_ICONS, pairHealth, pairStatusText, withApiValue, type Health } from '../../../src/replication/status';
import { ENGLISH as l, localised, type Localiser } from '../../../src/replication/text';
import { formatMessage, lowerFirst, type LocalisableMessage } from '../../../src/shared/text';
import { repoRoot } from '../../harness/paths';
import { NOW, ago, samplePair } from '../support/samples';

const bundle = JSON.parse(readFileSync(join(repoRoot, 'l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** A localiser that reads the zh-cn bundle (as vscode.l10n.t does in a Chinese UI). */
const zh: Localiser = {
  t: (template, ...args) => (bundle[template] ?? template).replace(/\{(\d+)\}/g, (w, i: string) => String(args[Number(i)] ?? w)),
  errorText: () => '',
};

const KINDS: readonly [string, readonly string[], (value: string) => LocalisableMessage][] = [
  ['pair status', KNOWN_PAIR_STATUSES, pairStatusLabel],
  ['group status', KNOWN_PAIR_STATUSES, groupStatusLabel],
  ['drill status', KNOWN_DRILL_STATUSES, drillStatusLabel],
  ['drill disk status', KNOWN_DRILL_DISK_STATUSES, drillDiskStatusLabel],
  ['charge type', KNOWN_CHARGE_TYPES, chargeTypeLabel],
  ['site', KNOWN_SITES, siteLabel],
];

const sampleGroup = (overrides: Partial<ReplicaGroup> = {}): ReplicaGroup => ({
  groupId: 'pg-1',
  name: 'orders',
  description: '',
  status: 'normal',
  sourceRegionId: 'cn-hangzhou',
  sourceZoneId: 'cn-hangzhou-h',
  destinationRegionId: 'cn-shanghai',
  destinationZoneId: 'cn-shanghai-e',
  primaryRegionId: 'cn-hangzhou',
  primaryZoneId: 'cn-hangzhou-h',
  standbyRegionId: 'cn-shanghai',
  standbyZoneId: 'cn-shanghai-e',
  rpoSeconds: 900,
  bandwidthKbps: 0,
  lastRecoverPoint: ago(240).getTime(),
  site: 'production',
  pairIds: ['pair-cn-1'],
  tags: [],
  ...overrides,
});

describe('replication/labels: the label table', () => {
  for (const [kind, values, label] of KINDS) {
    it(`gives every known ${kind} a human English label and a zh-cn translation`, () => {
      for (const value of values) {
        const message = label(value);
        assert.equal(isRawLabel(message), false, `${kind} ${value} has a label`);
        assert.deepEqual(message.args, [], `${kind} ${value}: a plain label`);
        assert.notEqual(message.message, value, `${kind} ${value}: not the raw API word`);
        assert.match(message.message, /^[A-Z]/, `${kind} ${value}: capitalised`);
        assert.doesNotMatch(message.message, /_/, `${kind} ${value}: no API spelling`);
        const chinese = bundle[message.message];
        assert.ok(chinese !== undefined && chinese.trim() !== '', `${kind} ${value}: zh-cn for ${JSON.stringify(message.message)}`);
        assert.match(chinese, /[\u4e00-\u9fff]/, `${kind} ${value}: zh-cn is Chinese (${chinese})`);
      }
    });

    it(`shows an unknown ${kind} as the service sent it`, () => {
      const message = label('brand_new_VALUE');
      assert.equal(isRawLabel(message), true);
      assert.equal(formatMessage(message), 'brand_new_VALUE');
      assert.equal(localised(zh, message), 'brand_new_VALUE');
    });
  }

  it('uses the words people use: failed over, not started, pay-as-you-go, subscription', () => {
    assert.equal(formatMessage(pairStatusLabel('failovered')), 'Failed over');
    assert.equal(formatMessage(pairStatusLabel('created')), 'Not started');
    assert.equal(formatMessage(chargeTypeLabel('POSTPAY')), 'Pay-as-you-go');
    assert.equal(formatMessage(chargeTypeLabel('PREPAY')), 'Subscription');
    assert.equal(localised(zh, pairStatusLabel('normal')), '正常');
    assert.equal(localised(zh, pairStatusLabel('syncing')), '同步中');
    assert.equal(localised(zh, pairStatusLabel('stopped')), '已停止');
    assert.equal(localised(zh, pairStatusLabel('failovered')), '已故障切换');
    assert.equal(localised(zh, chargeTypeLabel('POSTPAY')), '按量付费');
    assert.equal(localised(zh, chargeTypeLabel('PREPAY')), '包年包月');
  });

  it('puts a label inside a sentence in lower case at its start, leaving acronyms and Chinese alone', () => {
    assert.equal(lowerFirst('Failed over'), 'failed over');
    assert.equal(lowerFirst('API'), 'API');
    assert.equal(lowerFirst('已故障切换'), '已故障切换');
    assert.equal(formatMessage({ ...pairStatusLabel('failovered'), inSentence: true }), 'failed over');
    assert.equal(localised(zh, { ...pairStatusLabel('failovered'), inSentence: true }), '已故障切换');
  });

  it('keeps the raw API value beside the label in tooltips, once for an unknown value', () => {
    assert.equal(withApiValue(l, pairStatusLabel('failovered'), 'failovered'), 'Failed over (failovered)');
    assert.equal(withApiValue(l, rawLabel('brand_new'), 'brand_new'), 'brand_new');
    assert.equal(withApiValue(zh, pairStatusLabel('failovered'), 'failovered'), '已故障切换（failovered）');
    assert.equal(chargeTypeText(l, 'POSTPAY'), 'Pay-as-you-go (POSTPAY)');
    assert.equal(chargeTypeText(l, undefined), '—');
    assert.equal(siteText(l, 'backup'), 'DR site (backup)');

    const rows = new Map(pairTooltipRows(l, samplePair({ status: 'invalid', statusMessage: 'DeviceRemoved', chargeType: 'POSTPAY' }), 'cn-hangzhou', NOW));
    assert.equal(rows.get('Status'), 'Invalid (invalid)');
    assert.equal(rows.get('Status message'), 'DeviceRemoved');
    assert.equal(rows.get('Charge type'), 'Pay-as-you-go (POSTPAY)');
    assert.equal(new Map(pairTooltipRows(l, samplePair(), 'cn-hangzhou', NOW)).has('Status message'), false, 'no message, no row');

    const group = new Map(groupTooltipRows(l, sampleGroup({ status: 'failovered' }), 'cn-hangzhou', ['pair-cn-1'], NOW));
    assert.equal(group.get('Status'), 'Failed over (failovered)');

    const drill = new Map(
      pairDrillTooltipRows(l, { drillId: 'drill-1', pairId: 'pair-cn-1', status: 'execute_failed', statusMessage: 'PAIR_SYNCPOINT_NOT_FOUND', drillDiskId: 'd-1', drillDiskStatus: 'created' }, 'cn-shanghai', NOW),
    );
    assert.equal(drill.get('Status'), 'Execute failed (execute_failed)');
    assert.equal(drill.get('Status message'), 'PAIR_SYNCPOINT_NOT_FOUND');
    assert.equal(drill.get('Drill disk status'), 'Created (created)');
  });
});

describe('replication/labels: created is not stopped', () => {
  it('gives a pair that was never started its own health and icon', () => {
    assert.equal(pairHealth('created'), 'notStarted');
    assert.notEqual(HEALTH_ICONS.notStarted.id, HEALTH_ICONS.stopped.id);
    assert.equal(HEALTH_ICONS.notStarted.id, 'circle-large-outline');
    assert.equal(pairStatusText(l, 'created'), 'Not started');
  });

  it('does not count created pairs as stopped; counts pairs without a recovery point; keeps the overdue part', () => {
    const pairs = [
      samplePair({ pairId: 'a', status: 'created', lastRecoverPoint: undefined }),
      samplePair({ pairId: 'b', status: 'created', lastRecoverPoint: undefined }),
      samplePair({ pairId: 'c', status: 'initial_syncing', lastRecoverPoint: undefined }),
      samplePair({ pairId: 'd', status: 'normal' }),
      samplePair({ pairId: 'e', status: 'normal' }),
      samplePair({ pairId: 'f', status: 'create_failed', lastRecoverPoint: undefined }),
      samplePair({ pairId: 'g', status: 'normal' }),
      samplePair({ pairId: 'h', status: 'normal' }),
    ];
    const summary = summarise(pairs, 0);
    assert.equal(summary.byHealth.stopped, undefined);
    assert.equal(summary.byHealth.notStarted, 2);
    assert.equal(summary.noRecoveryPoint, 3, 'created and initial sync; the failed one is counted as failed');
    assert.equal(regionSummaryText(l, summary), '8 pairs · 1 failed · 3 without recovery point');
    assert.equal(regionSummaryText(l, { ...summary, overdue: 2 }), '8 pairs · 1 failed · 3 without recovery point · 2 of 8 overdue');
    assert.equal(regionSummaryText(l, summarise([samplePair({ status: 'stopped' }), samplePair({ status: 'created', lastRecoverPoint: undefined })], 0)), '2 pairs · 1 stopped · 1 without recovery point');
    assert.match(regionSummaryText(zh, summarise(pairs.slice(0, 1), 0)), / · 1 个暂无恢复点$/);
  });

  it('colours a region with a pair that was never started for attention, one in its first sync stays healthy', () => {
    assert.equal(regionSummaryIcon(summarise([samplePair({ status: 'created', lastRecoverPoint: undefined })], 0)).color, 'charts.yellow');
    assert.equal(regionSummaryIcon(summarise([samplePair({ status: 'initial_syncing', lastRecoverPoint: undefined })], 0)).color, 'testing.iconPassed');
  });
});

describe('replication/labels: rows and icons', () => {
  it('puts the status first, then the recovery-point age, then the direction and the rest, in pair, group and drill rows', () => {
    assert.equal(pairDescription(l, samplePair({ status: 'failovered' }), 'cn-hangzhou', NOW), 'Failed over · RP 4 min ago · → cn-shanghai');
    assert.equal(pairDescription(l, samplePair({ status: 'created', lastRecoverPoint: undefined }), 'cn-shanghai', NOW), 'Not started · no recovery point yet · ← cn-hangzhou');
    assert.equal(groupDescription(l, sampleGroup(), 'cn-hangzhou', 2, NOW), 'Normal · RP 4 min ago · → cn-shanghai · 2 pairs');
    assert.equal(
      pairDrillDescription(l, { drillId: 'drill-1', pairId: 'pair-cn-1', status: 'executed', drillDiskId: 'd-1', startedAt: ago(120), recoverPoint: ago(300) }, NOW),
      'Executed · RP 5 min ago · started 2 min ago · d-1',
    );
    assert.equal(
      groupDrillDescription(l, { drillId: 'pg-drill-1', groupId: 'pg-1', status: 'executing', pairs: [{ pairId: 'a', drillDiskId: 'd-1' }], startedAt: ago(60), recoverPoint: ago(300) }, NOW),
      'Executing · RP 5 min ago · started 1 min ago · 1 drill disk',
    );
  });

  it('gives a group a different icon from a pair in every health, in the same colour', () => {
    for (const health of Object.keys(HEALTH_ICONS) as Health[]) {
      assert.notEqual(GROUP_HEALTH_ICONS[health].id, HEALTH_ICONS[health].id, health);
      assert.equal(GROUP_HEALTH_ICONS[health].id, 'layers', health);
      assert.equal(GROUP_HEALTH_ICONS[health].color, HEALTH_ICONS[health].color, health);
    }
  });
});
