// First connection in a real browser: from the empty Replication view, click the welcome link, fill the
// inputs of Add AccessKey Profile, and see the view populate with the profile's default region. The emulator
// stands in for Alibaba Cloud; screenshots land in test-results/ui/credentials/.
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../emulator';
import { waitUntil, Workbench } from './workbench';

describe('Credentials in a real browser (code-server + chromium + emulator)', function () {
  this.timeout(240_000);
  let emulator: RunningEmulator;
  let workbench: Workbench;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    workbench = await Workbench.open({ screenshotsFolder: 'credentials', settings: { 'ebsDr.endpointTemplate': emulator.url, 'ebsDr.ecsEndpointTemplate': emulator.url } });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  const input = (): Locator => workbench.page.locator('.quick-input-widget input').first();

  async function answer(text: string, expectedPrompt: RegExp): Promise<void> {
    const widget = workbench.page.locator('.quick-input-widget');
    // The prompt of an input box is text; the placeholder of a quick pick is an attribute of its input.
    const shown = async (): Promise<string> => `${(await widget.textContent().catch(() => '')) ?? ''} ${(await input().getAttribute('placeholder').catch(() => '')) ?? ''}`;
    await waitUntil(async () => expectedPrompt.test(await shown()), 30_000, `the prompt ${expectedPrompt}`);
    await input().fill(text);
    await workbench.page.keyboard.press('Enter');
  }

  it('shows welcome content with the three links when there is no profile', async () => {
    await workbench.page.locator('.activitybar [aria-label^="EBS DR"]').first().click();
    const welcome = workbench.page.locator('.sidebar .welcome-view-content');
    await welcome.waitFor({ timeout: 60_000 });
    const text = (await welcome.textContent()) ?? '';
    assert.match(text, /No Alibaba Cloud profile yet/);
    for (const link of ['Add AccessKey Profile', 'Import from aliyun CLI', 'How credentials are stored']) {
      assert.ok(text.includes(link), `welcome content offers "${link}"`);
    }
    await workbench.screenshot('01-welcome');
  });

  it('adds a profile from the welcome link and the view populates', async () => {
    await workbench.page.locator('.sidebar .welcome-view-content').getByText('Add AccessKey Profile').first().click();
    await answer('ui-sandbox', /A name for this profile/);
    await answer(DEMO_ACCESS_KEY_ID, /The AccessKey ID/);
    await workbench.screenshot('02-accesskey-id');
    await answer(DEMO_ACCESS_KEY_SECRET, /The AccessKey secret/);
    assert.equal(await input().getAttribute('type'), 'password');
    await answer('', /STS security token/);
    await answer('cn-hangzhou', /default region/);
    const message = await workbench.notification('ui-sandbox');
    assert.match(message, /saved and active/);
    await workbench.screenshot('03-saved');
    // The welcome content is gone, the view shows the default region, and the active profile is named in the title area.
    await workbench.page.locator('.sidebar .welcome-view-content').waitFor({ state: 'detached', timeout: 30_000 }).catch(async () => {
      await workbench.page.locator('.sidebar .welcome-view-content').waitFor({ state: 'hidden', timeout: 30_000 });
    });
    await workbench.page.locator('.sidebar .monaco-list-row', { hasText: 'cn-hangzhou' }).first().waitFor({ timeout: 60_000 });
    const title = workbench.page.locator('.sidebar .composite.title');
    await waitUntil(async () => ((await title.textContent()) ?? '').includes('ui-sandbox'), 30_000, 'the profile name in the view title');
    await workbench.screenshot('04-view-populated');
    const calls = await emulator.admin.requests();
    assert.ok(calls.some((c) => c.action === 'DescribeRegions'), 'the key was checked with DescribeRegions');
  });
});
