// How the pure view model turns English templates into display text. The shell passes a localiser backed by
// `vscode.l10n.t` (zh-cn in l10n/bundle.l10n.zh-cn.json); unit tests and the bench use the English one.
import { explainError } from '../ebs/catalogue';
import { formatMessage, sentenceCase, type LocalisableMessage } from '../shared/text';

export interface Localiser {
  /** `template` is the English text with `{0}` placeholders and the l10n key. */
  t(template: string, ...args: (string | number)[]): string;
  /** One line explaining a failure (catalogue summary, next step, code and RequestId). */
  errorText(error: unknown): string;
}

function english(template: string, args: readonly (string | number)[]): string {
  return formatMessage({ message: template, args: args.map(String) });
}

/** The English rendering, with the same error line shape as the shell's `errorText`. */
export const ENGLISH: Localiser = {
  t: (template, ...args) => english(template, args),
  errorText(error) {
    const e = explainError(error);
    const reference = e.requestId ? english('(error {0}, RequestId {1})', [e.code, e.requestId]) : english('(error {0})', [e.code]);
    return `${formatMessage(e.summary)} ${formatMessage(e.nextStep)} ${reference}`;
  },
};

/** A localiser that remembers every template it was asked for (the l10n completeness test uses it). */
export function recordingLocaliser(inner: Localiser = ENGLISH): Localiser & { templates: Set<string> } {
  const templates = new Set<string>();
  return {
    templates,
    t: (template, ...args) => {
      templates.add(template);
      return inner.t(template, ...args);
    },
    errorText: (error) => inner.errorText(error),
  };
}

export function localised(l: Localiser, message: LocalisableMessage): string {
  return sentenceCase(message, l.t(message.message, ...message.args));
}
