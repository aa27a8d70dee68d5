// A refused Environment profile in a real browser: code-server starts with ALIBABA_CLOUD_ACCESS_KEY_ID set and the
// secret unset. The Replication view must not be blank: it says which variable is wrong and why, with the ways out.
// Screenshots land in test-results/ui/refused-environment/.
import * as assert from 'node:assert/strict';
import { DEMO_STS_ACCESS_KEY_ID, startEmulator, type RunningEmulator } from '../emulator';
import { waitUntil, Workbench } from './workbench';

describe('Refused Environment profile in a real browser (code-server + chromium)', function () {
  this.timeout(240_000);
  let emulator: RunningEmulator;
  let workbench: Workbench;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    workbench = await Workbench.open({
      screenshotsFolder: 'refused-environment',
      settings: { 'ebsDr.endpointTemplate': emulator.url, 'ebsDr.ecsEndpointTemplate': emulator.url },
      // A real STS key ID, but no secret: the Environment profile exists and cannot be used.
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_STS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: '' },
    });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
  });

  it('explains the problem in the view itself and lists the ways out as rows that work', async () => {
    await workbench.page.locator('.activitybar [aria-label^="EBS DR"]').first().click();
    const sidebar = workbench.page.locator('.sidebar');
    await waitUntil(
      async () => /The Environment profile cannot be used: the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is wrong/.test((await sidebar.textContent()) ?? ''),
      60_000,
      'the explanation in the Replication view',
    );
    await workbench.screenshot('01-refused-environment');
    // The view is not blank: the explanation names the variable and why, and the ways out are rows under it.
    const shown = (await sidebar.textContent()) ?? '';
    assert.match(shown, /It is not set, but ALIBABA_CLOUD_ACCESS_KEY_ID is: set both to use the Environment profile\./);
    for (const remedy of ['Add AccessKey Profile', 'Import from aliyun CLI', 'Switch Profile', 'Show Logs']) {
      await workbench.page.locator('.sidebar .monaco-list-row', { hasText: remedy }).first().waitFor({ timeout: 30_000 });
    }
    // A way out works from the tree: Switch Profile opens its picker.
    await workbench.page.locator('.sidebar .monaco-list-row', { hasText: 'Switch Profile' }).first().click();
    await workbench.page.locator('.quick-input-widget', { hasText: 'Add AccessKey Profile…' }).waitFor({ timeout: 30_000 });
    await workbench.screenshot('02-switch-profile-from-the-tree');
    await workbench.page.keyboard.press('Escape');
    // Nothing was sent to Alibaba Cloud with the refused key.
    assert.deepEqual((await emulator.admin.requests()).map((r) => r.action), []);
  });
});
