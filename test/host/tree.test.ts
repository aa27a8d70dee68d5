// The Replication view in a real VS Code against the in-process emulator, with the Environment profile.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EbsClient } from '../../src/ebs/client';
import type { EbsDrTestApi } from '../../src/testApi';
import type { NodeRef } from '../../src/replication/nodes';
import { formatLocalDateTime } from '../../src/shared/format';
import { regionChoiceKey } from '../../src/regions/regionChoice';
import type { ReplicationTestApi } from '../../src/replication/ui/replicationView';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, generateScenario, startEmulator, type RunningEmulator } from '../emulator';
import { activateExtension } from './support/extension';
import { eventually } from './support/drillHarness';
import { useDemoEnvironment } from './support/environment';
import { ScriptedUserInput } from './support/scriptedInput';
import { expectedTree, formatTreeLine, startTreeDrills, startTreeEmulator, TREE_REGIONS, type TreeEmulator, type TreeLine } from '../fixtures/treeScenario';

const PROFILE = 'environment';

const waitFor = async (what: string, probe: () => boolean | Promise<boolean>): Promise<void> => void (await eventually(probe, what, 20_000));

/** Walks the tree through the real TreeDataProvider (getChildren + getTreeItem), expanding every node. */
async function walk(tree: ReplicationTestApi, expand: (item: vscode.TreeItem) => boolean = () => true): Promise<TreeLine[]> {
  const lines: TreeLine[] = [];
  const visit = async (node: NodeRef | undefined, depth: number): Promise<void> => {
    for (const child of (await tree.provider.getChildren(node)) ?? []) {
      const item = await tree.provider.getTreeItem(child);
      const icon = item.iconPath as vscode.ThemeIcon;
      lines.push({
        depth,
        label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
        description: typeof item.description === 'string' ? item.description : undefined,
        icon: icon.id,
        color: (icon.color as unknown as { id: string } | undefined)?.id,
        contextValue: item.contextValue,
      });
      if (item.collapsibleState !== vscode.TreeItemCollapsibleState.None && expand(item)) await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
  return lines;
}

async function child(tree: ReplicationTestApi, parent: NodeRef | undefined, id: string): Promise<NodeRef> {
  const found = ((await tree.provider.getChildren(parent)) ?? []).find((n) => n.id === id);
  assert.ok(found, `no node ${id}`);
  return found;
}

describe('Replication view (real VS Code, emulator, Environment profile)', function () {
  this.timeout(120_000);
  let api: EbsDrTestApi;
  let tree: ReplicationTestApi;
  let emu: TreeEmulator;
  let user: ScriptedUserInput;
  let restoreEnvironment: (() => void) | undefined;
  const opened: string[] = [];
  const copied: string[] = [];

  const setEndpoint = (url: string | undefined): Thenable<void> =>
    vscode.workspace.getConfiguration('ebsDr').update('endpointTemplate', url, vscode.ConfigurationTarget.Global);

  /** Chooses the roots for the Environment profile and waits until the view shows them, loaded. */
  async function showRegions(regionIds: readonly string[] | undefined): Promise<void> {
    await api.globalState.update(regionChoiceKey(PROFILE), regionIds);
    await vscode.commands.executeCommand('ebsDr.refresh');
    await waitFor('the roots', async () => {
      const roots = (await tree.provider.getChildren(undefined)) ?? [];
      return roots.map((r) => r.id).join() === (regionIds ?? ['cn-hangzhou']).map((r) => `region/${r}`).join();
    });
    await tree.whenIdle();
  }

  before(async () => {
    api = await activateExtension();
    assert.ok(api.replication, 'the test API exposes the Replication view');
    tree = api.replication;
    emu = await startTreeEmulator();
    await setEndpoint(emu.emulator.url);
    // The golden tree is about status and health; freshness marks have their own suite (evidence.test.ts).
    await vscode.workspace.getConfiguration('ebsDr').update('drillIntervalDays', 0, vscode.ConfigurationTarget.Global);
    restoreEnvironment = useDemoEnvironment();
    api.credentials.store.refresh(true);
    await api.credentials.idle();
    tree.setClock(() => emu.at(0));
    tree.setExternals({ copy: async (text) => void copied.push(text), open: async (url) => (opened.push(url), true) });
    await waitFor('the Environment profile in the view', () => tree.explorer.hasSource());
  });

  beforeEach(() => {
    user = new ScriptedUserInput();
    api.setUserInput(user);
  });

  after(async () => {
    tree?.setClock(undefined);
    tree?.setExternals(undefined);
    await api?.globalState.update(regionChoiceKey(PROFILE), undefined);
    restoreEnvironment?.();
    api?.credentials.store.refresh(true);
    await setEndpoint(undefined);
    await vscode.workspace.getConfiguration('ebsDr').update('drillIntervalDays', undefined, vscode.ConfigurationTarget.Global);
    await emu?.close();
  });

  it('shows exactly the expected tree: two groups, every status, both directions, drills', async () => {
    const client = new EbsClient({ credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, endpointTemplate: emu.emulator.url });
    const drills = await startTreeDrills(client, emu);
    await showRegions(TREE_REGIONS);
    await walk(tree); // expands everything; drill lists load
    await tree.whenIdle();
    assert.deepEqual((await walk(tree)).map(formatTreeLine), expectedTree(drills, 'not verified'));
    assert.deepEqual(user.notifications, [], 'loading shows nothing but the tree');

    // Tooltip: a Markdown table of every field, recovery point as local time.
    const hz = await child(tree, undefined, 'region/cn-hangzhou');
    const group = await child(tree, hz, 'region/cn-hangzhou/group/pg-tree-orders');
    const pair = await child(tree, group, 'region/cn-hangzhou/pair/pair-tree-ord1');
    const item = await tree.provider.getTreeItem(pair);
    assert.equal(item.id, 'region/cn-hangzhou/pair/pair-tree-ord1');
    assert.equal(item.tooltip, undefined, 'built on hover');
    const resolved = await tree.provider.resolveTreeItem?.(item, pair, new vscode.CancellationTokenSource().token);
    const tooltip = ((resolved ?? item).tooltip as vscode.MarkdownString).value;
    const rp = formatLocalDateTime(emu.at(-240));
    assert.deepEqual(tooltip.split('\n'), [
      '**Replication pair orders-data**',
      '',
      '| Field | Value |',
      '|---|---|',
      '| Pair ID | pair-tree-ord1 |',
      '| Name | orders-data |',
      '| Description | Orders \\| primary volume |',
      '| Status | Normal \\(normal\\) |',
      '| Direction | → cn-shanghai |',
      '| Primary disk | d-tree-ord1-src \\(cn-hangzhou, cn-hangzhou-h\\) |',
      '| Secondary disk | d-tree-ord1-dst \\(cn-shanghai, cn-shanghai-e\\) |',
      '| Initial primary zone | cn-hangzhou-h |',
      '| Initial secondary zone | cn-shanghai-e |',
      '| RPO | 900 s \\(15 min\\) |',
      '| Bandwidth | 10240 Kbit/s |',
      '| Charge type | Subscription \\(PREPAY\\) |',
      '| Group | orders-db \\(pg-tree-orders\\) |',
      '| Site | Production site \\(production\\) |',
      `| Recovery point | ${rp.replace(/[()+]/g, (c) => `\\${c}`)}, 4 min ago |`,
      // When the row's data was loaded (the pinned clock: the load happened at emu.at(0)).
      `| Loaded | ${formatLocalDateTime(emu.at(0)).replace(/[()+]/g, (c) => `\\${c}`)}, just now |`,
      `| Created | ${formatLocalDateTime(emu.at(-60 * 86400)).replace(/[()+]/g, (c) => `\\${c}`)} |`,
      `| Expires | ${formatLocalDateTime(emu.at(300 * 86400)).replace(/[()+]/g, (c) => `\\${c}`)} |`,
    ]);

    // Stable ids: a refresh gives the same node objects and ids.
    await vscode.commands.executeCommand('ebsDr.refresh');
    await tree.whenIdle();
    assert.equal(await child(tree, undefined, 'region/cn-hangzhou'), hz);
    assert.equal(await child(tree, hz, 'region/cn-hangzhou/group/pg-tree-orders'), group);

    // Context actions: copy IDs, open the console page of the pair in this region.
    const drill = await child(tree, pair, `region/cn-hangzhou/pair/pair-tree-ord1/drill/${drills.orders}`);
    await vscode.commands.executeCommand('ebsDr.copyPairId', pair);
    await vscode.commands.executeCommand('ebsDr.copyDrillId', drill);
    await vscode.commands.executeCommand('ebsDr.copyDiskId', drill);
    user.pick('d-tree-ord1-dst');
    await vscode.commands.executeCommand('ebsDr.copyDiskId', pair);
    await vscode.commands.executeCommand('ebsDr.openInConsole', pair);
    assert.deepEqual(copied, ['pair-tree-ord1', drills.orders, drills.ordersDisk, 'd-tree-ord1-dst']);
    assert.deepEqual(opened, ['https://ebs.console.aliyun.com/dataProtection/cn-hangzhou/pair-tree-ord1']);
    assert.deepEqual(user.unexpected, []);
  });

  it('shows a failing region as one retry node while the others load, and loads it on click once the fault clears', async () => {
    await showRegions(TREE_REGIONS);
    await emu.emulator.admin.setFaults([{ action: '*', regionId: 'cn-beijing', mode: 'error', status: 503, code: 'ServiceUnavailable' }]);
    try {
      await vscode.commands.executeCommand('ebsDr.refresh');
      await tree.whenIdle();
      const lines = await walk(tree, (item) => item.contextValue === 'region' || item.contextValue === 'region.failed');
      const top = lines.filter((l) => l.depth === 0).map(formatTreeLine);
      // The drills the first test found stay tracked: their marks stay on the regions after a refresh (run alone,
      // this test has none).
      const marks = (line: string): string => line.replace(' · 2 drills running · 1 drill disk held', '');
      assert.deepEqual(top.map(marks), [
        'cn-beijing | Could not load | error/testing.iconFailed | region.failed',
        'cn-hangzhou | 15 pairs · 3 failed · 1 stopped · 2 without recovery point | globe/testing.iconFailed | region',
        'cn-shanghai | 14 pairs · 6 failed · 1 stopped · 1 failed over · 1 without recovery point | globe/testing.iconFailed | region',
      ]);
      const beijing = await child(tree, undefined, 'region/cn-beijing');
      const kids = (await tree.provider.getChildren(beijing)) ?? [];
      assert.equal(kids.length, 1);
      const retry = await tree.provider.getTreeItem(kids[0] as NodeRef);
      assert.match(String(retry.label), /^Could not load: The EBS service is temporarily unavailable\. Retry in a few minutes\. \(error ServiceUnavailable, RequestId [^)]+\) — click to retry$/);
      assert.equal(retry.contextValue, 'loadError');
      assert.equal(retry.command?.command, 'ebsDr.retryLoad');
      assert.equal(lines.filter((l) => l.depth === 1).length, 1 + 14 + 12, 'the other regions list their groups and pairs');
      assert.deepEqual(user.notifications, [], 'no pop-up for a load error');

      await emu.emulator.admin.clearFaults();
      await vscode.commands.executeCommand(retry.command?.command ?? '', ...(retry.command?.arguments ?? []));
      await tree.whenIdle();
      const item = await tree.provider.getTreeItem(beijing);
      assert.equal(item.description, '14 pairs · 3 failed · 2 stopped · 1 failed over · 3 without recovery point');
      assert.equal(item.contextValue, 'region');
      assert.equal(((await tree.provider.getChildren(beijing)) ?? []).length, 13);
    } finally {
      await emu.emulator.admin.clearFaults();
    }
  });

  it('chooses regions with Select Regions and Find Regions with Pairs, per profile, with the default region first', async () => {
    await showRegions(undefined);
    assert.match(tree.message() ?? '', /^Showing the default region cn-hangzhou\./);
    user.pickLabels(['cn-shanghai', 'cn-beijing']);
    await vscode.commands.executeCommand('ebsDr.selectRegions');
    await tree.whenIdle();
    assert.deepEqual(((await tree.provider.getChildren(undefined)) ?? []).map((r) => r.id), ['region/cn-beijing', 'region/cn-shanghai']);
    assert.deepEqual(api.globalState.get(regionChoiceKey(PROFILE)), ['cn-beijing', 'cn-shanghai']);
    assert.equal(tree.message(), undefined);
    const picker = user.prompts.find((p) => p.type === 'pickMany');
    assert.ok(picker?.items?.some((i) => i.label === 'cn-hangzhou' && i.picked === true), 'the shown default region is preselected');
    assert.ok(picker?.items?.some((i) => i.label === 'cn-beijing' && i.picked === false));

    await api.globalState.update(regionChoiceKey(PROFILE), undefined);
    await vscode.commands.executeCommand('ebsDr.findRegionsWithPairs');
    await tree.whenIdle();
    assert.deepEqual(((await tree.provider.getChildren(undefined)) ?? []).map((r) => r.id), TREE_REGIONS.map((r) => `region/${r}`));
    const note = await user.notification(/Replication pairs found/);
    assert.match(note.message, /^Replication pairs found in 3 of \d+ regions: cn-beijing, cn-hangzhou, cn-shanghai\.$/);
    assert.equal(tree.explorer.regionState('cn-beijing'), 'loaded');
  });

  it('shows the running-drill count as the view badge', async () => {
    const listeners = new Set<() => void>();
    let count = 2;
    const fake = { count: () => count, onDidChange: (l: () => void) => (listeners.add(l), { dispose: () => listeners.delete(l) }) };
    const original = api.drills.runningDrills;
    try {
      tree.setRunningDrills(fake);
      assert.deepEqual(tree.badge(), { value: 2, tooltip: '2 drills running' });
      count = 0;
      listeners.forEach((l) => l());
      assert.equal(tree.badge(), undefined);
    } finally {
      if (original) tree.setRunningDrills(original);
    }
  });

  describe('with 1,200 pairs in one region', () => {
    let big: RunningEmulator;
    before(async () => {
      big = await startEmulator({ port: 0, scenario: generateScenario({ regions: 1, pairsPerRegion: 1200, groupsPerRegion: 0 }) });
      await setEndpoint(big.url);
    });
    after(async () => {
      await setEndpoint(emu.emulator.url);
      await big?.close();
    });

    it('lists every pair (three pages, loaded transparently)', async () => {
      const regionId = (await big.admin.state()).pairs[0]?.SourceRegion ?? 'cn-qingdao';
      await showRegions([regionId]);
      const region = await child(tree, undefined, `region/${regionId}`);
      const pairs = (await tree.provider.getChildren(region)) ?? [];
      assert.equal(pairs.length, 1200);
      const ids = new Set(pairs.map((p) => p.id));
      assert.equal(ids.size, 1200);
      for (let j = 0; j < 1200; j++) assert.ok(ids.has(`region/${regionId}/pair/pair-gen-r000-${String(j).padStart(6, '0')}`), `pair ${j}`);
      await big.admin.clearRequests();
      await vscode.commands.executeCommand('ebsDr.refreshRegion', region);
      await tree.whenIdle();
      const requests = (await big.admin.requests()).filter((r) => r.action === 'DescribeDiskReplicaPairs');
      assert.equal(requests.length, 3, 'MaxResults 500: three pages');
      assert.equal(((await tree.provider.getChildren(region)) ?? []).length, 1200);
      assert.equal((await tree.provider.getTreeItem(region)).description, '1200 pairs');
    });
  });
});
