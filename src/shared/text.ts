// The one text model of the core: an English template (also the l10n key) with `{0}`-style placeholders and its
// arguments. The shell renders it with vscode.l10n.t (shared/ui/l10n.ts); tests and logs use formatMessage.

export interface LocalisableMessage {
  message: string;
  args: string[];
}

/** Fills `{0}`, `{1}`… with the arguments; a placeholder without an argument stays as it is. */
export function formatTemplate(template: string, args: readonly string[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => args[Number(index)] ?? whole);
}

/** English rendering of a localisable message (for logs and tests; the shell uses vscode.l10n.t). */
export function formatMessage(message: LocalisableMessage): string {
  return formatTemplate(message.message, message.args);
}
