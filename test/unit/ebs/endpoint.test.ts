import * as assert from 'node:assert/strict';
import { EbsError } from '../../../src/ebs/errors';
import { isLoopbackHost, resolveEndpoint, withoutCredentials } from '../../../src/ebs/endpoint';

function configError(fn: () => unknown): EbsError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof EbsError);
    assert.equal(e.code, 'ConfigurationError');
    assert.equal(e.retryable, false);
    return e;
  }
  assert.fail('expected a ConfigurationError');
}

describe('ebs/endpoint', () => {
  it('defaults to https://ebs.{regionId}.aliyuncs.com', () => {
    assert.deepEqual(resolveEndpoint('cn-hangzhou'), {
      protocol: 'https',
      endpoint: 'ebs.cn-hangzhou.aliyuncs.com',
      url: 'https://ebs.cn-hangzhou.aliyuncs.com',
    });
    assert.equal(resolveEndpoint('cn-hangzhou', '  ').endpoint, 'ebs.cn-hangzhou.aliyuncs.com');
  });

  it('substitutes the template and keeps the port', () => {
    assert.deepEqual(resolveEndpoint('ap-southeast-1', 'https://ebs-vpc.{regionId}.aliyuncs.com:8443/'), {
      protocol: 'https',
      endpoint: 'ebs-vpc.ap-southeast-1.aliyuncs.com:8443',
      url: 'https://ebs-vpc.ap-southeast-1.aliyuncs.com:8443',
    });
    assert.equal(resolveEndpoint('cn-beijing', 'http://127.0.0.1:41951').endpoint, '127.0.0.1:41951');
    assert.equal(resolveEndpoint('cn-beijing', 'http://localhost:1').protocol, 'http');
    assert.equal(resolveEndpoint('cn-beijing', 'http://[::1]:9').endpoint, '[::1]:9');
  });

  it('accepts http only for loopback hosts', () => {
    const e = configError(() => resolveEndpoint('cn-beijing', 'http://ebs.{regionId}.aliyuncs.com'));
    assert.match(e.message, /only allowed for localhost/);
    configError(() => resolveEndpoint('cn-beijing', 'http://10.0.0.1:80'));
    configError(() => resolveEndpoint('cn-beijing', 'http://127.0.0.1.example.com'));
    assert.ok(isLoopbackHost('127.1.2.3'));
    assert.ok(isLoopbackHost('[::1]'));
    assert.ok(!isLoopbackHost('128.0.0.1'));
  });

  it('rejects malformed templates with a clear message', () => {
    configError(() => resolveEndpoint('cn-beijing', 'ebs.{regionId}.aliyuncs.com'));
    configError(() => resolveEndpoint('cn-beijing', 'ftp://x'));
    configError(() => resolveEndpoint('cn-beijing', 'https://ebs.{region}.aliyuncs.com'));
    configError(() => resolveEndpoint('cn-beijing', 'https://host/path'));
    configError(() => resolveEndpoint('cn-beijing', 'https://host/?a=1'));
    configError(() => resolveEndpoint('cn-beijing', 'https://user:pw@host'));
    configError(() => resolveEndpoint('../evil', undefined));
    configError(() => resolveEndpoint('CN_X', undefined));
  });

  it('never quotes a user name or password of the template back in its messages', () => {
    for (const template of ['https://ops:S3cretPassw0rd@ebs.{regionId}.aliyuncs.com', 'ops:S3cretPassw0rd@ebs.{regionId}.aliyuncs.com', 'https://ops:S3cretPassw0rd@host/path', 'ftp://ops:S3cretPassw0rd@host']) {
      const e = configError(() => resolveEndpoint('cn-beijing', template));
      assert.doesNotMatch(e.message, /S3cretPassw0rd|ops:/, template);
      assert.match(e.message, /\*\*\*@/, template);
    }
    assert.equal(withoutCredentials('https://ops:S3cretPassw0rd@ebs.{regionId}.aliyuncs.com'), 'https://***@ebs.{regionId}.aliyuncs.com');
    assert.equal(withoutCredentials('https://ebs.{regionId}.aliyuncs.com/a@b'), 'https://ebs.{regionId}.aliyuncs.com/a@b');
  });
});
