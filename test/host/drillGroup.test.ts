import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DrillHarness, groupDrillNode, groupNode } from './support/drillHarness';

const STARTED = /^Drill (pg-drill-[a-z0-9]+) started for orders-db \(pg-drill-orders\) from the recovery point of /;

describe('Drills: replica group drills (emulator)', function () {
  this.timeout(60_000);
  let h: DrillHarness;

  before(async () => {
    h = await DrillHarness.start();
  });

  after(async () => {
    await h?.stop();
  });

  afterEach(() => {
    assert.deepEqual(h.input.unexpected, [], 'no unexpected prompts');
  });

  it('palette: region → group → confirm starts exactly one group drill and names one disk per pair', async () => {
    const input = h.newUser().pick('cn-hangzhou', 'orders-db').confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.startReplicaGroupDrill');
    const shown = await input.notification(STARTED);
    const drillId = STARTED.exec(shown.message)?.[1];
    assert.deepEqual((await h.groupDrills('pg-drill-orders')).map((d) => d.DrillId), [drillId]);
    assert.equal((await h.requests('StartReplicaGroupDrill')).pop()?.regionId, 'cn-shanghai');
    const confirm = input.prompts.find((p) => p.type === 'confirm');
    assert.equal(confirm?.title, 'Start a DR drill for replica group orders-db (pg-drill-orders)?');
    assert.match(confirm?.detail ?? '', /One pay-as-you-go drill disk per pair \(2\)/);

    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    const done = await input.notification(/finished/);
    assert.match(done.message, new RegExp(`Drill ${drillId} for orders-db \\(pg-drill-orders\\) finished: 2 drill disks in zone cn-shanghai-e \\(d-[a-z0-9]+, d-[a-z0-9]+\\) are ready and billed until you clear the drill\\.`));
    assert.equal(h.drills.statusBar().text, '$(database) 2 drill disks');
  });

  it('the group node starts a drill without any pick', async () => {
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.startReplicaGroupDrill', groupNode('cn-hangzhou', 'pg-drill-orders'));
    await input.notification(STARTED);
    assert.equal((await h.groupDrills('pg-drill-orders')).length, 2);
    assert.equal(input.prompts.filter((p) => p.type === 'pick').length, 0);
  });

  it('Clear Drill on a group drill node clears it until it is gone', async () => {
    const finished = (await h.groupDrills('pg-drill-orders')).find((d) => d.Status === 'executed');
    assert.ok(finished);
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', groupDrillNode('cn-hangzhou', 'pg-drill-orders', finished.DrillId));
    assert.equal((await h.requests('ClearReplicaGroupDrill')).pop()?.regionId, 'cn-shanghai');
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    await input.notification(new RegExp(`Drill ${finished.DrillId} for orders-db .* was cleared`));
    assert.ok(!(await h.groupDrills('pg-drill-orders')).some((d) => d.DrillId === finished.DrillId));
  });
});
