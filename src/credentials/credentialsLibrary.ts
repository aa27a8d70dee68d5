// Stands in for the root of @alicloud/credentials in the bundle (scripts/bundle-stubs.json). The package's root module
// loads every provider it has (OIDC, CloudSSO, OAuth, external process, CLI profile, URI, the default chain) to build
// a credential from a config's `type`; the extension uses four providers (providers.ts) and the
// SDK builds only `access_key` and `sts` credentials from a Config (@alicloud/openapi-client 0.4.15, when the config
// carries an AccessKey). This module exports those, taken from the package's own files, and the Credential class
// with just those two config types. Pure (no vscode import).
import Config from '@alicloud/credentials/dist/src/config';
import CredentialModel from '@alicloud/credentials/dist/src/credential_model';
import ECSRAMRoleCredentialsProvider from '@alicloud/credentials/dist/src/providers/ecs_ram_role';
import RAMRoleARNCredentialsProvider from '@alicloud/credentials/dist/src/providers/ram_role_arn';
import StaticAKCredentialsProvider from '@alicloud/credentials/dist/src/providers/static_ak';
import StaticSTSCredentialsProvider from '@alicloud/credentials/dist/src/providers/static_sts';

export { Config, CredentialModel, ECSRAMRoleCredentialsProvider, RAMRoleARNCredentialsProvider, StaticAKCredentialsProvider, StaticSTSCredentialsProvider };

interface Provider {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string; providerName?: string }>;
  getProviderName(): string;
}

const isProvider = (value: unknown): value is Provider =>
  typeof (value as Provider | null)?.getCredentials === 'function' && typeof (value as Provider | null)?.getProviderName === 'function';

/** The package's default export, as the SDK and providers.ts use it: `new Credential(config)` or `new Credential(null, provider)`. */
export default class Credential {
  private readonly type: string;
  private readonly provider: Provider;

  constructor(config: Config | null = null, provider: unknown = null) {
    if (isProvider(provider)) {
      this.type = provider.getProviderName();
      this.provider = provider;
    } else if (config?.type === 'access_key') {
      this.type = 'access_key';
      this.provider = StaticAKCredentialsProvider.builder().withAccessKeyId(config.accessKeyId ?? '').withAccessKeySecret(config.accessKeySecret ?? '').build();
    } else if (config?.type === 'sts') {
      this.type = 'sts';
      this.provider = StaticSTSCredentialsProvider.builder()
        .withAccessKeyId(config.accessKeyId ?? '')
        .withAccessKeySecret(config.accessKeySecret ?? '')
        .withSecurityToken(config.securityToken ?? '')
        .build();
    } else {
      throw new Error(`Credential type ${config?.type ?? '(none)'} is not part of the extension's bundle`);
    }
  }

  getType(): string {
    return this.type;
  }

  async getCredential(): Promise<CredentialModel> {
    const { accessKeyId, accessKeySecret, securityToken, providerName } = await this.provider.getCredentials();
    return new CredentialModel({ accessKeyId, accessKeySecret, securityToken, bearerToken: undefined, type: this.type, providerName });
  }
}
