// The one text model of the core: an English template (also the l10n key) with `{0}`-style placeholders and its
// arguments. The shell renders it with vscode.l10n.t (shared/ui/l10n.ts); tests and logs use formatMessage.

export interface LocalisableMessage {
  message: string;
  args: string[];
  /**
   * The text stands inside a sentence ("The pair is {1}" with the label "Failed over"): its first letter is put in
   * lower case once localised (a label's key keeps its capital; scripts without case, such as Chinese, are unchanged).
   */
  inSentence?: boolean;
}

/** `Failed over` → `failed over` (an acronym such as `API` stays as it is). */
export function lowerFirst(text: string): string {
  const [first = '', second = ''] = text;
  return first !== first.toLowerCase() && second === second.toLowerCase() ? first.toLowerCase() + text.slice(first.length) : text;
}

/** The localised (or English) text of a message, in lower case at its start when it stands inside a sentence. */
export function sentenceCase(message: LocalisableMessage, text: string): string {
  return message.inSentence ? lowerFirst(text) : text;
}

/** Fills `{0}`, `{1}`… with the arguments; a placeholder without an argument stays as it is. */
export function formatTemplate(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** English rendering of a localisable message (for logs and tests; the shell uses vscode.l10n.t). */
export function formatMessage(message: LocalisableMessage): string {
  return sentenceCase(message, formatTemplate(message.message, message.args));
}
