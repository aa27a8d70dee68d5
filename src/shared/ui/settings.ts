// Typed access to the ebsDr.* settings (the manifest's contributes.configuration is the source of truth).
import * as vscode from 'vscode';
import type { SettingKey } from '../settings';

export { SETTING, type SettingKey } from '../settings';

export const SETTINGS_SECTION = 'ebsDr';

export function setting<T>(key: SettingKey, fallback: T): T {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<T>(key, fallback);
}

/** Fires when any of the given ebsDr.* keys changes. */
export function onSettingChanged(keys: SettingKey[], listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (keys.some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`))) listener();
  });
}
