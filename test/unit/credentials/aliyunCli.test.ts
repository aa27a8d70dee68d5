import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliConfigPath, CliConfigError, parseCliConfig, preferredCliProfile } from '../../../src/credentials/aliyunCli';
import { formatMessage } from '../../../src/ebs/catalogue';

const fixtures = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'aliyun');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

describe('credentials: aliyun CLI config', () => {
  it('finds the file: the setting (with ~), else ~/.aliyun/config.json', () => {
    assert.equal(cliConfigPath('', '/home/sre'), join('/home/sre', '.aliyun', 'config.json'));
    assert.equal(cliConfigPath('~/keys/aliyun.json', '/home/sre'), join('/home/sre', 'keys', 'aliyun.json'));
    assert.equal(cliConfigPath('/etc/aliyun.json', '/home/sre'), '/etc/aliyun.json');
  });

  it('imports AK and StsToken profiles and says why the others cannot be imported', () => {
    const config = parseCliConfig(fixture('config.json'));
    assert.equal(config.current, 'dev');
    const byName = new Map(config.profiles.map((p) => [p.name, p]));
    assert.deepEqual(byName.get('dev')?.credentials, { accessKeyId: 'EBSDRSANDBOXKEYID01', accessKeySecret: 'EBSDRSandboxSecret0000000000001', defaultRegionId: 'cn-hangzhou' });
    assert.equal(byName.get('temp')?.credentials?.securityToken, 'CAISUgqFvirpmY+lRnHTvaFzBnYzFoCMo2RlW/am8aZOkFXDft+YCq3pvcdijxYG/EXuKAbJHJ5g0ROa23dNeNEIS7XvoBozXklLavu06l1VMwFK8hljSphFkg6R8VgpwT88ZfbVp1zJ8zeaH3URmBJo84Qivmy6b0F1Q4q/m/qd2klVvBHHMX/z6v/MeJQUcIeG5ZAvNg9qIv7kIb8FVZ+JxU0B7VxiJjCiMBePTcP/9o3SGYJOPrQzq7JWnbBIE9qRSusfhQhAMVuM5rQj0npttJcGbgqSa9oimUGKZV3U9HEsp/Hu3ZVZeT5fTJhFIgVya4X+qpfAkUE8B0r7T5Jod59SQOb8glB2VoybJcCLeQ6BfeDM90muy9/qrS3C3DvkslHzXxejBHfB8+PluO/p8J9DEgGvfdh8VrEXj0DiS4HXOYlZeku+bg3mvJWFloAqJQ8k1pf+md0Q5u5ymIChY4TGWKCmk+dk/gMqWV6s4Sh9TXzbFVJW7s2ClcuqwxvVIzkdZO8yEk5L9FtfvlBIcbRHDD+zbOz1LLm30lZT1DXRVwYsjf6ufFOf7S0xXIdvjw066sMpR7PsdCixxJcu');
    assert.match(formatMessage(byName.get('assume-dr')!.reason!), /assumes a RAM role/);
    assert.match(formatMessage(byName.get('on-ecs')!.reason!), /ECS instance/);
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
      ['It has no "mode".', 'The mode Quantum is not one EBS DR knows; only AK and StsToken profiles can be imported.', 'ok', 'An earlier profile in the file has the same name.'],
    );
  });
});
