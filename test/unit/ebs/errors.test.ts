import * as assert from 'node:assert/strict';
import { EbsError, isCancellation, isRetryableCode, toEbsError } from '../../../src/ebs/errors';

/** The plain Error tea-typescript throws for a 4xx/5xx JSON body (docs/ebs-api.md, Errors). */
function sdkResponseError(status: number, body: Record<string, unknown>): Error {
  const code = String(body.Code ?? body.code);
  const e = new Error(`${code}: code: ${status}, ${String(body.Message)} request id: ${String(body.RequestId)}`) as Error & Record<string, unknown>;
  e.code = code;
  e.data = { ...body, statusCode: status };
  e.statusCode = status;
  e.description = String(body.Description);
  return e;
}

describe('ebs/errors toEbsError', () => {
  it('maps the SDK ResponseError with code, status, RequestId, HostId, Recommend', () => {
    const err = toEbsError(
      sdkResponseError(403, {
        RequestId: 'RID-1',
        HostId: 'ebs.cn-shanghai.aliyuncs.com',
        Code: 'OperationDenied.RecoverPointNotFound',
        Message: 'Recover point is not found.',
        Recommend: 'https://api.aliyun.com/troubleshoot?q=x',
      }),
      { action: 'StartPairDrill', regionId: 'cn-shanghai' },
    );
    assert.ok(err instanceof EbsError);
    assert.equal(err.code, 'OperationDenied.RecoverPointNotFound');
    assert.equal(err.httpStatus, 403);
    assert.equal(err.requestId, 'RID-1');
    assert.equal(err.hostId, 'ebs.cn-shanghai.aliyuncs.com');
    assert.equal(err.recommend, 'https://api.aliyun.com/troubleshoot?q=x');
    assert.equal(err.serverMessage, 'Recover point is not found.');
    assert.equal(err.retryable, false);
    assert.equal(err.action, 'StartPairDrill');
    assert.equal(err.regionId, 'cn-shanghai');
    assert.ok(err.cause instanceof Error);
  });

  it('accepts lowercase code/message/requestId keys', () => {
    const err = toEbsError(sdkResponseError(400, { code: 'InvalidParameter', message: 'bad', requestId: 'r2' }));
    assert.equal(err.code, 'InvalidParameter');
    assert.equal(err.requestId, 'r2');
    assert.equal(err.serverMessage, 'bad');
  });

  it('turns a JSON error without Code into UnexpectedResponse, retryable only for 5xx', () => {
    const e400 = toEbsError(sdkResponseError(400, { Message: 'x', RequestId: 'r' }));
    assert.equal(e400.code, 'UnexpectedResponse');
    assert.equal(e400.retryable, false);
    const e500 = toEbsError(sdkResponseError(500, { Message: 'x', RequestId: 'r' }));
    assert.equal(e500.retryable, true);
    assert.equal(e500.httpStatus, 500);
  });

  it('marks Throttling*, ServiceUnavailable, LastTokenProcessing, 5xx as retryable, business 4xx not', () => {
    for (const [code, status] of [
      ['Throttling.User', 400],
      ['Throttling', 400],
      ['ServiceUnavailable', 503],
      ['LastTokenProcessing', 403],
      ['InternalError', 500],
      ['RequestTimeout', 504],
      ['SomethingNew', 502],
    ] as const) {
      assert.equal(toEbsError(sdkResponseError(status, { Code: code, RequestId: 'r' })).retryable, true, code);
    }
    for (const [code, status] of [
      ['OperationDenied.InvalidStatus', 403],
      ['Forbidden.Action', 403],
      ['InvalidParameter', 400],
      ['NoSuchResource', 404],
      ['SignatureDoesNotMatch', 400],
    ] as const) {
      assert.equal(toEbsError(sdkResponseError(status, { Code: code, RequestId: 'r' })).retryable, false, code);
    }
    assert.equal(isRetryableCode('Cancelled', 500), false);
  });

  it('maps SyntaxError from an HTML 504 / empty 502 to a retryable GatewayError keeping the observed status', () => {
    const html = toEbsError(new SyntaxError('Unexpected token \'<\', "<html><bod"... is not valid JSON'), {
      httpStatus: 504,
      contentType: 'text/html',
    });
    assert.equal(html.code, 'GatewayError');
    assert.equal(html.httpStatus, 504);
    assert.equal(html.retryable, true);
    assert.match(html.message, /HTML/);
    const empty = toEbsError(new SyntaxError('Unexpected end of JSON input'), { httpStatus: 502 });
    assert.equal(empty.code, 'GatewayError');
    assert.equal(empty.httpStatus, 502);
    assert.match(empty.message, /empty/);
  });

  it('maps SyntaxError from a 2xx/3xx to a non-retryable UnexpectedResponse, unknown status to retryable', () => {
    const ok = toEbsError(new SyntaxError('Unexpected token'), { httpStatus: 200 });
    assert.equal(ok.code, 'UnexpectedResponse');
    assert.equal(ok.retryable, false);
    const unknown = toEbsError(new SyntaxError('Unexpected end of JSON input'));
    assert.equal(unknown.code, 'UnexpectedResponse');
    assert.equal(unknown.retryable, true);
  });

  it('maps RequestTimeoutError to Timeout and socket errors to NetworkError with errno', () => {
    const timeout = new Error('ReadTimeout(500). POST http://x/?RegionId=r&PairId=p failed.');
    timeout.name = 'RequestTimeoutError';
    const t = toEbsError(timeout);
    assert.equal(t.code, 'Timeout');
    assert.doesNotMatch(t.message, /PairId|http:/);
    assert.equal(t.retryable, true);
    for (const errno of ['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND']) {
      const e = Object.assign(new Error(`socket hang upPOST http://127.0.0.1:1/?RegionId=x failed.`), { code: errno });
      const n = toEbsError(e);
      assert.equal(n.code, 'NetworkError');
      assert.equal(n.errno, errno);
      assert.equal(n.retryable, true);
      assert.doesNotMatch(n.message, /RegionId=/);
    }
  });

  it('maps "The value is not a object" and non-errors to UnexpectedResponse without throwing', () => {
    assert.equal(toEbsError(new Error('The value is not a object')).code, 'UnexpectedResponse');
    assert.equal(toEbsError('boom').code, 'UnexpectedResponse');
    assert.equal(toEbsError(undefined).code, 'UnexpectedResponse');
    assert.equal(toEbsError(null).code, 'UnexpectedResponse');
    assert.equal(toEbsError(42).code, 'UnexpectedResponse');
  });

  it('returns an EbsError unchanged and recognises cancellation', () => {
    const c = new EbsError({ code: 'Cancelled', message: 'x' });
    assert.equal(toEbsError(c), c);
    assert.equal(isCancellation(c), true);
    assert.equal(c.retryable, false);
    assert.equal(isCancellation(new Error('x')), false);
  });
});
