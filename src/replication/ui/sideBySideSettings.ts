// The settings that put several profiles side by side in the Replication view (the drill commands read them too).
import type { ConnectionProvider } from '../../credentials/connection';
import { setting, SETTING } from '../../shared/ui/settings';
import { shownProfiles } from '../profileForest';

export const PROFILES_IN_TREE_SETTING = SETTING.profilesInTree;
export const TREE_PROFILES_SETTING = SETTING.treeProfiles;

/** True when ebsDr.profilesInTree is on. */
export function profilesSideBySide(): boolean {
  return setting<boolean>(PROFILES_IN_TREE_SETTING, false) === true;
}

/** The profiles the view shows side by side (ebsDr.treeProfiles names; none named: every profile). */
export function treeProfiles(connections: ConnectionProvider): ReturnType<ConnectionProvider['profiles']> {
  return shownProfiles(connections.profiles(), setting<unknown[]>(TREE_PROFILES_SETTING, []));
}
