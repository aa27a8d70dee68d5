// The drill journey in a real browser: right-click a pair → Start Pair Drill → confirm → DrillId notification →
// status bar shows the running drill → emulator clock advanced → status bar and tree show it finished → Clear Drill →
// gone. The emulator runs in this process with its clock frozen; screenshots land in test-results/ui/drill/.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../emulator';
import { DRILL_SCENARIO_PATH } from './drillScenario';
import { waitUntil, Workbench } from './workbench';

describe('Drill journey in a real browser (code-server + chromium + emulator)', function () {
  this.timeout(240_000);
  let emulator: RunningEmulator;
  let workbench: Workbench;
  let drillId = '';

  before(async () => {
    emulator = await startEmulator({ port: 0, scenario: DRILL_SCENARIO_PATH, speed: 0 });
    workbench = await Workbench.open({
      screenshotsFolder: 'drill',
      // Freshness marks and the overdue count have their own suite (evidence.test.ts).
      settings: { 'ebsDr.endpointTemplate': emulator.url, 'ebsDr.ecsEndpointTemplate': emulator.url, 'ebsDr.drillIntervalDays': 0 },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' },
    });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  const treeRow = (text: string): Locator => workbench.page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
  const statusItem = (text: string): Locator => workbench.page.locator('.statusbar .statusbar-item', { hasText: text }).first();

  const contextMenu = (row: Locator, action: string): Promise<void> => workbench.contextMenu(row, action);
  const confirmDialog = (button: string): Promise<string> =>
    workbench.modal(button, () => workbench.screenshot(button === 'Start Drill' ? '02-confirm-start' : '06-confirm-clear'));

  it('starts a drill from the pair context menu and shows the DrillId', async () => {
    await workbench.page.locator('.activitybar [aria-label^="EBS DR"]').first().click();
    const region = treeRow('cn-hangzhou');
    await region.waitFor({ timeout: 60_000 });
    if ((await region.getAttribute('aria-expanded')) !== 'true') await region.click();
    const pair = treeRow('web-01');
    await pair.waitFor({ timeout: 60_000 });
    await workbench.screenshot('01-tree');
    await contextMenu(pair, 'Start Pair Drill');
    const modal = await confirmDialog('Start Drill');
    assert.match(modal, /web-01/);
    assert.match(modal, /cn-shanghai-e/);
    assert.match(modal, /billed until you clear the drill/);
    const message = await workbench.notification('started for web-01');
    drillId = /Drill (drill-[a-z0-9]+) started/.exec(message)?.[1] ?? '';
    assert.ok(drillId, message);
    const drills = (await emulator.admin.state()).drills.filter((d) => d.Kind === 'pair' && d.PairId === 'pair-drill-web01');
    assert.deepEqual(drills.map((d) => d.DrillId), [drillId]);
    await workbench.screenshot('03-drill-started');
  });

  it('shows the running drill in the status bar', async () => {
    await statusItem('1 drill running').waitFor({ timeout: 30_000 });
    await workbench.screenshot('04-status-running');
  });

  it('shows the drill finished in the status bar and the tree once the emulator clock passes its end', async () => {
    await emulator.admin.advance(61);
    // The tracker polls with backoff (5 s, 12.5 s, 24 s, … after the start).
    await statusItem('1 drill disk').waitFor({ timeout: 60_000 });
    await workbench.notification(`Drill ${drillId} for web-01`, 30_000);
    const pair = treeRow('web-01');
    if ((await pair.getAttribute('aria-expanded')) !== 'true') await pair.click();
    const drill = treeRow(drillId);
    await drill.waitFor({ timeout: 30_000 });
    await waitUntil(async () => /Executed/.test((await drill.textContent()) ?? ''), 30_000, 'the drill node to show Executed');
    await workbench.screenshot('05-drill-finished');
  });

  it('clears the drill from its tree node, with the verdict and a note, until it is gone', async () => {
    await contextMenu(treeRow(drillId), 'Clear Drill');
    const modal = await confirmDialog('Clear, Check Passed');
    assert.match(modal, new RegExp(drillId));
    assert.match(modal, /Did the application check on the drill disk pass\?/);
    const notes = workbench.page.locator('.quick-input-widget input');
    await notes.waitFor({ timeout: 30_000 });
    await notes.fill('mounted read-only, app started');
    await workbench.page.keyboard.press('Enter');
    await waitUntil(async () => (await emulator.admin.state()).drills.some((d) => d.DrillId === drillId && d.Status === 'clearing'), 30_000, 'ClearPairDrill');
    await workbench.screenshot('07-clearing');
    await emulator.admin.advance(11);
    await waitUntil(async () => !(await statusItem('drill').isVisible()), 60_000, 'the status-bar item to disappear');
    await waitUntil(async () => !(await treeRow(drillId).isVisible()), 30_000, 'the drill node to disappear');
    assert.deepEqual((await emulator.admin.state()).drills, []);
    await workbench.screenshot('08-cleared');
  });
});
