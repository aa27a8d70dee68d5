// Rendering a localisable message (an English template, the l10n key, with its arguments) in the UI's language.
import * as vscode from 'vscode';
import { sentenceCase, type LocalisableMessage } from '../text';

export function localise(message: LocalisableMessage): string {
  return sentenceCase(message, vscode.l10n.t(message.message, ...message.args));
}

/** A validation problem as the input box shows it (undefined: the value is fine). */
export function localiseOptional(message: LocalisableMessage | undefined): string | undefined {
  return message && localise(message);
}
