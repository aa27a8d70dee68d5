// Where the drill records live: the extension's global storage (always; the drill tracker's shared state, one
// folder per account), and the team's evidence folder from the setting ebsDr.evidenceFolder when it is set (a path;
// relative to the first workspace folder), where every record is also written so the team commits it to git.
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { setting, SETTING } from '../../shared/ui/settings';

/** The folder in the extension's global storage that holds the records. */
export function primaryEvidenceFolder(context: vscode.ExtensionContext): string {
  return join(context.globalStorageUri.fsPath, 'evidence');
}

export interface EvidenceFolder {
  folder: string | undefined;
  /** Why a folder that is set cannot be used. */
  problem?: string;
}

/** The team's evidence folder, resolved; a relative path without an open workspace folder cannot be resolved. */
export function teamEvidenceFolder(): EvidenceFolder {
  const value = setting<string>(SETTING.evidenceFolder, '').trim();
  if (value === '') return { folder: undefined };
  const expanded = value === '~' || value.startsWith('~/') ? join(homedir(), value.slice(1)) : value;
  if (isAbsolute(expanded)) return { folder: resolve(expanded) };
  const root = vscode.workspace.workspaceFolders?.[0];
  if (!root || root.uri.scheme !== 'file') {
    return { folder: undefined, problem: vscode.l10n.t('The evidence folder "{0}" is relative, but no workspace folder is open: drill records are kept only in the extension\'s storage.', value) };
  }
  return { folder: resolve(root.uri.fsPath, expanded) };
}
