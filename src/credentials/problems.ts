// Why a profile cannot be used, in the words the view and the connection guard show, with the ways out. Pure.
import type { LocalisableMessage } from '../shared/text';
import type { ConnectionProblem } from './connection';
import type { ActiveResolution } from './storeTypes';

const msg = (message: string, ...args: string[]): LocalisableMessage => ({ message, args });

/** The words the view shows for a profile that cannot be used, with the ways out. */
export function describeProblem(resolved: Exclude<ActiveResolution, { status: 'ok' } | { status: 'none' }>): ConnectionProblem {
  switch (resolved.status) {
    case 'environmentInvalid':
      return {
        kind: 'environmentInvalid',
        message: msg('The Environment profile cannot be used: the environment variable {0} is wrong.', resolved.environment.variable),
        detail: resolved.environment.problem,
        remedies: ['addProfile', 'importAliyunCli', 'switchProfile', 'viewLogs'],
      };
    case 'secretMissing':
      return {
        kind: 'secretMissing',
        message:
          resolved.missing === 'secret'
            ? msg('The AccessKey secret of the profile "{0}" is missing from SecretStorage (it was deleted outside EBS DR).', resolved.profile.name)
            : msg('The STS token of the profile "{0}" is missing from SecretStorage (it was deleted outside EBS DR).', resolved.profile.name),
        remedies: ['reenterSecret', 'switchProfile', 'removeProfile', 'viewLogs'],
      };
    case 'sourceMissing':
      return {
        kind: 'sourceMissing',
        message:
          resolved.reason === 'removed'
            ? msg('The profile "{0}" assumes its RAM role with another profile, which was removed.', resolved.profile.name)
            : resolved.reason === 'loop'
              ? msg('The profile "{0}" assumes its RAM role through a chain of profiles that loops back or is too long.', resolved.profile.name)
              : msg('The profile "{0}" assumes its RAM role with the profile "{1}", which cannot be used.', resolved.profile.name, resolved.source?.name ?? '?'),
        remedies: ['switchProfile', 'removeProfile', 'addProfile', 'viewLogs'],
      };
  }
}

