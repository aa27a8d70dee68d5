import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliConfigPath, CliConfigError, importOrder, parseCliConfig, preferredCliProfile } from '../../../src/credentials/aliyunCli';
import { formatMessage } from '../../../src/ebs/catalogue';

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'aliyun');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

describe('credentials: aliyun CLI config', () => {
  it('finds the file: the setting (with ~), else ~/.aliyun/config.json', () => {
    assert.equal(cliConfigPath('', '/home/sre'), join('/home/sre', '.aliyun', 'config.json'));
    assert.equal(cliConfigPath('~/keys/aliyun.json', '/home/sre'), join('/home/sre', 'keys', 'aliyun.json'));
    assert.equal(cliConfigPath('/etc/aliyun.json', '/home/sre'), '/etc/aliyun.json');
  });

  it('imports AK, StsToken, RamRoleArn, ChainableRamRoleArn and EcsRamRole profiles and says why the others cannot be imported', () => {
    const config = parseCliConfig(fixture('config.json'));
    assert.equal(config.current, 'dev');
    const byName = new Map(config.profiles.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('dev')?.credentials, { accessKeyId: 'EBSDRSANDBOXKEYID01', accessKeySecret: 'EBSDRSandboxSecret0000000000001', defaultRegionId: 'cn-hangzhou' });
    assert.equal(byName.get('temp')?.credentials?.securityToken, 'CAISUgqFvirpmY+lRnHTvaFzBnYzFoCMo2RlW/am8aZOkFXDft+YCq3pvcdijxYG/EXuKAbJHJ5g0ROa23dNeNEIS7XvoBozXklLavu06l1VMwFK8hljSphFkg6R8VgpwT88ZfbVp1zJ8zeaH3URmBJo84Qivmy6b0F1Q4q/m/qd2klVvBHHMX/z6v/MeJQUcIeG5ZAvNg9qIv7kIb8FVZ+JxU0B7VxiJjCiMBePTcP/9o3SGYJOPrQzq7JWnbBIE9qRSusfhQhAMVuM5rQj0npttJcGbgqSa9oimUGKZV3U9HEsp/Hu3ZVZeT5fTJhFIgVya4X+qpfAkUE8B0r7T5Jod59SQOb8glB2VoybJcCLeQ6BfeDM90muy9/qrS3C3DvkslHzXxejBHfB8+PluO/p8J9DEgGvfdh8VrEXj0DiS4HXOYlZeku+bg3mvJWFloAqJQ8k1pf+md0Q5u5ymIChY4TGWKCmk+dk/gMqWV6s4Sh9TXzbFVJW7s2ClcuqwxvVIzkdZO8yEk5L9FtfvlBIcbRHDD+zbOz1LLm30lZT1DXRVwYsjf6ufFOf7S0xXIdvjw066sMpR7PsdCixxJcu');
    assert.equal(byName.get('temp')?.credentials?.accessKeyId.startsWith('STS.'), true);
    assert.deepEqual(byName.get('assume-dr')?.role, {
      role: { roleArn: 'acs:ram::1938400175623814:role/ebs-dr-operator', roleSessionName: 'sre-alice', durationSeconds: 1800, externalId: 'abcd1234-dr' },
      defaultRegionId: 'cn-beijing',
      source: { accessKeyId: 'ROLESOURCEKEYID0003', accessKeySecret: 'FakeRoleSourceSecret00000000003' },
    });
    assert.deepEqual(byName.get('chain-auditor')?.role, {
      role: { roleArn: 'acs:ram::1938400175623814:role/ebs-dr-auditor', roleSessionName: 'sre-alice-audit', durationSeconds: 3600 },
      defaultRegionId: 'cn-shanghai',
      sourceProfile: 'assume-dr',
    });
    assert.deepEqual(byName.get('on-ecs')?.ecsRole, { roleName: 'EcsEbsDrRole', defaultRegionId: 'cn-hangzhou' });
    assert.match(formatMessage(byName.get('oidc-ci')!.reason!), /OIDC token/);
    assert.equal(byName.get('broken-ak')?.reasonField, 'access_key_id');
    assert.equal(byName.get('broken-ak')?.credentials, undefined);
  });

  it('prefers ALIBABA_CLOUD_PROFILE, else current', () => {
    const config = parseCliConfig(fixture('config.json'));
    assert.equal(preferredCliProfile(config, {}), 'dev');
    assert.equal(preferredCliProfile(config, { ALIBABA_CLOUD_PROFILE: 'temp' }), 'temp');
    assert.equal(preferredCliProfile(config, { ALIBABA_CLOUD_PROFILE: 'nope' }), 'dev');
  });

  it('rejects malformed files with a message that quotes none of the content', () => {
    assert.throws(
      () => parseCliConfig(fixture('malformed.json')),
      (e: unknown) => e instanceof CliConfigError && /not valid JSON/.test(e.message) && !e.message.includes('FAKEKEYID'),
    );
    assert.throws(() => parseCliConfig(fixture('no-profiles.json')), /no "profiles" list/);
    assert.throws(() => parseCliConfig('[]'), /JSON object/);
  });

  it('flags profiles without a mode, unknown modes and duplicate names', () => {
    const config = parseCliConfig(JSON.stringify({ profiles: [{ name: 'a' }, { name: 'b', mode: 'Quantum' }, { name: 'c', mode: 'AK', access_key_id: 'FAKEKEYID000001', access_key_secret: 'FakeSecret000000001' }, { name: 'c', mode: 'AK' }] }));
    assert.deepEqual(
      config.profiles.map((p) => (p.reason ? formatMessage(p.reason) : 'ok')),
      ['It has no "mode".', 'The mode Quantum is not one EBS DR knows; only AK, StsToken, RamRoleArn, ChainableRamRoleArn and EcsRamRole profiles can be imported.', 'ok', 'An earlier profile in the file has the same name.'],
    );
  });

  it('names the field at fault in a role profile, and orders a chained role after its source', () => {
    const config = parseCliConfig(
      JSON.stringify({
        profiles: [
          { name: 'chain', mode: 'ChainableRamRoleArn', source_profile: 'base', ram_role_arn: 'acs:ram::1938400175623814:role/dr', ram_session_name: 'sre' },
          { name: 'bad-arn', mode: 'RamRoleArn', access_key_id: 'FAKEKEYID000001', access_key_secret: 'FakeSecret000000001', ram_role_arn: 'arn:aws:iam::1:role/x', ram_session_name: 'sre' },
          { name: 'bad-session', mode: 'RamRoleArn', access_key_id: 'FAKEKEYID000001', access_key_secret: 'FakeSecret000000001', ram_role_arn: 'acs:ram::1938400175623814:role/dr', ram_session_name: 'a b' },
          { name: 'short', mode: 'RamRoleArn', access_key_id: 'FAKEKEYID000001', access_key_secret: 'FakeSecret000000001', ram_role_arn: 'acs:ram::1938400175623814:role/dr', ram_session_name: 'sre', expired_seconds: 300 },
          { name: 'no-source', mode: 'ChainableRamRoleArn', ram_role_arn: 'acs:ram::1938400175623814:role/dr', ram_session_name: 'sre' },
          { name: 'base', mode: 'AK', access_key_id: 'STS.FakeStsKeyId0000000000001', access_key_secret: 'FakeSecret000000001' },
        ],
      }),
    );
    const field = new Map(config.profiles.map((p) => [p.name, p.reasonField]));
    assert.equal(field.get('bad-arn'), 'ram_role_arn');
    assert.equal(field.get('bad-session'), 'ram_session_name');
    assert.equal(field.get('short'), 'expired_seconds');
    assert.equal(field.get('no-source'), 'source_profile');
    assert.deepEqual(
      importOrder(config.profiles.filter((p) => p.name === 'chain' || p.name === 'base')).map((p) => p.name),
      ['base', 'chain'],
    );
  });
});
