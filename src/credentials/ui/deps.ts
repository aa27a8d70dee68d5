// What the credentials actions share: the store, the user, the log and the key check.
import type { EbsCallLogger } from '../../ebs/types';
import type { Log } from '../../shared/ui/log';
import type { UserInput } from '../../shared/ui/userInput';
import type { ProfileStore } from '../store';
import type { KeyChecks } from './keyChecks';

/** What every credentials action works with. */
export interface CredentialsDeps {
  store: ProfileStore;
  input: UserInput;
  log: Log;
  logger: EbsCallLogger;
  keys: KeyChecks;
}
