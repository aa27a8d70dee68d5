// The adapter that records every EBS call in the "EBS DR" log channel.
import type { Log } from '../../shared/ui/log';
import type { EbsCallLogger, EbsCallRecord } from '../types';

/**
 * One line per HTTP attempt: action, region, duration, attempt, RequestId, error code and the server's whole message.
 * Never secrets. The log escapes control characters in every value (shared/ui/log.ts).
 */
export function callLogger(log: Log): EbsCallLogger {
  return {
    call(record: EbsCallRecord): void {
      const parts = [
        record.action,
        `region=${record.regionId}`,
        `duration=${Math.round(record.durationMs)}ms`,
        `attempt=${record.attempt}`,
        `requestId=${record.requestId ?? '-'}`,
      ];
      if (record.errorCode) {
        parts.push(`error=${record.errorCode}`);
        if (record.httpStatus !== undefined) parts.push(`status=${record.httpStatus}`);
        if (record.willRetry) parts.push('retrying');
        if (record.serverMessage !== undefined) parts.push(`message=${JSON.stringify(record.serverMessage)}`);
        log.warn(parts.join(' '));
      } else {
        log.info(parts.join(' '));
      }
    },
    note(message: string): void {
      log.warn(message);
    },
  };
}
