// Localising the drill core's texts in the shell.
import * as vscode from 'vscode';
import type { Text } from '../model';

/** Localises a template and its (possibly nested) arguments with vscode.l10n.t. */
export function t(text: Text): string {
  return vscode.l10n.t(text.message, ...text.args.map((a) => (typeof a === 'string' ? a : t(a))));
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Local time as `2026-01-01 08:04:00 (UTC+08:00)`: unambiguous in any locale. */
export function formatTime(ms: number): string {
  const date = new Date(ms);
  const offset = -date.getTimezoneOffset();
  const abs = Math.abs(offset);
  const zone = `UTC${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())} (${zone})`;
}
