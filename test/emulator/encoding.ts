// Percent-encoding helpers shared by both signature schemes.
import { unescape as qsUnescape } from 'node:querystring';

/** RFC 3986 encoding of the UTF-8 bytes: keeps A-Z a-z 0-9 - _ . ~, everything else %XX (upper-case hex). */
export function pct(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Percent-decodes leniently ('+' is a space); never throws on malformed input. */
export function decodeComponent(s: string): string {
  return qsUnescape(s.replace(/\+/g, ' '));
}

/** Splits a raw query (or form body) on '&' and each pair at its first '='; decodes keys and values. Keeps duplicates and order. */
export function parsePairs(raw: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    out.push([decodeComponent(key), decodeComponent(value)]);
  }
  return out;
}

/** Plain UTF-16 code-unit order, upper case before lower case, as the signature requires (docs/ebs-api.md, Signing and SDK). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted `pct(key)=pct(value)` pairs joined with '&'. */
export function canonicalize(pairs: ReadonlyArray<readonly [string, string]>): string {
  return [...pairs]
    .sort((x, y) => compareCodeUnits(x[0], y[0]) || compareCodeUnits(x[1], y[1]))
    .map(([k, v]) => `${pct(k)}=${pct(v)}`)
    .join('&');
}
