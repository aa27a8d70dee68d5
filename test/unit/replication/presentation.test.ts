import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KNOWN_DRILL_STATUSES, KNOWN_PAIR_STATUSES } from '../../../src/ebs/types';
import { formatLocalDateTime, escapeMarkdown } from '../../../src/shared/format';
import { groupConsoleUrl, pairConsoleUrl } from '../../../src/replication/console';
import { pairTooltip, pairTooltipRows } from '../../../src/replication/nodes/pair';
import { ageText, directionText, drillContextValue, isRecordDrillable, ownerContextValue, recoveryPointText } from '../../../src/replication/presentation';
import { HEALTH_ICONS, drillIcon, drillStatusText, pairHealth, pairStatusText } from '../../../src/replication/status';
import { ENGLISH as l } from '../../../src/replication/text';
import { NOW, ago, samplePair } from '../support/samples';

describe('replication/presentation', () => {
  it('maps every pair status to a health, icon and colour, and a status text', () => {
    const expected: Record<string, string> = {
      invalid: 'failed', creating: 'transition', created: 'notStarted', create_failed: 'failed', initial_syncing: 'syncing',
      manual_syncing: 'syncing', syncing: 'syncing', normal: 'healthy', stopping: 'transition', stopped: 'stopped',
      stop_failed: 'failed', failovering: 'transition', failovered: 'failedOver', failover_failed: 'failed',
      reprotecting: 'transition', reprotect_failed: 'failed', deleting: 'transition', delete_failed: 'failed', deleted: 'deleted',
    };
    for (const status of KNOWN_PAIR_STATUSES) {
      assert.equal(pairHealth(status), expected[status], status);
      assert.notEqual(pairStatusText(l, status), status, `${status} has a human text`);
    }
    assert.equal(pairHealth('brand_new'), 'unknown');
    assert.equal(pairStatusText(l, 'brand_new'), 'brand_new');
    assert.deepEqual(HEALTH_ICONS.healthy, { id: 'pass-filled', color: 'testing.iconPassed' });
    assert.deepEqual(HEALTH_ICONS.syncing, { id: 'sync', color: 'charts.blue' });
    assert.deepEqual(HEALTH_ICONS.stopped, { id: 'debug-pause', color: 'charts.yellow' });
    assert.deepEqual(HEALTH_ICONS.notStarted, { id: 'circle-large-outline', color: 'charts.yellow' });
    assert.equal(pairStatusText(l, 'created'), 'Not started');
    assert.deepEqual(HEALTH_ICONS.failed, { id: 'error', color: 'testing.iconFailed' });
    assert.deepEqual(HEALTH_ICONS.failedOver, { id: 'arrow-swap', color: 'charts.orange' });
    assert.deepEqual(HEALTH_ICONS.transition, { id: 'loading~spin', color: 'charts.blue' });
  });

  it('maps drill statuses to icons, texts and contextValues', () => {
    const cv = KNOWN_DRILL_STATUSES.map((s) => [s, drillStatusText(l, s), drillIcon(s).id, drillContextValue('pair', s)]);
    assert.deepEqual(cv, [
      ['executing', 'Executing', 'loading~spin', 'drill.pair.executing'],
      ['executed', 'Executed', 'beaker', 'drill.pair.clearable.verifiable'],
      ['execute_failed', 'Execute failed', 'error', 'drill.pair.clearable'],
      ['clearing', 'Clearing', 'trash', 'drill.pair.clearing'],
      ['clear_failed', 'Clear failed', 'error', 'drill.pair.clearable'],
    ]);
    assert.equal(drillContextValue('group', 'executed'), 'drill.group.clearable.verifiable');
    assert.equal(drillContextValue('group', 'mystery'), 'drill.group.other');
  });

  it('writes recovery-point ages', () => {
    const cases: [number, string][] = [
      [-30, 'just now'],
      [59, 'just now'],
      [60, '1 min ago'],
      [4 * 60 + 59, '4 min ago'],
      [3599, '59 min ago'],
      [3600, '1 h ago'],
      [47 * 3600 + 3599, '47 h ago'],
      [48 * 3600, '2 d ago'],
    ];
    for (const [seconds, text] of cases) assert.equal(ageText(l, ago(seconds), NOW), text, String(seconds));
    assert.equal(recoveryPointText(l, ago(240), NOW), 'RP 4 min ago');
    assert.equal(recoveryPointText(l, undefined, NOW), 'no recovery point yet');
  });

  it('writes the direction from the point of view of each region', () => {
    const pair = samplePair();
    assert.equal(directionText(pair, 'cn-hangzhou'), '→ cn-shanghai');
    assert.equal(directionText(pair, 'cn-shanghai'), '← cn-hangzhou');
    const local = samplePair({ destinationRegionId: 'cn-hangzhou', destinationZoneId: 'cn-hangzhou-i' });
    assert.equal(directionText(local, 'cn-hangzhou'), '→ cn-hangzhou-i');
  });

  it('encodes drillability and running drills in contextValues', () => {
    assert.equal(isRecordDrillable(samplePair()), true);
    assert.equal(isRecordDrillable(samplePair({ lastRecoverPoint: undefined })), false);
    assert.equal(isRecordDrillable(samplePair({ status: 'failovered' })), false);
    assert.equal(isRecordDrillable(samplePair({ status: 'stopped' })), true);
    assert.equal(ownerContextValue('pair', true, false), 'pair.drillable');
    assert.equal(ownerContextValue('pair', true, true), 'pair.drillable.drillRunning');
    assert.equal(ownerContextValue('pair', false, false), 'pair.notDrillable');
    assert.equal(ownerContextValue('group', true, false), 'group.drillable');
    assert.match('pair.drillable.drillRunning', /^pair\.drillable/);
    assert.doesNotMatch('pair.notDrillable', /^pair\.drillable/);
  });

  it('builds console URLs for pairs and groups in the region of the node', () => {
    assert.equal(pairConsoleUrl('cn-shanghai', 'pair-cn-1'), 'https://ebs.console.aliyun.com/dataProtection/cn-shanghai/pair-cn-1');
    assert.equal(groupConsoleUrl('cn-beijing', 'pg-1'), 'https://ebs.console.aliyun.com/consistencyGroup/cn-beijing/pg-1');
  });

  it('formats local times with their UTC offset', () => {
    assert.match(formatLocalDateTime(NOW), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC[+-]\d{2}:\d{2}\)$/);
  });

  it('lists every field in the pair tooltip, escaped for Markdown', () => {
    const pair = samplePair({ description: 'a | b', groupId: 'pg-1', groupName: 'orders', bandwidthKbps: 0, chargeType: 'POSTPAY' });
    const rows = pairTooltipRows(l, pair, 'cn-shanghai', NOW);
    assert.deepEqual(
      rows.map(([k]) => k),
      ['Pair ID', 'Name', 'Description', 'Status', 'Direction', 'Primary disk', 'Secondary disk', 'Initial primary zone', 'Initial secondary zone', 'RPO', 'Bandwidth', 'Charge type', 'Group', 'Site', 'Recovery point'],
    );
    const get = (k: string): string | undefined => rows.find(([key]) => key === k)?.[1];
    assert.equal(get('Direction'), '← cn-hangzhou');
    assert.equal(get('Primary disk'), 'd-src (cn-hangzhou, cn-hangzhou-h)');
    assert.equal(get('RPO'), '900 s (15 min)');
    assert.equal(get('Status'), 'Normal (normal)');
    assert.equal(get('Bandwidth'), 'Dynamic');
    assert.equal(get('Charge type'), 'Pay-as-you-go (POSTPAY)');
    assert.equal(get('Site'), 'Production site (production)');
    assert.equal(get('Group'), 'orders (pg-1)');
    assert.equal(get('Recovery point'), `${formatLocalDateTime(ago(240))}, 4 min ago`);
    const md = pairTooltip(l, pair, 'cn-shanghai', NOW);
    assert.ok(md.startsWith('**Replication pair web-01**\n\n| Field | Value |\n|---|---|\n'), md);
    assert.ok(md.includes('| Description | a \\| b |'), md);
    assert.equal(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
  });
});

describe('replication l10n', () => {
  /** Every `l.t('…')` / `l10n.t('…')` template under src/replication (pure model and shell). */
  function viewTemplates(): Set<string> {
    const root = join(__dirname, '../../../../src/replication');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const found = new Set<string>();
    for (const file of files(root)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:l|l10n)\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add((m[1] ?? '').replace(/\\'/g, "'"));
    }
    return found;
  }

  it('has zh-cn translations with the same placeholders for every view string', () => {
    const bundle = JSON.parse(readFileSync(join(__dirname, '../../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const templates = viewTemplates();
    assert.ok(templates.size > 60, `only ${templates.size} templates seen`);
    const ph = (s: string): string[] => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
    assert.deepEqual([...templates].filter((k) => typeof bundle[k] !== 'string' || bundle[k] === ''), []);
    for (const key of templates) assert.deepEqual(ph(bundle[key] ?? ''), ph(key), key);
  });
});
