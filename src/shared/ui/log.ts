// The "EBS DR" log output channel: the one log path. Every line has its control characters escaped, so that no value
// (a region ID or message from a server, a profile name) can break a line or forge one.
import * as vscode from 'vscode';
import { escapeControlCharacters } from '../format';

export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('EBS DR', { log: true });
  /** In test mode, every line is also kept so tests can read what the user would see. */
  private readonly kept: string[] | undefined;

  constructor(keepLines: boolean) {
    this.kept = keepLines ? [] : undefined;
  }

  info(message: string): void {
    const line = escapeControlCharacters(message);
    this.channel.info(line);
    this.kept?.push(`info ${line}`);
  }

  warn(message: string): void {
    const line = escapeControlCharacters(message);
    this.channel.warn(line);
    this.kept?.push(`warn ${line}`);
  }

  error(message: string): void {
    const line = escapeControlCharacters(message);
    this.channel.error(line);
    this.kept?.push(`error ${line}`);
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
