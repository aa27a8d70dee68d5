import * as assert from 'node:assert/strict';
import { indicatorModel, stateText } from '../../../src/drills/indicator';
import type { TrackedDrill } from '../../../src/drills/model';
import { formatText, type ComposedMessage } from '../../../src/drills/text';

const render = (text: ComposedMessage | undefined): string => (text ? formatText(text) : '<hidden>');

const NOW = Date.UTC(2026, 0, 1, 12);

function drill(drillId: string, status: string, disks: TrackedDrill['disks'] = [], kind: TrackedDrill['kind'] = 'pair'): TrackedDrill {
  return { kind, regionId: 'cn-shanghai', ownerId: 'pair-1', ownerName: 'web-01', drillId, account: 'a', status, disks, followed: true, startedAt: NOW - 120_000 };
}

describe('drills/indicator', () => {
  it('is hidden when there is nothing', () => {
    const model = indicatorModel([], NOW);
    assert.equal(model.visible, false);
    assert.equal(model.badge, 0);
  });

  it('spins with "1 drill running" while one drill executes', () => {
    const model = indicatorModel([drill('drill-1', 'executing', [{ diskId: 'd-1', status: 'creating' }])], NOW);
    assert.equal(model.visible, true);
    assert.equal(model.icon, 'sync~spin');
    assert.equal(render(model.text), '1 drill running');
    assert.equal(model.badge, 1);
    assert.equal(render(model.lines[0].text), 'drill-1 for web-01 (pair-1): running, started 2 min ago');
  });

  it('counts several running drills and lists finished ones in the tooltip', () => {
    const model = indicatorModel(
      [drill('drill-1', 'executing'), drill('drill-2', 'executing'), drill('drill-3', 'executed', [{ diskId: 'd-3', status: 'created' }])],
      NOW,
    );
    assert.equal(render(model.text), '2 drills running');
    assert.equal(model.disks, 1);
    assert.equal(model.lines.length, 3);
    assert.match(render(model.lines[2].text), /drill-3 .*finished, drill disk d-3 billed until cleared/);
  });

  it('reminds quietly of billable drill disks (group drills count one disk per pair)', () => {
    const model = indicatorModel(
      [
        drill('drill-1', 'executed', [{ diskId: 'd-1', status: 'created' }]),
        drill('pg-drill-1', 'executed', [{ diskId: 'd-2', status: 'created' }, { diskId: 'd-3', status: 'created' }], 'group'),
        drill('drill-x', 'execute_failed', []),
      ],
      NOW,
    );
    assert.equal(model.icon, 'database');
    assert.equal(render(model.text), '3 drill disks');
    assert.equal(model.badge, 3);
    assert.equal(render(indicatorModel([drill('drill-1', 'executed', [{ diskId: 'd-1', status: 'created' }])], NOW).text), '1 drill disk');
  });

  it('shows clearing drills while they disappear', () => {
    const model = indicatorModel([drill('drill-1', 'clearing', [{ diskId: 'd-1', status: 'deleting' }])], NOW);
    assert.equal(render(model.text), '1 drill clearing');
    assert.equal(model.disks, 0);
  });

  it('badges the view with the number the status bar shows, and a tooltip saying what it counts', () => {
    const running = indicatorModel(
      [drill('drill-1', 'executing'), drill('drill-2', 'clearing', [{ diskId: 'd-2', status: 'deleting' }]), drill('drill-3', 'executed', [{ diskId: 'd-3', status: 'created' }])],
      NOW,
    );
    assert.equal(render(running.text), '1 drill running');
    assert.deepEqual([running.badge, render(running.badgeTooltip)], [1, '1 drill running'], 'running drills only, like the status bar');
    const clearing = indicatorModel([drill('drill-2', 'clearing'), drill('drill-4', 'clearing')], NOW);
    assert.deepEqual([render(clearing.text), clearing.badge, render(clearing.badgeTooltip)], ['2 drills clearing', 2, '2 drills clearing']);
    const disks = indicatorModel(
      [
        drill('drill-3', 'executed', [{ diskId: 'd-3', status: 'created' }]),
        drill('drill-5', 'execute_failed', [{ diskId: 'd-5', status: 'created' }]),
        drill('drill-6', 'clear_failed', [{ diskId: 'd-6', status: 'created' }]),
        drill('drill-7', 'execute_failed', [{ diskId: 'd-7', status: 'PAIR_SYNCPOINT_NOT_FOUND' }]),
      ],
      NOW,
    );
    assert.deepEqual([render(disks.text), disks.badge, render(disks.badgeTooltip)], ['3 drill disks', 3, '3 billable drill disks']);
    const failedOnly = indicatorModel([drill('drill-7', 'execute_failed', [{ diskId: 'd-7', status: 'PAIR_SYNCPOINT_NOT_FOUND' }])], NOW);
    assert.deepEqual([failedOnly.visible, failedOnly.badge, failedOnly.badgeTooltip], [false, 0, undefined], 'a failed drill without a disk costs nothing: no reminder');
  });
});

describe('drills/indicator: the overdue count', () => {
  it('shows the overdue count only when no drill runs or holds a disk, and its click drills them', () => {
    const model = indicatorModel([], NOW, 3);
    assert.equal(model.visible, true);
    assert.equal(model.icon, 'warning');
    assert.equal(render(model.text), '3 overdue for a drill');
    assert.equal(model.badge, 3);
    assert.equal(render(model.badgeTooltip), '3 pairs or replica groups are overdue for a drill (click to drill overdue pairs)');
    assert.equal(model.overdueOnly, true);
    assert.equal(render(indicatorModel([], NOW, 1).text), '1 overdue for a drill');
  });

  it('gives way to running drills and to drill disks still held', () => {
    assert.equal(render(indicatorModel([drill('drill-1', 'executing')], NOW, 3).text), '1 drill running');
    const held = indicatorModel([drill('drill-1', 'executed', [{ diskId: 'd-1', status: 'created' }])], NOW, 3);
    assert.equal(render(held.text), '1 drill disk');
    assert.equal(held.overdueOnly, undefined);
  });
});

describe('drills/indicator stateText (Show Drills detail: the state only, the label and description name the drill)', () => {
  it('never repeats the drill ID or the owner', () => {
    const texts = [
      drill('drill-1', 'executing'),
      drill('drill-1', 'clearing'),
      drill('drill-1', 'executed', [{ diskId: 'd-1', status: 'created' }]),
      drill('drill-1', 'execute_failed'),
      drill('drill-1', 'clear_failed'),
      drill('drill-1', 'future_status'),
    ].map((d) => render(stateText(d, NOW)));
    assert.deepEqual(texts, [
      'running, started 2 min ago',
      'clearing',
      'finished, drill disk d-1 billed until cleared',
      'failed (-)',
      'clearing failed (-)',
      'status future_status',
    ]);
    for (const text of texts) assert.doesNotMatch(text, /drill-1|web-01|pair-1/);
  });
});
