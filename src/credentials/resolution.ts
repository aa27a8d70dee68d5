// From a profile to the credentials its calls are signed with: secrets read from SecretStorage, a RAM role resolved
// down to the fixed key that assumes it (through other profiles, with loops and missing sources said as such), and
// one provider of temporary credentials per unchanged profile (the STS session it caches lives in it). Pure.
import { isCredentialProvider, type EbsCredentialSource, type EbsCredentials } from '../ebs/types';
import type { ActiveConnection } from './connection';
import { readEnvironmentCredentials, type EnvironmentLike } from './environment';
import type { CredentialChain } from './providers';
import { ENVIRONMENT_PROFILE_ID, secretKeys, type RoleSettings } from './profiles';
import { MAX_ROLE_CHAIN, type ActiveResolution, type EcsRoleProfileDraft, type ProfileSummary, type ProviderFactory, type RoleProfileDraft } from './storeTypes';

/** What the resolver reads from the store. */
export interface ResolverPorts {
  list(): ProfileSummary[];
  readSecret(key: string): Promise<string | undefined>;
  environment(): EnvironmentLike;
  stsEndpoint(): string | undefined;
  providerFactory: ProviderFactory;
}

export class CredentialResolver {
  /** One provider per profile and settings. Memory only. */
  private readonly providers = new Map<string, { key: string; provider: ReturnType<ProviderFactory> }>();

  constructor(private readonly ports: ResolverPorts) {}

  /** A profile with its credentials: secrets read from SecretStorage, roles resolved down to their fixed source. */
  async resolve(profile: ProfileSummary, chain: string[] = []): Promise<ActiveResolution> {
    const ok = (credentials: EbsCredentialSource): ActiveResolution => ({ status: 'ok', connection: toConnection(profile, credentials) });
    if (profile.id === ENVIRONMENT_PROFILE_ID) {
      const environment = readEnvironmentCredentials(this.ports.environment());
      if (environment.status === 'ok') return ok(environment.credentials);
      if (environment.status === 'invalid') return { status: 'environmentInvalid', profile, environment };
      return { status: 'none' };
    }
    if (profile.kind === 'ecsRamRole') {
      return ok(this.providerFor(profile, { kind: 'ecsRamRole', roleName: profile.ecsRoleName }));
    }
    let source: CredentialChain;
    if (profile.kind === 'ramRole' && profile.sourceProfileId !== undefined) {
      const sourceProfile = this.ports.list().find((p) => p.id === profile.sourceProfileId);
      if (!sourceProfile) return { status: 'sourceMissing', profile, source: undefined, reason: 'removed' };
      if (chain.includes(sourceProfile.id) || chain.length >= MAX_ROLE_CHAIN) return { status: 'sourceMissing', profile, source: sourceProfile, reason: 'loop' };
      const resolved = await this.resolve(sourceProfile, [...chain, profile.id]);
      if (resolved.status !== 'ok') {
        const loop = resolved.status === 'sourceMissing' && resolved.reason === 'loop';
        return { status: 'sourceMissing', profile, source: sourceProfile, reason: loop ? 'loop' : 'unusable' };
      }
      const sourceChain = this.chainOf(sourceProfile.id, resolved.connection.credentials);
      if (!sourceChain) return { status: 'sourceMissing', profile, source: sourceProfile, reason: 'unusable' };
      source = sourceChain;
    } else {
      const keys = secretKeys(profile.id);
      const accessKeySecret = await this.ports.readSecret(keys.secret);
      if (!accessKeySecret) return { status: 'secretMissing', profile, missing: 'secret' };
      const credentials: EbsCredentials = { accessKeyId: profile.accessKeyId, accessKeySecret };
      const token = await this.ports.readSecret(keys.token);
      if (profile.kind === 'sts' && !token) return { status: 'secretMissing', profile, missing: 'token' };
      if (token) credentials.securityToken = token;
      if (profile.kind !== 'ramRole') return ok(credentials);
      source = { kind: 'static', credentials };
    }
    return ok(this.providerFor(profile, { kind: 'ramRole', source, role: profile.role as RoleSettings }));
  }

  /** The chain behind each provider built, so that a role assumed from a role can extend it. Memory only. */
  private readonly chains = new Map<string, CredentialChain>();

  private providerFor(profile: ProfileSummary, chain: Exclude<CredentialChain, { kind: 'static' }>): ReturnType<ProviderFactory> {
    this.chains.set(profile.id, chain);
    const stsEndpoint = this.ports.stsEndpoint();
    const key = fingerprintChain(chain, stsEndpoint);
    const cached = this.providers.get(profile.id);
    if (cached?.key === key) return cached.provider;
    const provider = this.ports.providerFactory(chain, { stsEndpoint });
    this.providers.set(profile.id, { key, provider });
    return provider;
  }

  /** The chain a profile's resolved credentials stand for: its fixed key, or the chain behind its provider. */
  private chainOf(profileId: string, credentials: EbsCredentialSource): CredentialChain | undefined {
    return isCredentialProvider(credentials) ? this.chains.get(profileId) : { kind: 'static', credentials };
  }

  /**
   * The credentials a role draft would use, for checking it before it is saved: a fresh provider (its session is
   * thrown away with it). Undefined when the draft's source profile cannot be used.
   */
  async draftCredentials(draft: RoleProfileDraft | EcsRoleProfileDraft): Promise<EbsCredentialSource | undefined> {
    if (!('role' in draft)) return this.ports.providerFactory({ kind: 'ecsRamRole', roleName: draft.ecsRoleName || undefined }, { stsEndpoint: this.ports.stsEndpoint() });
    let source: CredentialChain;
    if (draft.sourceProfileId === undefined) {
      const credentials: EbsCredentials = { accessKeyId: draft.accessKeyId ?? '', accessKeySecret: draft.accessKeySecret ?? '' };
      if (draft.securityToken) credentials.securityToken = draft.securityToken;
      source = { kind: 'static', credentials };
    } else {
      const sourceProfile = this.ports.list().find((p) => p.id === draft.sourceProfileId);
      const resolved = sourceProfile ? await this.resolve(sourceProfile) : undefined;
      if (resolved?.status !== 'ok') return undefined;
      const chain = this.chainOf(draft.sourceProfileId, resolved.connection.credentials);
      if (!chain) return undefined;
      source = chain;
    }
    return this.ports.providerFactory({ kind: 'ramRole', source, role: draft.role }, { stsEndpoint: this.ports.stsEndpoint() });
  }
}

function toConnection(profile: ProfileSummary, credentials: EbsCredentialSource): ActiveConnection {
  return { profileId: profile.id, profileName: profile.name, defaultRegionId: profile.defaultRegionId, credentials, accessKeyId: profile.accessKeyId };
}

/** Decides whether a cached provider still fits: settings and a digest of the secrets (never the secrets themselves). */
function fingerprintChain(chain: CredentialChain, stsEndpoint: string | undefined): string {
  const strip = (c: CredentialChain): unknown =>
    c.kind === 'static' ? { kind: 'static', id: c.credentials.accessKeyId, digest: fingerprint(c.credentials) } : c.kind === 'ramRole' ? { ...c, source: strip(c.source) } : c;
  return JSON.stringify([strip(chain), stsEndpoint ?? '']);
}

/** Detects that the environment's secret changed without keeping it: a short non-reversible digest. */
export function fingerprint(credentials: EbsCredentials): string {
  let hash = 2166136261;
  for (const c of credentials.accessKeySecret + '\u0000' + (credentials.securityToken ?? '')) {
    hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  return hash.toString(36);
}
