// checkAccessKey with the real EbsClient against the in-process emulator (the emulator stands in for Alibaba Cloud).
import * as assert from 'node:assert/strict';
import { checkAccessKey } from '../../../src/credentials/keyCheck';
import { EbsClient } from '../../../src/ebs/client';
import type { EbsCredentials } from '../../../src/ebs/types';
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_STS_ACCESS_KEY_ID,
  DEMO_STS_ACCESS_KEY_SECRET,
  DEMO_STS_TOKEN,
  DEMO_SCENARIO,
  startEmulator,
  type RunningEmulator,
} from '../../emulator/index';

const LIMITED = { AccessKeyId: 'LIMITEDKEYID0001', AccessKeySecret: 'LimitedSecret0000000000001', DeniedActions: ['DescribeDiskReplicaGroups'] };

describe('credentials: checking a key against the emulator', () => {
  let emulator: RunningEmulator;
  const client = (credentials: EbsCredentials, url = emulator.url) => new EbsClient({ credentials, endpointTemplate: url, retry: { maxAttempts: 1 }, timeoutMs: 5000 });

  before(async () => {
    emulator = await startEmulator({ port: 0, scenario: { ...DEMO_SCENARIO, Accounts: [...(DEMO_SCENARIO.Accounts ?? []), LIMITED] } });
  });
  after(async () => emulator?.close());
  afterEach(async () => emulator.admin.clearFaults());

  it('accepts a good key and a good STS key', async () => {
    assert.deepEqual(await checkAccessKey(client({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }), 'cn-shanghai'), { outcome: 'valid' });
    const sts = { accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN };
    assert.deepEqual(await checkAccessKey(client(sts), 'cn-shanghai'), { outcome: 'valid' });
  });

  it('rejects a wrong secret (SignatureDoesNotMatch) and an unknown key (InvalidAccessKeyId.NotFound)', async () => {
    const wrong = await checkAccessKey(client({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: 'WrongSecret000000000000000001' }), 'cn-shanghai');
    assert.equal(wrong.outcome === 'rejected' && wrong.explanation.code, 'SignatureDoesNotMatch');
    const unknown = await checkAccessKey(client({ accessKeyId: 'UNKNOWNKEYID0001', accessKeySecret: DEMO_ACCESS_KEY_SECRET }), 'cn-shanghai');
    assert.equal(unknown.outcome === 'rejected' && unknown.explanation.code, 'InvalidAccessKeyId.NotFound');
  });

  it('rejects an expired STS token', async () => {
    await emulator.admin.setFaults([{ action: 'DescribeRegions', mode: 'error', status: 400, code: 'InvalidSecurityToken.Expired', message: 'The security token you provided has expired.' }]);
    const sts = { accessKeyId: DEMO_STS_ACCESS_KEY_ID, accessKeySecret: DEMO_STS_ACCESS_KEY_SECRET, securityToken: DEMO_STS_TOKEN };
    const expired = await checkAccessKey(client(sts), 'cn-shanghai');
    assert.equal(expired.outcome === 'rejected' && expired.explanation.code, 'InvalidSecurityToken.Expired');
  });

  it('names the EBS actions a valid key may not call', async () => {
    const limited = await checkAccessKey(client({ accessKeyId: LIMITED.AccessKeyId, accessKeySecret: LIMITED.AccessKeySecret }), 'cn-shanghai');
    assert.deepEqual(limited, { outcome: 'limited', missingActions: ['ebs:DescribeDiskReplicaGroups'] });
  });

  it('says the endpoint is unreachable when nothing listens', async () => {
    const closed = await startEmulator({ port: 0 });
    const url = closed.url;
    await closed.close();
    const result = await checkAccessKey(client({ accessKeyId: DEMO_ACCESS_KEY_ID, accessKeySecret: DEMO_ACCESS_KEY_SECRET }, url), 'cn-shanghai');
    assert.equal(result.outcome, 'unreachable');
  });
});
