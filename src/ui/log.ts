// The "EBS DR" log output channel, and the adapter that records every EBS call in it.
import * as vscode from 'vscode';
import type { EbsCallLogger, EbsCallRecord } from '../ebs/types';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('EBS DR', { log: true });
  /** In test mode, every line is also kept so tests can read what the user would see. */
  private readonly kept: string[] | undefined;

  constructor(keepLines: boolean) {
    this.kept = keepLines ? [] : undefined;
  }

  info(message: string): void {
    this.channel.info(message);
    this.kept?.push(`info ${message}`);
  }

  warn(message: string): void {
    this.channel.warn(message);
    this.kept?.push(`warn ${message}`);
  }

  error(message: string): void {
    this.channel.error(message);
    this.kept?.push(`error ${message}`);
  }

  show(): void {
    this.channel.show(true);
  }

  lines(): readonly string[] {
    return this.kept ?? [];
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** One line per HTTP attempt: action, region, duration, attempt, RequestId and error code. Never secrets. */
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
        log.warn(parts.join(' '));
      } else {
        log.info(parts.join(' '));
      }
    },
  };
}
