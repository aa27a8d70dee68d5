// The profile store: stored profiles (metadata in a memento, secrets in a secret store), the read-only
// Environment profile, and the active one. Implements ConnectionProvider. Pure: the shell passes adapters
// for context.secrets and context.globalState, and the environment to read.
import { randomUUID } from 'node:crypto';
import type { LocalisableMessage } from '../ebs/catalogue';
import type { EbsCredentialSource } from '../ebs/types';
import type { ActiveConnection, ConnectionProvider, ConnectionResolution, Disposable, ProfileEntry } from './connection';
import { readEnvironmentCredentials, type EnvironmentCredentials, type EnvironmentLike } from './environment';
import { createCredentialProvider } from './providers';
import { CredentialResolver, fingerprint } from './resolution';
import { describeProblem } from './problems';
import {
  ProfileInputError,
  SecretStoreError,
  type ActiveResolution,
  type EcsRoleProfileDraft,
  type MetadataRecovery,
  type MetadataStore,
  type ProfileDraft,
  type ProfileStoreOptions,
  type ProfileSummary,
  type RoleProfileDraft,
  type SecretStore,
} from './storeTypes';

export * from './storeTypes';
export { describeProblem } from './problems';
import {
  CHANGE_SIGNAL_KEY,
  ENVIRONMENT_PROFILE_ID,
  ENVIRONMENT_PROFILE_NAME,
  METADATA_KEY,
  parseIndex,
  secretKeys,
  serialiseIndex,
  validateAccessKeyId,
  validateAccessKeySecret,
  validateProfileName,
  validateRegionId,
  validateRoleSettings,
  validateSecurityToken,
  type ProfileIndex,
  type RoleSettings,
  type StoredProfile,
} from './profiles';

export class ProfileStore implements ConnectionProvider {
  private readonly listeners = new Set<() => void>();
  private lastSnapshot: string;
  private pendingRecovery: MetadataRecovery | undefined;
  private reportedDamage: string | undefined;
  private readonly newId: () => string;
  private readonly resolver: CredentialResolver;

  constructor(
    private readonly secrets: SecretStore,
    private readonly metadata: MetadataStore,
    private readonly environment: () => EnvironmentLike,
    private readonly options: ProfileStoreOptions | (() => string) = {},
  ) {
    const opts = typeof options === 'function' ? { newId: options } : options;
    this.newId = opts.newId ?? randomUUID;
    this.resolver = new CredentialResolver({
      list: () => this.list(),
      readSecret: (key) => this.readSecret(key),
      environment: () => this.environment(),
      stsEndpoint: () => this.stsEndpoint,
      providerFactory: opts.providerFactory ?? createCredentialProvider,
    });
    this.lastSnapshot = this.snapshot();
  }

  private get stsEndpoint(): string | undefined {
    return typeof this.options === 'function' ? undefined : this.options.stsEndpoint?.()?.trim() || undefined;
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Every profile: stored ones by name, then Environment when its variables are set (even if set wrongly). */
  list(): ProfileSummary[] {
    const index = this.readIndex();
    const activeId = this.activeIdFor(index);
    const stored: ProfileSummary[] = [...index.profiles]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ ...p, readOnly: false, active: p.id === activeId }));
    const env = this.environmentProfile(activeId);
    return env ? [...stored, env] : stored;
  }

  /** The profile in use: the chosen one, else Environment when no profile is stored, else the first stored one. */
  activeProfile(): ProfileSummary | undefined {
    return this.list().find((p) => p.active);
  }

  async current(): Promise<ActiveConnection | undefined> {
    const resolved = await this.resolveActive();
    return resolved.status === 'ok' ? resolved.connection : undefined;
  }

  profiles(): ProfileEntry[] {
    return this.list().map((p) => ({ id: p.id, name: p.name, active: p.active }));
  }

  async resolve(profileId?: string): Promise<ConnectionResolution> {
    const profile = profileId === undefined ? this.activeProfile() : this.list().find((p) => p.id === profileId);
    if (!profile) return { status: 'none' };
    const resolved = await this.resolver.resolve(profile);
    if (resolved.status === 'ok') return resolved;
    if (resolved.status === 'none') return { status: 'none' };
    return { status: 'unusable', profileId: profile.id, profileName: profile.name, problem: describeProblem(resolved) };
  }

  async resolveActive(): Promise<ActiveResolution> {
    const profile = this.activeProfile();
    if (!profile) return { status: 'none' };
    return this.resolver.resolve(profile);
  }

  /** The problem with the environment variables, if they are set but unusable (whether or not Environment is active). */
  environmentProblem(): Extract<EnvironmentCredentials, { status: 'invalid' }> | undefined {
    const environment = readEnvironmentCredentials(this.environment());
    return environment.status === 'invalid' ? environment : undefined;
  }

  /** Checks a draft exactly as add() would, without saving. */
  checkDraft(draft: ProfileDraft): ProfileInputError | undefined {
    const existing = this.readIndex().profiles.map((p) => p.name);
    const checks: [ProfileInputError['field'], LocalisableMessage | undefined][] = [
      ['name', validateProfileName(draft.name, existing)],
      ['accessKeyId', validateAccessKeyId(draft.accessKeyId)],
      ['accessKeySecret', validateAccessKeySecret(draft.accessKeySecret)],
      ['securityToken', validateSecurityToken(draft.securityToken ?? '', false)],
      ['defaultRegionId', validateRegionId(draft.defaultRegionId)],
    ];
    const failed = checks.find(([, problem]) => problem);
    return failed?.[1] ? new ProfileInputError(failed[0], failed[1]) : undefined;
  }

  /** Saves a new profile (secrets first, then metadata) and makes it active unless `activate` is false. */
  async add(draft: ProfileDraft, activate = true): Promise<ProfileSummary> {
    const problem = this.checkDraft(draft);
    if (problem) throw problem;
    const id = this.newId();
    const keys = secretKeys(id);
    const token = draft.securityToken ?? '';
    await this.writeSecret(keys.secret, draft.accessKeySecret);
    if (token) await this.writeSecret(keys.token, token);
    const profile: StoredProfile = {
      id,
      name: draft.name.trim(),
      kind: token ? 'sts' : 'accessKey',
      accessKeyId: draft.accessKeyId,
      defaultRegionId: draft.defaultRegionId,
      origin: draft.origin ?? 'manual',
    };
    const index = this.readIndex();
    try {
      await this.writeIndex({ profiles: [...index.profiles, profile], activeId: activate ? id : index.activeId });
    } catch (error) {
      await this.deleteSecrets(id).catch(() => undefined);
      throw error;
    }
    return { ...profile, readOnly: false, active: this.activeIdFor(this.readIndex()) === id };
  }

  /** Checks a role draft exactly as addRole() would, without saving. */
  checkRoleDraft(draft: RoleProfileDraft): ProfileInputError | undefined {
    const existing = this.readIndex().profiles.map((p) => p.name);
    const role = validateRoleSettings(draft.role);
    const ownKey = draft.sourceProfileId === undefined;
    const source = ownKey ? undefined : this.list().find((p) => p.id === draft.sourceProfileId);
    const checks: [ProfileInputError['field'], LocalisableMessage | undefined][] = [
      ['name', validateProfileName(draft.name, existing)],
      ['accessKeyId', ownKey ? validateAccessKeyId(draft.accessKeyId ?? '') : undefined],
      ['accessKeySecret', ownKey ? validateAccessKeySecret(draft.accessKeySecret ?? '') : undefined],
      ['securityToken', ownKey ? validateSecurityToken(draft.securityToken ?? '', false) : undefined],
      ['profile', !ownKey && !source ? { message: 'The source profile no longer exists.', args: [] } : undefined],
      ['role', role?.problem],
      ['defaultRegionId', validateRegionId(draft.defaultRegionId)],
    ];
    const failed = checks.find(([, problem]) => problem);
    return failed?.[1] ? new ProfileInputError(failed[0], failed[1]) : undefined;
  }

  /**
   * The credentials a role draft would use, for checking it before it is saved: a fresh provider (its session is
   * thrown away with it). Undefined when the draft's source profile cannot be used.
   */
  draftCredentials(draft: RoleProfileDraft | EcsRoleProfileDraft): Promise<EbsCredentialSource | undefined> {
    return this.resolver.draftCredentials(draft);
  }

  /** Saves a RAM role profile (its own AccessKey secret, if any, to SecretStorage first) and makes it active unless `activate` is false. */
  async addRole(draft: RoleProfileDraft, activate = true): Promise<ProfileSummary> {
    const problem = this.checkRoleDraft(draft);
    if (problem) throw problem;
    const id = this.newId();
    const ownKey = draft.sourceProfileId === undefined;
    if (ownKey) {
      const keys = secretKeys(id);
      await this.writeSecret(keys.secret, draft.accessKeySecret ?? '');
      if (draft.securityToken) await this.writeSecret(keys.token, draft.securityToken);
    }
    const role: RoleSettings = { roleArn: draft.role.roleArn, roleSessionName: draft.role.roleSessionName, durationSeconds: draft.role.durationSeconds };
    if (draft.role.externalId) role.externalId = draft.role.externalId;
    if (draft.role.policy) role.policy = draft.role.policy;
    if (draft.role.stsRegionId) role.stsRegionId = draft.role.stsRegionId;
    const profile: StoredProfile = {
      id,
      name: draft.name.trim(),
      kind: 'ramRole',
      accessKeyId: ownKey ? (draft.accessKeyId ?? '') : '',
      defaultRegionId: draft.defaultRegionId,
      origin: draft.origin ?? 'manual',
      role,
    };
    if (!ownKey) profile.sourceProfileId = draft.sourceProfileId;
    return this.saveNew(profile, activate);
  }

  /** Saves an ECS instance RAM role profile (nothing secret to store). */
  async addEcsRole(draft: EcsRoleProfileDraft, activate = true): Promise<ProfileSummary> {
    const existing = this.readIndex().profiles.map((p) => p.name);
    const problem = validateProfileName(draft.name, existing) ?? validateRegionId(draft.defaultRegionId);
    if (problem) throw new ProfileInputError(validateProfileName(draft.name, existing) ? 'name' : 'defaultRegionId', problem);
    const profile: StoredProfile = { id: this.newId(), name: draft.name.trim(), kind: 'ecsRamRole', accessKeyId: '', defaultRegionId: draft.defaultRegionId, origin: draft.origin ?? 'manual' };
    if (draft.ecsRoleName) profile.ecsRoleName = draft.ecsRoleName;
    return this.saveNew(profile, activate);
  }

  private async saveNew(profile: StoredProfile, activate: boolean): Promise<ProfileSummary> {
    const index = this.readIndex();
    try {
      await this.writeIndex({ profiles: [...index.profiles, profile], activeId: activate ? profile.id : index.activeId });
    } catch (error) {
      await this.deleteSecrets(profile.id).catch(() => undefined);
      throw error;
    }
    return { ...profile, readOnly: false, active: this.activeIdFor(this.readIndex()) === profile.id };
  }

  /** Replaces the secret (and token for STS profiles) of a stored profile, e.g. after it went missing. */
  async replaceSecrets(id: string, accessKeySecret: string, securityToken?: string): Promise<void> {
    const profile = this.readIndex().profiles.find((p) => p.id === id);
    if (!profile) throw new ProfileInputError('profile', { message: 'The profile no longer exists.', args: [] });
    if (profile.kind === 'ecsRamRole' || (profile.kind === 'ramRole' && profile.sourceProfileId !== undefined)) {
      throw new ProfileInputError('profile', { message: 'The profile keeps no secret of its own.', args: [] });
    }
    const problem = validateAccessKeySecret(accessKeySecret) ?? validateSecurityToken(securityToken ?? '', profile.kind === 'sts');
    if (problem) throw new ProfileInputError(validateAccessKeySecret(accessKeySecret) ? 'accessKeySecret' : 'securityToken', problem);
    const keys = secretKeys(id);
    await this.writeSecret(keys.secret, accessKeySecret);
    if (securityToken) await this.writeSecret(keys.token, securityToken);
    this.fire();
  }

  async setActive(id: string): Promise<void> {
    const index = this.readIndex();
    const exists = id === ENVIRONMENT_PROFILE_ID ? readEnvironmentCredentials(this.environment()).status !== 'absent' : index.profiles.some((p) => p.id === id);
    if (!exists) throw new ProfileInputError('profile', { message: 'The profile no longer exists.', args: [] });
    await this.writeIndex({ ...index, activeId: id });
  }

  /** Removes a stored profile and its secrets; the Environment profile cannot be removed. */
  async remove(id: string): Promise<void> {
    if (id === ENVIRONMENT_PROFILE_ID) {
      throw new ProfileInputError('profile', { message: 'The Environment profile comes from environment variables: unset them to remove it.', args: [] });
    }
    const index = this.readIndex();
    if (!index.profiles.some((p) => p.id === id)) throw new ProfileInputError('profile', { message: 'The profile no longer exists.', args: [] });
    const profiles = index.profiles.filter((p) => p.id !== id);
    await this.writeIndex({ profiles, activeId: index.activeId === id ? undefined : index.activeId });
    await this.deleteSecrets(id);
  }

  /** Re-reads metadata, secrets and the environment (another window changed them, or the user asked) and notifies listeners if anything differs. */
  refresh(force = false): void {
    const snapshot = this.snapshot();
    if (force || snapshot !== this.lastSnapshot) {
      this.lastSnapshot = snapshot;
      this.fire();
    }
  }

  /** Once per recovery: what was kept and dropped after reading damaged metadata (already rewritten cleanly). */
  takeRecovery(): MetadataRecovery | undefined {
    this.readIndex();
    const recovery = this.pendingRecovery;
    this.pendingRecovery = undefined;
    return recovery;
  }

  private environmentProfile(activeId: string | undefined): ProfileSummary | undefined {
    const environment = readEnvironmentCredentials(this.environment());
    if (environment.status === 'absent') return undefined;
    const env = this.environment();
    return {
      id: ENVIRONMENT_PROFILE_ID,
      name: ENVIRONMENT_PROFILE_NAME,
      kind: environment.status === 'ok' && environment.credentials.securityToken ? 'sts' : 'accessKey',
      accessKeyId: environment.status === 'ok' ? environment.credentials.accessKeyId : (env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? ''),
      defaultRegionId: environment.status === 'ok' ? environment.defaultRegionId : '',
      readOnly: true,
      origin: 'environment',
      active: activeId === ENVIRONMENT_PROFILE_ID,
    };
  }

  private activeIdFor(index: ProfileIndex): string | undefined {
    const envSet = readEnvironmentCredentials(this.environment()).status !== 'absent';
    if (index.activeId === ENVIRONMENT_PROFILE_ID && envSet) return ENVIRONMENT_PROFILE_ID;
    if (index.activeId && index.profiles.some((p) => p.id === index.activeId)) return index.activeId;
    const first = [...index.profiles].sort((a, b) => a.name.localeCompare(b.name))[0];
    if (first) return first.id;
    return envSet ? ENVIRONMENT_PROFILE_ID : undefined;
  }

  private readIndex(): ProfileIndex {
    const raw = this.metadata.get(METADATA_KEY);
    const parsed = parseIndex(raw);
    if (parsed.damaged) {
      // Report each damaged value once, however often it is read before the clean copy lands.
      const seen = safeStringify(raw);
      if (seen !== this.reportedDamage) {
        this.reportedDamage = seen;
        this.pendingRecovery = { kept: parsed.index.profiles.length, dropped: parsed.dropped };
        // Rewrite the readable part; a failed write is retried when the value is read again after a change.
        void Promise.resolve(this.metadata.update(METADATA_KEY, serialiseIndex(parsed.index))).then(undefined, () => (this.reportedDamage = undefined));
      }
    }
    return parsed.index;
  }

  private async writeIndex(index: ProfileIndex): Promise<void> {
    await this.metadata.update(METADATA_KEY, serialiseIndex(index));
    // A meaningless value: other windows learn of the change through secrets.onDidChange.
    await this.writeSecret(CHANGE_SIGNAL_KEY, `${Date.now()}-${Math.random().toString(36).slice(2)}`).catch(() => undefined);
    this.lastSnapshot = this.snapshot();
    this.fire();
  }

  private async readSecret(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (error) {
      throw new SecretStoreError('read', error);
    }
  }

  private async writeSecret(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (error) {
      throw new SecretStoreError('save', error);
    }
  }

  private async deleteSecrets(id: string): Promise<void> {
    const keys = secretKeys(id);
    try {
      await this.secrets.delete(keys.secret);
      await this.secrets.delete(keys.token);
    } catch (error) {
      throw new SecretStoreError('delete', error);
    }
  }

  /** What listeners care about, without secrets: metadata, the active id and the environment's public part. */
  private snapshot(): string {
    const index = parseIndex(this.metadata.get(METADATA_KEY)).index;
    const environment = readEnvironmentCredentials(this.environment());
    const envPart = environment.status === 'ok' ? [environment.credentials.accessKeyId, environment.defaultRegionId, fingerprint(environment.credentials)] : environment.status;
    return JSON.stringify([index, this.activeIdFor(index), envPart]);
  }

  private fire(): void {
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // A failing listener must not stop the others.
      }
    }
  }
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
