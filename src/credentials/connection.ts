// The contract between credentials and everything that calls the API: who we are, per profile.
// Pure (no vscode import); the credentials shell implements ConnectionProvider.
import type { LocalisableMessage } from '../ebs/catalogue';
import type { EbsCredentialSource } from '../ebs/types';

export interface ActiveConnection {
  /** Stable id of the profile (used to key per-profile state such as chosen regions). */
  profileId: string;
  /** Display name, e.g. "prod" or "Environment". */
  profileName: string;
  defaultRegionId: string;
  /**
   * Fixed keys (AccessKey, STS token), or a provider of temporary credentials (RAM role, ECS instance role) that the
   * SDK asks before each request. The same provider object is returned while the profile is unchanged.
   */
  credentials: EbsCredentialSource;
  /** The profile's own AccessKey ID (not secret), '' when it has none (a role assumed from another profile, an ECS role). */
  accessKeyId: string;
}

export type { Disposable } from '../shared/events';
import type { Disposable } from '../shared/events';

/** What the user can do about a profile that cannot be used; the shell turns each into a button or link. */
export type ProfileRemedy = 'addProfile' | 'importAliyunCli' | 'switchProfile' | 'reenterSecret' | 'removeProfile' | 'viewLogs';

/** Why a profile cannot be used right now, said so that the view can show it (never a secret). */
export interface ConnectionProblem {
  /**
   * - `environmentInvalid`: the ALIBABA_CLOUD_* variables are set but unusable;
   * - `secretMissing`: the secret or STS token is gone from SecretStorage;
   * - `sourceMissing`: the profile a role is assumed from was removed, cannot be used, or forms a loop;
   * - `rejected`: Alibaba Cloud refused the credentials on a call (expired token, role that cannot be assumed…).
   */
  kind: 'environmentInvalid' | 'secretMissing' | 'sourceMissing' | 'rejected';
  message: LocalisableMessage;
  /** A second sentence with the particulars (which value is wrong and why), shown after `message`. */
  detail?: LocalisableMessage;
  remedies: readonly ProfileRemedy[];
}

export type ConnectionResolution =
  | { status: 'ok'; connection: ActiveConnection }
  /** No profile at all (or the asked-for one no longer exists). */
  | { status: 'none' }
  | { status: 'unusable'; profileId: string; profileName: string; problem: ConnectionProblem };

/** A profile as the tree and pickers list it (no secrets). */
export interface ProfileEntry {
  id: string;
  name: string;
  active: boolean;
}

export interface ConnectionProvider {
  /** The active profile with its credentials, or undefined when none is usable. */
  current(): Promise<ActiveConnection | undefined>;
  /** One profile (the active one when `profileId` is omitted), or why it cannot be used. */
  resolve(profileId?: string): Promise<ConnectionResolution>;
  /** Every profile, stored ones by name, then Environment when its variables are set. */
  profiles(): ProfileEntry[];
  /** Fires when the active profile, its secrets, or the set of profiles changes (in this or another window). */
  onDidChange(listener: () => void): Disposable;
}
