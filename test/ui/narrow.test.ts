// The Replication tree at a 300-pixel-wide sidebar, in a real browser: each row leads with what matters (status,
// then a running drill or a held drill disk, then the recovery-point age), marks show without expanding, a pair that
// was never started is not counted as stopped, and a failed-over pair's tooltip says why it cannot be drilled. The
// emulator's clock is frozen and moved by the test; screenshots land in test-results/ui/narrow/.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../emulator';
import { DRILL_SCENARIO_PATH } from './drillScenario';
import { waitUntil, Workbench } from './workbench';

describe('Replication tree at a 300-pixel sidebar (code-server + chromium + emulator)', function () {
  this.timeout(240_000);
  let emulator: RunningEmulator;
  let workbench: Workbench;

  before(async () => {
    emulator = await startEmulator({ port: 0, scenario: DRILL_SCENARIO_PATH, speed: 0 });
    workbench = await Workbench.open({
      screenshotsFolder: 'narrow',
      settings: { 'ebsDr.endpointTemplate': emulator.url, 'ebsDr.ecsEndpointTemplate': emulator.url, 'ebsDr.confirmBeforeDrill': false, 'ebsDr.drillIntervalDays': 0, 'workbench.hover.delay': 200 },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' },
    });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  const page = (): Workbench['page'] => workbench.page;
  const treeRow = (text: string): Locator => page().locator('.sidebar .monaco-list-row', { hasText: text }).first();
  const description = async (row: Locator): Promise<string> => (await row.locator('.label-description').first().textContent()) ?? '';

  it('leads each row with the status and age; a pair never started is not counted as stopped', async () => {
    await page().locator('.activitybar [aria-label^="EBS DR"]').first().click();
    const region = treeRow('cn-hangzhou');
    await region.waitFor({ timeout: 60_000 });
    await workbench.sideBarWidth(300);
    await waitUntil(async () => /\d+ pairs/.test(await description(region)), 60_000, 'the region summary');
    if ((await region.getAttribute('aria-expanded')) !== 'true') await region.locator('.label-name').first().click();
    const web = treeRow('web-01');
    await web.waitFor({ timeout: 30_000 });
    assert.match(await description(web), /^Normal · RP (just now|\d+ \w+ ago) · → cn-shanghai/);
    assert.match(await description(treeRow('never-synced')), /^Not started · no recovery point yet/);
    const summary = await description(region);
    assert.doesNotMatch(summary, /stopped/, `a never-started pair is not stopped: ${summary}`);
    assert.match(summary, /1 without recovery point/);
    await workbench.screenshot('01-narrow-tree');
  });

  it('shows a running drill, then the held drill disk, on the pair row and the region without expanding them', async () => {
    const web = treeRow('web-01');
    assert.notEqual(await web.getAttribute('aria-expanded'), 'true');
    await workbench.contextMenu(web, 'Start Pair Drill');
    await workbench.notification('started for web-01');
    await waitUntil(async () => /^Normal · drill running · /.test(await description(treeRow('web-01'))), 30_000, 'the running-drill mark on the row');
    await waitUntil(async () => /1 drill running/.test(await description(treeRow('cn-hangzhou'))), 30_000, 'the region to roll it up');
    await workbench.screenshot('02-narrow-drill-running');
    await emulator.admin.advance(61);
    // The tracker's next poll (5 s, then 12.5 s… after the start) finds it executed.
    await waitUntil(async () => /^Normal · drill disk held · /.test(await description(treeRow('web-01'))), 60_000, 'the held-disk mark on the row');
    await waitUntil(async () => /1 drill disk held/.test(await description(treeRow('cn-hangzhou'))), 30_000, 'the region to roll it up');
    assert.notEqual(await treeRow('web-01').getAttribute('aria-expanded'), 'true', 'never expanded');
    await workbench.screenshot('03-narrow-disk-held');
  });

  it('says in the tooltip of a failed-over pair why it cannot be drilled', async () => {
    const hover = page().locator('.monaco-hover', { hasText: 'Cannot be drilled' }).first();
    // A hover shows once the pointer rests on the row; rest it there again until it does (a toast or a redraw can
    // take the first one away).
    await waitUntil(async () => {
      await page().mouse.move(900, 300);
      await treeRow('failed-over').locator('.label-name').first().hover();
      return hover.waitFor({ timeout: 3_000 }).then(() => true, () => false);
    }, 45_000, 'the tooltip of the failed-over pair');
    assert.match((await hover.textContent()) ?? '', /The pair is failed over; a drill needs a pair that is replicating or stopped\./);
    await workbench.screenshot('04-narrow-why-not');
  });
});
