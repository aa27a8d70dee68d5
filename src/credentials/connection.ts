// The contract between credentials and everything that calls the API: who we are right now.
// Pure (no vscode import); the credentials shell implements ConnectionProvider.
import type { EbsCredentials } from '../ebs/types';

export interface ActiveConnection {
  /** Stable id of the profile (used to key per-profile state such as chosen regions). */
  profileId: string;
  /** Display name, e.g. "prod" or "Environment". */
  profileName: string;
  defaultRegionId: string;
  credentials: EbsCredentials;
}

export interface Disposable {
  dispose(): void;
}

export interface ConnectionProvider {
  /** The active profile with its secrets read from SecretStorage, or undefined when none is usable. */
  current(): Promise<ActiveConnection | undefined>;
  /** Fires when the active profile, its secrets, or the set of profiles changes (in this or another window). */
  onDidChange(listener: () => void): Disposable;
}
