// Background refresh (ebsDr.autoRefreshMinutes) and the walkthrough's state-driven steps, in a real VS Code against
// the in-process tree emulator with the Environment profile.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { regionChoiceKey } from '../../src/regions/regionChoice';
import type { ReplicationTestApi } from '../../src/replication/ui/replicationView';
import type { EbsDrTestApi } from '../../src/testApi';
import { startTreeEmulator, TREE_REGIONS, type TreeEmulator } from '../fixtures/treeScenario';
import { activateExtension } from './support/extension';
import { eventually } from './support/drillHarness';
import { useDemoEnvironment } from './support/environment';
import { ScriptedUserInput } from './support/scriptedInput';

const PROFILE = 'environment';

const waitFor = async (what: string, probe: () => boolean | Promise<boolean>): Promise<void> => void (await eventually(probe, what, 20_000));


describe('Background refresh and walkthrough state (real VS Code, emulator, Environment profile)', function () {
  this.timeout(120_000);
  let api: EbsDrTestApi;
  let tree: ReplicationTestApi;
  let emu: TreeEmulator;
  let offset = 0;
  let restoreEnvironment: (() => void) | undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ebsDr');
  const loadTimes = (): (number | undefined)[] => TREE_REGIONS.map((r) => tree.explorer.loadedAt(r)?.getTime());

  before(async () => {
    api = await activateExtension();
    tree = api.replication;
    api.setUserInput(new ScriptedUserInput());
    emu = await startTreeEmulator();
    await config().update('endpointTemplate', emu.emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('autoRefreshMinutes', 5, vscode.ConfigurationTarget.Global);
    restoreEnvironment = useDemoEnvironment();
    api.credentials.store.refresh(true);
    await api.credentials.idle();
    // The explorer's clock (load times, ages, and the refresher's "now") moves only when the test says so.
    tree.setClock(() => emu.at(offset));
    await waitFor('the Environment profile in the view', () => tree.explorer.hasSource());
    await api.globalState.update(regionChoiceKey(PROFILE), [...TREE_REGIONS]);
    await vscode.commands.executeCommand('ebsDr.refresh');
    await tree.whenIdle();
  });

  after(async () => {
    tree?.autoRefresh.assumeFocused(undefined);
    tree?.setClock(undefined);
    await api?.globalState.update(regionChoiceKey(PROFILE), undefined);
    restoreEnvironment?.();
    api?.credentials.store.refresh(true);
    await config().update('endpointTemplate', undefined, vscode.ConfigurationTarget.Global);
    await config().update('autoRefreshMinutes', undefined, vscode.ConfigurationTarget.Global);
    await emu?.close();
  });

  it('ages never claim more than the load can vouch for: now − load time + the data age at load', async () => {
    // orders-data's recovery point is 4 minutes old when the tree loads it (the scenario's pinned instant).
    const pairRef = tree.explorer.pairRef('cn-hangzhou', 'pair-tree-ord1');
    const age = (): string => /RP ([^·]+)/.exec(tree.explorer.present(pairRef).description ?? '')?.[1]?.trim() ?? '';
    const loadedAt = tree.explorer.loadedAt('cn-hangzhou')?.getTime() ?? NaN;
    assert.equal(loadedAt, emu.at(0).getTime());
    assert.equal(age(), '4 min ago');
    // Ten minutes on with the view hidden (nothing reloads): 10 + 4 minutes, exactly what the load vouches for.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the view hidden', () => !tree.autoRefresh.visible());
    offset = 600;
    assert.equal(age(), '14 min ago');
    const bound = Math.floor((emu.at(offset).getTime() - loadedAt + 4 * 60_000) / 60_000);
    assert.ok(Number.parseInt(age(), 10) <= bound, `${age()} ≤ ${bound} min`);
    const tooltip = tree.explorer.tooltip(pairRef) ?? '';
    assert.match(tooltip, /\| Loaded \| [^|]+, 10 min ago \|/, 'the tooltip says how old the data is');
    offset = 0;
    await vscode.commands.executeCommand('ebsDr.replication.focus');
  });

  it('background refresh runs only while the view is visible and the window focused', async () => {
    const loaded = loadTimes();
    assert.ok(loaded.every((t) => t === emu.at(0).getTime()), 'every region loaded at the pinned instant');

    // Hidden (the sidebar closed), focused: ten minutes later nothing is reloaded and no timer exists.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor('the view hidden', () => !tree.autoRefresh.visible());
    tree.autoRefresh.assumeFocused(true);
    offset = 600;
    tree.autoRefresh.update();
    // A background load would start at once (the region turns loading in update()): none did.
    assert.equal(tree.explorer.isBusy(), false, 'no region load started');
    await tree.whenIdle();
    assert.deepEqual(loadTimes(), loaded, 'nothing reloaded while hidden');
    assert.equal(tree.autoRefresh.hasTimer(), false);

    // Visible but the window unfocused: still nothing.
    tree.autoRefresh.assumeFocused(false);
    await vscode.commands.executeCommand('ebsDr.replication.focus');
    await waitFor('the view visible', () => tree.autoRefresh.visible());
    tree.autoRefresh.update();
    // A background load would start at once (the region turns loading in update()): none did.
    assert.equal(tree.explorer.isBusy(), false, 'no region load started');
    await tree.whenIdle();
    assert.deepEqual(loadTimes(), loaded, 'nothing reloaded while the window is unfocused');
    assert.equal(tree.autoRefresh.hasTimer(), false);

    // Visible and focused: every stale region reloads once, keeping node identity; then one timer waits for the next.
    const root = tree.explorer.regionRef(TREE_REGIONS[0] ?? '');
    tree.autoRefresh.assumeFocused(true);
    await waitFor('the background reloads', () => loadTimes().every((t) => t === emu.at(600).getTime()));
    await tree.whenIdle();
    assert.equal(tree.explorer.regionRef(TREE_REGIONS[0] ?? ''), root, 'node ids and handles are stable');
    assert.equal(tree.autoRefresh.hasTimer(), true, 'one timer while visible, focused and loaded');

    // Same instant again: at most one load per region per threshold.
    tree.autoRefresh.update();
    // A background load would start at once (the region turns loading in update()): none did.
    assert.equal(tree.explorer.isBusy(), false, 'no region load started');
    await tree.whenIdle();
    assert.deepEqual(loadTimes(), TREE_REGIONS.map(() => emu.at(600).getTime()));

    // Unfocused again: the timer goes.
    tree.autoRefresh.assumeFocused(false);
    assert.equal(tree.autoRefresh.hasTimer(), false);
  });

  it('the walkthrough steps complete from state (also state written behind the extension, as after a reload)', async () => {
    await waitFor('the walkthrough state', async () => {
      const state = await api.walkthrough.state();
      return state.connected && state.regionsChosen;
    });
    // Forget the choice behind the extension's back (another window), then a profile change recomputes.
    await api.globalState.update(regionChoiceKey(PROFILE), undefined);
    api.credentials.store.refresh(true);
    await api.credentials.idle();
    await waitFor('regions no longer chosen', async () => !(await api.walkthrough.state()).regionsChosen);
    // Chosen through the view's region choice: the step completes without any command run after the page opened.
    await api.globalState.update(regionChoiceKey(PROFILE), [...TREE_REGIONS]);
    api.credentials.store.refresh(true);
    await waitFor('regions chosen again', async () => (await api.walkthrough.state()).regionsChosen);
    const state = await api.walkthrough.state();
    // No drill record of this machine's profiles exists in this suite's storage unless another suite left one.
    assert.equal(typeof state.drilled, 'boolean');
    assert.equal(state.cleared ? state.drilled : true, true, 'a cleared drill implies a drill ran');
  });
});
