// State on the row and notifications that stay true, in a real VS Code against the emulator: a pair row shows a
// running drill and then its held drill disk without being expanded (and so does its region); Why Can't I Drill This?
// explains a failed-over pair; a completion notification answered after its drill was cleared says so.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReplicationTestApi } from '../../src/replication/ui/replicationView';
import type { NotificationKind } from '../../src/shared/ui/userInput';
import { treeItemById } from './support/treeItems';
import { DrillHarness, eventually, pairDrillNode, pairNode } from './support/drillHarness';
import { ScriptedUserInput } from './support/scriptedInput';

const STARTED = /^Drill (drill-[a-z0-9]+) started for /;

/** A user who leaves the completion notification open and presses its button only when the test says so. */
class LateUser extends ScriptedUserInput {
  private press: ((action: string | undefined) => void) | undefined;

  override async notify(kind: NotificationKind, message: string, ...actions: string[]): Promise<string | undefined> {
    if (!/finished/.test(message)) return super.notify(kind, message, ...actions);
    // Recorded (and waiters woken) as usual; the button is pressed only by pressLater.
    void super.notify(kind, message, ...actions);
    return new Promise((resolve) => (this.press = resolve));
  }

  /** Presses `action` on the held completion notification. */
  pressLater(action: string): void {
    assert.ok(this.press, 'a completion notification is open');
    this.press(action);
    this.press = undefined;
  }
}

describe('Rows show drill state; notifications stay true (emulator clock)', function () {
  this.timeout(60_000);
  let h: DrillHarness;
  let tree: ReplicationTestApi;

  before(async () => {
    h = await DrillHarness.start();
    await h.setConfirm(false);
    tree = await h.defaultRegionTree();
  });

  after(async () => {
    await h?.stop();
  });

  afterEach(() => {
    assert.deepEqual(h.input.unexpected, [], 'no unexpected prompts');
  });

  const treeItem = (id: string): Promise<vscode.TreeItem | undefined> => treeItemById(tree, id);

  async function description(id: string, pattern: RegExp): Promise<string> {
    return eventually(async () => {
      const item = await treeItem(id);
      return typeof item?.description === 'string' && pattern.test(item.description) ? item.description : undefined;
    }, `${id} to read ${pattern}`);
  }

  async function start(input: ScriptedUserInput, pairId: string): Promise<string> {
    await vscode.commands.executeCommand('ebsDr.startPairDrill', pairNode('cn-hangzhou', pairId));
    const shown = await input.notification(STARTED);
    return STARTED.exec(shown.message)?.[1] ?? '';
  }

  it('a pair row shows its running drill, then its held drill disk, without expanding; the region rolls both up', async () => {
    const pairId = 'region/cn-hangzhou/pair/pair-drill-web01';
    assert.doesNotMatch(String((await treeItem(pairId))?.description), /drill (running|disk)/);
    await start(h.newUser(), 'pair-drill-web01');

    const running = await description(pairId, / · drill running · /);
    assert.match(running, /^Normal · drill running · RP [^·]+ · → cn-shanghai/, 'the status, then the mark, then age and direction');
    assert.equal((await treeItem(pairId))?.contextValue, 'pair.drillable.drillRunning');
    assert.match(await description('region/cn-hangzhou', /^\d+ pairs · 1 drill running/), /pairs/);

    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    await h.input.notification(/finished/);
    const held = await description(pairId, /^Normal · drill disk held · /);
    assert.doesNotMatch(held, /drill running/);
    assert.equal((await treeItem(pairId))?.contextValue, 'pair.drillable');
    await description('region/cn-hangzhou', /^\d+ pairs · 1 drill disk held/);

    // Cleared: the mark goes.
    const [drill] = await h.pairDrills('pair-drill-web01');
    const input = h.newUser().confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-drill-web01', drill.DrillId));
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    await input.notification(/was cleared/);
    await eventually(async () => !/drill (running|disk)/.test(String((await treeItem(pairId))?.description)), 'the mark to go once the drill is cleared');
  });

  it("Why Can't I Drill This? on a failed-over pair says why (the tooltip too)", async () => {
    const id = 'region/cn-hangzhou/pair/pair-drill-fo01';
    const item = await treeItem(id);
    assert.equal(item?.contextValue, 'pair.notDrillable', 'the menu offers the entry (viewItem =~ /^(pair|group)\\.notDrillable/)');
    const input = h.newUser();
    await vscode.commands.executeCommand('ebsDr.whyNotDrillable', pairNode('cn-hangzhou', 'pair-drill-fo01'));
    const shown = await input.notification(/cannot be drilled/);
    assert.equal(shown.message, 'failed-over cannot be drilled: The pair is failed over; a drill needs a pair that is replicating or stopped.');

    const node = tree.explorer.byId(id);
    assert.ok(node);
    const resolved = await tree.provider.resolveTreeItem?.(item as vscode.TreeItem, node, new vscode.CancellationTokenSource().token);
    const tooltip = resolved?.tooltip instanceof vscode.MarkdownString ? resolved.tooltip.value : String(resolved?.tooltip ?? item?.tooltip);
    assert.match(tooltip, /Cannot be drilled \| The pair is failed over; a drill needs a pair that is replicating or stopped\./);

    const manifest = vscode.extensions.all.find((e) => e.packageJSON?.name === 'ebs-dr')?.packageJSON as { contributes?: { menus?: Record<string, { command: string; when?: string }[]> } } | undefined;
    if (manifest) {
      assert.ok(manifest.contributes?.menus?.['view/item/context']?.some((m) => m.command === 'ebsDr.whyNotDrillable' && /notDrillable/.test(m.when ?? '')));
      assert.ok(manifest.contributes?.menus?.commandPalette?.some((m) => m.command === 'ebsDr.whyNotDrillable' && m.when === 'false'), 'hidden from the palette');
    }
  });

  it('a completion notification answered after its drill was cleared says it was already cleared (Clear Drill, Copy Disk ID)', async () => {
    const input = new LateUser();
    h.input = input;
    h.api.setUserInput(input);
    const drillId = await start(input, 'pair-drill-app01');
    await h.emulator.admin.advance(61);
    await h.drills.pollNow();
    await input.notification(/finished/);

    // Cleared from the tree while the notification is still open.
    input.confirmWith(true);
    await vscode.commands.executeCommand('ebsDr.clearDrill', pairDrillNode('cn-hangzhou', 'pair-drill-app01', drillId));
    await h.emulator.admin.advance(11);
    await h.drills.pollNow();
    await input.notification(new RegExp(`Drill ${drillId} for app-01 .* was cleared`));
    await eventually(() => !h.drills.tracked().some((d) => d.drillId === drillId), 'the tracker to forget the cleared drill');
    const clears = (await h.requests('ClearPairDrill')).length;

    input.pressLater('Clear Drill');
    await input.notification(new RegExp(`^Drill ${drillId} was already cleared\\.$`));
    assert.equal((await h.requests('ClearPairDrill')).length, clears, 'no second ClearPairDrill');
    assert.ok(!input.notifications.some((n) => n.kind === 'error'), JSON.stringify(input.notifications));
  });
});
