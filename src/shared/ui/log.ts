// The "EBS DR" log output channel.
import * as vscode from 'vscode';

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
