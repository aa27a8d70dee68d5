// RAM role and ECS instance-role profiles in the pure store: validation, resolution down to the fixed key that
// assumes the role (through other profiles, with loops and removed sources explained), one provider per profile
// while nothing changes, and how a failure of @alicloud/credentials is explained. No network: providers are built
// with the real library, which calls STS only when asked for credentials.
import * as assert from 'node:assert/strict';
import { defaultRoleSessionName, METADATA_KEY, roleAccountId, secretKeys, validateRoleArn, validateRoleDuration, validateRoleSessionName, validateSessionPolicy } from '../../../src/credentials/profiles';
import { ProfileStore } from '../../../src/credentials/store';
import { MemoryMemento, MemorySecrets } from '../support/memoryStores';
import { explainError, formatMessage } from '../../../src/ebs/catalogue';
import { credentialProviderError } from '../../../src/ebs/errors';
import { isCredentialProvider } from '../../../src/ebs/types';

const ROLE = { roleArn: 'acs:ram::1938400175623814:role/ebs-dr-operator', roleSessionName: 'sre-alice', durationSeconds: 3600 };
const SOURCE_SECRET = 'CanaryRoleSourceSecret000000001';

describe('credentials: RAM role profiles', () => {
  let secrets: MemorySecrets;
  let memento: MemoryMemento;
  let store: ProfileStore;
  let ids: number;
  let stsEndpoint: string | undefined;

  beforeEach(() => {
    secrets = new MemorySecrets();
    memento = new MemoryMemento();
    ids = 0;
    stsEndpoint = '127.0.0.1:8443';
    store = new ProfileStore(secrets, memento, () => ({}), { newId: () => `id${++ids}`, stsEndpoint: () => stsEndpoint });
  });

  it('validates role settings as STS does', () => {
    assert.equal(validateRoleArn(ROLE.roleArn), undefined);
    assert.match(formatMessage(validateRoleArn('arn:aws:iam::123:role/x')!), /is not a RAM role ARN/);
    assert.equal(validateRoleSessionName('sre.alice@corp_1-x'), undefined);
    assert.ok(validateRoleSessionName('a'));
    assert.ok(validateRoleSessionName('has space'));
    assert.equal(validateRoleDuration('900'), undefined);
    assert.equal(validateRoleDuration(43200), undefined);
    assert.ok(validateRoleDuration('899'));
    assert.ok(validateRoleDuration('1h'));
    assert.equal(validateSessionPolicy(''), undefined);
    assert.ok(validateSessionPolicy('{"Statement": ['));
    assert.equal(roleAccountId(ROLE.roleArn), '1938400175623814');
    assert.equal(defaultRoleSessionName('Zhang San'), 'ebs-dr-Zhang-San');
  });

  it('keeps the source secret in SecretStorage only, and resolves to one provider while nothing changes', async () => {
    const saved = await store.addRole({ name: 'dr', role: ROLE, defaultRegionId: 'cn-shanghai', accessKeyId: 'FAKEKEYID0000001', accessKeySecret: SOURCE_SECRET });
    assert.equal(saved.kind, 'ramRole');
    assert.equal(secrets.values.get(secretKeys(saved.id).secret), SOURCE_SECRET);
    assert.ok(!JSON.stringify(memento.values.get(METADATA_KEY)).includes(SOURCE_SECRET));
    const first = await store.resolve(saved.id);
    const second = await store.resolve();
    assert.equal(first.status, 'ok');
    assert.equal(second.status, 'ok');
    if (first.status !== 'ok' || second.status !== 'ok') return;
    assert.ok(isCredentialProvider(first.connection.credentials));
    assert.equal(first.connection.credentials, second.connection.credentials, 'the same provider (its STS session cache lives in it)');
    assert.equal(first.connection.accessKeyId, 'FAKEKEYID0000001');
    // A new STS endpoint or a new source secret means a new provider.
    stsEndpoint = '127.0.0.1:9443';
    const third = await store.resolve(saved.id);
    assert.ok(third.status === 'ok' && third.connection.credentials !== first.connection.credentials);
    await store.replaceSecrets(saved.id, 'OtherSourceSecret0000000000001');
    const fourth = await store.resolve(saved.id);
    assert.ok(fourth.status === 'ok' && third.status === 'ok' && fourth.connection.credentials !== third.connection.credentials);
  });

  it('assumes a role with another profile (chains of roles too), and explains a removed source or a loop', async () => {
    const base = await store.add({ name: 'alice', accessKeyId: 'STS.FakeStsKeyId0000000000001', accessKeySecret: SOURCE_SECRET, securityToken: 'CAISFakeToken000001', defaultRegionId: 'cn-hangzhou' });
    const operator = await store.addRole({ name: 'operator', role: ROLE, sourceProfileId: base.id, defaultRegionId: 'cn-shanghai' });
    const auditor = await store.addRole({ name: 'auditor', role: { ...ROLE, roleArn: 'acs:ram::1938400175623814:role/ebs-dr-auditor' }, sourceProfileId: operator.id, defaultRegionId: 'cn-shanghai' });
    assert.equal(operator.accessKeyId, '');
    const resolved = await store.resolve(auditor.id);
    assert.ok(resolved.status === 'ok' && isCredentialProvider(resolved.connection.credentials));
    // Nothing of the source is copied into the chained profile's metadata or secrets.
    assert.equal(secrets.values.get(secretKeys(operator.id).secret), undefined);

    await store.remove(base.id);
    const orphan = await store.resolve(operator.id);
    assert.equal(orphan.status, 'unusable');
    if (orphan.status !== 'unusable') return;
    assert.equal(orphan.problem.kind, 'sourceMissing');
    assert.equal(formatMessage(orphan.problem.message), 'The profile "operator" assumes its RAM role with another profile, which was removed.');
    assert.deepEqual(orphan.problem.remedies, ['switchProfile', 'removeProfile', 'addProfile', 'viewLogs']);
    const downstream = await store.resolve(auditor.id);
    assert.ok(downstream.status === 'unusable' && /with the profile "operator", which cannot be used/.test(formatMessage(downstream.problem.message)));

    // A loop written into the metadata (two roles assuming each other) is explained, not followed forever.
    const raw = memento.values.get(METADATA_KEY) as { profiles: { id: string; sourceProfileId?: string }[] };
    for (const p of raw.profiles) if (p.id === operator.id) p.sourceProfileId = auditor.id;
    await memento.update(METADATA_KEY, raw);
    const loop = await store.resolve(auditor.id);
    assert.ok(loop.status === 'unusable' && /loops back or is too long/.test(formatMessage(loop.problem.message)));
  });

  it('keeps a stored STS. profile and an ECS instance-role profile across restarts', async () => {
    await store.add({ name: 'temp', accessKeyId: 'STS.NSandboxEbsDr2Kd8Qm3Xv7Tp', accessKeySecret: SOURCE_SECRET, securityToken: 'CAISFakeToken000001', defaultRegionId: 'cn-hangzhou' });
    await store.addEcsRole({ name: 'on-ecs', ecsRoleName: 'EcsEbsDrRole', defaultRegionId: 'cn-hangzhou' });
    const reopened = new ProfileStore(secrets, memento, () => ({}));
    assert.deepEqual(
      reopened.list().map((p) => [p.name, p.kind, p.accessKeyId]),
      [
        ['on-ecs', 'ecsRamRole', ''],
        ['temp', 'sts', 'STS.NSandboxEbsDr2Kd8Qm3Xv7Tp'],
      ],
    );
    assert.equal(reopened.takeRecovery(), undefined, 'nothing was damaged or dropped');
  });

  it('explains failures of @alicloud/credentials from the STS answer, never as an EBS permission', () => {
    const body = JSON.stringify({ RequestId: '6894B13B-6D71-4EF5-88FA-F32781734A7F', HostId: 'sts.aliyuncs.com', Code: 'NoPermission', Message: 'You are not authorized to do this action. You should be authorized by RAM.' });
    const refused = explainError(credentialProviderError(new Error(`refresh session token failed: ${body}`)));
    assert.equal(refused.code, 'NoPermission');
    assert.equal(refused.entryCode, 'sts:NoPermission');
    assert.equal(refused.category, 'credentials');
    assert.equal(refused.requestId, '6894B13B-6D71-4EF5-88FA-F32781734A7F');
    assert.match(formatMessage(refused.summary), /^STS refused to let this identity assume the role: You are not authorized/);
    const missing = explainError(credentialProviderError(new Error(`refresh session token failed: ${JSON.stringify({ Code: 'EntityNotExist.Role', Message: 'The specified Role not exists .' })}`)));
    assert.equal(missing.entryCode, 'sts:EntityNotExist.Role');
    const badParameter = explainError(credentialProviderError(new Error(`refresh session token failed: ${JSON.stringify({ Code: 'InvalidParameter.DurationSeconds', Message: 'The Min/Max value of DurationSeconds is 15min/1hr.' })}`)));
    assert.equal(badParameter.entryCode, 'sts:InvalidParameter');
    assert.equal(explainError(credentialProviderError(new Error('the access key secret is invalid'))).code, 'SignatureDoesNotMatch');
    const refusedSocket = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8443'), { code: 'ECONNREFUSED' });
    const network = explainError(credentialProviderError(refusedSocket));
    assert.equal(network.entryCode, 'sts:NetworkError');
    assert.equal(network.retryable, true);
    const metadata = explainError(credentialProviderError(new Error('get role name failed: GET http://100.100.100.200/latest/meta-data/ram/security-credentials/ 404')));
    assert.equal(metadata.code, 'EcsMetadataUnavailable');
    assert.equal(metadata.category, 'credentials');
    assert.match(formatMessage(metadata.nextStep), /only on an ECS instance/);
  });
});
