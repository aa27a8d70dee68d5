import * as assert from 'node:assert/strict';
import { ERROR_CATALOGUE, explainError, formatMessage } from '../../../src/ebs/catalogue';
import { EbsClient } from '../../../src/ebs/client';
import { EbsError, LocalErrorCode } from '../../../src/ebs/errors';
import { DEMO_SCENARIO, DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, Scenario } from '../../emulator';
import { useEmulator } from './emulatorFixture';

async function rejection(promise: Promise<unknown>): Promise<EbsError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof EbsError, `expected EbsError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

const SCENARIO: Scenario = {
  ...DEMO_SCENARIO,
  Accounts: [
    ...(DEMO_SCENARIO.Accounts ?? []),
    { AccessKeyId: 'DENIEDKEY0001', AccessKeySecret: 'DeniedSecret0001', DeniedActions: ['StartPairDrill'] },
    { AccessKeyId: 'POORKEY0001', AccessKeySecret: 'PoorSecret0001', NotEnoughBalance: true },
    { AccessKeyId: 'NOSLRKEY0001', AccessKeySecret: 'NoSlrSecret0001', NoServiceLinkedRole: true },
  ],
};

/** The HTTP status the service documents for a code (docs/ebs-api.md, Drills and Errors). */
function statusFor(code: string): number {
  if (/^(InternalError)$/.test(code)) return 500;
  if (code === 'ServiceUnavailable') return 503;
  if (code === 'RequestTimeout') return 504;
  if (/^(NoSuchResource|InvalidApi|InvalidAction|InvalidAccessKeyId)/.test(code)) return 404;
  if (/^(Forbidden|OperationDenied|InvalidAccountStatus|LastTokenProcessing|NoPermission)/.test(code)) return 403;
  return 400;
}

const LOCAL: ReadonlySet<string> = new Set(Object.values(LocalErrorCode));

describe('ebs/catalogue against the emulator', function () {
  const fx = useEmulator({ scenario: SCENARIO });
  const as = (accessKeyId: string, accessKeySecret: string, securityToken?: string): EbsClient =>
    fx.client({ credentials: { accessKeyId, accessKeySecret, securityToken }, retry: { maxAttempts: 1 } });

  /** Asserts the code, that the catalogue entry for exactly that code was chosen, and returns the explanation. */
  function expectEntry(err: EbsError, code: string): ReturnType<typeof explainError> {
    assert.equal(err.code, code);
    const x = explainError(err);
    assert.equal(x.entryCode, code, `catalogue entry for ${code}`);
    assert.ok(err.requestId, `${code}: RequestId kept`);
    assert.ok(err.hostId, `${code}: HostId kept`);
    assert.ok(err.recommend, `${code}: Recommend kept`);
    return x;
  }

  describe('codes the emulator produces by itself', () => {
    it('OperationDenied.RecoverPointNotFound: no recovery point yet', async () => {
      const err = await rejection(fx.client().startPairDrill({ regionId: 'cn-beijing', pairId: 'pair-demo-init01' }));
      const x = expectEntry(err, 'OperationDenied.RecoverPointNotFound');
      assert.equal(x.category, 'state');
      assert.match(formatMessage(x.nextStep), /first replication cycle to complete/);
    });

    it('OperationDenied.StartDrillShouldOnDestRegion: names the wrong region', async () => {
      const err = await rejection(fx.client().startPairDrill({ regionId: 'cn-hangzhou', pairId: 'pair-demo-web01' }));
      const x = expectEntry(err, 'OperationDenied.StartDrillShouldOnDestRegion');
      assert.deepEqual(x.summary.args, ['cn-hangzhou']);
    });

    it('Forbidden.Action: names the RAM action', async () => {
      const err = await rejection(as('DENIEDKEY0001', 'DeniedSecret0001').startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01' }));
      const x = expectEntry(err, 'Forbidden.Action');
      assert.equal(x.category, 'permission');
      assert.equal(formatMessage(x.summary), 'The RAM policy does not allow the action ebs:StartPairDrill.');
    });

    it('InvalidAccountStatus.NotEnoughBalance → billing; NoPermission.SLR → permission', async () => {
      const poor = await rejection(as('POORKEY0001', 'PoorSecret0001').startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01' }));
      assert.equal(expectEntry(poor, 'InvalidAccountStatus.NotEnoughBalance').category, 'billing');
      const slr = await rejection(as('NOSLRKEY0001', 'NoSlrSecret0001').startReplicaGroupDrill({ regionId: 'cn-shanghai', groupId: 'pg-demo-orders' }));
      assert.equal(expectEntry(slr, 'NoPermission.SLR').category, 'permission');
    });

    it('credential failures → credentials category', async () => {
      const wrongSecret = await rejection(as(SCENARIO.Accounts?.[0]?.AccessKeyId ?? '', 'not-the-secret').describeRegions());
      assert.equal(expectEntry(wrongSecret, 'SignatureDoesNotMatch').category, 'credentials');
      const unknownKey = await rejection(as('NOSUCHKEY', 'x').describeRegions());
      assert.equal(expectEntry(unknownKey, 'InvalidAccessKeyId.NotFound').category, 'credentials');
      const badToken = await rejection(as(DEMO_STS_ACCESS_KEY_ID, DEMO_STS_ACCESS_KEY_SECRET, 'not-the-token').describeRegions());
      assert.match(badToken.code, /^InvalidSecurityToken\./);
      assert.equal(explainError(badToken).entryCode, 'InvalidSecurityToken');
      assert.equal(explainError(badToken).category, 'credentials');
    });

    it('NoSuchResource, OperationDenied.InvalidStatus, IdempotentParameterMismatch, InvalidParameter.Format', async () => {
      const client = fx.client({ retry: { maxAttempts: 1 } });
      expectEntry(await rejection(client.describePairDrills('cn-shanghai', 'pair-does-not-exist')), 'NoSuchResource');
      const { drillId } = await client.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01', clientToken: 'tok-x' });
      const busy = await rejection(client.clearPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-web01', drillId }));
      assert.equal(expectEntry(busy, 'OperationDenied.InvalidStatus').category, 'state');
      const mismatch = await rejection(client.startPairDrill({ regionId: 'cn-shanghai', pairId: 'pair-demo-crm01', clientToken: 'tok-x' }));
      expectEntry(mismatch, 'IdempotentParameterMismatch');
      const format = await rejection(client.describePairDrills('cn-shanghai', 'not_a_pair'));
      assert.equal(expectEntry(format, 'InvalidParameter.Format').category, 'input');
    });
  });

  describe('every catalogued service code, injected by the emulator', () => {
    const serverCodes = ERROR_CATALOGUE.map((e) => e.code).filter((c) => !LOCAL.has(c));

    it(`maps all ${serverCodes.length} codes to their own entry with status, RequestId, HostId and Recommend`, async () => {
      const client = fx.client({ retry: { maxAttempts: 1 } });
      for (const code of serverCodes) {
        const status = statusFor(code);
        await fx.emulator.admin.setFaults([{ action: 'DescribeRegions', mode: 'error', status, code, message: `injected ${code}`, times: 1 }]);
        const err = await rejection(client.describeRegions({ regionId: 'cn-hangzhou' }));
        const x = expectEntry(err, code);
        assert.equal(err.httpStatus, status, code);
        assert.equal(err.serverMessage, `injected ${code}`);
        assert.equal(x.retryable, err.retryable);
        const shouldRetry = status >= 500 || code === 'Throttling' || code === 'LastTokenProcessing';
        assert.equal(err.retryable, shouldRetry, `${code} retryable`);
      }
    });

    it('an unknown code gets the generic entry that shows the server message', async () => {
      await fx.emulator.admin.setFaults([{ action: 'DescribeRegions', mode: 'error', status: 400, code: 'Brand.NewCode', message: 'Something new happened.' }]);
      const err = await rejection(fx.client({ retry: { maxAttempts: 1 } }).describeRegions());
      const x = explainError(err);
      assert.equal(x.entryCode, '*');
      assert.equal(formatMessage(x.summary), 'Alibaba Cloud returned the error Brand.NewCode: Something new happened.');
      assert.equal(x.requestId, err.requestId);
    });
  });
});

describe('ebs/catalogue against an emulator with a skewed clock', function () {
  const fx = useEmulator({ now: '2020-01-01T00:00:00Z' });
  it('InvalidTimeStamp.Expired → fix the clock', async () => {
    const err = await rejection(fx.client({ retry: { maxAttempts: 1 } }).describeRegions());
    assert.equal(err.code, 'InvalidTimeStamp.Expired');
    assert.match(formatMessage(explainError(err).nextStep), /date, time and time zone/);
  });
});
