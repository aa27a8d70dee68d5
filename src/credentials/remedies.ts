// The ways out of a profile that cannot be used, as every part of the UI offers them: the words (English l10n
// templates), the codicon and the command each runs. Pure.
import { COMMAND, type CommandId } from '../shared/commands';
import type { ProfileRemedy } from './connection';

/** A way out: a remedy of the connection contract, or trying the same profile again. */
export type ProblemRemedy = ProfileRemedy | 'retry';

export interface RemedyPresentation {
  /** English template (the l10n key). */
  label: string;
  icon: string;
  command: CommandId;
  /** Whether the command takes the id of the profile as its argument. */
  takesProfileId: boolean;
}

/** Marks an English template as a UI string (the shell localises it). */
const t = (template: string): string => template;

const REMEDIES: Record<ProblemRemedy, RemedyPresentation> = {
  retry: { label: t('Retry'), icon: 'refresh', command: COMMAND.refresh, takesProfileId: false },
  addProfile: { label: t('Add AccessKey Profile'), icon: 'add', command: COMMAND.addProfile, takesProfileId: false },
  importAliyunCli: { label: t('Import from aliyun CLI'), icon: 'cloud-download', command: COMMAND.importAliyunCli, takesProfileId: false },
  switchProfile: { label: t('Switch Profile'), icon: 'account', command: COMMAND.switchProfile, takesProfileId: false },
  reenterSecret: { label: t('Re-enter Secret'), icon: 'key', command: COMMAND.reenterSecret, takesProfileId: true },
  removeProfile: { label: t('Remove Profile'), icon: 'trash', command: COMMAND.removeProfile, takesProfileId: false },
  viewLogs: { label: t('Show Logs'), icon: 'output', command: COMMAND.showLogs, takesProfileId: false },
};

export function remedy(remedy: ProblemRemedy): RemedyPresentation {
  return REMEDIES[remedy];
}

/** The ways out when no profile exists at all. */
export const NO_PROFILE_REMEDIES: readonly ProfileRemedy[] = ['addProfile', 'importAliyunCli'];
