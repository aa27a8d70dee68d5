// Credentials as real users hold them, in a real VS Code against the emulator: STS keys (`STS.` IDs) through the
// Environment profile, Add AccessKey Profile and Import from aliyun CLI; a RamRoleArn profile imported from an
// aliyun CLI config that reaches pairs owned by the role's (DR) account over STS served on HTTPS; renewal before
// expiry on the emulator clock; and roles that cannot be assumed, explained from the catalogue.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ReplicationTestApi } from '../../src/replication/ui/replicationView';
import type { EbsDrTestApi } from '../../src/testApi';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_ACCOUNT_ID,
  DEMO_STS_ACCESS_KEY_ID,
  DEMO_STS_ACCESS_KEY_SECRET,
  DEMO_STS_TOKEN,
  startEmulator,
  type RunningEmulator,
  type Scenario,
} from '../emulator/index';
import { CREDENTIAL_ENV } from './support/credentialsFixture';
import { eventually } from './support/drillHarness';
import { activateExtension } from './support/extension';
import { ScriptedUserInput } from './support/scriptedInput';

/** The DR account that owns the replicated pairs; the operators' RAM users live in DEMO_ACCOUNT_ID. */
const DR_ACCOUNT_ID = '1938400175623814';
const AUDIT_ACCOUNT_ID = '1470029518362750';
const OPERATOR_ROLE = `acs:ram::${DR_ACCOUNT_ID}:role/ebs-dr-operator`;
const UNTRUSTING_ROLE = `acs:ram::${DR_ACCOUNT_ID}:role/ebs-dr-auditor`;
const STARTED = /^Drill (drill-[a-z0-9]+) started for (.+) from the recovery point of (.+)$/;

function scenario(nowSec: number): Scenario {
  const pair = (id: string, name: string, account: string) => ({
    ReplicaPairId: id,
    PairName: name,
    SourceRegion: 'cn-hangzhou',
    DestinationRegion: 'cn-shanghai',
    Status: 'normal' as const,
    LastRecoverPoint: nowSec - 300,
    AccountId: account,
  });
  return {
    Accounts: [
      { AccessKeyId: DEMO_ACCESS_KEY_ID, AccessKeySecret: DEMO_ACCESS_KEY_SECRET, AccountId: DEMO_ACCOUNT_ID, UserName: 'sre-alice' },
      { AccessKeyId: DEMO_STS_ACCESS_KEY_ID, AccessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, SecurityTokens: [DEMO_STS_TOKEN], AccountId: DEMO_ACCOUNT_ID },
      // The auditors' account, the only one the auditor role trusts.
      { AccessKeyId: 'AUDITKEYID0000001', AccessKeySecret: 'AuditSecret00000000000000001', AccountId: AUDIT_ACCOUNT_ID },
    ],
    Roles: [
      { RoleName: 'ebs-dr-operator', AccountId: DR_ACCOUNT_ID, TrustedAccountIds: [DEMO_ACCOUNT_ID], MaxSessionDuration: 3600 },
      { RoleName: 'ebs-dr-auditor', AccountId: DR_ACCOUNT_ID, TrustedAccountIds: [AUDIT_ACCOUNT_ID], MaxSessionDuration: 3600 },
    ],
    ReplicaPairs: [pair('pair-src-web01', 'src-web-01', DEMO_ACCOUNT_ID), pair('pair-dr-db01', 'dr-db-01', DR_ACCOUNT_ID)],
  } as Scenario;
}

/** Every label in the Replication view, walked through the real TreeDataProvider (pairs under their regions). */
async function labels(tree: ReplicationTestApi): Promise<string[]> {
  const found: string[] = [];
  const visit = async (node: Parameters<ReplicationTestApi['provider']['getChildren']>[0], depth: number): Promise<void> => {
    for (const child of (await tree.provider.getChildren(node)) ?? []) {
      const item = await tree.provider.getTreeItem(child);
      found.push(typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
      if (depth < 3 && item.collapsibleState !== vscode.TreeItemCollapsibleState.None && !/drill/i.test(String(item.contextValue))) await visit(child, depth + 1);
    }
  };
  await visit(undefined, 0);
  return found;
}

describe('Credentials: STS keys and RAM roles (real VS Code, emulator with STS on HTTPS)', function () {
  this.timeout(90_000);
  let api: EbsDrTestApi;
  let emulator: RunningEmulator;
  let folder: string;
  const saved = new Map<string, string | undefined>();
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('ebsDr');
  const user = (): ScriptedUserInput => {
    const input = new ScriptedUserInput();
    api.setUserInput(input);
    return input;
  };
  const store = () => api.credentials.store;

  before(async () => {
    api = await activateExtension();
    // The throw-away certificate scripts/test.mjs made; this process trusts it through NODE_EXTRA_CA_CERTS.
    const dir = process.env.EBS_DR_TEST_TLS_DIR;
    assert.ok(dir, 'EBS_DR_TEST_TLS_DIR is set by the test runner');
    const tls = { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
    const now = Math.floor(Date.now() / 1000);
    emulator = await startEmulator({ port: 0, scenario: scenario(now), now: new Date(now * 1000), speed: 0, tls });
    assert.ok(emulator.httpsEndpoint);
    for (const name of CREDENTIAL_ENV) saved.set(name, process.env[name]);
    folder = mkdtempSync(join(tmpdir(), 'ebs-dr-roles-'));
    await config().update('endpointTemplate', emulator.url, vscode.ConfigurationTarget.Global);
    await config().update('stsEndpoint', emulator.httpsEndpoint, vscode.ConfigurationTarget.Global);
    await config().update('confirmBeforeDrill', false, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    for (const name of CREDENTIAL_ENV) delete process.env[name];
    for (const profile of store().list().filter((p) => !p.readOnly)) await store().remove(profile.id);
    store().refresh(true);
    await api.credentials.idle();
    await api.drills?.reset();
    await emulator.admin.reset();
  });

  after(async () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    store().refresh(true);
    for (const key of ['endpointTemplate', 'stsEndpoint', 'confirmBeforeDrill', 'aliyunCliConfigPath']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await emulator?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Shows the tree of the active profile, then starts a drill on `pairId` from its node; returns the DrillId. */
  async function treeShowsAndDrills(pairName: string, pairId: string, absent?: string): Promise<string> {
    const tree = api.replication;
    await eventually(async () => (await labels(tree)).includes(pairName), `the pair ${pairName} in the tree`, 30_000);
    if (absent) assert.ok(!(await labels(tree)).includes(absent), `${absent} belongs to another account and is not shown`);
    const input = user();
    await vscode.commands.executeCommand('ebsDr.startPairDrill', { kind: 'pair', id: `region/cn-hangzhou/pair/${pairId}`, regionId: 'cn-hangzhou', pairId });
    const shown = await input.notification(STARTED, 30_000);
    const [, drillId] = STARTED.exec(shown.message) ?? [];
    const drills = (await emulator.admin.state()).drills.filter((d) => d.Kind === 'pair' && d.PairId === pairId);
    assert.deepEqual(
      drills.map((d) => d.DrillId),
      [drillId],
      'exactly one drill, the one announced',
    );
    return drillId as string;
  }

  async function startsWith(action: string): Promise<string[]> {
    return (await emulator.admin.requests()).filter((r) => r.action === action).map((r) => r.accessKeyId ?? '');
  }

  it('an STS. key through the Environment profile shows the tree and starts a drill', async () => {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = DEMO_STS_ACCESS_KEY_ID;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = DEMO_STS_ACCESS_KEY_SECRET;
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = DEMO_STS_TOKEN;
    process.env.ALIBABA_CLOUD_REGION_ID = 'cn-hangzhou';
    store().refresh(true);
    assert.equal(store().activeProfile()?.name, 'Environment');
    assert.equal(store().activeProfile()?.kind, 'sts');
    await treeShowsAndDrills('src-web-01', 'pair-src-web01', 'dr-db-01');
    assert.deepEqual(await startsWith('StartPairDrill'), [DEMO_STS_ACCESS_KEY_ID]);
  });

  it('an STS. key through Add AccessKey Profile is checked, saved and drills', async () => {
    const input = user().type('temp-sts', DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, DEMO_STS_TOKEN).pick('cn-hangzhou');
    await vscode.commands.executeCommand('ebsDr.addProfile');
    assert.match((await input.notification(/temp-sts/)).message, /saved and active\. Alibaba Cloud accepted its AccessKey/);
    assert.deepEqual(input.validationMessages, [], 'the STS. key passed every field check');
    assert.equal(store().activeProfile()?.kind, 'sts');
    await treeShowsAndDrills('src-web-01', 'pair-src-web01');
    assert.deepEqual(await startsWith('StartPairDrill'), [DEMO_STS_ACCESS_KEY_ID]);
  });

  it('an STS. key through Import from aliyun CLI (StsToken) is imported and drills', async () => {
    const path = join(folder, 'sts.json');
    writeFileSync(
      path,
      JSON.stringify({
        current: 'cli-temp',
        profiles: [{ name: 'cli-temp', mode: 'StsToken', access_key_id: DEMO_STS_ACCESS_KEY_ID, access_key_secret: DEMO_STS_ACCESS_KEY_SECRET, sts_token: DEMO_STS_TOKEN, region_id: 'cn-hangzhou' }],
      }),
    );
    await config().update('aliyunCliConfigPath', path, vscode.ConfigurationTarget.Global);
    const input = user().pickLabels(['cli-temp']);
    await vscode.commands.executeCommand('ebsDr.importAliyunCliProfiles');
    assert.match((await input.notification(/aliyun CLI/)).message, /Imported from the aliyun CLI: cli-temp\. Active profile: cli-temp\./);
    await treeShowsAndDrills('src-web-01', 'pair-src-web01');
    assert.deepEqual(await startsWith('StartPairDrill'), [DEMO_STS_ACCESS_KEY_ID]);
  });

  it("a RamRoleArn profile imported from the aliyun CLI assumes the role and drills a pair of the role's account", async () => {
    const path = join(folder, 'role.json');
    writeFileSync(
      path,
      JSON.stringify({
        current: 'dr-operator',
        profiles: [
          {
            name: 'dr-operator',
            mode: 'RamRoleArn',
            access_key_id: DEMO_ACCESS_KEY_ID,
            access_key_secret: DEMO_ACCESS_KEY_SECRET,
            ram_role_arn: OPERATOR_ROLE,
            ram_session_name: 'sre-alice',
            expired_seconds: 3600,
            region_id: 'cn-hangzhou',
          },
        ],
      }),
    );
    await config().update('aliyunCliConfigPath', path, vscode.ConfigurationTarget.Global);
    const input = user().pickLabels(['dr-operator']);
    await vscode.commands.executeCommand('ebsDr.importAliyunCliProfiles');
    assert.match((await input.notification(/aliyun CLI/)).message, /Imported from the aliyun CLI: dr-operator\. Active profile: dr-operator\./);
    assert.equal(store().activeProfile()?.kind, 'ramRole');
    assert.equal(store().activeProfile()?.role?.roleArn, OPERATOR_ROLE);
    await treeShowsAndDrills('dr-db-01', 'pair-dr-db01', 'src-web-01');
    // The role was assumed over HTTPS with the source key; the drill was signed with the role session's STS key.
    assert.ok((await startsWith('AssumeRole')).every((id) => id === DEMO_ACCESS_KEY_ID));
    const [drillKey] = await startsWith('StartPairDrill');
    assert.match(drillKey ?? '', /^STS\.[A-Za-z0-9]+$/);
    const sessions = (await emulator.admin.state()).sessions ?? [];
    assert.ok(sessions.some((s) => s.AccessKeyId === drillKey && s.RoleArn === OPERATOR_ROLE));
    // Nothing temporary is stored: the profile keeps the source key's secret only.
    assert.ok(!JSON.stringify(api.stateDump()).includes(drillKey ?? '-'));
  });

  it('renews the role credentials before they expire on the emulator clock, with no failed call', async () => {
    // STS sessions last `expired_seconds` on the emulator clock; @alicloud/credentials renews a session 15 minutes
    // before its Expiration. Start 10 minutes behind real time with 20-minute sessions: every session is within
    // the renewal window when issued, so each use renews it; then move the clock past the first session's end.
    const now = Date.now();
    await emulator.admin.setClock(new Date(now - 600_000));
    const user1 = user();
    const path = join(folder, 'renew.json');
    writeFileSync(
      path,
      JSON.stringify({
        current: 'renewing',
        profiles: [
          { name: 'renewing', mode: 'RamRoleArn', access_key_id: DEMO_ACCESS_KEY_ID, access_key_secret: DEMO_ACCESS_KEY_SECRET, ram_role_arn: OPERATOR_ROLE, ram_session_name: 'sre-alice', expired_seconds: 1200, region_id: 'cn-hangzhou' },
        ],
      }),
    );
    await config().update('aliyunCliConfigPath', path, vscode.ConfigurationTarget.Global);
    user1.pickLabels(['renewing']);
    await vscode.commands.executeCommand('ebsDr.importAliyunCliProfiles');
    await user1.notification(/Imported from the aliyun CLI: renewing/);
    const tree = api.replication;
    await eventually(async () => (await labels(tree)).includes('dr-db-01'), 'the role account pair in the tree', 30_000);
    const first = (await emulator.admin.state()).sessions?.[0];
    assert.ok(first, 'a role session was issued');
    // 14 minutes on: the first session (20 minutes from 10 minutes ago) has ended on the emulator clock.
    await emulator.admin.setClock(new Date(now + 840_000));
    await vscode.commands.executeCommand('ebsDr.refresh');
    await tree.whenIdle();
    assert.ok((await labels(tree)).includes('dr-db-01'), 'the tree still loads with renewed credentials');
    const requests = await emulator.admin.requests();
    assert.deepEqual(
      requests.filter((r) => r.status !== 200).map((r) => `${r.action} ${r.code}`),
      [],
      'no call failed',
    );
    const sessions = (await emulator.admin.state()).sessions ?? [];
    assert.ok(sessions.length >= 2, `the role was assumed again (${sessions.length} sessions)`);
    const lastEbsCall = [...requests].reverse().find((r) => r.action === 'DescribeDiskReplicaPairs');
    assert.notEqual(lastEbsCall?.accessKeyId, first.AccessKeyId, 'the calls after the first session ended used a renewed session');
  });

  it('a role that does not trust the account, or does not exist, is refused with the catalogue explanation', async () => {
    const source = await store().add({ name: 'alice', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-hangzhou' });
    // Add RAM Role Profile: name, source profile, role ARN, session name, duration, external ID, policy, region.
    let input = user().type('auditor').pick('alice').type(UNTRUSTING_ROLE, 'sre-alice', '3600', '', '').pick('cn-hangzhou');
    await vscode.commands.executeCommand('ebsDr.addRoleProfile');
    const refused = await input.notification(/was not saved/);
    assert.match(refused.message, /^The profile "auditor" was not saved: STS refused to let this identity assume the role: .+ \(error NoPermission, RequestId [0-9A-F-]{36}\)$/);
    assert.match(refused.message, /trust policy/);
    assert.deepEqual(refused.actions, ['Edit']);
    input = user().type('ghost').pick('alice').type(`acs:ram::${DR_ACCOUNT_ID}:role/no-such-role`, 'sre-alice', '3600', '', '').pick('cn-hangzhou');
    await vscode.commands.executeCommand('ebsDr.addRoleProfile');
    assert.match((await input.notification(/was not saved/)).message, /The RAM role to assume does not exist\. .*\(error EntityNotExist\.Role, RequestId /);
    assert.deepEqual(
      store().list().map((p) => p.name),
      [source.name],
      'nothing was saved',
    );
    // A role profile with a good role from the same source is saved and active.
    input = user().type('operator').pick('alice').type(OPERATOR_ROLE, 'sre-alice', '3600', '', '').pick('cn-hangzhou');
    await vscode.commands.executeCommand('ebsDr.addRoleProfile');
    assert.match((await input.notification(/operator/)).message, /saved and active\. The role was assumed/);
    assert.equal(store().activeProfile()?.sourceProfileId, source.id);
  });

  it('a role profile whose role cannot be assumed: the view explains it with the STS reason and the ways out', async () => {
    const alice = await store().add({ name: 'alice', accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET, defaultRegionId: 'cn-hangzhou' }, false);
    // Saved without the check (as a profile whose role's trust policy changed afterwards would be).
    await store().addRole({ name: 'auditor', role: { roleArn: UNTRUSTING_ROLE, roleSessionName: 'sre-alice', durationSeconds: 3600 }, sourceProfileId: alice.id, defaultRegionId: 'cn-hangzhou' });
    const tree = api.replication;
    await eventually(() => tree.problem()?.kind === 'rejected', 'the view to explain the refused role', 30_000);
    assert.match(tree.message() ?? '', /^Alibaba Cloud refused the credentials of the profile "auditor"\. STS refused to let this identity assume the role: .+\(error NoPermission, RequestId /);
    const [problem] = (await tree.tree.getChildren(undefined)) ?? [];
    assert.ok(problem);
    assert.equal(String((await tree.tree.getTreeItem(problem)).label), 'Cannot use the profile "auditor"');
    const ways = await Promise.all(((await tree.tree.getChildren(problem)) ?? []).map(async (n) => String((await tree.tree.getTreeItem(n)).label)));
    assert.deepEqual(ways.slice(0, 2), ['Retry', 'Re-enter Secret']);
    assert.ok(ways.includes('Switch Profile'));
    // No EBS call went out for the role (there were no role credentials to sign it): only refused AssumeRole calls.
    const requests = await emulator.admin.requests();
    assert.ok(requests.some((r) => r.action === 'AssumeRole' && r.code === 'NoPermission'));
    assert.deepEqual(
      requests.filter((r) => r.action !== 'AssumeRole' && (r.accessKeyId ?? '').startsWith('STS.')),
      [],
    );
  });
});
