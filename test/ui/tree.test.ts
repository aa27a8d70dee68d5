// The Replication tree in a real browser: the Environment profile (demo keys in code-server's environment) shows
// its default region; expand the region and a group, see pairs with their status, hover a pair for its tooltip.
// The emulator runs in this process on the tree scenario; screenshots land in test-results/ui/tree/.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator';
import { startTreeEmulator, type TreeEmulator } from '../fixtures/treeScenario';
import { waitUntil, Workbench } from './workbench';

describe('Replication tree in a real browser (code-server + chromium + emulator)', function () {
  this.timeout(240_000);
  let emu: TreeEmulator;
  let workbench: Workbench;

  before(async () => {
    emu = await startTreeEmulator();
    workbench = await Workbench.open({
      screenshotsFolder: 'tree',
      settings: { 'ebsDr.endpointTemplate': emu.emulator.url, 'ebsDr.ecsEndpointTemplate': emu.emulator.url, 'workbench.hover.delay': 200 },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' },
    });
  });

  after(async () => {
    await workbench?.close();
    await emu?.close();
  });

  const treeRow = (text: string): Locator => workbench.page.locator('.sidebar .monaco-list-row', { hasText: text }).first();

  async function expand(row: Locator): Promise<void> {
    await row.waitFor({ timeout: 60_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
    await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', 30_000, 'the row to expand');
  }

  it('expands the default region and a group and shows pairs with their status', async () => {
    await workbench.page.locator('.activitybar [aria-label^="EBS DR"]').first().click();
    const region = treeRow('cn-hangzhou');
    await region.waitFor({ timeout: 60_000 });
    await waitUntil(async () => /15 pairs/.test((await region.textContent()) ?? ''), 60_000, 'the region summary');
    assert.match((await region.textContent()) ?? '', /cn-hangzhou.*15 pairs · 3 failed · 1 stopped · 2 without recovery point/);
    await expand(region);
    const group = treeRow('orders-db');
    await expand(group);
    const member = treeRow('orders-data');
    await member.waitFor({ timeout: 30_000 });
    assert.match((await member.textContent()) ?? '', /orders-data.*Normal · RP \d+ min ago · → cn-shanghai/);
    assert.match((await treeRow('orders-log').textContent()) ?? '', /Syncing · [^·]+ · → cn-shanghai/);
    assert.match((await treeRow('disk-removed').textContent()) ?? '', /Invalid \(DeviceRemoved\)/);
    assert.match((await treeRow('never-started').textContent()) ?? '', /Not started · no recovery point yet/);
    // The status icon is a codicon with the theme colour of its state.
    assert.equal(await member.locator('.codicon-pass-filled').count(), 1);
    assert.equal(await treeRow('disk-removed').locator('.codicon-error').count(), 1);
    // A pair never started has its own icon (not the pause of a stopped pair); a group has the layers icon, not a pair's.
    assert.equal(await treeRow('never-started').locator('.codicon-circle-large-outline').count(), 1);
    assert.equal(await group.locator('.codicon-layers').count(), 1);
    await workbench.screenshot('01-region-and-group');
  });

  it('shows the pair tooltip (a table of every field) on hover', async () => {
    const pair = treeRow('web-01');
    await pair.waitFor({ timeout: 30_000 });
    const hover = workbench.page.locator('.monaco-hover, .workbench-hover', { hasText: 'pair-tree-web1' }).first();
    await waitUntil(
      async () => {
        await workbench.page.mouse.move(0, 0);
        await pair.locator('.label-name').first().hover();
        return hover.waitFor({ timeout: 3_000 }).then(
          () => true,
          () => false,
        );
      },
      60_000,
      'the tooltip',
    );
    const text = (await hover.textContent()) ?? '';
    for (const expected of ['Replication pair web-01', 'Pair ID', 'pair-tree-web1', 'Secondary disk', 'd-tree-web1-dst (cn-shanghai, cn-shanghai-e)', 'RPO', '900 s (15 min)', 'Recovery point']) {
      assert.ok(text.includes(expected), `tooltip lacks "${expected}": ${text}`);
    }
    await workbench.screenshot('02-tooltip');
  });
});
