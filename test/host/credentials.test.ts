// Credentials in a real VS Code: the commands driven through the scripted user, key checks against the
// in-process emulator, the Environment profile, the aliyun CLI import and every bad input of issue 5.
import type { EbsCredentials } from '../../src/ebs/types';
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { METADATA_KEY } from '../../src/credentials/profiles';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN, startEmulator } from '../emulator/index';
import { LIMITED_ACCOUNT, setUpCredentials, waitFor, type CredentialsFixture } from './support/credentialsFixture';
import { BACK } from './support/scriptedInput';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'aliyun');
const WRONG_SECRET = 'WrongSecret00000000000000000001';

describe('Credentials (real VS Code + emulator)', function () {
  this.timeout(60_000);
  let fx: CredentialsFixture;

  before(async () => {
    fx = await setUpCredentials();
  });
  after(async () => fx?.close());
  afterEach(async () => fx.reset());

  const store = () => fx.api.credentials.store;
  const names = () => store().list().map((p) => (p.active ? `*${p.name}` : p.name));
  const add = () => vscode.commands.executeCommand('ebsDr.addProfile');

  describe('Add AccessKey Profile', () => {
    it('saves a good key after checking it, makes it active and shows it in the view description', async () => {
      const view: { description?: string | boolean } = {};
      const binding = fx.api.credentials.bindViewDescription(view);
      try {
        assert.equal(view.description, '');
        const user = fx.user().type('prod', DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, '').pick('cn-shanghai');
        await add();
        assert.deepEqual(user.unexpected, []);
        assert.match((await user.notification(/prod/)).message, /saved and active\. Alibaba Cloud accepted its AccessKey/);
        assert.deepEqual(names(), ['*prod']);
        assert.equal(view.description, 'prod');
        assert.deepEqual(
          user.prompts.map((p) => p.type),
          ['input', 'input', 'input', 'input', 'pick'],
        );
        const connection = await fx.api.credentials.connections.current();
        assert.equal(connection?.defaultRegionId, 'cn-shanghai');
        assert.equal((connection?.credentials as EbsCredentials | undefined)?.accessKeySecret, DEMO_ACCESS_KEY_SECRET);
      } finally {
        binding.dispose();
      }
    });

    it('saves an AccessKey + STS token profile', async () => {
      const user = fx.user().type('temp', DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN).pick('cn-hangzhou');
      await add();
      await user.notification(/saved and active/);
      assert.equal(store().activeProfile()?.kind, 'sts');
    });

    it('goes back with the Back button without losing what was typed', async () => {
      const user = fx.user().type('first', DEMO_ACCESS_KEY_ID, BACK, BACK, 'second', DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, BACK, DEMO_ACCESS_KEY_SECRET, '').pick(BACK).type('').pick('cn-beijing');
      await add();
      assert.deepEqual(user.unexpected, []);
      assert.deepEqual(names(), ['*second']);
      assert.equal(store().activeProfile()?.defaultRegionId, 'cn-beijing');
    });

    it('wrong secret: says the signature does not match, then Edit returns to the secret with the rest kept', async () => {
      const user = fx.user().type('dr', DEMO_ACCESS_KEY_ID, WRONG_SECRET, '').pick('cn-shanghai').pressOn(/not saved/, 'Edit').type(DEMO_ACCESS_KEY_SECRET, '').pick('cn-shanghai');
      await add();
      const rejected = await user.notification(/not saved/);
      assert.equal(rejected.kind, 'error');
      assert.match(rejected.message, /the AccessKey secret does not match the AccessKey ID.*SignatureDoesNotMatch/);
      assert.deepEqual(rejected.actions, ['Edit']);
      await user.notification(/saved and active/);
      assert.deepEqual(user.unexpected, []);
      assert.deepEqual(names(), ['*dr']);
      assert.equal(store().activeProfile()?.accessKeyId, DEMO_ACCESS_KEY_ID);
    });

    it('unknown AccessKey ID: says so and saves nothing', async () => {
      const user = fx.user().type('ghost', 'UNKNOWNKEYID0001', DEMO_ACCESS_KEY_SECRET, '').pick('cn-shanghai');
      await add();
      assert.match((await user.notification(/not saved/)).message, /The AccessKey ID is not known to Alibaba Cloud.*InvalidAccessKeyId\.NotFound/);
      assert.deepEqual(names(), []);
    });

    it('expired STS token: says so', async () => {
      await fx.emulator.admin.setFaults([{ action: 'DescribeRegions', mode: 'error', status: 400, code: 'InvalidSecurityToken.Expired', message: 'The security token you provided has expired.' }]);
      const user = fx.user().type('temp', DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN).pick('cn-shanghai');
      await add();
      assert.match((await user.notification(/not saved/)).message, /The STS security token has expired/);
      assert.deepEqual(names(), []);
    });

    it('valid key without EBS permissions: saved with a warning naming the missing actions', async () => {
      const user = fx.user().type('readonly', LIMITED_ACCOUNT.AccessKeyId, LIMITED_ACCOUNT.AccessKeySecret, '').pick('cn-shanghai');
      await add();
      const warning = await user.notification(/lacks EBS permissions/);
      assert.equal(warning.kind, 'warning');
      assert.match(warning.message, /ebs:DescribeDiskReplicaPairs, ebs:DescribeDiskReplicaGroups/);
      assert.deepEqual(names(), ['*readonly']);
    });

    it('no network: says the endpoint cannot be reached and can save without checking', async () => {
      const closed = await startEmulator({ port: 0 });
      await closed.close();
      await vscode.workspace.getConfiguration('ebsDr').update('endpointTemplate', closed.url, vscode.ConfigurationTarget.Global);
      const user = fx.user().type('offline', DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, '').pick('cn-shanghai').pressOn(/could not be checked/, 'Save Without Checking');
      await add();
      const failure = await user.notification(/could not be checked/);
      assert.match(failure.message, /Could not reach the EBS endpoint of cn-shanghai/);
      assert.match((await user.notification(/was not checked/)).message, /"offline" is saved and active/);
      assert.deepEqual(names(), ['*offline']);
    });

    it('bad input re-prompts with an exact message: empty, whitespace, duplicate, bad characters', async () => {
      await store().add({ name: 'prod', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-shanghai' });
      const user = fx
        .user()
        .type('', '   ', 'PROD', 'Environment', 'staging')
        .type('', 'FAKE KEY 01', 'FAKEKEY\u00e90001', DEMO_ACCESS_KEY_ID)
        .type('  ', 'Secret with spaces', 'Secret\u0007Bell/0000', DEMO_ACCESS_KEY_SECRET)
        .type(' ', '')
        .pick('cn-shanghai');
      await add();
      assert.deepEqual(user.unexpected, []);
      assert.deepEqual(user.validationMessages, [
        'Enter a profile name.',
        'Enter a profile name.',
        'A profile named "PROD" already exists: choose another name.',
        'The name "Environment" is reserved for the profile read from environment variables.',
        'Enter the AccessKey ID.',
        'The AccessKey ID contains a space or line break: paste it without them.',
        'The AccessKey ID contains a control or non-ASCII character (at position 8), which no AccessKey ID has.',
        'Enter the AccessKey secret.',
        'The AccessKey secret contains a space or line break: paste it without them.',
        'The AccessKey secret contains a control or non-ASCII character (at position 7), which no AccessKey secret has.',
        'The STS security token is only spaces: leave it empty for a permanent AccessKey.',
      ]);
      assert.deepEqual(names(), ['prod', '*staging']);
    });

    it('Escape keeps what was typed for the next attempt (in memory only)', async () => {
      const user = fx.user().type('keepme', DEMO_ACCESS_KEY_ID, undefined);
      await add();
      assert.deepEqual(names(), []);
      // The next run starts where the user left: the secret step is step 3, and Enter on the kept values moves on.
      const captured: string[] = [];
      const next = fx.user();
      const original = next.inputBox.bind(next);
      next.inputBox = async (options) => {
        captured.push(options.value ?? '');
        return original(options);
      };
      next.type('keepme', DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, '').pick('cn-shanghai');
      await add();
      assert.deepEqual(captured.slice(0, 2), ['keepme', DEMO_ACCESS_KEY_ID]);
      assert.deepEqual(user.unexpected, []);
      assert.deepEqual(names(), ['*keepme']);
    });
  });

  describe('Switch Profile and Remove Profile', () => {
    beforeEach(async () => {
      await store().add({ name: 'alpha', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-shanghai' });
      await store().add({ name: 'beta', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-beijing' });
    });

    it('switches the active profile, fires the change event and updates the description and title', async () => {
      const view: { description?: string | boolean; title?: string } = { title: 'Replication' };
      const binding = fx.api.credentials.bindViewDescription(view);
      let fired = 0;
      const listener = fx.api.credentials.onDidChangeActiveProfile(() => fired++);
      try {
        assert.equal(view.description, 'beta');
        const user = fx.user().pick('alpha');
        await vscode.commands.executeCommand('ebsDr.switchProfile');
        assert.deepEqual(user.unexpected, []);
        const labels = user.prompts[0]?.items?.map((i) => i.label) ?? [];
        assert.deepEqual(labels.slice(0, 2), ['alpha', 'beta']);
        assert.match(user.prompts[0]?.items?.[1]?.description ?? '', /^active · AccessKey · cn-beijing/);
        assert.deepEqual(names(), ['*alpha', 'beta']);
        assert.equal(view.description, 'alpha');
        assert.equal(view.title, 'alpha · Replication', 'the profile first: a narrow sidebar cuts the end');
        assert.ok(fired > 0);
        assert.equal((await fx.api.credentials.connections.current())?.profileName, 'alpha');
      } finally {
        binding.dispose();
        listener.dispose();
      }
    });

    it('removes a profile after a modal confirmation, with its secret', async () => {
      const beta = store().list().find((p) => p.name === 'beta');
      const user = fx.user().pick('beta').confirmWith(true);
      await vscode.commands.executeCommand('ebsDr.removeProfile');
      assert.deepEqual(user.unexpected, []);
      const confirm = user.prompts.find((p) => p.type === 'confirm');
      assert.equal(confirm?.title, 'Remove the profile "beta"?');
      assert.match(confirm?.detail ?? '', /deleted from VS Code's SecretStorage/);
      assert.match((await user.notification(/Removed/)).message, /Removed the profile "beta"\. Active profile: alpha\./);
      assert.deepEqual(names(), ['*alpha']);
      assert.equal(await fx.api.secrets.get(`ebsDr.profile.${beta?.id}.secret`), undefined);
    });

    it('keeps the profile when the confirmation is cancelled', async () => {
      const user = fx.user().pick('beta').confirmWith(false);
      await vscode.commands.executeCommand('ebsDr.removeProfile');
      assert.deepEqual(user.notifications, []);
      assert.deepEqual(names(), ['alpha', '*beta']);
    });

    it('a secret deleted from SecretStorage behind our back: tells the user once and offers to re-enter it', async () => {
      const beta = store().list().find((p) => p.name === 'beta');
      const user = fx.user().pressOn(/missing from SecretStorage/, 'Re-enter Secret').type(DEMO_ACCESS_KEY_SECRET);
      await fx.api.secrets.delete(`ebsDr.profile.${beta?.id}.secret`);
      const warning = await user.notification(/missing from SecretStorage/);
      assert.match(warning.message, /The AccessKey secret of the profile "beta" is missing from SecretStorage/);
      assert.deepEqual(warning.actions, ['Re-enter Secret', 'Switch Profile', 'Remove Profile']);
      assert.equal(await fx.api.credentials.connections.current(), undefined);
      await user.notification(/The secret of "beta" is saved/);
      assert.equal((await fx.api.credentials.connections.current())?.profileName, 'beta');
      assert.equal(user.notifications.filter((n) => /missing/.test(n.message)).length, 1);
    });

    it('corrupted stored metadata: keeps what it can and tells the user once', async () => {
      const raw = fx.api.stateDump().global[METADATA_KEY] as { profiles: unknown[] };
      const user = fx.user();
      await fx.api.globalState.update(METADATA_KEY, { ...raw, profiles: [...raw.profiles, { id: 'x1', name: 'mangled', kind: 'what' }, 'junk'] });
      store().refresh(true);
      const warning = await user.notification(/damaged/);
      assert.match(warning.message, /Kept 2 profile\(s\); could not recover: mangled, #4\./);
      assert.deepEqual(names(), ['alpha', '*beta']);
      store().refresh(true);
      await fx.api.credentials.idle();
      assert.equal(user.notifications.filter((n) => /damaged/.test(n.message)).length, 1);
      await fx.api.globalState.update(METADATA_KEY, 'not even an object');
      store().refresh(true);
      await user.notification(/Kept 0 profile/);
      assert.deepEqual(names(), []);
    });
  });

  describe('Environment profile', () => {
    const setEnv = (id: string, secret: string, extra: Record<string, string> = {}): void => {
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = id;
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = secret;
      Object.assign(process.env, extra);
      store().refresh();
    };

    it('appears read-only and is used automatically when no other profile exists, without copying the secret', async () => {
      setEnv(DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, { ALIBABA_CLOUD_SECURITY_TOKEN: DEMO_STS_TOKEN, ALIBABA_CLOUD_REGION_ID: 'cn-beijing' });
      await waitFor(() => fx.api.credentials.activeProfileName() === 'Environment', 'the Environment profile');
      const connection = await fx.api.credentials.connections.current();
      assert.deepEqual(connection, {
        profileId: 'environment',
        profileName: 'Environment',
        defaultRegionId: 'cn-beijing',
        credentials: { accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN },
        accessKeyId: DEMO_STS_ACCESS_KEY_ID,
      });
      assert.ok(!JSON.stringify(fx.api.stateDump()).includes(DEMO_STS_ACCESS_KEY_SECRET));
      const user = fx.user().pick('Environment');
      await vscode.commands.executeCommand('ebsDr.removeProfile');
      assert.equal(user.notifications[0]?.message, 'There is no stored profile to remove.');
      // A stored profile takes over; the Environment profile stays available.
      await store().add({ name: 'prod', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-shanghai' });
      assert.deepEqual(names(), ['*prod', 'Environment']);
    });

    it('follows changes of the environment on refresh', async () => {
      assert.deepEqual(names(), []);
      setEnv(DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET);
      assert.deepEqual(names(), ['*Environment']);
      delete process.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
      delete process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
      store().refresh();
      assert.deepEqual(names(), []);
    });

    it('says which variable is wrong, without its value', async () => {
      const user = fx.user();
      setEnv(DEMO_ACCESS_KEY_ID, 'Bad secret with spaces');
      const warning = await user.notification(/Environment profile cannot be used/);
      assert.match(warning.message, /ALIBABA_CLOUD_ACCESS_KEY_SECRET is wrong: The AccessKey secret contains a space/);
      assert.ok(!warning.message.includes('Bad secret'));
      assert.equal(await fx.api.credentials.connections.current(), undefined);
    });
  });

  describe('Import from aliyun CLI', () => {
    const usePath = (path: string) => vscode.workspace.getConfiguration('ebsDr').update('aliyunCliConfigPath', path, vscode.ConfigurationTarget.Global);
    const importCli = () => vscode.commands.executeCommand('ebsDr.importAliyunCliProfiles');

    it('imports AK and StsToken profiles into SecretStorage, offers the role modes and lists the modes it cannot import', async () => {
      await usePath(join(FIXTURES, 'config.json'));
      const user = fx.user().pickLabels(['dev', 'temp']);
      await importCli();
      assert.deepEqual(user.unexpected, []);
      const picker = user.prompts.find((p) => p.type === 'pickMany');
      assert.deepEqual(
        picker?.items?.map((i) => [i.label, i.picked ?? false, i.disabledReason !== undefined]),
        [
          ['dev', true, false],
          ['temp', false, false],
          ['assume-dr', false, false],
          ['chain-auditor', false, false],
          ['on-ecs', false, false],
          ['broken-ak', false, true],
          ['oidc-ci', false, true],
        ],
      );
      assert.match(picker?.items?.[1]?.description ?? '', /^StsToken · cn-shanghai · STS\.…/);
      assert.match(picker?.items?.[2]?.description ?? '', /^RamRoleArn · cn-beijing · acs:ram::1938400175623814:role\/ebs-dr-operator$/);
      assert.match(picker?.items?.[5]?.disabledReason ?? '', /The field access_key_id is not usable: The AccessKey ID contains a space/);
      assert.match(picker?.items?.[6]?.disabledReason ?? '', /OIDC token/);
      const summary = await user.notification(/Imported from the aliyun CLI/);
      assert.match(summary.message, /Imported from the aliyun CLI: dev, temp\. Active profile: dev\./);
      assert.match(summary.message, /Cannot be imported: broken-ak \(AK\): .*oidc-ci \(OIDC\): /);
      assert.deepEqual(names(), ['*dev', 'temp']);
      assert.equal(((await fx.api.credentials.connections.current())?.credentials as EbsCredentials | undefined)?.accessKeySecret, DEMO_ACCESS_KEY_SECRET);
      assert.ok(!JSON.stringify(fx.api.stateDump()).includes(DEMO_ACCESS_KEY_SECRET));
    });

    it('preselects the profile named by ALIBABA_CLOUD_PROFILE', async () => {
      await usePath(join(FIXTURES, 'config.json'));
      process.env.ALIBABA_CLOUD_PROFILE = 'temp';
      const user = fx.user().pickLabels(['temp']);
      await importCli();
      const picker = user.prompts.find((p) => p.type === 'pickMany');
      assert.deepEqual(picker?.items?.filter((i) => i.picked).map((i) => i.label), ['temp']);
      assert.deepEqual(names(), ['*temp']);
    });

    it('marks names that already exist instead of overwriting them', async () => {
      await store().add({ name: 'dev', accessKeyId: LIMITED_ACCOUNT.AccessKeyId, accessKeySecret: LIMITED_ACCOUNT.AccessKeySecret, defaultRegionId: 'cn-shanghai' });
      await usePath(join(FIXTURES, 'config.json'));
      const user = fx.user().pickLabels(['temp']);
      await importCli();
      const dev = user.prompts.find((p) => p.type === 'pickMany')?.items?.find((i) => i.label === 'dev');
      assert.match(dev?.disabledReason ?? '', /A profile named "dev" already exists/);
      assert.equal(store().list().find((p) => p.name === 'dev')?.accessKeyId, LIMITED_ACCOUNT.AccessKeyId);
    });

    it('a missing, malformed or unusable file: says what is wrong and imports nothing', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'ebs-dr-cli-'));
      await usePath(join(folder, 'nope.json'));
      let user = fx.user();
      await importCli();
      assert.match((await user.notification(/aliyun CLI config/)).message, /There is no aliyun CLI config at .*nope\.json\. Run "aliyun configure", or set ebsDr\.aliyunCliConfigPath/);

      await usePath(join(FIXTURES, 'malformed.json'));
      user = fx.user();
      await importCli();
      const malformed = await user.notification(/cannot be imported/);
      assert.match(malformed.message, /malformed\.json cannot be imported: The file is not valid JSON/);
      assert.ok(!malformed.message.includes('FAKEKEYID'));

      await usePath(folder);
      user = fx.user();
      await importCli();
      assert.match((await user.notification(/is a folder/)).message, /is a folder, not the aliyun CLI config file/);

      const onlyRoles = join(folder, 'roles.json');
      writeFileSync(onlyRoles, JSON.stringify({ current: 'r', profiles: [{ name: 'r', mode: 'RamRoleArn', region_id: 'cn-hangzhou' }] }));
      await usePath(onlyRoles);
      user = fx.user();
      await importCli();
      assert.match((await user.notification(/can be imported/)).message, /No profile in .*roles\.json can be imported\. r \(RamRoleArn\): The field ram_role_arn is not usable: Enter the ARN of the RAM role/);
      assert.deepEqual(names(), []);
      assert.deepEqual(user.unexpected, []);
    });

    it('does not import a key Alibaba Cloud rejects', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'ebs-dr-cli-'));
      const path = join(folder, 'config.json');
      writeFileSync(path, JSON.stringify({ current: 'old', profiles: [{ name: 'old', mode: 'AK', access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: WRONG_SECRET, region_id: 'cn-shanghai' }] }));
      await usePath(path);
      const user = fx.user().pickLabels(['old']);
      await importCli();
      const summary = await user.notification(/Not imported/);
      assert.equal(summary.kind, 'error');
      assert.match(summary.message, /Nothing was imported from the aliyun CLI\. Not imported: old: .*SignatureDoesNotMatch/);
      assert.deepEqual(names(), []);
    });
  });

  describe('How Credentials Are Stored', () => {
    it('opens a localised explanation without any secret', async () => {
      await vscode.commands.executeCommand('ebsDr.showCredentialsHelp');
      await waitFor(() => vscode.workspace.textDocuments.some((d) => d.getText().startsWith('# How EBS DR stores credentials')), 'the help document');
      const help = vscode.workspace.textDocuments.find((d) => d.getText().startsWith('# How EBS DR stores credentials'));
      assert.equal(help?.languageId, 'markdown');
      assert.match(help?.getText() ?? '', /kept only in VS Code's SecretStorage/);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });

  describe('manifest', () => {
    it('declares the commands in category EBS DR, the view title menus, the welcome content and the setting', async () => {
      const pkg = vscode.extensions.getExtension('ebs-dr.ebs-dr')?.packageJSON;
      const ids = ['ebsDr.addProfile', 'ebsDr.switchProfile', 'ebsDr.removeProfile', 'ebsDr.importAliyunCliProfiles', 'ebsDr.showCredentialsHelp'];
      const all = await vscode.commands.getCommands(true);
      for (const id of ids) {
        assert.ok(all.includes(id), `${id} is registered`);
        assert.equal(pkg.contributes.commands.find((c: { command: string }) => c.command === id)?.category, 'EBS DR');
      }
      const welcome = pkg.contributes.viewsWelcome.find((w: { view: string }) => w.view === 'ebsDr.replication');
      assert.equal(welcome.when, '!ebsDr.hasProfile');
      assert.ok(pkg.contributes.menus['view/title'].some((m: { command: string }) => m.command === 'ebsDr.switchProfile'));
      assert.equal(vscode.workspace.getConfiguration('ebsDr').inspect('aliyunCliConfigPath')?.defaultValue, '');
    });
  });
});
