// Which failed starts may have started a drill, and which drill of a later listing is the action's own.
import * as assert from 'node:assert/strict';
import type { ListedDrill } from '../../../src/drills/model';
import { adoptableDrill, classifyStartFailure, START_CLOCK_TOLERANCE_MS } from '../../../src/drills/uncertainty';
import { EbsError, LocalErrorCode } from '../../../src/ebs/errors';

const REQUEST_ID = '6F1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D';
const error = (code: string, httpStatus?: number, errno?: string): EbsError => new EbsError({ code, message: code, httpStatus, errno, requestId: REQUEST_ID });

describe('drills/uncertainty', () => {
  it('may have started: network errors after connecting, timeouts, deadlines, 5xx, gateway pages, LastTokenProcessing, throttled retries', () => {
    for (const e of [
      error(LocalErrorCode.NetworkError, undefined, 'ECONNRESET'),
      error(LocalErrorCode.NetworkError, undefined, 'EPIPE'),
      error(LocalErrorCode.Timeout),
      error(LocalErrorCode.DeadlineExceeded),
      error(LocalErrorCode.GatewayError, 504),
      error(LocalErrorCode.GatewayError, 502),
      error('ServiceUnavailable', 503),
      error('InternalError', 500),
      error('LastTokenProcessing', 403),
      error('Throttling.User', 400),
    ]) {
      assert.equal(classifyStartFailure(e), 'mayHaveStarted', `${e.code} ${e.errno ?? ''}`);
    }
  });

  it('did not start: business 4xx answers and failures before sending', () => {
    for (const e of [
      error('OperationDenied', 403),
      error('InvalidAccountStatus.NotEnoughBalance', 403),
      error('NoSuchResource', 404),
      error('Forbidden.Action', 403),
      error(LocalErrorCode.NetworkError, undefined, 'ECONNREFUSED'),
      error(LocalErrorCode.NetworkError, undefined, 'ENOTFOUND'),
      error(LocalErrorCode.ConfigurationError),
      new EbsError({ code: 'NoPermission', message: 'denied', httpStatus: 403, service: 'sts' }),
    ]) {
      assert.equal(classifyStartFailure(e), 'notStarted', `${e.code} ${e.errno ?? ''}`);
    }
  });

  it('adopts the one new executing drill not older than the action', () => {
    const actionStart = Date.UTC(2026, 0, 1, 12);
    const drill = (drillId: string, status: ListedDrill['status'], startedAt?: number): ListedDrill => ({ drillId, status, disks: [], startedAt });
    const old = drill('drill-old', 'executing', actionStart - 3600_000);
    const fresh = drill('drill-new', 'executing', actionStart + 2000);
    assert.equal(adoptableDrill([fresh, old], new Set(['drill-old']), actionStart)?.drillId, 'drill-new');
    assert.equal(adoptableDrill([old], new Set(), actionStart), undefined, 'older than the action (beyond the clock tolerance)');
    assert.equal(adoptableDrill([drill('drill-skew', 'executing', actionStart - START_CLOCK_TOLERANCE_MS + 1000)], undefined, actionStart)?.drillId, 'drill-skew', 'a service clock slightly behind');
    assert.equal(adoptableDrill([drill('drill-done', 'executed', actionStart + 1000)], new Set(), actionStart), undefined, 'not executing');
    assert.equal(adoptableDrill([fresh, drill('drill-other', 'executing', actionStart + 3000)], new Set(), actionStart), undefined, 'two candidates cannot be told apart');
    assert.equal(adoptableDrill([drill('drill-nostart', 'executing')], undefined, actionStart), undefined, 'no StartAt and no earlier listing: unknown');
    assert.equal(adoptableDrill([drill('drill-nostart', 'executing')], new Set(), actionStart)?.drillId, 'drill-nostart');
  });
});
