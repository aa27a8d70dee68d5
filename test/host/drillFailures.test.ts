// The drill failure path in a real VS Code: drills that end execute_failed (pair and group), a failed drill that keeps a
// billable disk, and a clear that ends clear_failed — notifications, status bar, view badge, tree and Clear Drill.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { treeItemById } from './support/treeItems';
import type { ReplicationTestApi } from '../../src/replication/ui/replicationView';
import { DRILL_FAILURE_SCENARIO, DrillHarness, eventually, groupDrillNode, groupNode, pairDrillNode, pairNode } from './support/drillHarness';

const STARTED = /^Drill ((?:pg-)?drill-[a-z0-9]+) started for /;

describe('Drills: failed drills and failed clears (emulator)', function () {
  this.timeout(60_000);
  let h: DrillHarness;
  let tree: ReplicationTestApi;

  before(async () => {
    h = await DrillHarness.start(DRILL_FAILURE_SCENARIO);
    await h.setConfirm(false);
    assert.ok(h.api.replication, 'the extension exposes the Replication view');
    tree = await h.defaultRegionTree();
  });

  after(async () => {
    await h?.stop();
  });

  afterEach(() => {
    assert.deepEqual(h.input.unexpected, [], 'no unexpected prompts');
  });

  async function start(node: Record<string, string>, command = 'ebsDr.startPairDrill'): Promise<string> {
    const input = h.newUser();
    await vscode.commands.executeCommand(command, node);
    const shown = await input.notification(STARTED);
    return STARTED.exec(shown.message)?.[1] ?? '';
  }

  const treeItem = (id: string): Promise<vscode.TreeItem | undefined> => treeItemById(tree, id);

  /** Waits until the tree shows the drill node with a description starting with `status`. */
  async function treeShows(id: string, status: string): Promise<vscode.TreeItem> {
    return eventually(async () => {
      const item = await treeItem(id);
      return typeof item?.description === 'string' && item.description.startsWith(status) ? item : undefined;
    }, `the tree to show ${id} as ${status}`);
  }

  const failures = (pattern: RegExp): number => h.input.notifications.filter((n) => pattern.test(n.message)).length;

  it('a pair drill that ends execute_failed: one error explaining PAIR_SYNCPOINT_NOT_FOUND; indicator, badge and tree follow; Clear Drill clears it', async () => {
    const drillId = await start(pairNode('cn-hangzhou', 'pair-fail-web01'));
    assert.equal(h.drills.statusBar().text, '$(sync~spin) 1 drill running');
    assert.deepEqual(tree.badge(), { value: 1, tooltip: '1 drill running' });

    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    const failed = await h.input.notification(/failed:/);
    assert.equal(failed.kind, 'error');
    assert.equal(
      failed.message,
      `Drill ${drillId} for fail-web (pair-fail-web01) failed: the secondary disk has no usable recovery point. Wait for the next replication cycle, then start a new drill.`,
    );
    assert.deepEqual(failed.actions, ['Clear Drill', 'View Logs']);
    await h.drills.pollNow();
    await h.drills.pollNow();
    assert.equal(failures(/failed/), 1, 'reported exactly once');

    // Nothing runs and the failed drill holds no disk: no reminder, no badge, no timer; the drill stays known.
    const tracked = h.drills.tracked().find((d) => d.drillId === drillId);
    assert.equal(tracked?.status, 'execute_failed');
    assert.equal(tracked?.statusMessage, 'PAIR_SYNCPOINT_NOT_FOUND');
    assert.equal(h.drills.statusBar().visible, false);
    assert.equal(tree.badge(), undefined);
    assert.equal(h.drills.hasTimer(), false);
    assert.ok(h.api.logLines().some((l) => l.includes(`Drill ${drillId} of pair-fail-web01 in cn-shanghai: execute_failed (PAIR_SYNCPOINT_NOT_FOUND)`)));

    // The tree shows the failed drill, clearable, and the pair no longer has a running drill.
    const nodeId = `region/cn-hangzhou/pair/pair-fail-web01/drill/${drillId}`;
    const item = await treeShows(nodeId, 'Execute failed');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal(item.contextValue, 'drill.pair.clearable');
    assert.equal((await treeItem('region/cn-hangzhou/pair/pair-fail-web01'))?.contextValue, 'pair.drillable');

    // Clear Drill on the node: a drill without a disk is simply deleted.
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-fail-web01', drillId));
    const confirm = input.prompts.find((p) => p.type === 'confirm');
    assert.equal(confirm?.title, `Clear drill ${drillId} of fail-web (pair-fail-web01)?`);
    assert.equal(confirm?.detail, 'The drill will be deleted.');
    assert.equal((await h.pairDrills('pair-fail-web01'))[0]?.Status, 'clearing');
    assert.equal(h.drills.statusBar().text, '$(sync~spin) 1 drill clearing');
    assert.deepEqual(tree.badge(), { value: 1, tooltip: '1 drill clearing' });

    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    const cleared = await input.notification(/was cleared/);
    assert.equal(cleared.message, `Drill ${drillId} for fail-web (pair-fail-web01) was cleared.`);
    assert.deepEqual(await h.pairDrills('pair-fail-web01'), []);
    assert.ok(!h.drills.tracked().some((d) => d.drillId === drillId));
    assert.equal(h.drills.statusBar().visible, false);
    assert.equal(tree.badge(), undefined);
  });

  it('a failed drill that still holds a billable disk: the reminder and the badge count it; Clear Drill names the disk', async () => {
    const drillId = await start(pairNode('cn-hangzhou', 'pair-fail-disk01'));
    const [disk] = (await h.pairDrills('pair-fail-disk01')).map((d) => d.DrillDiskId);
    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    const failed = await h.input.notification(/failed:/);
    assert.equal(
      failed.message,
      `Drill ${drillId} for fail-disk (pair-fail-disk01) failed: the service reported INTERNAL_ERROR. Clear the drill and start a new one; if it fails again, contact Alibaba Cloud support.`,
    );
    assert.equal(h.drills.statusBar().text, '$(database) 1 drill disk');
    assert.match(h.drills.statusBar().tooltip, new RegExp(`${drillId} for fail-disk \\(pair-fail-disk01\\): failed \\(INTERNAL_ERROR\\)`));
    assert.deepEqual(tree.badge(), { value: 1, tooltip: '1 billable drill disk' });

    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-fail-disk01', drillId));
    assert.equal(input.prompts.find((p) => p.type === 'confirm')?.detail, `The drill and its drill disk (${disk}) will be deleted. Data written to the drill disk is lost.`);
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    const cleared = await input.notification(/was cleared/);
    assert.equal(cleared.message, `Drill ${drillId} for fail-disk (pair-fail-disk01) was cleared and its drill disk deleted.`);
    assert.equal(h.drills.statusBar().visible, false);
    assert.equal(tree.badge(), undefined);
  });

  it('a clear that ends clear_failed is reported once; the drill stays clearable and the next clear removes it', async () => {
    const drillId = await start(pairNode('cn-hangzhou', 'pair-fail-clear01'));
    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    await h.input.notification(new RegExp(`Drill ${drillId} .* finished`));
    const [disk] = (await h.pairDrills('pair-fail-clear01')).map((d) => d.DrillDiskId);

    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-fail-clear01', drillId));
    assert.equal((await h.pairDrills('pair-fail-clear01'))[0]?.Status, 'clearing');
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    const failed = await input.notification(/^Clearing drill/);
    assert.equal(failed.kind, 'error');
    assert.equal(
      failed.message,
      `Clearing drill ${drillId} for fail-clear (pair-fail-clear01) failed (DRILL_DISK_DELETE_FAILED); its drill disk may still be billed. Try Clear Drill again, or delete the disk in the ECS console.`,
    );
    assert.deepEqual(failed.actions, ['Clear Drill', 'Copy Disk ID', 'View Logs']);
    await h.drills.pollNow();
    await h.drills.pollNow();
    assert.equal(failures(/^Clearing drill/), 1, 'reported exactly once');
    assert.equal(h.drills.tracked().find((d) => d.drillId === drillId)?.status, 'clear_failed');
    assert.equal(h.drills.statusBar().text, '$(database) 1 drill disk', 'the disk is still billed');
    assert.deepEqual(tree.badge(), { value: 1, tooltip: '1 billable drill disk' });
    const item = await treeShows(`region/cn-hangzhou/pair/pair-fail-clear01/drill/${drillId}`, 'Clear failed');
    assert.equal(item.contextValue, 'drill.pair.clearable');

    // Again, from the status bar's Show Drills: this time it works.
    input.pick(drillId, (label: string) => label.includes('Clear Drill')).confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.showDrills');
    assert.match(input.prompts.filter((p) => p.type === 'confirm').pop()?.detail ?? '', new RegExp(`drill disk \\(${disk}\\) will be deleted`));
    assert.equal((await h.pairDrills('pair-fail-clear01'))[0]?.Status, 'clearing');
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    const cleared = await input.notification(/was cleared/);
    assert.equal(cleared.message, `Drill ${drillId} for fail-clear (pair-fail-clear01) was cleared and its drill disk deleted.`);
    assert.deepEqual(await h.pairDrills('pair-fail-clear01'), []);
    assert.equal(failures(/^Clearing drill/), 1);
    assert.ok(!h.drills.tracked().some((d) => d.drillId === drillId));
  });

  it('a replica-group drill that ends execute_failed: one error explaining GROUP_SYNCPOINT_NOT_FOUND; tree; Clear Drill from the notification', async () => {
    const drillId = await start(groupNode('cn-hangzhou', 'pg-fail-orders'), 'ebsDr.startReplicaGroupDrill');
    assert.match(drillId, /^pg-drill-/);
    assert.deepEqual(tree.badge(), { value: 1, tooltip: '1 drill running' });
    await h.emulator.admin.advance(61);
    const input = h.input.pressOn(/failed:/, 'Clear Drill').confirmWith(true);
    await h.drills.pollNow();
    const failed = await input.notification(/failed:/);
    assert.equal(failed.kind, 'error');
    assert.equal(
      failed.message,
      `Drill ${drillId} for fail-orders (pg-fail-orders) failed: the group has no recovery point shared by all its pairs. Wait for the next replication cycle, then start a new drill.`,
    );
    assert.equal(failures(/failed:/), 1);
    await eventually(() => input.prompts.some((p) => p.type === 'confirm'), 'the clear confirmation');
    assert.equal(input.prompts.find((p) => p.type === 'confirm')?.detail, 'The drill will be deleted.');
    await eventually(async () => (await h.groupDrills('pg-fail-orders'))[0]?.Status === 'clearing', 'ClearReplicaGroupDrill');
    assert.equal((await h.requests('ClearReplicaGroupDrill')).pop()?.regionId, 'cn-shanghai');
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    const cleared = await input.notification(/was cleared/);
    assert.equal(cleared.message, `Drill ${drillId} for fail-orders (pg-fail-orders) was cleared.`);
    assert.deepEqual(await h.groupDrills('pg-fail-orders'), []);
    assert.equal(h.drills.statusBar().visible, false);
    assert.equal(tree.badge(), undefined);
  });

  it('the tree shows a failed group drill as clearable and Clear Drill on its node clears it', async () => {
    const drillId = await start(groupNode('cn-hangzhou', 'pg-fail-orders'), 'ebsDr.startReplicaGroupDrill');
    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    await h.input.notification(/failed:/);
    const item = await treeShows(`region/cn-hangzhou/group/pg-fail-orders/drill/${drillId}`, 'Execute failed');
    assert.equal(item.contextValue, 'drill.group.clearable');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', groupDrillNode('cn-hangzhou', 'pg-fail-orders', drillId));
    assert.equal((await h.groupDrills('pg-fail-orders'))[0]?.Status, 'clearing');
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    await input.notification(new RegExp(`Drill ${drillId} for fail-orders .* was cleared\\.$`));
    assert.deepEqual(await h.groupDrills('pg-fail-orders'), []);
  });
});
