// Verify Drill in a real browser: a drill started from the pair's context menu finishes; Verify Drill from the drill
// node's context menu → the verification instance quick pick → the confirmation naming the instance and the check →
// the tree shows the drill verified, and the emulator's drill disk is detached again (Available). The emulator runs in
// this process at real speed (drills take 3 s, attach 2 s, detach 3 s). Screenshots land in test-results/ui/verify/;
// with EBS_DR_SCREENSHOTS=1 the README image media/screenshots/drill-verified.png is written too.
import * as assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../harness/paths';
import { waitUntil, Workbench } from './workbench';

const SCENARIO = join(repoRoot, 'test', 'fixtures', 'scenarios', 'drill-verify.json');

describe('Verify Drill in a real browser (code-server + chromium + emulator)', function () {
  this.timeout(240_000);
  let emulator: RunningEmulator;
  let workbench: Workbench;
  let drillId = '';

  before(async () => {
    emulator = await startEmulator({ port: 0, scenario: SCENARIO, speed: 1 });
    workbench = await Workbench.open({
      screenshotsFolder: 'verify',
      settings: { 'ebsDr.endpointTemplate': emulator.url, 'ebsDr.ecsEndpointTemplate': emulator.url, 'ebsDr.drillIntervalDays': 0, 'ebsDr.confirmBeforeDrill': false },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' },
    });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  const treeRow = (text: string): Locator => workbench.page.locator('.sidebar .monaco-list-row', { hasText: text }).first();

  it('starts a drill and shows it executed, not verified', async () => {
    await workbench.page.locator('.activitybar [aria-label^="EBS DR"]').first().click();
    // Wide enough that the drill row's description (status · verification · …) is read in the screenshots.
    await workbench.sideBarWidth(700, true);
    const region = treeRow('cn-hangzhou');
    await region.waitFor({ timeout: 60_000 });
    if ((await region.getAttribute('aria-expanded')) !== 'true') await region.click();
    const pair = treeRow('web-01');
    await pair.waitFor({ timeout: 60_000 });
    await workbench.contextMenu(pair, 'Start Pair Drill');
    const message = await workbench.notification('started for web-01');
    drillId = /Drill (drill-[a-z0-9]+) started/.exec(message)?.[1] ?? '';
    assert.ok(drillId, message);
    await workbench.notification(`Drill ${drillId} for web-01 (pair-vf-web01) finished`, 60_000);
    if ((await pair.getAttribute('aria-expanded')) !== 'true') await pair.click();
    const drill = treeRow(drillId);
    await drill.waitFor({ timeout: 30_000 });
    await waitUntil(async () => /Executed.*not verified/.test((await drill.textContent()) ?? ''), 30_000, 'the drill node to show Executed · not verified');
    await workbench.screenshot('01-executed-not-verified');
  });

  it('verifies the drill from its context menu: instance, confirmation, passed verdict in the tree, disk detached', async () => {
    await workbench.contextMenu(treeRow(drillId), 'Verify Drill');
    const pick = workbench.page.locator('.quick-input-widget');
    await pick.waitFor({ timeout: 30_000 });
    const item = pick.locator('.monaco-list-row', { hasText: 'dr-verify-01' }).first();
    await item.waitFor({ timeout: 30_000 });
    // Instances that cannot verify are listed, but only with their reason.
    assert.ok(await pick.locator('.monaco-list-row', { hasText: 'Cloud Assistant is not online' }).first().isVisible());
    await workbench.screenshot('02-instance-pick');
    await item.click();
    const modal = await workbench.modal('Verify', () => workbench.screenshot('03-confirm'));
    assert.match(modal, new RegExp(`Verify drill ${drillId} on dr-verify-01`));
    assert.match(modal, /mounted read-only/);
    assert.match(modal, /Check: built-in/);
    await workbench.notification(`Drill ${drillId} verified on dr-verify-01`, 90_000);
    const drill = treeRow(drillId);
    await waitUntil(async () => /Executed · verified/.test((await drill.textContent()) ?? ''), 30_000, 'the drill node to show verified');
    const file = await workbench.screenshot('04-verified');
    if (process.env.EBS_DR_SCREENSHOTS === '1') copyFileSync(file, join(repoRoot, 'media', 'screenshots', 'drill-verified.png'));
    const state = await emulator.admin.state();
    const drillDisk = (state.drills.find((d) => d.DrillId === drillId) as { DrillDiskId?: string } | undefined)?.DrillDiskId;
    const disk = (state as unknown as { disks: { DiskId: string; Status: string; InstanceId?: string }[] }).disks.find((d) => d.DiskId === drillDisk);
    assert.equal(disk?.Status, 'Available');
    assert.ok(!disk?.InstanceId);
  });
});
