// The types of the profile store: the ports it is given (secret store, memento), what it hands out (profile
// summaries, resolutions) and takes (drafts), and the errors it throws. Pure.
import { formatMessage, type LocalisableMessage } from '../shared/text';
import type { ActiveConnection } from './connection';
import type { EnvironmentCredentials } from './environment';
import type { createCredentialProvider, CredentialChain, ProviderOptions } from './providers';
import type { ProfileKind, RoleSettings, StoredProfile } from './profiles';

/** The subset of vscode.SecretStorage the store uses. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/** The subset of vscode.Memento (global state) the store uses. */
export interface MetadataStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface ProfileSummary {
  id: string;
  name: string;
  kind: ProfileKind;
  accessKeyId: string;
  defaultRegionId: string;
  /** The Environment profile: cannot be removed or edited here. */
  readOnly: boolean;
  origin: StoredProfile['origin'] | 'environment';
  active: boolean;
  /** `ramRole` profiles. */
  role?: RoleSettings;
  sourceProfileId?: string;
  /** `ecsRamRole` profiles. */
  ecsRoleName?: string;
}

export interface ProfileDraft {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Empty or undefined for a permanent AccessKey. */
  securityToken?: string;
  defaultRegionId: string;
  origin?: StoredProfile['origin'];
}

/**
 * A RAM role profile: assumed with the draft's own AccessKey (`accessKeyId` + `accessKeySecret`, optional token),
 * or with another profile's credentials (`sourceProfileId`, no keys).
 */
export interface RoleProfileDraft {
  name: string;
  role: RoleSettings;
  defaultRegionId: string;
  sourceProfileId?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  securityToken?: string;
  origin?: StoredProfile['origin'];
}

export interface EcsRoleProfileDraft {
  name: string;
  /** Empty: the role attached to the instance. */
  ecsRoleName?: string;
  defaultRegionId: string;
  origin?: StoredProfile['origin'];
}

/** How the store builds providers of temporary credentials (replaceable in tests; the real one uses @alicloud/credentials). */
export type ProviderFactory = (chain: Exclude<CredentialChain, { kind: 'static' }>, options: ProviderOptions) => ReturnType<typeof createCredentialProvider>;

export interface ProfileStoreOptions {
  newId?: () => string;
  /** The setting ebsDr.stsEndpoint, read at each resolution. */
  stsEndpoint?: () => string | undefined;
  providerFactory?: ProviderFactory;
}

/** How deep a chain of roles may go (a role assumed by a role assumed by …). */
export const MAX_ROLE_CHAIN = 5;

/** Thrown for input the store refuses; `problem` is the user-facing reason (never containing a secret). */
export class ProfileInputError extends Error {
  constructor(
    readonly field: 'name' | 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'defaultRegionId' | 'profile' | 'role',
    readonly problem: LocalisableMessage,
  ) {
    super(formatMessage(problem));
    this.name = 'ProfileInputError';
  }
}

/** Thrown when the secret store fails (locked keyring and the like). Never carries the secret. */
export class SecretStoreError extends Error {
  constructor(
    readonly operation: 'read' | 'save' | 'delete',
    cause: unknown,
  ) {
    super(`SecretStorage ${operation} failed: ${cause instanceof Error ? cause.name : typeof cause}`);
    this.name = 'SecretStoreError';
  }
}

export type ActiveResolution =
  | { status: 'none' }
  | { status: 'ok'; connection: ActiveConnection }
  /** The stored profile's secret (or STS token) is gone from SecretStorage. */
  | { status: 'secretMissing'; profile: ProfileSummary; missing: 'secret' | 'token' }
  /** The Environment profile is asked for but its variables are set incompletely or wrongly. */
  | { status: 'environmentInvalid'; profile: ProfileSummary | undefined; environment: Extract<EnvironmentCredentials, { status: 'invalid' }> }
  /** A role profile whose source profile is gone, unusable, or part of a loop. */
  | { status: 'sourceMissing'; profile: ProfileSummary; source: ProfileSummary | undefined; reason: 'removed' | 'unusable' | 'loop' };

/** What the shell should tell the user once after reading damaged metadata. */
export interface MetadataRecovery {
  kept: number;
  dropped: string[];
}

