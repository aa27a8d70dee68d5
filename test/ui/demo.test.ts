// The demo end to end, as a newcomer runs it: `startDemo()` (the same code as `npm run demo`: the EBS emulator with
// the built-in demo scenario on a real-time clock, code-server with the packaged VSIX and the sandbox keys in the
// environment), then in a browser: open the EBS DR view → Find Regions with Pairs → expand a region and a replica
// group → right-click a pair → Start Pair Drill → confirm → DrillId notification → status bar shows the running drill →
// the drill finishes (DrillSeconds 30, real time) → status bar and tree show it finished → Clear Drill → confirm → gone.
// Screenshots of every step land in test-results/ui/demo/. With EBS_DR_SCREENSHOTS=1 (npm run screenshots) the README
// images are also written to media/screenshots/.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { startDemo, type Demo } from '../sandbox/demo';
import { waitUntil, Workbench } from './workbench';

const README_SCREENSHOTS = process.env.EBS_DR_SCREENSHOTS === '1' ? join(repoRoot, 'media', 'screenshots') : undefined;

describe('Demo end to end in a real browser (npm run demo: emulator demo scenario + code-server + chromium)', function () {
  this.timeout(300_000);
  let demo: Demo;
  let workbench: Workbench;
  let drillId = '';

  before(async () => {
    demo = await startDemo({ port: 0 });
    try {
      workbench = await Workbench.attach(demo.url, { screenshotsFolder: 'demo', viewport: { width: 1280, height: 800 } });
    } catch (error) {
      console.error(demo.server.logTail());
      await demo.stop();
      throw error;
    }
    if (README_SCREENSHOTS) mkdirSync(README_SCREENSHOTS, { recursive: true });
  });

  afterEach(async function () {
    // A failed step leaves its picture for diagnosis.
    if (this.currentTest?.state === 'failed' && workbench) await workbench.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  after(async () => {
    await workbench?.close();
    await demo?.stop();
  });

  const page = () => workbench.page;
  const treeRow = (text: string, level?: number): Locator =>
    page().locator(`.sidebar .monaco-list-row${level ? `[aria-level="${level}"]` : ''}`, { hasText: text }).first();
  const statusItem = (text: string): Locator => page().locator('.statusbar .statusbar-item', { hasText: text }).first();
  const toasts = (): Locator => page().locator('.notifications-toasts .notification-toast');

  /** A step's screenshot in test-results/ui/demo/, and the README image too when asked for. */
  async function screenshot(step: string, readmeName?: string): Promise<void> {
    await workbench.screenshot(step);
    if (README_SCREENSHOTS && readmeName) await page().screenshot({ path: join(README_SCREENSHOTS, readmeName) });
  }

  /** Waits until the toast with `text` has finished fading in, so a screenshot shows it fully. */
  async function toastSettled(text: string): Promise<void> {
    await page().locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: text }).first().waitFor({ timeout: 30_000 });
  }

  /** Moves the mouse off the tree so no hover or tooltip covers a screenshot. */
  async function restMouse(): Promise<void> {
    await page().mouse.move(900, 300);
  }

  async function expand(row: Locator): Promise<void> {
    await row.waitFor({ timeout: 60_000 });
    if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.label-name').first().click();
    await waitUntil(async () => (await row.getAttribute('aria-expanded')) === 'true', 30_000, 'the row to expand');
  }

  const contextMenu = (row: Locator, action: string): Promise<void> => workbench.contextMenu(row, action);

  /** Waits for the modal dialog, takes its screenshot, presses `button` and returns the dialog's text. */
  const confirmDialog = (button: string, step: string, readmeName?: string): Promise<string> =>
    workbench.modal(button, async () => {
      await restMouse();
      await screenshot(step, readmeName);
    });

  async function clearNotifications(): Promise<void> {
    await workbench.runCommand('Notifications: Clear All Notifications');
    await waitUntil(async () => (await toasts().count()) === 0, 30_000, 'the notification toasts to close');
  }

  it('opens the EBS DR view on the sandbox account and finds the regions with pairs', async () => {
    await page().locator('.activitybar [aria-label^="EBS DR"]').first().click();
    // With no region chosen yet the view shows the Environment profile's default region.
    const hangzhou = treeRow('cn-hangzhou', 1);
    await hangzhou.waitFor({ timeout: 60_000 });
    await workbench.sideBarWidth(560, true);
    await screenshot('01-view-opened');
    await page().locator('.sidebar .title-actions .action-label[aria-label^="Find Regions with Pairs"]').first().click();
    const found = await workbench.notification('Replication pairs found in', 60_000);
    for (const region of ['cn-hangzhou', 'cn-shanghai', 'cn-beijing']) {
      assert.ok(found.includes(region), `"${found}" lacks ${region}`);
      await treeRow(region, 1).waitFor({ timeout: 30_000 });
    }
    await waitUntil(async () => /\d+ pairs?/.test((await hangzhou.textContent()) ?? ''), 60_000, 'the cn-hangzhou summary');
    await screenshot('02-regions-found');
  });

  it('expands a region and a replica group and shows pairs with their status', async () => {
    await clearNotifications();
    await expand(treeRow('cn-hangzhou', 1));
    await expand(treeRow('orders-db', 2));
    assert.match((await treeRow('orders-data', 3).textContent()) ?? '', /orders-data.*Normal · RP (just now|\d+ \w+ ago) · → cn-shanghai/);
    assert.match((await treeRow('orders-log', 3).textContent()) ?? '', /orders-log.*Syncing · [^·]+ · → cn-shanghai/);
    assert.match((await treeRow('web-01', 2).textContent()) ?? '', /web-01.*Normal · RP (just now|\d+ \w+ ago) · → cn-shanghai · drilled 12 d ago/);
    assert.match((await treeRow('app-01', 2).textContent()) ?? '', /drilled 130 d ago/);
    assert.match((await treeRow('cn-hangzhou', 1).textContent()) ?? '', /\d+ of \d+ overdue/);
    // The overdue mark: the row's status icon in the theme's warning colour (a pair drilled within 90 days keeps its own).
    // Run in the page (the test's own TypeScript has no DOM types): computed colours, and the theme's warning colour
    // as the workbench (where VS Code defines its colour variables) resolves it.
    type PageDom = { getComputedStyle(element: unknown): { color: string }; document: { querySelector(selector: string): { appendChild(e: unknown): void } | null; createElement(tag: string): { style: { color: string }; remove(): void } } };
    const iconColor = (label: string): Promise<string> =>
      treeRow(label, 2).locator('.custom-view-tree-node-item-icon').first().evaluate((element) => (globalThis as unknown as PageDom).getComputedStyle(element).color);
    const warning = await page().evaluate(() => {
      const win = globalThis as unknown as PageDom;
      const probe = win.document.createElement('span');
      probe.style.color = 'var(--vscode-list-warningForeground)';
      win.document.querySelector('.monaco-workbench')?.appendChild(probe);
      const color = win.getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
    assert.equal(await iconColor('app-01'), warning, 'app-01 (130 days) is overdue');
    assert.notEqual(await iconColor('web-01'), warning, 'web-01 (12 days) is not');
    assert.match((await treeRow('batch-stopped', 2).textContent()) ?? '', /Stopped/);
    assert.match((await treeRow('app-01', 2).textContent()) ?? '', /Syncing · [^·]+ · ← cn-shanghai/);
    await restMouse();
    await screenshot('03-region-and-group-expanded', 'drill-freshness.png');
  });

  it('starts a pair drill from the context menu and shows the DrillId', async () => {
    await contextMenu(treeRow('web-01', 2), 'Start Pair Drill');
    const modal = await confirmDialog('Start Drill', '04-confirm-start');
    assert.match(modal, /Start a DR drill for pair web-01 \(pair-demo-web01\)\?/);
    assert.match(modal, /cn-shanghai-e/);
    assert.match(modal, /billed until you clear the drill/);
    const message = await workbench.notification('started for web-01');
    drillId = /Drill (drill-[a-z0-9]+) started/.exec(message)?.[1] ?? '';
    assert.ok(drillId, message);
    await waitUntil(async () => !/Starting drill/.test((await treeRow('web-01', 2).textContent()) ?? ''), 30_000, 'the pair to leave "Starting drill…"');
    await toastSettled(drillId);
    await restMouse();
    await screenshot('05-drill-started', 'drill-started.png');
    const drills = (await demo.emulator.admin.state()).drills.filter((d) => d.Kind === 'pair' && d.PairId === 'pair-demo-web01');
    assert.deepEqual(drills.map((d) => d.DrillId), [drillId]);
  });

  it('shows the running drill in the status bar and the tree', async () => {
    await statusItem('1 drill running').waitFor({ timeout: 30_000 });
    await expand(treeRow('web-01', 2));
    const drill = treeRow(drillId, 3);
    await drill.waitFor({ timeout: 30_000 });
    assert.match((await drill.textContent()) ?? '', /Executing/);
    await clearNotifications();
    // Still running (the drill takes 30 s): the README picture of the tree and the status bar.
    assert.ok(await statusItem('1 drill running').isVisible(), 'the drill finished before the screenshot');
    await restMouse();
    await screenshot('06-status-running', 'tree-and-status-bar.png');
  });

  it('shows the drill finished in the status bar and the tree when it is done (30 s, real time)', async () => {
    // The tracker polls with backoff (5 s, 12.5 s, 24 s, 41 s … after the start).
    await statusItem('1 drill disk').waitFor({ timeout: 120_000 });
    const finished = await workbench.notification(`Drill ${drillId} for web-01 (pair-demo-web01) finished`, 30_000);
    assert.match(finished, /billed until you clear the drill/);
    const drill = treeRow(drillId, 3);
    await waitUntil(async () => /Executed/.test((await drill.textContent()) ?? ''), 60_000, 'the drill node to show Executed');
    await toastSettled(`Drill ${drillId} for web-01 (pair-demo-web01) finished`);
    await restMouse();
    await screenshot('07-drill-finished', 'drill-finished.png');
  });

  it('clears the drill from its tree node until it is gone', async () => {
    await clearNotifications();
    await contextMenu(treeRow(drillId, 3), 'Clear Drill');
    const modal = await confirmDialog('Clear, Check Passed', '08-confirm-clear', 'clear-drill.png');
    assert.match(modal, new RegExp(`Clear drill ${drillId} of web-01 \\(pair-demo-web01\\)\\?`));
    assert.match(modal, /Did the application check on the drill disk pass\?/);
    const notes = page().locator('.quick-input-widget input');
    await notes.waitFor({ timeout: 30_000 });
    await notes.fill('mounted read-only, app started');
    await page().keyboard.press('Enter');
    await waitUntil(async () => (await demo.emulator.admin.state()).drills.some((d) => d.DrillId === drillId && d.Status === 'clearing'), 30_000, 'ClearPairDrill');
    await screenshot('09-clearing');
    // Clearing takes 10 s in the demo scenario, then the tracker sees the drill gone.
    // Then the status bar shows only what is overdue for a drill (the demo's history has overdue pairs).
    await waitUntil(async () => (await statusItem('overdue for a drill').isVisible()) && !(await statusItem('drill disk').isVisible()), 120_000, 'the status bar to show only the overdue count');
    await waitUntil(async () => !(await treeRow(drillId).isVisible()), 30_000, 'the drill node to disappear');
    await workbench.notification(`Drill ${drillId} for web-01 (pair-demo-web01) was cleared`, 30_000);
    assert.deepEqual((await demo.emulator.admin.state()).drills, []);
    await restMouse();
    await screenshot('10-cleared');
  });
});
