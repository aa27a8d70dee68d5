// The credentials actions, one handler each, registered through the one action path: Add AccessKey Profile, Add RAM
// Role Profile, Switch Profile, Remove Profile, Import from aliyun CLI, Re-enter Secret, How Credentials Are Stored
// and Show Logs. Every prompt and notification goes through UserInput; secrets stay in memory and SecretStorage.
import type * as vscode from 'vscode';
import type { EbsCallLogger } from '../../ebs/types';
import { COMMAND } from '../../shared/commands';
import type { Actions } from '../../shared/ui/action';
import type { Log } from '../../shared/ui/log';
import type { UserInput } from '../../shared/ui/userInput';
import type { ProfileStore, ProfileSummary } from '../store';
import { AddProfile } from './addProfile';
import { AddRoleProfile } from './addRoleProfile';
import type { CredentialsDeps } from './deps';
import { ImportFromAliyunCli } from './importCli';
import { KeyChecks } from './keyChecks';
import { ProfileCommands } from './profileCommands';

export class CredentialCommands {
  private readonly add: AddProfile;
  private readonly addRole: AddRoleProfile;
  private readonly importCli: ImportFromAliyunCli;
  private readonly profiles: ProfileCommands;
  private readonly log: Log;

  constructor(deps: { store: ProfileStore; input: UserInput; log: Log; logger: EbsCallLogger }) {
    const shared: CredentialsDeps = { ...deps, keys: new KeyChecks(deps) };
    this.add = new AddProfile(shared);
    this.addRole = new AddRoleProfile(shared);
    this.importCli = new ImportFromAliyunCli(shared);
    this.profiles = new ProfileCommands(shared);
    this.log = deps.log;
  }

  register(actions: Actions<unknown>): vscode.Disposable[] {
    return [
      actions.register(COMMAND.addProfile, () => this.add.run()),
      actions.register(COMMAND.addRoleProfile, () => this.addRole.run()),
      actions.register(COMMAND.switchProfile, () => this.profiles.switchProfile()),
      actions.register(COMMAND.removeProfile, () => this.profiles.removeProfile()),
      actions.register(COMMAND.importAliyunCli, () => this.importCli.run()),
      actions.register(COMMAND.showCredentialsHelp, () => this.profiles.showCredentialsHelp()),
      actions.register(COMMAND.reenterSecret, (_context, profileId?: unknown) => this.profiles.reenterSecretOf(profileId)),
      actions.register(COMMAND.showLogs, () => this.log.show()),
    ];
  }

  /** Asks for the secret (and token) of a stored profile whose secrets are gone from SecretStorage. */
  reenterSecret(profile: ProfileSummary): Promise<boolean> {
    return this.profiles.reenterSecret(profile);
  }
}
