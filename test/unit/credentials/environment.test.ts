import * as assert from 'node:assert/strict';
import { readEnvironmentCredentials } from '../../../src/credentials/environment';

describe('credentials: environment variables', () => {
  it('is absent when neither ID nor secret is set', () => {
    assert.deepEqual(readEnvironmentCredentials({ PATH: '/bin' }), { status: 'absent' });
  });

  it('reads ID, secret, token and region', () => {
    const read = readEnvironmentCredentials({
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'FAKEENVKEYID0001',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'FakeEnvSecret000000000000001',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'FakeEnvToken/0001==',
      ALIBABA_CLOUD_REGION_ID: 'cn-beijing',
    });
    assert.deepEqual(read, {
      status: 'ok',
      credentials: { accessKeyId: 'FAKEENVKEYID0001', accessKeySecret: 'FakeEnvSecret000000000000001', securityToken: 'FakeEnvToken/0001==' },
      defaultRegionId: 'cn-beijing',
    });
  });

  it('defaults the region to cn-hangzhou', () => {
    const read = readEnvironmentCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'FAKEENVKEYID0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'FakeEnvSecret000000000000001' });
    assert.equal(read.status === 'ok' && read.defaultRegionId, 'cn-hangzhou');
  });

  it('names the variable at fault, without its value', () => {
    const onlyId = readEnvironmentCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'FAKEENVKEYID0001' });
    assert.equal(onlyId.status === 'invalid' && onlyId.variable, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
    const badSecret = readEnvironmentCredentials({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'FAKEENVKEYID0001', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'Canary secret 0001' });
    assert.equal(badSecret.status, 'invalid');
    if (badSecret.status === 'invalid') {
      assert.equal(badSecret.variable, 'ALIBABA_CLOUD_ACCESS_KEY_SECRET');
      assert.ok(!JSON.stringify(badSecret).includes('Canary'));
    }
  });
});
