// What activate() returns when the extension runs under tests (extensionMode Test): hooks for the host
// suites to stand in for the user and to read what the user would see. Never returned in production.
import type { Credentials } from '../credentials/ui/credentials';
import type { Log } from './log';
import type { SwitchableUserInput, UserInput } from './userInput';

export interface EbsDrTestApi {
  /** Replaces the person at the keyboard (quick picks, input boxes, modal confirmations, notifications). */
  setUserInput(input: UserInput): void;
  /** Every line written to the "EBS DR" output channel so far. */
  logLines(): readonly string[];
  /** The credentials shell: the profile store, the active profile's name and its change event. */
  credentials: Credentials;
}

export function createTestApi(input: SwitchableUserInput, log: Log, credentials: Credentials): EbsDrTestApi {
  return {
    setUserInput: (replacement) => (input.target = replacement),
    logLines: () => log.lines(),
    credentials,
  };
}
