// The Replication view when a profile cannot be used, and several profiles side by side (real VS Code + emulator).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeRef } from '../../src/replication/profileForest';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET } from '../emulator/index';
import { LIMITED_ACCOUNT, setUpCredentials, waitFor, type CredentialsFixture } from './support/credentialsFixture';

const SECOND_ACCOUNT = { AccessKeyId: 'DRACCOUNTKEYID0002', AccessKeySecret: 'DrAccountSecret00000000000002' };

describe('Profiles in the Replication view (real VS Code + emulator)', function () {
  this.timeout(90_000);
  let fx: CredentialsFixture;
  const config = () => vscode.workspace.getConfiguration('ebsDr');

  before(async () => {
    fx = await setUpCredentials([SECOND_ACCOUNT]);
  });
  after(async () => {
    await config().update('profilesInTree', undefined, vscode.ConfigurationTarget.Global);
    await config().update('treeProfiles', undefined, vscode.ConfigurationTarget.Global);
    await fx?.close();
  });
  afterEach(async () => {
    await config().update('profilesInTree', undefined, vscode.ConfigurationTarget.Global);
    await config().update('treeProfiles', undefined, vscode.ConfigurationTarget.Global);
    await fx.reset();
  });

  const view = () => fx.api.replication;
  const labels = async (parent?: TreeRef): Promise<string[]> => {
    const nodes = (await view().tree.getChildren(parent)) ?? [];
    return Promise.all(nodes.map(async (n) => String((await view().tree.getTreeItem(n)).label)));
  };

  it('a refused Environment profile (ID set, secret unset) shows why in the view and the remedies, and recovers once fixed', async () => {
    fx.user();
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_ACCESS_KEY_ID;
    fx.api.credentials.store.refresh();
    await waitFor(() => view().problem()?.kind === 'environmentInvalid', 'the environment problem in the view');
    assert.deepEqual(view().problem()?.remedies, ['addProfile', 'importAliyunCli', 'switchProfile', 'viewLogs']);
    // One node says why; its children are the ways out, each running its command.
    const [problem] = (await view().tree.getChildren(undefined)) ?? [];
    assert.ok(problem);
    assert.equal(String((await view().tree.getTreeItem(problem)).label), 'Cannot use the profile "Environment"');
    assert.match(view().message() ?? '', /The Environment profile cannot be used: the environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is wrong\./);
    assert.deepEqual(await labels(problem), ['Add AccessKey Profile', 'Import from aliyun CLI', 'Switch Profile', 'Show Logs']);
    const commands = await Promise.all(((await view().tree.getChildren(problem)) ?? []).map(async (n) => (await view().tree.getTreeItem(n)).command?.command));
    assert.deepEqual(commands, ['ebsDr.addProfile', 'ebsDr.importAliyunCliProfiles', 'ebsDr.switchProfile', 'ebsDr.showLogs']);

    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_ACCESS_KEY_SECRET;
    fx.api.credentials.store.refresh();
    await waitFor(() => view().problem() === undefined, 'the problem to go');
    await waitFor(async () => (await labels()).includes('cn-hangzhou'), 'the region root back');
  });

  it('a secret missing from SecretStorage shows the explanation and Re-enter Secret', async () => {
    fx.user();
    const prod = await fx.api.credentials.store.add({ name: 'prod', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-hangzhou' });
    await waitFor(async () => (await labels()).includes('cn-hangzhou'), 'the prod tree');
    await fx.api.secrets.delete(`ebsDr.profile.${prod.id}.secret`);
    await waitFor(() => view().problem()?.kind === 'secretMissing', 'the missing-secret problem');
    assert.ok(view().problem()?.remedies.includes('reenterSecret'));
    const [problem] = (await view().tree.getChildren(undefined)) ?? [];
    assert.ok(problem);
    assert.equal(String((await view().tree.getTreeItem(problem)).label), 'Cannot use the profile "prod"');
    assert.match(view().message() ?? '', /The AccessKey secret of the profile "prod" is missing from SecretStorage/);
    const reenter = ((await view().tree.getChildren(problem)) ?? [])[0];
    assert.ok(reenter);
    const item = await view().tree.getTreeItem(reenter);
    assert.equal(item.label, 'Re-enter Secret');
    assert.deepEqual([item.command?.command, item.command?.arguments], ['ebsDr.reenterSecret', [prod.id]]);
  });

  it('a view command with no profile shows the one guard: why, and the ways out', async () => {
    const user = fx.user();
    await vscode.commands.executeCommand('ebsDr.selectRegions');
    const shown = await user.notification(/No EBS DR profile is active/);
    assert.deepEqual(shown, { kind: 'warning', message: 'No EBS DR profile is active. Add a profile with an AccessKey first.', actions: ['Add AccessKey Profile', 'Import from aliyun CLI'] });
    assert.deepEqual(user.prompts, [], 'no region picker without a connection');
  });

  it('an error shown by a view command (Select Regions refused with InvalidAccessKeyId) offers Switch Profile', async () => {
    await fx.api.credentials.store.add({ name: 'prod', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-hangzhou' });
    await waitFor(async () => (await labels()).includes('cn-hangzhou'), 'the prod tree');
    await view().whenIdle();
    await fx.emulator.admin.setFaults([{ action: 'DescribeRegions', mode: 'error', status: 400, code: 'InvalidAccessKeyId', message: 'The AccessKey ID is invalid.' }]);
    const user = fx.user();
    await vscode.commands.executeCommand('ebsDr.selectRegions');
    const shown = await user.notification(/InvalidAccessKeyId/);
    assert.equal(shown.kind, 'error');
    assert.match(shown.message, /^The AccessKey ID is invalid\. .*\(error InvalidAccessKeyId, RequestId [^)]+\)$/);
    assert.deepEqual(shown.actions, ['Switch Profile', 'View Logs']);
    assert.deepEqual(user.prompts, [], 'no region picker after the failure');
  });

  it('side by side: each profile has its own subtree signed with its own key; a profile without its secret shows one error node', async () => {
    fx.user();
    const store = fx.api.credentials.store;
    await store.add({ name: 'prod', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-hangzhou' }, false);
    await store.add({ name: 'dr', accessKeyId: SECOND_ACCOUNT.AccessKeyId, accessKeySecret: SECOND_ACCOUNT.AccessKeySecret, defaultRegionId: 'cn-hangzhou' }, false);
    const old = await store.add({ name: 'old', accessKeyId: LIMITED_ACCOUNT.AccessKeyId, accessKeySecret: LIMITED_ACCOUNT.AccessKeySecret, defaultRegionId: 'cn-hangzhou' }, false);
    await fx.api.secrets.delete(`ebsDr.profile.${old.id}.secret`);
    store.refresh(true);
    await fx.emulator.admin.clearRequests();
    await config().update('treeProfiles', ['prod', 'dr', 'old'], vscode.ConfigurationTarget.Global);
    await config().update('profilesInTree', true, vscode.ConfigurationTarget.Global);
    await waitFor(async () => (await labels()).length === 3 && view().forest.profiles().every((p) => p.problem || p.explorer), 'three profile roots');
    await view().whenIdle();
    const roots = (await view().tree.getChildren(undefined)) ?? [];
    assert.deepEqual(await labels(), ['dr', 'old', 'prod']);
    const oldRoot = roots.find((r) => r.profileId === old.id);
    assert.ok(oldRoot);
    const oldChildren = (await view().tree.getChildren(oldRoot)) ?? [];
    assert.equal(oldChildren.length, 1);
    const item = await view().tree.getTreeItem(oldChildren[0] as TreeRef);
    assert.match(String(item.label), /^Cannot use this profile: The AccessKey secret of the profile "old" is missing from SecretStorage/);
    assert.equal(item.contextValue, 'profileProblem.secretMissing');
    assert.equal(item.command?.command, 'ebsDr.profileRemedies');
    // The other two load their own region, with distinct ids.
    const ids = new Set<string>();
    for (const root of roots.filter((r) => r !== oldRoot)) {
      const regions = (await view().tree.getChildren(root)) ?? [];
      assert.deepEqual(await labels(root), ['cn-hangzhou']);
      ids.add(regions[0]?.id ?? '');
    }
    assert.equal(ids.size, 2);
    const signers = new Set((await fx.emulator.admin.requests()).filter((r) => r.action === 'DescribeDiskReplicaPairs').map((r) => r.accessKeyId));
    assert.deepEqual([...signers].sort(), [SECOND_ACCOUNT.AccessKeyId, DEMO_ACCESS_KEY_ID].sort());
  });

  it('side by side: a drill running in each profile, both counted in the status bar and badge, each signed and announced with its profile', async () => {
    const store = fx.api.credentials.store;
    await store.add({ name: 'prod', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-hangzhou' }, false);
    await store.add({ name: 'dr', accessKeyId: SECOND_ACCOUNT.AccessKeyId, accessKeySecret: SECOND_ACCOUNT.AccessKeySecret, defaultRegionId: 'cn-hangzhou' }, false);
    await fx.emulator.admin.clearRequests();
    await config().update('treeProfiles', ['prod', 'dr'], vscode.ConfigurationTarget.Global);
    await config().update('profilesInTree', true, vscode.ConfigurationTarget.Global);
    await waitFor(async () => (await labels()).length === 2 && view().forest.profiles().every((p) => p.explorer), 'two usable profile roots');
    await view().whenIdle();
    const started: string[] = [];
    // One pair per profile: both keys see the same account's pairs, and a pair with an executing drill is not started again.
    const pairs: Record<string, { id: string; name: string }> = { prod: { id: 'pair-demo-web01', name: 'web-01' }, dr: { id: 'pair-demo-app01', name: 'app-01' } };
    for (const name of ['prod', 'dr']) {
      const root = ((await view().tree.getChildren(undefined)) ?? []).find((r) => view().forest.slot(r.profileId ?? '')?.profileName === name);
      assert.ok(root, `the root of ${name}`);
      const region = ((await view().tree.getChildren(root)) ?? [])[0];
      assert.ok(region);
      let pair: TreeRef | undefined;
      await waitFor(async () => {
        const children = (await view().tree.getChildren(region)) ?? [];
        pair = children.find((c) => c.kind === 'pair' && c.pairId === pairs[name].id);
        return pair !== undefined;
      }, `${pairs[name].name} under ${name}`);
      const user = fx.user().confirmWith(true);
      await vscode.commands.executeCommand('ebsDr.startPairDrill', pair);
      const shown = await user.notification(new RegExp(`Drill drill-[a-z0-9]+ started for ${pairs[name].name}`));
      assert.ok(shown.message.startsWith(`${name}: `), `the notification names the profile: ${shown.message}`);
      started.push(/Drill (drill-[a-z0-9]+) started/.exec(shown.message)?.[1] ?? '');
    }
    const drills = fx.api.drills;
    assert.ok(drills);
    await waitFor(() => drills.statusBar().text.includes('2 drills running'), 'the status bar to count both profiles\' drills');
    assert.deepEqual(view().badge()?.value, 2);
    const starts = (await fx.emulator.admin.requests()).filter((r) => r.action === 'StartPairDrill');
    assert.deepEqual(starts.map((r) => r.accessKeyId), [DEMO_ACCESS_KEY_ID, SECOND_ACCOUNT.AccessKeyId], 'each drill signed with its own profile');
    const listed = (await fx.emulator.admin.state()).drills.filter((d) => d.Kind === 'pair' && (d.PairId === 'pair-demo-web01' || d.PairId === 'pair-demo-app01')).map((d) => d.DrillId);
    assert.deepEqual([...listed].sort(), [...started].sort(), 'exactly the two drills announced');
    await drills.reset();
  });
});
