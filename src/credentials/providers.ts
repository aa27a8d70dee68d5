// Temporary credentials through @alicloud/credentials: a RAM role assumed with STS AssumeRole (from a fixed
// AccessKey or from another role, to any depth) and the RAM role of the ECS instance VS Code runs on. The library
// signs the STS call, caches the session and renews it 15 minutes before it expires; this module only builds its
// providers from a profile's settings and hands the SDK one object per profile. Pure (no vscode import).
// The library is required on first use, like the SDK: activation needs none of it.
import type * as CredentialsModule from '@alicloud/credentials';
import type { EbsCredentialModel, EbsCredentialProvider, EbsCredentials } from '../ebs/types';
import type { RoleSettings } from './profiles';

/** Where a profile's credentials come from, resolved down to fixed keys (secrets included: memory only). */
export type CredentialChain =
  | { kind: 'static'; credentials: EbsCredentials }
  | { kind: 'ramRole'; source: CredentialChain; role: RoleSettings }
  | { kind: 'ecsRamRole'; roleName?: string };

export interface ProviderOptions {
  /** `host[:port]` of the STS endpoint (the setting ebsDr.stsEndpoint); empty: from the role's STS region. */
  stsEndpoint?: string;
}

/** The part of the library's provider contract the chain uses. */
interface LibraryProvider {
  getCredentials(): Promise<unknown>;
  getProviderName(): string;
}

type Library = typeof CredentialsModule;
let library: Library | undefined;

function load(): Library {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  library ??= require('@alicloud/credentials') as Library;
  return library;
}

function libraryProvider(chain: CredentialChain, options: ProviderOptions): LibraryProvider {
  const lib = load();
  switch (chain.kind) {
    case 'static': {
      const { accessKeyId, accessKeySecret, securityToken } = chain.credentials;
      return securityToken
        ? lib.StaticSTSCredentialsProvider.builder().withAccessKeyId(accessKeyId).withAccessKeySecret(accessKeySecret).withSecurityToken(securityToken).build()
        : lib.StaticAKCredentialsProvider.builder().withAccessKeyId(accessKeyId).withAccessKeySecret(accessKeySecret).build();
    }
    case 'ramRole': {
      const { role } = chain;
      let builder = lib.RAMRoleARNCredentialsProvider.builder()
        .withCredentialsProvider(libraryProvider(chain.source, options) as Parameters<ReturnType<Library['RAMRoleARNCredentialsProvider']['builder']>['withCredentialsProvider']>[0])
        .withRoleArn(role.roleArn)
        .withRoleSessionName(role.roleSessionName)
        .withDurationSeconds(role.durationSeconds)
        .withReadTimeout(10_000)
        .withConnectTimeout(5_000);
      if (role.externalId) builder = builder.withExternalId(role.externalId);
      if (role.policy) builder = builder.withPolicy(role.policy);
      if (options.stsEndpoint) builder = builder.withStsEndpoint(options.stsEndpoint);
      else if (role.stsRegionId) builder = builder.withStsRegionId(role.stsRegionId);
      else builder = builder.withStsEndpoint('sts.aliyuncs.com');
      return builder.build();
    }
    case 'ecsRamRole': {
      let builder = lib.ECSRAMRoleCredentialsProvider.builder().withReadTimeout(1_000).withConnectTimeout(1_000);
      if (chain.roleName) builder = builder.withRoleName(chain.roleName);
      return builder.build();
    }
  }
}

/**
 * One provider for a chain: the object the SDK's `Config.credential` takes. Keep it for as long as the profile is
 * unchanged, because the session it caches lives in it.
 */
export function createCredentialProvider(chain: Exclude<CredentialChain, { kind: 'static' }>, options: ProviderOptions = {}): EbsCredentialProvider {
  const lib = load();
  const Credential = lib.default;
  const credential = new Credential(null, libraryProvider(chain, options) as unknown as ConstructorParameters<typeof Credential>[1]);
  return {
    getCredential: async (): Promise<EbsCredentialModel> => {
      const model = await credential.getCredential();
      return {
        accessKeyId: model.accessKeyId ?? '',
        accessKeySecret: model.accessKeySecret ?? '',
        securityToken: model.securityToken,
        type: model.type ?? 'sts',
        providerName: model.providerName,
      };
    },
  };
}
