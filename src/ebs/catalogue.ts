// Error catalogue: finds the entry for an error (catalogueEntries.ts) and renders it for the shell. The English
// templates are the localisation keys: the shell renders them with `vscode.l10n.t(message.message, ...message.args)`.

import { formatMessage, type LocalisableMessage } from '../shared/text';
import { CatalogueEntry, CREDENTIAL_CATALOGUE, ECS_CATALOGUE, ERROR_CATALOGUE, ErrorCategory, GENERIC_ENTRY, MessageParam, MessageTemplate } from './catalogueEntries';
import { EbsError } from './ebsError';
import { toEbsError } from './sdkErrors';

export { CREDENTIAL_CATALOGUE, ECS_CATALOGUE, ERROR_CATALOGUE, GENERIC_ENTRY } from './catalogueEntries';
export type { CatalogueEntry, ErrorCategory, MessageParam, MessageTemplate } from './catalogueEntries';

export type { LocalisableMessage };

export interface ErrorExplanation {
  code: string;
  /** The catalogue entry that matched: the code itself, a dotted prefix (`Throttling`), or `*`. */
  entryCode: string;
  category: ErrorCategory;
  retryable: boolean;
  silent: boolean;
  summary: LocalisableMessage;
  nextStep: LocalisableMessage;
  httpStatus?: number;
  requestId?: string;
  recommend?: string;
  serverMessage?: string;
}

const byCode: ReadonlyMap<string, CatalogueEntry> = new Map([...ERROR_CATALOGUE, ...ECS_CATALOGUE, ...CREDENTIAL_CATALOGUE].map((e) => [e.code, e]));

/**
 * Exact code first, then ever shorter dotted prefixes (`Throttling.User` → `Throttling`), then the generic entry.
 * With a credential service (`sts`) or an API other than EBS (`ecs`), `<service>:<code>` and its prefixes come first.
 */
export function catalogueEntryFor(code: string, service?: string): CatalogueEntry {
  if (service) {
    const specific = lookup(`${service}:${code}`);
    if (specific) return specific;
  }
  return lookup(code) ?? GENERIC_ENTRY;
}

function lookup(code: string): CatalogueEntry | undefined {
  let candidate = code;
  for (;;) {
    const found = byCode.get(candidate);
    if (found) return found;
    const dot = candidate.lastIndexOf('.');
    if (dot <= 0 || candidate.lastIndexOf(':') > dot) return undefined;
    candidate = candidate.slice(0, dot);
  }
}

function paramValue(err: EbsError, param: MessageParam): string {
  switch (param) {
    case 'code':
      return err.code;
    case 'serverMessage':
      return forNotification(err.serverMessage ?? err.message);
    case 'permission':
      return `${err.api ?? 'ebs'}:${err.action ?? '*'}`;
    case 'action':
      return err.action ?? 'EBS';
    case 'regionId':
      return err.regionId ?? '?';
    case 'httpStatus':
      return err.httpStatus !== undefined ? String(err.httpStatus) : '?';
    case 'errno':
      return err.errno ?? err.code;
    case 'requestId':
      return err.requestId ?? '-';
  }
}

/** How much of a server's message a notification shows; the call log keeps all of it. */
export const MAX_NOTIFIED_MESSAGE_LENGTH = 300;

/** The first MAX_NOTIFIED_MESSAGE_LENGTH characters and "…" (a 200 kB message is no notification). */
export function forNotification(text: string): string {
  return text.length > MAX_NOTIFIED_MESSAGE_LENGTH ? `${text.slice(0, MAX_NOTIFIED_MESSAGE_LENGTH)}…` : text;
}

function render(template: MessageTemplate, err: EbsError): LocalisableMessage {
  return { message: template.text, args: template.params.map((p) => paramValue(err, p)) };
}

/** Explains any thrown value (normalised with toEbsError first) for the shell. */
export function explainError(error: unknown): ErrorExplanation {
  const err = toEbsError(error);
  const found = catalogueEntryFor(err.code, err.service ?? (err.api === 'ebs' ? undefined : err.api));
  const explanation: ErrorExplanation = {
    code: err.code,
    entryCode: found.code,
    category: found.category,
    retryable: err.retryable,
    silent: found.silent === true,
    summary: render(found.summary, err),
    nextStep: render(found.nextStep, err),
  };
  if (err.httpStatus !== undefined) explanation.httpStatus = err.httpStatus;
  if (err.requestId !== undefined) explanation.requestId = err.requestId;
  if (err.recommend !== undefined) explanation.recommend = err.recommend;
  if (err.serverMessage !== undefined) explanation.serverMessage = err.serverMessage;
  return explanation;
}

export { formatMessage };

/** Every English template in the catalogue: the l10n keys that need translations. */
export function catalogueMessageKeys(): string[] {
  const keys = new Set<string>();
  for (const e of [...ERROR_CATALOGUE, ...ECS_CATALOGUE, ...CREDENTIAL_CATALOGUE, GENERIC_ENTRY]) {
    keys.add(e.summary.text);
    keys.add(e.nextStep.text);
  }
  return [...keys];
}
