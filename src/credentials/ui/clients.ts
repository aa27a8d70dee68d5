// One EbsClient and one EcsClient per profile and endpoint settings, rebuilt when the profile's credentials or the
// settings change.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { EbsClient } from '../../ebs/client';
import { EcsClient } from '../../ecs/client';
import type { ActiveConnection, ConnectionProvider, ConnectionResolution } from '../connection';
import { isCredentialProvider, type EbsCallLogger, type EbsCredentialSource } from '../../ebs/types';
import { onSettingChanged, setting, SETTING } from '../../shared/ui/settings';

export interface ConnectedClient {
  connection: ActiveConnection;
  client: EbsClient;
  /** The same profile's ECS client (`ebsDr.ecsEndpointTemplate`), same credentials and call log. */
  ecs: EcsClient;
}

export class EbsClients implements vscode.Disposable {
  private readonly cached = new Map<string, { key: string; value: ConnectedClient }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Providers compare by identity: the store returns the same object while the profile is unchanged. */
  private readonly providerIds = new WeakMap<object, number>();
  private nextProviderId = 1;

  constructor(
    private readonly connections: ConnectionProvider,
    private readonly logger: EbsCallLogger,
  ) {
    this.subscriptions.push(
      onSettingChanged([SETTING.endpointTemplate, SETTING.ecsEndpointTemplate, SETTING.stsEndpoint], () => this.cached.clear()),
      connections.onDidChange(() => this.cached.clear()),
    );
  }

  /** The client for the active profile, or undefined when there is no usable profile. */
  async active(): Promise<ConnectedClient | undefined> {
    const connection = await this.connections.current();
    return connection ? this.clientFor(connection) : undefined;
  }

  /** The client of one profile, or why that profile cannot be used. */
  async forProfile(profileId: string): Promise<{ connected: ConnectedClient } | { resolution: Exclude<ConnectionResolution, { status: 'ok' }> }> {
    const resolution = await this.connections.resolve(profileId);
    if (resolution.status !== 'ok') return { resolution };
    return { connected: this.clientFor(resolution.connection) };
  }

  private clientFor(connection: ActiveConnection): ConnectedClient {
    const endpointTemplate = setting<string>(SETTING.endpointTemplate, '') || undefined;
    const ecsEndpointTemplate = setting<string>(SETTING.ecsEndpointTemplate, '') || undefined;
    // The key holds no secret in clear: it only decides whether to reuse the clients.
    const key = JSON.stringify([endpointTemplate, ecsEndpointTemplate, this.credentialKey(connection.credentials)]);
    const cached = this.cached.get(connection.profileId);
    if (cached?.key === key) return cached.value;
    const credentials = connection.credentials;
    const value: ConnectedClient = {
      connection,
      client: new EbsClient({ credentials, endpointTemplate, logger: this.logger }),
      ecs: new EcsClient({ credentials, endpointTemplate: ecsEndpointTemplate, logger: this.logger }),
    };
    this.cached.set(connection.profileId, { key, value });
    return value;
  }

  private credentialKey(source: EbsCredentialSource): string {
    if (isCredentialProvider(source)) {
      let id = this.providerIds.get(source);
      if (id === undefined) {
        id = this.nextProviderId++;
        this.providerIds.set(source, id);
      }
      return `provider:${id}`;
    }
    return `static:${source.accessKeyId}:${hash(source.accessKeySecret + (source.securityToken ?? ''))}`;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
