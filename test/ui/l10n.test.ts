// The Chinese UI in a real browser: code-server started with `--locale zh-cn`, as a user whose VS Code display
// language is Simplified Chinese. VS Code switches its display language only when a language pack for it is
// installed (without one, `--locale zh-cn` leaves vscode.env.language at "en" and every extension in English), and
// none can be downloaded here, so this suite builds a test-only language pack: a VSIX that contributes the
// localization "zh-cn" with an empty translation of VS Code itself (its own texts stay English), installed next to the
// extension, plus the language-pack index (languagepacks.json) that VS Code writes when a language pack is
// installed through the UI. The Chinese texts asserted here therefore come only from this extension's own bundles:
// the view title from package.nls.zh-cn.json, the notification from l10n/bundle.l10n.zh-cn.json.
// Screenshots land in test-results/ui/l10n/.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, startEmulator, type RunningEmulator } from '../emulator';
import { repoRoot } from '../harness/paths';
import { waitUntil, Workbench } from './workbench';

const LOCALE = 'zh-cn';
const PACK_ID = 'ebs-dr-test.test-language-pack-zh-cn';
const PACK_VERSION = '0.0.1';

function readJson(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as Record<string, string>;
}

/**
 * Writes a test-only zh-cn language pack VSIX into `dir` and returns its path. It translates nothing of VS Code:
 * it only makes zh-cn an installed display language.
 */
function buildLanguagePack(dir: string): string {
  const source = join(dir, 'language-pack');
  mkdirSync(join(source, 'translations'), { recursive: true });
  writeFileSync(
    join(source, 'package.json'),
    JSON.stringify({
      name: 'test-language-pack-zh-cn',
      displayName: 'Test language pack zh-cn',
      description: 'Test only: makes zh-cn an installed display language without translating VS Code itself.',
      publisher: 'ebs-dr-test',
      version: PACK_VERSION,
      license: 'MIT',
      engines: { vscode: '^1.90.0' },
      categories: ['Language Packs'],
      contributes: {
        localizations: [
          {
            languageId: LOCALE,
            languageName: 'Chinese Simplified',
            localizedLanguageName: '中文(简体)',
            translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
          },
        ],
      },
    }),
  );
  writeFileSync(join(source, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  writeFileSync(join(source, 'README.md'), '# Test language pack zh-cn\n');
  writeFileSync(join(source, '.vscodeignore'), '');
  const vsix = join(dir, 'test-language-pack-zh-cn.vsix');
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: source, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Packaging the test language pack failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return vsix;
}

describe('Chinese UI in a real browser (code-server --locale zh-cn with a language pack)', function () {
  this.timeout(240_000);
  const manifestZh = readJson('package.nls.zh-cn.json');
  const bundleZh = readJson(join('l10n', 'bundle.l10n.zh-cn.json'));
  let emulator: RunningEmulator;
  let workbench: Workbench;
  let temp: string;

  before(async () => {
    temp = mkdtempSync(join(process.env.EBS_DR_TEMP_PARENT ?? tmpdir(), 'ebs-dr-l10n-'));
    const languagePack = buildLanguagePack(temp);
    const userDataDir = join(temp, 'user-data');
    const extensionsDir = join(temp, 'extensions');
    mkdirSync(userDataDir, { recursive: true });
    // What VS Code records when a language pack is installed: read by the server before the first page is served.
    const translations = join(extensionsDir, `${PACK_ID}-${PACK_VERSION}`, 'translations', 'main.i18n.json');
    writeFileSync(
      join(userDataDir, 'languagepacks.json'),
      JSON.stringify({
        [LOCALE]: { hash: 'test-zh-cn-1', extensions: [{ extensionIdentifier: { id: PACK_ID }, version: PACK_VERSION }], translations: { vscode: translations }, label: '中文(简体)' },
      }),
    );
    emulator = await startEmulator({ port: 0 });
    workbench = await Workbench.open({
      screenshotsFolder: 'l10n',
      codeServer: { extraArgs: ['--locale', LOCALE], userDataDir, extensionsDir, installVsix: [languagePack] },
      settings: { 'ebsDr.endpointTemplate': emulator.url, 'ebsDr.ecsEndpointTemplate': emulator.url },
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET: DEMO_ACCESS_KEY_SECRET, ALIBABA_CLOUD_REGION_ID: 'cn-hangzhou' },
    });
  });

  after(async () => {
    await workbench?.close();
    await emulator?.close();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  const treeRow = (text: string): Locator => workbench.page.locator('.sidebar .monaco-list-row[aria-level="1"]', { hasText: text }).first();

  it('shows the Replication view with its Chinese title (package.nls.zh-cn.json)', async () => {
    const container = manifestZh['viewsContainers.ebsDr.title'];
    const view = manifestZh['views.replication.name'];
    assert.equal(container, 'EBS 容灾');
    assert.equal(view, '复制');
    await workbench.page.locator(`.activitybar [aria-label^="${container}"]`).first().click();
    const title = workbench.page.locator('.sidebar .composite.title');
    await waitUntil(async () => ((await title.textContent()) ?? '').includes(`${container}: ${view}`), 60_000, `the view title "${container}: ${view}"`);
    await treeRow('cn-hangzhou').waitFor({ timeout: 60_000 });
    // The region summary is the extension's l10n bundle too ("8 个复制对").
    const pairs = bundleZh['{0} pairs'];
    assert.equal(pairs, '{0} 个复制对');
    await waitUntil(async () => /\d+ 个复制对/.test((await treeRow('cn-hangzhou').textContent()) ?? ''), 60_000, 'the Chinese region summary');
    await workbench.screenshot('01-view-title');
  });

  it('shows a Chinese notification from the real Find Regions with Pairs command (l10n/bundle.l10n.zh-cn.json)', async () => {
    const action = manifestZh['command.findRegionsWithPairs.title'];
    assert.equal(action, '查找有复制对的地域');
    await workbench.page.locator(`.sidebar .title-actions .action-label[aria-label^="${action}"]`).first().click();
    const template = bundleZh['Replication pairs found in {0} of {1} regions: {2}.'];
    assert.equal(template, '在 {1} 个地域中的 {0} 个找到了复制对：{2}。');
    const message = await workbench.notification('找到了复制对', 60_000);
    assert.match(message, /^在 \d+ 个地域中的 3 个找到了复制对：cn-beijing, cn-hangzhou, cn-shanghai。$/);
    for (const region of ['cn-beijing', 'cn-shanghai']) await treeRow(region).waitFor({ timeout: 30_000 });
    await workbench.screenshot('02-notification');
  });
});
