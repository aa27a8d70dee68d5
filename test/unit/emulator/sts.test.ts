// STS 2015-04-01 on the emulator: GetCallerIdentity and AssumeRole through @alicloud/openapi-client in this process
// (plain HTTP, both signatures), and the real RAMRoleARNCredentialsProvider of @alicloud/credentials over HTTPS in a
// child process that trusts the test certificate (see credentialsWorker.ts for why a child process).
import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import OpenApi, * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import { createTestCertificate, startEmulator } from '../../emulator/index';
import type { RunningEmulator, TestCertificate } from '../../emulator/index';
import { call, callError, makeClient, MODES } from './helpers';
import type { ApiResult, SdkError, SignatureMode } from './helpers';
import { AUDIT, AUDITOR_ARN, CONTRACTOR_KEY, DEMO_KEY, DEMO_STS_KEY, DEV, OPERATOR_ARN, PROD, READONLY_KEY, ROOT_KEY, STS_SCENARIO } from './stsScenario';
import { CredentialsWorker, stsErrorBody } from './workerClient';

interface Key {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

function client(emu: RunningEmulator, key: Key, mode: SignatureMode = 'acs3'): OpenApi {
  return makeClient(emu.endpoint, { mode, ...key });
}

async function sts(c: OpenApi, action: string, query: Record<string, string> = {}): Promise<ApiResult> {
  const params = new $OpenApi.Params({ action, version: '2015-04-01', protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  return (await c.callApi(params, new $OpenApi.OpenApiRequest({ query }), new $Util.RuntimeOptions({}))) as ApiResult;
}

async function stsError(c: OpenApi, action: string, query: Record<string, string> = {}): Promise<SdkError> {
  try {
    const res = await sts(c, action, query);
    throw new Error(`expected ${action} to fail, got ${JSON.stringify(res.body)}`);
  } catch (e) {
    const err = e as Partial<SdkError> & Error;
    if (typeof err.code === 'string' && err.data) return err as SdkError;
    throw e;
  }
}

const pairIds = (res: ApiResult): string[] => (res.body.ReplicaPairs as Array<{ ReplicaPairId: string }>).map((p) => p.ReplicaPairId);

describe('STS: GetCallerIdentity and AssumeRole (in process, plain HTTP)', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ scenario: STS_SCENARIO });
  });
  after(() => emu.close());

  for (const mode of MODES) {
    it(`GetCallerIdentity names a RAM user, a root key and an STS key (${mode})`, async () => {
      const user = (await sts(client(emu, DEMO_KEY, mode), 'GetCallerIdentity')).body;
      assert.equal(user.IdentityType, 'RAMUser');
      assert.equal(user.AccountId, DEV);
      assert.match(String(user.UserId), /^\d{16}$/);
      assert.equal(user.PrincipalId, user.UserId);
      assert.equal(user.Arn, `acs:ram::${DEV}:user/ci-deployer`);
      assert.match(String(user.RequestId), /^[0-9A-F-]{36}$/);
      const root = (await sts(client(emu, ROOT_KEY, mode), 'GetCallerIdentity')).body;
      assert.deepEqual({ ...root, RequestId: undefined }, { IdentityType: 'Account', AccountId: DEV, UserId: DEV, PrincipalId: DEV, Arn: `acs:ram::${DEV}:root`, RequestId: undefined });
      const session = (await sts(client(emu, DEMO_STS_KEY, mode), 'GetCallerIdentity')).body;
      assert.equal(session.IdentityType, 'AssumedRoleUser');
      assert.equal(session.AccountId, DEV);
      assert.match(String(session.RoleId), /^\d{16}$/);
      assert.equal(session.PrincipalId, `${String(session.RoleId)}:ebs-dr-sandbox`);
    });

    it(`AssumeRole returns the documented shape and a key of the role's account (${mode})`, async () => {
      const res = await sts(client(emu, DEMO_KEY, mode), 'AssumeRole', { RoleArn: 'acs:ram::1739254086150327:role/EbsDrOperator', RoleSessionName: 'alice@ci', DurationSeconds: '3600' });
      assert.deepEqual(Object.keys(res.body), ['RequestId', 'AssumedRoleUser', 'Credentials']);
      const user = res.body.AssumedRoleUser as Record<string, string>;
      assert.equal(user.Arn, `${OPERATOR_ARN}/alice@ci`);
      assert.match(user.AssumedRoleId, /^\d{16}:alice@ci$/);
      const creds = res.body.Credentials as Record<string, string>;
      assert.deepEqual(Object.keys(creds), ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration']);
      assert.match(creds.AccessKeyId, /^STS\.[A-Za-z0-9]{25}$/);
      assert.match(creds.AccessKeySecret, /^[A-Za-z0-9]{44}$/);
      assert.match(creds.SecurityToken, /^CAIS[A-Za-z0-9+/]+={0,2}$/);
      assert.ok(creds.SecurityToken.length >= 500, `token length ${creds.SecurityToken.length}`);
      const { now } = await emu.admin.clock();
      assert.equal(creds.Expiration, new Date(Math.floor(Date.parse(now) / 1000) * 1000 + 3600_000).toISOString().replace('.000Z', 'Z'));
      const sessionClient = client(emu, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, securityToken: creds.SecurityToken }, mode);
      const me = (await sts(sessionClient, 'GetCallerIdentity')).body;
      assert.equal(me.IdentityType, 'AssumedRoleUser');
      assert.equal(me.AccountId, PROD);
      assert.equal(me.PrincipalId, user.AssumedRoleId);
      assert.equal(me.Arn, `acs:ram::${PROD}:assumed-role/ebsdroperator/alice@ci`);
      assert.deepEqual(pairIds(await call(sessionClient, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai' })), ['pair-prod-orders']);
    });
  }

  const invalid: Array<[string, Record<string, string>, string, RegExp]> = [
    ['a malformed RoleArn', { RoleArn: 'acs:ram::17392540861:role/EbsDrOperator', RoleSessionName: 'alice' }, 'InvalidParameter.RoleArn', /RoleArn is wrongly formed/],
    ['a role name with a slash', { RoleArn: `acs:ram::${PROD}:role/ops/EbsDrOperator`, RoleSessionName: 'alice' }, 'InvalidParameter.RoleArn', /wrongly formed/],
    ['a one-character session name', { RoleArn: OPERATOR_ARN, RoleSessionName: 'a' }, 'InvalidParameter.RoleSessionName', /RoleSessionName is wrongly formed/],
    ['a session name with a space', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice smith' }, 'InvalidParameter.RoleSessionName', /wrongly formed/],
    ['a 65-character session name', { RoleArn: OPERATOR_ARN, RoleSessionName: 'a'.repeat(65) }, 'InvalidParameter.RoleSessionName', /wrongly formed/],
    ['DurationSeconds under 900', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice', DurationSeconds: '899' }, 'InvalidParameter.DurationSeconds', /15min/],
    ['DurationSeconds over the role maximum', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice', DurationSeconds: '7201' }, 'InvalidParameter.DurationSeconds', /15min\/2hr/],
    ['a Policy that is not JSON', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice', Policy: '{"Version":"1",' }, 'InvalidParameter.PolicyGrammar', /grammar/],
    ['a Policy over 2048 characters', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice', Policy: JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ebs:*'], Resource: ['*'], Note: 'x'.repeat(2100) }] }) }, 'InvalidParameter.PolicySize', /2048/],
    ['an ExternalId with a space', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice', ExternalId: 'abc def' }, 'InvalidParameter.ExternalId', /wrongly formed/],
  ];
  for (const [what, query, code, message] of invalid) {
    it(`AssumeRole rejects ${what} with 400 ${code}`, async () => {
      const err = await stsError(client(emu, DEMO_KEY), 'AssumeRole', query);
      assert.equal(err.code, code);
      assert.equal(err.statusCode, 400);
      assert.match(String(err.data.Message), message);
    });
  }

  it('AssumeRole takes a session policy that is a JSON object with a Statement array', async () => {
    const policy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ebs:Describe*'], Resource: ['*'] }] });
    const res = await sts(client(emu, DEMO_KEY), 'AssumeRole', { RoleArn: OPERATOR_ARN, RoleSessionName: 'alice', Policy: policy, ExternalId: 'ebs-dr:ci' });
    assert.equal(res.statusCode, 200);
  });

  it('refuses root keys, keys denied AssumeRole and untrusted accounts with 403 NoPermission; unknown roles with 404', async () => {
    const root = await stsError(client(emu, ROOT_KEY), 'AssumeRole', { RoleArn: OPERATOR_ARN, RoleSessionName: 'root' });
    assert.deepEqual([root.statusCode, root.code, root.data.Message], [403, 'NoPermission', 'Roles may not be assumed by root accounts.']);
    const denied = await stsError(client(emu, READONLY_KEY), 'AssumeRole', { RoleArn: OPERATOR_ARN, RoleSessionName: 'viewer' });
    assert.deepEqual([denied.statusCode, denied.code, denied.data.Message], [403, 'NoPermission', 'You are not authorized to do this action. You should be authorized by RAM.']);
    const untrusted = await stsError(client(emu, DEMO_KEY), 'AssumeRole', { RoleArn: AUDITOR_ARN, RoleSessionName: 'alice' });
    assert.deepEqual([untrusted.statusCode, untrusted.code], [403, 'NoPermission']);
    const unknown = await stsError(client(emu, DEMO_KEY), 'AssumeRole', { RoleArn: `acs:ram::${PROD}:role/nosuchrole`, RoleSessionName: 'alice' });
    assert.deepEqual([unknown.statusCode, unknown.code, unknown.data.Message], [404, 'EntityNotExist.Role', 'The specified Role not exists.']);
  });

  it('GetCallerIdentity needs no permission, and the STS version knows no EBS action', async () => {
    assert.equal((await sts(client(emu, READONLY_KEY), 'GetCallerIdentity')).body.IdentityType, 'RAMUser');
    const err = await stsError(client(emu, DEMO_KEY), 'DescribeRegions');
    assert.deepEqual([err.statusCode, err.code], [404, 'InvalidApi.NotFound']);
  });

  it('each key sees and acts on its own account only: another account\'s pair is NoSuchResource', async () => {
    const dev = client(emu, DEMO_KEY);
    assert.deepEqual(pairIds(await call(dev, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai' })), ['pair-dev-web']);
    assert.deepEqual((await call(dev, 'DescribeDiskReplicaGroups', { RegionId: 'cn-shanghai' })).body.ReplicaGroups, []);
    for (const [action, query] of [
      ['StartPairDrill', { RegionId: 'cn-shanghai', PairId: 'pair-prod-orders' }],
      ['DescribePairDrills', { RegionId: 'cn-shanghai', PairId: 'pair-prod-orders' }],
      ['DescribeDiskReplicaPairProgress', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-prod-orders' }],
      ['StopDiskReplicaPair', { RegionId: 'cn-shanghai', ReplicaPairId: 'pair-prod-orders' }],
      ['StartReplicaGroupDrill', { RegionId: 'cn-shanghai', GroupId: 'pg-prod-payments' }],
    ] as const) {
      const err = await callError(dev, action, query);
      assert.equal(err.code, 'NoSuchResource', action);
    }
    const state = await emu.admin.state();
    assert.deepEqual(state.pairs.map((p) => [p.ReplicaPairId, p.AccountId]), [['pair-dev-web', DEV], ['pair-prod-orders', PROD], ['pair-audit-ledger', AUDIT]]);
    assert.deepEqual(state.groups.map((g) => g.AccountId), [PROD]);
  });

  it('logs AssumeRole like any call, and lists sessions, without secrets or tokens', async () => {
    await emu.admin.clearRequests();
    const res = await sts(client(emu, DEMO_STS_KEY, 'v2'), 'AssumeRole', { RoleArn: OPERATOR_ARN, RoleSessionName: 'log-check' });
    const creds = res.body.Credentials as Record<string, string>;
    const entry = (await emu.admin.requests()).find((r) => r.action === 'AssumeRole');
    assert.ok(entry);
    assert.equal(entry.version, '2015-04-01');
    assert.equal(entry.status, 200);
    assert.equal(entry.accessKeyId, DEMO_STS_KEY.accessKeyId);
    assert.equal(entry.params.RoleSessionName, 'log-check');
    const state = await emu.admin.state();
    const session = state.sessions.find((s) => s.AccessKeyId === creds.AccessKeyId);
    assert.deepEqual(session, { AccessKeyId: creds.AccessKeyId, RoleArn: OPERATOR_ARN, RoleSessionName: 'log-check', AccountId: PROD, Expiration: creds.Expiration });
    const text = JSON.stringify([await emu.admin.requests(), state]);
    for (const secret of [creds.AccessKeySecret, creds.SecurityToken, DEMO_STS_KEY.securityToken, DEMO_STS_KEY.accessKeySecret]) assert.ok(!text.includes(secret));
  });

  it('a call signed with an expired session gets 400 InvalidSecurityToken.Expired; reset forgets sessions', async () => {
    const res = await sts(client(emu, DEMO_KEY), 'AssumeRole', { RoleArn: OPERATOR_ARN, RoleSessionName: 'short', DurationSeconds: '900' });
    const creds = res.body.Credentials as Record<string, string>;
    const session = client(emu, { accessKeyId: creds.AccessKeyId, accessKeySecret: creds.AccessKeySecret, securityToken: creds.SecurityToken });
    await emu.admin.advance(899);
    assert.equal((await call(session, 'DescribeRegions')).statusCode, 200);
    await emu.admin.advance(1);
    const err = await callError(session, 'DescribeRegions');
    assert.deepEqual([err.statusCode, err.code, err.data.Message], [400, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.']);
    await emu.admin.setClock(new Date());
    await emu.admin.reset();
    assert.deepEqual((await emu.admin.state()).sessions, []);
    assert.equal((await callError(session, 'DescribeRegions')).code, 'InvalidAccessKeyId.NotFound');
  });
});

describe('STS: the real RAMRoleARNCredentialsProvider over HTTPS', () => {
  let emu: RunningEmulator;
  let cert: TestCertificate;
  let worker: CredentialsWorker;
  let n = 0;
  const name = (): string => `p${++n}`;

  before(async () => {
    cert = createTestCertificate();
    emu = await startEmulator({ scenario: STS_SCENARIO, tls: { key: cert.key, cert: cert.cert } });
    worker = new CredentialsWorker(cert.certFile);
  });
  after(async () => {
    await worker.close();
    await emu.close();
    rmSync(cert.dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await emu.admin.setClock(new Date());
  });

  const assumeRoleCalls = async (): Promise<number> => (await emu.admin.requests()).filter((r) => r.action === 'AssumeRole' && r.status === 200).length;

  it('serves HTTPS on a second port of the same host', () => {
    assert.ok(emu.httpsEndpoint && emu.httpsUrl);
    assert.equal(emu.httpsUrl, `https://${emu.httpsEndpoint}`);
    assert.notEqual(emu.httpsEndpoint, emu.endpoint);
    assert.match(emu.httpsEndpoint, /^127\.0\.0\.1:\d+$/);
  });

  it('assumes a role; an openapi-client call with that provider lists the role account\'s pairs', async () => {
    const p = name();
    await worker.provider({ name: p, source: DEMO_KEY, roleArn: OPERATOR_ARN, roleSessionName: 'alice', stsEndpoint: emu.httpsEndpoint ?? '' });
    const creds = await worker.credentials(p);
    assert.match(creds.accessKeyId, /^STS\.[A-Za-z0-9]{25}$/);
    assert.equal(creds.providerName, 'ram_role_arn/static_ak');
    const res = await worker.call({ provider: p, endpoint: emu.endpoint, action: 'DescribeDiskReplicaPairs', version: '2021-07-30', query: { RegionId: 'cn-shanghai' } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual((res.body?.ReplicaPairs as Array<{ ReplicaPairId: string }>).map((x) => x.ReplicaPairId), ['pair-prod-orders']);
    const me = await worker.call({ provider: p, endpoint: emu.endpoint, action: 'GetCallerIdentity', version: '2015-04-01' });
    assert.equal(me.body?.Arn, `acs:ram::${PROD}:assumed-role/ebsdroperator/alice`);
  });

  it('chains roles: a role session assumes a role of a third account (with SecurityToken in the query)', async () => {
    const first = name();
    const second = name();
    await worker.provider({ name: first, source: DEMO_STS_KEY, roleArn: OPERATOR_ARN, roleSessionName: 'hop-1', stsEndpoint: emu.httpsEndpoint ?? '' });
    await worker.provider({ name: second, source: { provider: first }, roleArn: AUDITOR_ARN, roleSessionName: 'hop-2', stsEndpoint: emu.httpsEndpoint ?? '' });
    const me = await worker.call({ provider: second, endpoint: emu.endpoint, action: 'GetCallerIdentity', version: '2015-04-01' });
    assert.equal(me.body?.AccountId, AUDIT);
    const pairs = await worker.call({ provider: second, endpoint: emu.endpoint, action: 'DescribeDiskReplicaPairs', version: '2021-07-30', query: { RegionId: 'cn-shanghai' } });
    assert.deepEqual((pairs.body?.ReplicaPairs as Array<{ ReplicaPairId: string }>).map((x) => x.ReplicaPairId), ['pair-audit-ledger']);
    const denied = await worker.call({ provider: second, endpoint: emu.endpoint, action: 'StartPairDrill', version: '2021-07-30', query: { RegionId: 'cn-shanghai', PairId: 'pair-audit-ledger' } });
    assert.equal(denied.error?.code, 'Forbidden.Action');
    const log = (await emu.admin.requests()).filter((r) => r.action === 'AssumeRole' && r.params.RoleSessionName === 'hop-2');
    assert.equal(log.length, 1);
    assert.match(String(log[0].accessKeyId), /^STS\./);
    assert.equal(log[0].signatureMethod, 'HMAC-SHA1');
  });

  it('an untrusted account gets NoPermission, an unknown role EntityNotExist.Role, a long duration InvalidParameter.DurationSeconds', async () => {
    const cases: Array<[Key, string, number | undefined, number, string]> = [
      [CONTRACTOR_KEY, OPERATOR_ARN, undefined, 403, 'NoPermission'],
      [DEMO_KEY, `acs:ram::${PROD}:role/ebsdrdeployer`, undefined, 404, 'EntityNotExist.Role'],
      [DEMO_KEY, OPERATOR_ARN, 7201, 400, 'InvalidParameter.DurationSeconds'],
    ];
    for (const [key, arn, duration, status, code] of cases) {
      const p = name();
      await worker.provider({ name: p, source: key, roleArn: arn, roleSessionName: 'bob', durationSeconds: duration, stsEndpoint: emu.httpsEndpoint ?? '' });
      const message = await worker.credentials(p).then(
        () => assert.fail(`expected ${code}`),
        (e: Error) => e.message,
      );
      assert.match(message, /^refresh session token failed: /);
      assert.equal(stsErrorBody(message).Code, code);
      const entry = (await emu.admin.requests()).filter((r) => r.action === 'AssumeRole').pop();
      assert.deepEqual([entry?.status, entry?.code], [status, code]);
    }
  });

  it('a call with an expired session gets InvalidSecurityToken.Expired once the emulator clock passes Expiration', async () => {
    const p = name();
    await worker.provider({ name: p, source: DEMO_KEY, roleArn: OPERATOR_ARN, roleSessionName: 'expiring', durationSeconds: 3600, stsEndpoint: emu.httpsEndpoint ?? '' });
    const query = { RegionId: 'cn-shanghai' };
    assert.equal((await worker.call({ provider: p, endpoint: emu.endpoint, action: 'DescribeDiskReplicaPairs', version: '2021-07-30', query })).statusCode, 200);
    await emu.admin.advance(3600);
    // The provider still holds the session (by real time it is fresh) and signs with it.
    const res = await worker.call({ provider: p, endpoint: emu.endpoint, action: 'DescribeDiskReplicaPairs', version: '2021-07-30', query });
    assert.deepEqual([res.error?.statusCode, res.error?.code], [400, 'InvalidSecurityToken.Expired']);
  });

  it('the provider calls AssumeRole again only when Expiration is within 900 s of (real) now', async () => {
    // Expiration = emulator now + DurationSeconds. Emulator 600 s ahead, 1000 s sessions: 1600 s left, cached.
    await emu.admin.setClock(new Date(Date.now() + 600_000));
    const cached = name();
    await worker.provider({ name: cached, source: DEMO_KEY, roleArn: OPERATOR_ARN, roleSessionName: 'cached', durationSeconds: 1000, stsEndpoint: emu.httpsEndpoint ?? '' });
    const before = await assumeRoleCalls();
    const a = await worker.credentials(cached);
    const b = await worker.credentials(cached);
    assert.equal(b.accessKeyId, a.accessKeyId);
    assert.equal((await assumeRoleCalls()) - before, 1);
    // Emulator 200 s behind: 800 s left, inside the stale window, so every use refreshes.
    await emu.admin.setClock(new Date(Date.now() - 200_000));
    const stale = name();
    await worker.provider({ name: stale, source: DEMO_KEY, roleArn: OPERATOR_ARN, roleSessionName: 'stale', durationSeconds: 1000, stsEndpoint: emu.httpsEndpoint ?? '' });
    const start = await assumeRoleCalls();
    const c = await worker.credentials(stale);
    const d = await worker.credentials(stale);
    assert.notEqual(d.accessKeyId, c.accessKeyId);
    assert.equal((await assumeRoleCalls()) - start, 2);
  });

  it('EcsRamRole: the instance metadata hands out a session of InstanceRamRole (no traffic leaves loopback)', async () => {
    const creds = await worker.ecsCredentials(emu.port);
    assert.match(creds.accessKeyId, /^STS\.[A-Za-z0-9]{25}$/);
    assert.equal(creds.providerName, 'ecs_ram_role');
    const again = await worker.ecsCredentials(emu.port, 'EcsEbsDrRole');
    assert.equal(again.accessKeyId, creds.accessKeyId);
    const session = makeClient(emu.endpoint, { accessKeyId: creds.accessKeyId, accessKeySecret: creds.accessKeySecret, securityToken: creds.securityToken });
    assert.deepEqual(pairIds(await call(session, 'DescribeDiskReplicaPairs', { RegionId: 'cn-shanghai' })), ['pair-prod-orders']);
    const paths = (await emu.admin.requests()).filter((r) => r.path.startsWith('/latest/')).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.ok(paths.includes('PUT /latest/api/token 200'), paths.join('\n'));
    assert.ok(paths.includes('GET /latest/meta-data/ram/security-credentials/ 200'), paths.join('\n'));
    assert.ok(paths.includes('GET /latest/meta-data/ram/security-credentials/EcsEbsDrRole 200'), paths.join('\n'));
    const unknown = await worker.ecsCredentials(emu.port, 'OtherRole').then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    assert.match(unknown, /httpStatus: 404/);
  });
});
