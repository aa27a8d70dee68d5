// The drills' texts are LocalisableMessages (src/shared/text.ts): an English template, the l10n key, and its
// arguments. Some drill texts hold another message as an argument ("recovery point {1}" with the age "5 min ago",
// "The {0} is {1}…" with "pair"); this is the one place where that nesting is defined: one level deep, each part
// localised on its own. The shell localises with localiseText (ui/text.ts); logs and tests use formatText. Pure.
import { formatMessage, formatTemplate, type LocalisableMessage } from '../shared/text';

/** A localisable message whose arguments may be localisable messages themselves (one level). */
export interface ComposedMessage {
  message: string;
  args: Array<string | LocalisableMessage>;
}

/** A message of plain arguments (numbers as text), or, when an argument is a message, a composed one. */
export function msg(message: string, ...args: Array<string | number>): LocalisableMessage;
export function msg(message: string, ...args: Array<string | number | LocalisableMessage>): ComposedMessage;
export function msg(message: string, ...args: Array<string | number | LocalisableMessage>): ComposedMessage {
  return { message, args: args.map((a) => (typeof a === 'number' ? String(a) : a)) };
}

/** A label (ebs/labels.ts) as it reads inside a sentence: "The pair is failed over". */
export function lowerCaseLabel(label: LocalisableMessage): LocalisableMessage {
  return { ...label, inSentence: true };
}

/** Plain English rendering (logs and unit tests; the shell localises with vscode.l10n.t). */
export function formatText(text: ComposedMessage): string {
  return formatTemplate(
    text.message,
    text.args.map((a) => (typeof a === 'string' ? a : formatMessage(a))),
  );
}
