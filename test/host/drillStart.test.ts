import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DrillHarness, eventually, pairNode } from './support/drillHarness';

const STARTED = /^Drill (drill-[a-z0-9]+) started for (.+) from the recovery point of (.+)$/;

describe('Drills: Start Pair Drill (emulator)', function () {
  this.timeout(60_000);
  let h: DrillHarness;

  before(async () => {
    h = await DrillHarness.start();
  });

  after(async () => {
    await h?.stop();
  });

  beforeEach(async () => {
    await h.emulator.admin.clearFaults();
    await h.setConfirm(undefined);
  });

  afterEach(() => {
    assert.deepEqual(h.input.unexpected, [], 'no unexpected prompts');
  });

  it('palette: region → pair (disabled pairs explain why) → confirm → exactly one drill in the DR region and the DrillId notification', async () => {
    const input = h.newUser().pick('cn-hangzhou', 'app-01').confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.startPairDrill');

    const shown = await input.notification(STARTED);
    const [, drillId, owner] = STARTED.exec(shown.message) ?? [];
    assert.equal(shown.kind, 'info');
    assert.equal(owner, 'app-01 (pair-drill-app01)');
    assert.deepEqual(shown.actions, ['Verify When Ready', 'Copy Drill ID', 'Show in Tree', 'View Logs']);

    const drills = await h.pairDrills('pair-drill-app01');
    assert.deepEqual(drills.map((d) => d.DrillId), [drillId], 'exactly one drill, the one announced');
    const starts = await h.requests('StartPairDrill');
    assert.deepEqual(starts.map((r) => r.regionId), ['cn-shanghai'], 'sent once, to the destination (DR) region');

    // The pair pick: searchable items with status and recovery-point age; undrillable pairs disabled with a reason.
    const pairPick = input.prompts.find((p) => p.type === 'pick' && p.items?.some((i) => i.label === 'app-01'));
    assert.ok(pairPick?.items);
    const app = pairPick.items.find((i) => i.label === 'app-01');
    assert.match(app?.description ?? '', /pair-drill-app01 · Syncing · recovery point (just now|\d+ min ago)/);
    const never = pairPick.items.find((i) => i.label === 'never-synced');
    assert.match(never?.disabledReason ?? '', /No recovery point yet/);
    const failedOver = pairPick.items.find((i) => i.label === 'failed-over');
    assert.match(failedOver?.disabledReason ?? '', /The pair is failed over; /);

    // The modal named the pair, the DR region and zone, the recovery point and the billing.
    const confirm = input.prompts.find((p) => p.type === 'confirm');
    assert.equal(confirm?.title, 'Start a DR drill for pair app-01 (pair-drill-app01)?');
    assert.match(confirm?.detail ?? '', /DR region cn-shanghai, zone cn-shanghai-f, recovery point of \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    assert.match(confirm?.detail ?? '', /pay-as-you-go drill disk of the same size .* billed until you clear the drill/);

    // In context: the status bar shows the running drill, and the tracker follows it.
    await eventually(() => h.drills.statusBar().text.includes('1 drill running'), 'the status bar to show the running drill');
    assert.match(h.drills.statusBar().text, /^\$\(sync~spin\) 1 drill running$/);
    assert.ok(h.drills.tracked().some((d) => d.drillId === drillId && d.status === 'executing'));
    assert.ok(h.api.logLines().some((l) => /StartPairDrill region=cn-shanghai duration=\d+ms attempt=1 requestId=\S+/.test(l)), 'the call is logged');
  });

  it('context menu: the pair node starts exactly one drill without any pick', async () => {
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    const shown = await input.notification(STARTED);
    const drillId = STARTED.exec(shown.message)?.[1];
    assert.deepEqual((await h.pairDrills('pair-drill-web01')).map((d) => d.DrillId), [drillId]);
    assert.equal(input.prompts.filter((p) => p.type === 'pick').length, 0);
  });

  it('a pair whose destination is the node region still goes to its DR region', async () => {
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-shanghai', 'pair-drill-back01'));
    await input.notification(STARTED);
    const last = (await h.requests('StartPairDrill')).pop();
    assert.equal(last?.regionId, 'cn-hangzhou');
    assert.equal((await h.pairDrills('pair-drill-back01')).length, 1);
  });

  it('refuses a second start while a drill of the pair is executing, and says why (no confirmation, no request)', async () => {
    const input = h.newUser();
    const before = (await h.requests('StartPairDrill')).length;
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    assert.equal(input.prompts.filter((p) => p.type === 'confirm').length, 0);
    assert.equal(input.notifications.length, 1);
    assert.equal(input.notifications[0].kind, 'warning');
    assert.match(input.notifications[0].message, /^A drill of web-01 \(pair-drill-web01\) is already executing \(drill-[a-z0-9]+\)\. Wait until it has finished before starting another\.$/);
    assert.equal((await h.requests('StartPairDrill')).length, before);
    assert.equal((await h.pairDrills('pair-drill-web01')).length, 1);
  });

  it('refuses it with confirmations turned off too, and the palette disables the busy pair with the reason', async () => {
    await h.setConfirm(false);
    const input = h.newUser().pick('cn-hangzhou', undefined);
    await vscode.commands.executeCommand('ebsDr.startPairDrill');
    const pairPick = input.prompts.find((p) => p.type === 'pick' && p.items?.some((i) => i.label === 'web-01'));
    assert.match(pairPick?.items?.find((i) => i.label === 'web-01')?.disabledReason ?? '', /already executing/);
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    assert.match(input.notifications.at(-1)?.message ?? '', /is already executing/);
    assert.equal((await h.pairDrills('pair-drill-web01')).length, 1);
  });

  it('a second click while the first start is in flight starts nothing and says why; one drill', async () => {
    await h.setConfirm(false);
    await h.emulator.admin.reset();
    await h.drills.reset();
    await h.emulator.admin.setFaults([{ action: 'StartPairDrill', mode: 'delay', delayMs: 800, times: 1 }]);
    const input = h.newUser();
    const first = vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    await eventually(async () => (await h.emulator.admin.state()).faults.length === 0, 'the first start to reach the emulator');
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    assert.match(input.notifications[0]?.message ?? '', /^A drill for web-01 \(pair-drill-web01\) is being started\. Wait for the answer/);
    await first;
    await input.notification(STARTED);
    assert.equal((await h.pairDrills('pair-drill-web01')).length, 1);
  });

  it('names a finished drill that still holds a billed disk, with its age; Clear It First clears it and starts nothing', async () => {
    await h.setConfirm(false);
    await h.emulator.admin.advance(120); // the drill of web-01 has executed: its disk is held
    await h.drills.pollNow();
    const input = h.newUser().confirmWith('Clear It First', true);
    const before = (await h.requests('StartPairDrill')).length;
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-web01'));
    const modal = input.prompts.find((p) => p.type === 'confirm');
    assert.match(modal?.title ?? '', /^Drill drill-[a-z0-9]+ of web-01 \(pair-drill-web01\) \(started (just now|\d+ min ago)\) still holds the billed drill disk \S+\. Start another drill\?$/);
    assert.deepEqual(modal?.buttons, ['Start Another Drill', 'Clear It First']);
    assert.equal((await h.requests('StartPairDrill')).length, before, 'no start sent');
    await eventually(async () => (await h.pairDrills('pair-drill-web01')).every((d) => d.Status === 'clearing'), 'the held drill to be clearing');
  });

  it('Cancel on the modal or Escape in a pick shows nothing and starts nothing', async () => {
    const input = h.newUser().confirmWith(false).pick(undefined);
    const before = (await h.requests('StartPairDrill')).length;
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-orders01'));
    await vscode.commands.executeCommand('ebsDr.startPairDrill');
    assert.equal(input.notifications.length, 0);
    assert.equal((await h.requests('StartPairDrill')).length, before);
  });

  it('cancelling the progress shows nothing', async () => {
    await h.emulator.admin.reset();
    await h.drills.reset();
    await h.emulator.admin.setFaults([{ action: 'StartPairDrill', mode: 'delay', delayMs: 2500, times: 1 }]);
    const input = h.newUser().confirmWith(true);
    const before = (await h.requests('StartPairDrill')).length;
    const run = vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-shanghai', 'pair-drill-back01'));
    // The request reached the emulator (which holds it for 2.5 s); cancel as the progress notification's Cancel would.
    await eventually(async () => (await h.emulator.admin.state()).faults.length === 0, 'the start request to reach the emulator');
    h.drills.cancelRequests();
    await run;
    assert.equal(input.notifications.length, 0, 'nothing shown after cancellation');
    // The emulator logs the request once it has answered (after its delay).
    await eventually(async () => (await h.requests('StartPairDrill')).length > before, 'the held request to be logged');
    assert.equal(input.notifications.length, 0);
  });

  it('drop-after-commit: the retry with the same ClientToken ends with exactly one drill', async () => {
    await h.emulator.admin.setFaults([{ action: 'StartPairDrill', mode: 'drop-after-commit', times: 1 }]);
    await h.setConfirm(false);
    const input = h.newUser();
    const before = (await h.requests('StartPairDrill')).length;
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-orders01'));
    const shown = await input.notification(STARTED);
    const drills = await h.pairDrills('pair-drill-orders01');
    assert.deepEqual(drills.map((d) => d.DrillId), [STARTED.exec(shown.message)?.[1]]);
    const sent = (await h.requests('StartPairDrill')).slice(before);
    assert.ok(sent.length >= 2, `the dropped request was retried (${sent.length} requests)`);
    assert.equal(new Set(sent.map((r) => r.params.ClientToken)).size, 1, 'every retry reused the ClientToken');
    assert.equal(sent[0].status, 0, 'the first answer was dropped');
  });

  it('LastTokenProcessing: said as "may have started"; retries (and the Retry button) reuse the ClientToken and end with exactly one drill', async () => {
    await h.emulator.admin.reset();
    await h.drills.reset();
    // Four answers exhaust the client's attempts: the user sees the explanation with Retry, presses it, and the
    // fifth request (same token) succeeds.
    await h.emulator.admin.setFaults([{ action: 'StartPairDrill', mode: 'error', status: 403, code: 'LastTokenProcessing', times: 4 }]);
    await h.setConfirm(false);
    const input = h.newUser().pressOn(/may have started/, 'Retry (same request, cannot start a second drill)');
    const before = (await h.requests('StartPairDrill')).length;
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', 'pair-drill-orders02'));
    const uncertain = await input.notification(/identical request/);
    assert.equal(uncertain.kind, 'warning');
    assert.match(uncertain.message, /^The drill for orders-log \(pair-drill-orders02\) may have started: /);
    assert.ok(!input.notifications.some((n) => /Could not start/.test(n.message)), 'never "could not start"');
    const shown = await input.notification(STARTED);
    const drillId = STARTED.exec(shown.message)?.[1];
    const drill = (await h.pairDrills('pair-drill-orders02')).find((d) => d.DrillId === drillId);
    assert.ok(drill, 'the announced drill exists');
    const sent = (await h.requests('StartPairDrill')).slice(before).filter((r) => r.params.ClientToken === drill.ClientToken);
    assert.equal(sent.length, 5, 'four attempts, then the Retry, all with the same ClientToken');
    assert.deepEqual(sent.map((r) => r.code), ['LastTokenProcessing', 'LastTokenProcessing', 'LastTokenProcessing', 'LastTokenProcessing', null]);
    assert.equal((await h.pairDrills('pair-drill-orders02')).filter((d) => d.ClientToken === drill.ClientToken).length, 1, 'exactly one drill for the token');
  });
});
