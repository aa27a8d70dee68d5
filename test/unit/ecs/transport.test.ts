// The transport speaks EBS unless told otherwise, and ECS when told: version, default endpoint, page size, and the
// retry rule for mutations without a ClientToken.
import * as assert from 'node:assert/strict';
import { resolveEndpoint } from '../../../src/ebs/endpoint';
import { EbsError, LocalErrorCode } from '../../../src/ebs/errors';
import { runWithRetry, sentNothing } from '../../../src/ebs/retry';
import { rpcParams, EBS_API_VERSION } from '../../../src/ebs/sdk';
import { EBS_API } from '../../../src/ebs/transport';
import { DEFAULT_ECS_ENDPOINT_TEMPLATE, ECS_API, ecsDefaultEndpointTemplate } from '../../../src/ecs/endpoint';

describe('ebs/transport for ECS', () => {
  it('keeps EBS as the default API: version 2021-07-30, https://ebs.{regionId}.aliyuncs.com', () => {
    assert.equal(rpcParams('DescribeRegions').version, '2021-07-30');
    assert.equal(EBS_API.version, EBS_API_VERSION);
    assert.equal(EBS_API.ramNamespace, 'ebs');
    assert.equal(resolveEndpoint('cn-hangzhou').url, 'https://ebs.cn-hangzhou.aliyuncs.com');
    assert.equal(resolveEndpoint('cn-hangzhou', 'http://127.0.0.1:9').url, 'http://127.0.0.1:9');
  });

  it('signs ECS requests with version 2014-05-26', () => {
    const params = rpcParams('AttachDisk', ECS_API.version);
    assert.equal(params.version, '2014-05-26');
    assert.equal(params.action, 'AttachDisk');
    assert.equal(params.style, 'RPC');
  });

  it('maps the ECS regions documented to another host, and every other region to ecs.{regionId}.aliyuncs.com', () => {
    const ecs = (regionId: string, template?: string): string => resolveEndpoint(regionId, template, ECS_API.defaultEndpointTemplate).url;
    assert.equal(DEFAULT_ECS_ENDPOINT_TEMPLATE, 'https://ecs.{regionId}.aliyuncs.com');
    assert.equal(ecs('cn-hangzhou'), 'https://ecs-cn-hangzhou.aliyuncs.com');
    assert.equal(ecs('cn-shanghai-finance-1'), 'https://ecs-cn-hangzhou.aliyuncs.com');
    assert.equal(ecs('cn-shenzhen-finance-1'), 'https://ecs-cn-hangzhou.aliyuncs.com');
    assert.equal(ecs('cn-hangzhou-finance'), 'https://ecs.aliyuncs.com');
    assert.equal(ecs('cn-north-2-gov-1'), 'https://ecs.aliyuncs.com');
    assert.equal(ecs('cn-shanghai'), 'https://ecs.cn-shanghai.aliyuncs.com');
    assert.equal(ecs('ap-southeast-1'), 'https://ecs.ap-southeast-1.aliyuncs.com');
    assert.equal(ecs('constructor'), 'https://ecs.constructor.aliyuncs.com', 'no prototype keys');
    assert.equal(ecsDefaultEndpointTemplate('eu-central-1'), DEFAULT_ECS_ENDPOINT_TEMPLATE);
    // A template set by the user is used as it is, for every region.
    assert.equal(ecs('cn-hangzhou', 'https://ecs-vpc.{regionId}.aliyuncs.com'), 'https://ecs-vpc.cn-hangzhou.aliyuncs.com');
    assert.equal(ecs('cn-hangzhou', 'http://127.0.0.1:41951'), 'http://127.0.0.1:41951');
  });

  it('tells failures that prove nothing was done from those that may follow a request the service carried out', () => {
    const network = (errno: string): EbsError => new EbsError({ code: LocalErrorCode.NetworkError, message: errno, errno });
    assert.equal(sentNothing(network('ECONNREFUSED')), true);
    assert.equal(sentNothing(network('ENOTFOUND')), true);
    assert.equal(sentNothing(new EbsError({ code: 'Throttling.User', message: 'x', httpStatus: 400 })), true);
    assert.equal(sentNothing(network('ECONNRESET')), false);
    assert.equal(sentNothing(new EbsError({ code: LocalErrorCode.Timeout, message: 'x' })), false);
    assert.equal(sentNothing(new EbsError({ code: LocalErrorCode.GatewayError, message: 'x', httpStatus: 502 })), false);
    assert.equal(sentNothing(new EbsError({ code: 'InternalError', message: 'x', httpStatus: 500 })), false);
  });

  it('with mayRetry, repeats only what it allows; without, every transient failure as before', async () => {
    const run = async (errors: EbsError[], mayRetry?: (e: EbsError) => boolean): Promise<{ attempts: number; error?: EbsError }> => {
      let attempts = 0;
      try {
        await runWithRetry(
          async () => {
            const e = errors[attempts++];
            if (e) throw e;
            return 'ok';
          },
          { policy: { maxAttempts: 4, baseDelayMs: 0, maxDelayMs: 0 }, sleep: async () => undefined, random: () => 0, signal: new AbortController().signal, remainingMs: () => 10_000, mayRetry },
        );
        return { attempts };
      } catch (error) {
        return { attempts, error: error as EbsError };
      }
    };
    const reset = new EbsError({ code: LocalErrorCode.NetworkError, message: 'reset', errno: 'ECONNRESET' });
    const refused = new EbsError({ code: LocalErrorCode.NetworkError, message: 'refused', errno: 'ECONNREFUSED' });
    assert.deepEqual(await run([reset]), { attempts: 2 });
    const once = await run([reset], sentNothing);
    assert.equal(once.attempts, 1);
    assert.equal(once.error?.errno, 'ECONNRESET');
    assert.deepEqual(await run([refused, refused], sentNothing), { attempts: 3 });
  });
});
