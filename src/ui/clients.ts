// One EbsClient per active connection and endpoint template, rebuilt when either changes.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { EbsClient } from '../ebs/client';
import type { ActiveConnection, ConnectionProvider } from '../credentials/connection';
import type { EbsCallLogger } from '../ebs/types';
import { onSettingChanged, setting } from './settings';

export interface ConnectedClient {
  connection: ActiveConnection;
  client: EbsClient;
}

export class EbsClients implements vscode.Disposable {
  private cached: { key: string; value: ConnectedClient } | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connections: ConnectionProvider,
    private readonly logger: EbsCallLogger,
  ) {
    this.subscriptions.push(
      onSettingChanged(['endpointTemplate'], () => (this.cached = undefined)),
      connections.onDidChange(() => (this.cached = undefined)),
    );
  }

  /** The client for the active profile, or undefined when there is no usable profile. */
  async active(): Promise<ConnectedClient | undefined> {
    const connection = await this.connections.current();
    if (!connection) return undefined;
    const endpointTemplate = setting<string>('endpointTemplate', '') || undefined;
    const { accessKeyId, accessKeySecret, securityToken } = connection.credentials;
    // The key holds no secret in clear: it only decides whether to reuse the client.
    const key = JSON.stringify([connection.profileId, endpointTemplate, accessKeyId, hash(accessKeySecret + (securityToken ?? ''))]);
    if (this.cached?.key !== key) {
      this.cached = { key, value: { connection, client: new EbsClient({ credentials: connection.credentials, endpointTemplate, logger: this.logger }) } };
    }
    return this.cached.value;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
