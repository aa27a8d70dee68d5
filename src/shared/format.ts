// The formats every part of the UI shares, so that two places never disagree: the age of a past instant, the local
// date and time, and Markdown escaping. Pure; English templates are l10n keys rendered by the caller.
import type { LocalisableMessage } from './text';

const msg = (message: string, ...args: (string | number)[]): LocalisableMessage => ({ message, args: args.map(String) });

/**
 * "just now", "4 min ago", "3 h ago", "5 d ago": whole units elapsed, rounded down (an age never claims more
 * than has passed; at 59.6 s it is still "just now"); future instants count as now.
 */
export function ageMessage(thenMs: number, nowMs: number): LocalisableMessage {
  const seconds = Math.floor(Math.max(0, nowMs - thenMs) / 1000);
  if (seconds < 60) return msg('just now');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return msg('{0} min ago', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return msg('{0} h ago', hours);
  return msg('{0} d ago', Math.floor(hours / 24));
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local time as `2026-01-01 08:04:00 (UTC+08:00)`: unambiguous in any locale. */
export function formatLocalDateTime(date: Date | number): string {
  const d = typeof date === 'number' ? new Date(date) : date;
  const offset = -d.getTimezoneOffset();
  const abs = Math.abs(offset);
  const zone = `UTC${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())} (${zone})`;
}

/** Escapes text for Markdown (tooltips, tables): its symbols are shown, never interpreted; line breaks become spaces. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * One log line stays one line and shows what it holds: line breaks, ESC and every other control character (C0, DEL,
 * C1, the Unicode line and paragraph separators) become `\n`, `\r`, `\t` or `\u001b`-style escapes, whatever value
 * (a region ID, an error code, a server message) brought them.
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
