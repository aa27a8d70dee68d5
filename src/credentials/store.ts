// The profile store: stored profiles (metadata in a memento, secrets in a secret store), the read-only
// Environment profile, and the active one. Implements ConnectionProvider. Pure: the shell passes adapters
// for context.secrets and context.globalState, and the environment to read.
import { randomUUID } from 'node:crypto';
import type { LocalisableMessage } from '../ebs/catalogue';
import type { EbsCredentials } from '../ebs/types';
import type { ActiveConnection, ConnectionProvider, Disposable } from './connection';
import { readEnvironmentCredentials, type EnvironmentCredentials, type EnvironmentLike } from './environment';
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
  validateSecurityToken,
  type ProfileIndex,
  type ProfileKind,
  type StoredProfile,
} from './profiles';

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

/** Thrown for input the store refuses; `problem` is the user-facing reason (never containing a secret). */
export class ProfileInputError extends Error {
  constructor(
    readonly field: 'name' | 'accessKeyId' | 'accessKeySecret' | 'securityToken' | 'defaultRegionId' | 'profile',
    readonly problem: LocalisableMessage,
  ) {
    super(problem.message.replace(/\{(\d+)\}/g, (whole, i: string) => problem.args[Number(i)] ?? whole));
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
  /** The active stored profile's secret (or STS token) is gone from SecretStorage. */
  | { status: 'secretMissing'; profile: ProfileSummary; missing: 'secret' | 'token' }
  /** The Environment profile is active but its variables are set incompletely or wrongly. */
  | { status: 'environmentInvalid'; profile: ProfileSummary | undefined; environment: Extract<EnvironmentCredentials, { status: 'invalid' }> };

/** What the shell should tell the user once after reading damaged metadata. */
export interface MetadataRecovery {
  kept: number;
  dropped: string[];
}

export class ProfileStore implements ConnectionProvider {
  private readonly listeners = new Set<() => void>();
  private lastSnapshot: string;
  private pendingRecovery: MetadataRecovery | undefined;
  private reportedDamage: string | undefined;

  constructor(
    private readonly secrets: SecretStore,
    private readonly metadata: MetadataStore,
    private readonly environment: () => EnvironmentLike,
    private readonly newId: () => string = randomUUID,
  ) {
    this.lastSnapshot = this.snapshot();
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

  async resolveActive(): Promise<ActiveResolution> {
    const profile = this.activeProfile();
    if (!profile) return { status: 'none' };
    if (profile.id === ENVIRONMENT_PROFILE_ID) {
      const environment = readEnvironmentCredentials(this.environment());
      if (environment.status === 'ok') return { status: 'ok', connection: toConnection(profile, environment.credentials) };
      if (environment.status === 'invalid') return { status: 'environmentInvalid', profile, environment };
      return { status: 'none' };
    }
    const keys = secretKeys(profile.id);
    const accessKeySecret = await this.readSecret(keys.secret);
    if (!accessKeySecret) return { status: 'secretMissing', profile, missing: 'secret' };
    const credentials: EbsCredentials = { accessKeyId: profile.accessKeyId, accessKeySecret };
    if (profile.kind === 'sts') {
      const token = await this.readSecret(keys.token);
      if (!token) return { status: 'secretMissing', profile, missing: 'token' };
      credentials.securityToken = token;
    }
    return { status: 'ok', connection: toConnection(profile, credentials) };
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

  /** Replaces the secret (and token for STS profiles) of a stored profile, e.g. after it went missing. */
  async replaceSecrets(id: string, accessKeySecret: string, securityToken?: string): Promise<void> {
    const profile = this.readIndex().profiles.find((p) => p.id === id);
    if (!profile) throw new ProfileInputError('profile', { message: 'The profile no longer exists.', args: [] });
    const problem = validateAccessKeySecret(accessKeySecret) ?? (profile.kind === 'sts' ? validateSecurityToken(securityToken ?? '', true) : undefined);
    if (problem) throw new ProfileInputError(validateAccessKeySecret(accessKeySecret) ? 'accessKeySecret' : 'securityToken', problem);
    const keys = secretKeys(id);
    await this.writeSecret(keys.secret, accessKeySecret);
    if (profile.kind === 'sts' && securityToken) await this.writeSecret(keys.token, securityToken);
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

function toConnection(profile: ProfileSummary, credentials: EbsCredentials): ActiveConnection {
  return { profileId: profile.id, profileName: profile.name, defaultRegionId: profile.defaultRegionId, credentials };
}

/** Detects that the environment's secret changed without keeping it: a short non-reversible digest. */
function fingerprint(credentials: EbsCredentials): string {
  let hash = 2166136261;
  for (const c of credentials.accessKeySecret + '\u0000' + (credentials.securityToken ?? '')) {
    hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  }
  return hash.toString(36);
}
