// Secret canary: runs the whole credential flow and API calls with distinctive secrets, then searches
// everything a secret could leak into — the output channel, every notification, prompt and validation
// message, settings, global and workspace state (in memory and the storage files on disk), the extension's
// log and storage folders, and thrown errors — and finds it nowhere.
import type { EbsCredentials } from '../../src/ebs/types';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { EbsClient } from '../../src/ebs/client';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCOUNT_ID } from '../emulator/index';
import { setUpCredentials, type CredentialsFixture } from './support/credentialsFixture';
import { BACK, type ScriptedUserInput } from './support/scriptedInput';

const CANARY = 'CanaryQx7Zr9Wv2Kp5Tn8Lm3Hd6Jf4';
const CANARY_STS_SECRET = 'CanaryStsYb3Mk8Pw1Vr6Zt9Qn2';
const CANARY_TOKEN = 'CanaryTokenBv8Nc2Xz5Lq7Rw0Gh4';
const CANARY_ENV = 'CanaryEnvTs5Wd1Kx8Pm4Rb7Yq3';
const CANARY_ROLE_SOURCE = 'CanaryRoleSrcGk4Vn7Qx2Mb9Ws5';
const CANARIES = [CANARY, CANARY_STS_SECRET, CANARY_TOKEN, CANARY_ENV, CANARY_ROLE_SOURCE];
/** A real-shaped STS AccessKey ID (`STS.` + letters and digits). */
const CANARY_STS_ID = 'STS.CanaryStsKeyId02Xq8Vm4Tz';
const DR_ACCOUNT_ID = '1938400175623814';
const CANARY_ROLE = `acs:ram::${DR_ACCOUNT_ID}:role/ebs-dr-canary`;
const ACCOUNTS = [
  { AccessKeyId: 'CANARYKEYID0001', AccessKeySecret: CANARY },
  { AccessKeyId: CANARY_STS_ID, AccessKeySecret: CANARY_STS_SECRET, SecurityTokens: [CANARY_TOKEN] },
  { AccessKeyId: 'CANARYENVKEYID03', AccessKeySecret: CANARY_ENV },
  { AccessKeyId: 'CANARYROLESRC04', AccessKeySecret: CANARY_ROLE_SOURCE },
];

/** Every file under `root` (skipping what cannot be read), with its text. */
function filesUnder(root: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = join(dir, name);
      try {
        const info = statSync(full);
        if (info.isDirectory()) walk(full);
        else if (info.isFile() && info.size < 50_000_000) found.push({ path: full, text: readFileSync(full).toString('latin1') });
      } catch {
        // sockets, files removed meanwhile
      }
    }
  };
  walk(root);
  return found;
}

describe('Credentials: secret canary', function () {
  this.timeout(120_000);
  let fx: CredentialsFixture;
  const users: ScriptedUserInput[] = [];
  const thrown: unknown[] = [];
  let cliFolder: string;

  before(async () => {
    fx = await setUpCredentials(ACCOUNTS, [{ RoleName: 'ebs-dr-canary', AccountId: DR_ACCOUNT_ID, TrustedAccountIds: [DEMO_ACCOUNT_ID], MaxSessionDuration: 3600 }]);
    cliFolder = mkdtempSync(join(tmpdir(), 'ebs-dr-canary-cli-'));
  });
  after(async () => {
    await fx?.close();
    rmSync(cliFolder, { recursive: true, force: true });
  });

  const user = (): ScriptedUserInput => {
    const input = fx.user();
    users.push(input);
    return input;
  };
  const run = async (command: string): Promise<void> => {
    try {
      await vscode.commands.executeCommand(command);
    } catch (error) {
      thrown.push(error);
    }
  };

  it('runs the whole credential flow and API calls with the canary secrets', async () => {
    // Bad input that contains the canary: a symbol, spaces.
    let u = user().type('canary', 'CANARYKEYID0001', `${CANARY}\u00e9`, `${CANARY} x`, CANARY, '').pick('cn-shanghai');
    await run('ebsDr.addProfile');
    assert.equal(u.validationMessages.length, 2);
    await u.notification(/saved and active/);
    // Wrong secret for a known key, then unknown key: both rejected by the emulator.
    u = user().type('wrong', DEMO_ACCESS_KEY_ID, CANARY, '').pick('cn-shanghai').pressOn(/not saved/, 'Edit').type(BACK, 'UNKNOWNKEYID0009', CANARY, '').pick('cn-shanghai');
    await run('ebsDr.addProfile');
    await u.notification(/not known to Alibaba Cloud/);
    // STS profile.
    u = user().type('canary-sts', CANARY_STS_ID, CANARY_STS_SECRET, CANARY_TOKEN).pick('cn-hangzhou');
    await run('ebsDr.addProfile');
    await u.notification(/"canary-sts" is saved/);
    // Switch, a secret deleted behind our back and re-entered, remove.
    user().pick('canary');
    await run('ebsDr.switchProfile');
    u = user().pressOn(/missing from SecretStorage/, 'Re-enter Secret').type(CANARY);
    const canary = fx.api.credentials.store.list().find((p) => p.name === 'canary');
    await fx.api.secrets.delete(`ebsDr.profile.${canary?.id}.secret`);
    await u.notification(/The secret of "canary" is saved/);
    u = user().pick('canary-sts').confirmWith(true);
    await run('ebsDr.removeProfile');
    await u.notification(/Removed/);
    // Import from an aliyun CLI config holding the canary (the CLI's own plaintext file, outside our storage).
    const cliConfig = join(cliFolder, 'config.json');
    writeFileSync(
      cliConfig,
      JSON.stringify({
        current: 'cli-sts',
        profiles: [
          { name: 'cli-sts', mode: 'StsToken', access_key_id: CANARY_STS_ID, access_key_secret: CANARY_STS_SECRET, sts_token: CANARY_TOKEN, region_id: 'cn-beijing' },
          { name: 'cli-bad', mode: 'AK', access_key_id: 'CANARYKEYID0001', access_key_secret: `${CANARY}\u00e9`, region_id: 'cn-beijing' },
        ],
      }),
    );
    await vscode.workspace.getConfiguration('ebsDr').update('aliyunCliConfigPath', cliConfig, vscode.ConfigurationTarget.Global);
    u = user().pickLabels(['cli-sts']);
    await run('ebsDr.importAliyunCliProfiles');
    await u.notification(/Imported from the aliyun CLI/);
    // A malformed CLI config whose broken part is the canary.
    writeFileSync(cliConfig, `{"profiles": [{"name": "x", "access_key_secret": "${CANARY}`);
    u = user();
    await run('ebsDr.importAliyunCliProfiles');
    await u.notification(/not valid JSON/);
    // The Environment profile, and a wrongly set one.
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'CANARYENVKEYID03';
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = `${CANARY_ENV} oops`;
    u = user();
    fx.api.credentials.store.refresh();
    for (const p of fx.api.credentials.store.list().filter((x) => !x.readOnly)) await fx.api.credentials.store.remove(p.id);
    await u.notification(/Environment profile cannot be used/);
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = CANARY_ENV;
    fx.api.credentials.store.refresh();
    assert.equal(fx.api.credentials.activeProfileName(), 'Environment');

    // API calls with the active connection, logged to the extension's channel through the key checks, plus direct calls.
    const connection = await fx.api.credentials.connections.current();
    assert.equal((connection?.credentials as EbsCredentials | undefined)?.accessKeySecret, CANARY_ENV);
    const client = new EbsClient({ credentials: connection!.credentials, endpointTemplate: fx.emulator.url });
    assert.ok((await client.describeRegions({ resourceType: 'ear', regionId: 'cn-shanghai' })).length > 0);
    await client.listReplicaPairs('cn-hangzhou');
    for (const credentials of [
      { accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: CANARY },
      { accessKeyId: CANARY_STS_ID, accessKeySecret: CANARY_STS_SECRET, securityToken: `${CANARY_TOKEN}x` },
    ]) {
      try {
        await new EbsClient({ credentials, endpointTemplate: fx.emulator.url, retry: { maxAttempts: 1 } }).describeRegions({ regionId: 'cn-shanghai' });
        assert.fail('expected a rejection');
      } catch (error) {
        thrown.push(error);
      }
    }
    try {
      await fx.api.credentials.store.add({ name: 'x y', accessKeyId: 'CANARYKEYID0001', accessKeySecret: `${CANARY}\u0000`, defaultRegionId: 'cn-hangzhou' });
    } catch (error) {
      thrown.push(error);
    }
    // A RAM role assumed with an AccessKey entered in Add RAM Role Profile: its source secret goes to
    // SecretStorage, the temporary credentials STS issues stay in memory; both are used for real calls.
    u = user().type('canary-role').pick('An AccessKey entered now').type('CANARYROLESRC04', `${CANARY_ROLE_SOURCE} `, CANARY_ROLE_SOURCE, '', CANARY_ROLE, 'canary-session', '3600', '', '').pick('cn-hangzhou');
    await run('ebsDr.addRoleProfile');
    await u.notification(/"canary-role" is saved and active\. The role was assumed/);
    const role = await fx.api.credentials.connections.current();
    assert.equal(role?.profileName, 'canary-role');
    await new EbsClient({ credentials: role!.credentials, endpointTemplate: fx.emulator.url }).listReplicaPairs('cn-hangzhou');
    // A role that does not trust the account: the refusal is explained, with nothing secret in it.
    u = user().type('canary-untrusted').pick('An AccessKey entered now').type('CANARYROLESRC04', CANARY_ROLE_SOURCE, '', `acs:ram::${DR_ACCOUNT_ID}:role/no-such-role`, 'canary-session', '3600', '', '').pick('cn-hangzhou');
    await run('ebsDr.addRoleProfile');
    await u.notification(/"canary-untrusted" was not saved/);
    await fx.api.credentials.idle();
    assert.ok(thrown.length >= 3);
  });

  it('finds the canary secrets nowhere', async () => {
    const places: { where: string; text: string }[] = [];
    places.push({ where: 'output channel', text: fx.api.logLines().join('\n') });
    for (const [i, u] of users.entries()) {
      places.push({ where: `notifications #${i}`, text: JSON.stringify(u.notifications) });
      places.push({ where: `prompts #${i}`, text: JSON.stringify(u.prompts) });
      places.push({ where: `validation messages #${i}`, text: JSON.stringify(u.validationMessages) });
    }
    places.push({ where: 'settings', text: JSON.stringify(vscode.workspace.getConfiguration('ebsDr')) + JSON.stringify(vscode.workspace.getConfiguration().inspect('ebsDr')) });
    places.push({ where: 'global and workspace state', text: JSON.stringify(fx.api.stateDump()) });
    for (const error of thrown) {
      const e = error as Error & { cause?: unknown };
      places.push({ where: `thrown ${e?.name}`, text: `${String(e?.message)}\n${String(e?.stack)}\n${safeJson(e)}\n${e?.cause instanceof Error ? `${e.cause.message}\n${e.cause.stack}` : safeJson(e?.cause)}` });
    }
    // On disk: the user-data folder holding settings.json, the global/workspace state databases and logs
    // (the global storage folder is <user-data>/User/globalStorage/<extension>), and the extension's own folders.
    const [globalStorage] = fx.api.storageFolders();
    const userData = dirname(dirname(dirname(globalStorage ?? '')));
    const roots = new Set([userData, ...fx.api.storageFolders()]);
    const files = [...roots].flatMap(filesUnder);
    assert.ok(files.some((f) => f.path.endsWith('settings.json')), `settings.json found under ${userData}`);
    assert.ok(files.length > 5, `searched ${files.length} files`);
    for (const file of files) places.push({ where: file.path, text: file.text });
    for (const workspaceFolder of vscode.workspace.workspaceFolders ?? []) {
      for (const file of filesUnder(join(workspaceFolder.uri.fsPath, '.vscode'))) places.push({ where: file.path, text: file.text });
    }

    // The role sessions' temporary secrets and tokens, as the emulator issued them.
    const issued = await fx.emulator.admin.issuedSecrets();
    assert.ok(issued.length >= 1, 'the role was assumed');
    const canaries = [...CANARIES, ...issued.flatMap((s) => [s.AccessKeySecret, s.SecurityToken])];
    const leaks = places.flatMap(({ where, text }) => canaries.filter((c) => text.includes(c) || text.includes(Buffer.from(c, 'utf8').toString('base64'))).map((c) => `${c.slice(0, 10)}… in ${where}`));
    assert.deepEqual(leaks, []);
    // The search did look at what the flow produced.
    assert.ok(fx.api.logLines().some((l) => /DescribeRegions/.test(l)));
    assert.ok(users.some((u) => u.notifications.some((n) => /SignatureDoesNotMatch/.test(n.message))));
  });
});

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return String(value);
  }
}
