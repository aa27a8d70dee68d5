// A real workbench for UI tests: code-server with the packaged VSIX installed, opened in headless chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type Browser } from '../harness/browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from '../harness/codeServer';
import { repoRoot, resultsDir } from '../harness/paths';

export const vsixPath = join(repoRoot, 'dist', 'ebs-dr.vsix');
export const workspacePath = join(repoRoot, 'test', 'fixtures', 'workspace');

/** User settings that keep the workbench quiet for tests and the demo: no start page, git prompt, chat or telemetry. */
export const QUIET_WORKBENCH_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.openRepositoryInParentFolders': 'never',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
};

export interface WorkbenchOptions {
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Sub-folder of test-results/ui for this suite's screenshots. */
  screenshotsFolder: string;
  /** More for code-server: arguments (e.g. ['--locale', 'zh-cn']), data folders, VSIX files installed before the extension. */
  codeServer?: Pick<CodeServerOptions, 'extraArgs' | 'userDataDir' | 'extensionsDir'> & { installVsix?: string[] };
  /** Browser viewport (default 1400×900). */
  viewport?: { width: number; height: number };
}

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly server: CodeServer | undefined,
    private readonly browser: Browser,
    private readonly screenshotDir: string,
  ) {}

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const server = await startCodeServer({
      workspace: workspacePath,
      ...options.codeServer,
      installVsix: [...(options.codeServer?.installVsix ?? []), vsixPath],
      settings: { ...QUIET_WORKBENCH_SETTINGS, ...options.settings },
      env: options.env,
    });
    try {
      return await Workbench.connect(`${server.url}/?folder=${encodeURIComponent(workspacePath)}`, options, server);
    } catch (error) {
      console.error(server.logTail());
      await server.stop();
      throw error;
    }
  }

  /** Opens a workbench served by someone else (e.g. the demo); close() then closes only the browser. */
  static attach(url: string, options: Pick<WorkbenchOptions, 'screenshotsFolder' | 'viewport'>): Promise<Workbench> {
    return Workbench.connect(url, options, undefined);
  }

  private static async connect(url: string, options: Pick<WorkbenchOptions, 'screenshotsFolder' | 'viewport'>, server: CodeServer | undefined): Promise<Workbench> {
    let browser: Browser | undefined;
    try {
      browser = await launchBrowser(options.viewport);
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      await page.goto(url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.statusbar').waitFor({ timeout: 60_000 });
      const screenshotDir = join(resultsDir, 'ui', options.screenshotsFolder);
      mkdirSync(screenshotDir, { recursive: true });
      return new Workbench(page, server, browser, screenshotDir);
    } catch (error) {
      await browser?.close();
      throw error;
    }
  }

  /** Runs a command from the palette (F1) by its full title, e.g. "EBS DR: Start Pair Drill". */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // The palette opens only once the workbench has finished restoring; retry F1 until it shows.
    await waitUntil(async () => {
      await this.page.keyboard.press('F1');
      return input.isVisible();
    }, 30_000, `the command palette to open`);
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    await row.waitFor({ timeout: 30_000 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * Right-clicks `row` and chooses `action` from its context menu. The menu can still be laying itself out when it
   * first shows, and a click then only closes it; so the click is checked (the menu must close) and retried once
   * while the menu is still open.
   */
  async contextMenu(row: Locator, action: string): Promise<void> {
    await row.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = this.page.locator('.context-view .action-item', { hasText: action }).first();
    await item.waitFor({ timeout: 30_000 });
    await item.hover();
    await item.click();
    try {
      await menu.waitFor({ state: 'hidden', timeout: 5_000 });
    } catch {
      if (await menu.isVisible()) await item.click();
      await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }

  /** Waits for the modal dialog, presses `button` and returns the dialog's text; `beforePress` may take a screenshot. */
  async modal(button: string, beforePress?: () => Promise<unknown>): Promise<string> {
    const dialog = this.page.locator('.monaco-dialog-box');
    try {
      await dialog.waitFor({ timeout: 30_000 });
    } catch (error) {
      await this.screenshot(`failed-modal-${button.replace(/\W+/g, '-')}`);
      const toasts = await this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
      throw new Error(`No modal dialog with "${button}" appeared; notifications: ${JSON.stringify(toasts)}`, { cause: error });
    }
    const text = (await dialog.textContent()) ?? '';
    await beforePress?.();
    await dialog.locator('.monaco-button', { hasText: button }).first().click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    return text;
  }

  /**
   * Drags the sash at the side bar's right edge until the side bar is `width` pixels wide (`atLeast`: or wider, for
   * a side bar that only needs room).
   */
  async sideBarWidth(width: number, atLeast = false): Promise<void> {
    const sideBar = this.page.locator('.part.sidebar');
    const box = await sideBar.boundingBox();
    if (!box) throw new Error('the side bar is not visible');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
    await waitUntil(
      async () => {
        const now = (await sideBar.boundingBox())?.width ?? 0;
        return atLeast ? now >= width - 20 : Math.abs(now - width) <= 4;
      },
      10_000,
      `the side bar to be ${width} px wide`,
    );
  }

  /** Waits for a notification toast whose message contains `text`. */
  async notification(text: string, timeout = 30_000): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
    await toast.waitFor({ timeout });
    return (await toast.textContent()) ?? '';
  }

  async screenshot(name: string): Promise<string> {
    const file = join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server?.stop();
  }
}

export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
