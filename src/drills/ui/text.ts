// Localising the drill core's texts in the shell.
import * as vscode from 'vscode';
import { localise } from '../../shared/ui/l10n';
import type { ComposedMessage } from '../text';

/** Localises a drill text: its template, and each argument that is a message of its own. */
export function localiseText(text: ComposedMessage): string {
  return vscode.l10n.t(text.message, ...text.args.map((a) => (typeof a === 'string' ? a : localise(a))));
}
