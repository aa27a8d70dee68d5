// Coercion of values off the wire: everything is `unknown` until checked here. Numbers may arrive as digit strings,
// optional fields may be missing or null, Unix-second timestamps become Unix milliseconds or Dates. A 200 whose body
// lacks a required field becomes an EbsError `UnexpectedResponse`, never a crash.

import { EbsError, LocalErrorCode } from './ebsError';
import { Tag } from './types';
import { PLAUSIBLE_FUTURE_UNTIL_MS, WireNotes } from './wireNotes';

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function unexpected(message: string, body?: unknown): EbsError {
  const requestId = isObject(body) ? optString(body.RequestId) : undefined;
  return new EbsError({ code: LocalErrorCode.UnexpectedResponse, message, requestId, retryable: false });
}

export function optString(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function str(value: unknown): string {
  return optString(value) ?? '';
}

/**
 * One copy of each value of a field with few distinct values (regions, zones, statuses, the resource group): JSON.parse
 * makes a new string per occurrence, and a big inventory holds tens of thousands of pairs, each naming the same few
 * regions and zones about eight times (about a quarter of a pair's retained heap). Bounded, so that a hostile
 * endpoint sending a new value every time cannot grow it without end: past the bound a value is kept as it came.
 */
const INTERNED_MAX = 4096;
const interned = new Map<string, string>();

export function shared(value: string): string {
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size < INTERNED_MAX && value.length <= 64) interned.set(value, value);
  return value;
}

/** `str`, shared. */
export function sharedStr(value: unknown): string {
  return shared(str(value));
}

/** `optString`, shared. */
export function optSharedString(value: unknown): string | undefined {
  const text = optString(value);
  return text === undefined ? undefined : shared(text);
}

export function optNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function optBoolean(value: unknown): boolean | undefined {
  if (value === true || value === 'true' || value === 1 || value === '1') return true;
  if (value === false || value === 'false' || value === 0 || value === '0') return false;
  return undefined;
}

const MAX_DATE_MS = 8.64e15;

/**
 * Unix seconds (number or digit string) → Unix milliseconds; 0, negative, missing or garbage → undefined. So is an
 * implausible instant (before 2010, or more than a day ahead: milliseconds sent as seconds, year 58887), which `notes`
 * records under `field` for the call's one log line. An instant meant to lie ahead (`ahead`: an expiry) may be up to
 * year 3000. Records of which a big inventory holds tens of thousands keep the number (a Date costs six times its heap).
 */
export function unixSecondsToMs(value: unknown, notes?: WireNotes, field = 'timestamp', ahead = false): number | undefined {
  const seconds = optNumber(value);
  if (seconds === undefined || seconds <= 0) return undefined;
  const ms = seconds * 1000;
  const bounds = notes ?? new WireNotes();
  if (ms < bounds.fromMs || ms > (ahead ? PLAUSIBLE_FUTURE_UNTIL_MS : bounds.untilMs)) {
    notes?.implausible(field, value);
    return undefined;
  }
  // Beyond ±8.64e15 ms a Date is invalid (ECMAScript TimeClip); the bounds above already keep far inside it.
  return ms <= MAX_DATE_MS ? ms : undefined;
}

/** unixSecondsToMs as a Date. */
export function unixSecondsToDate(value: unknown, notes?: WireNotes, field = 'timestamp', ahead = false): Date | undefined {
  const ms = unixSecondsToMs(value, notes, field, ahead);
  return ms === undefined ? undefined : new Date(ms);
}

export function requireString(record: Obj, field: string, what: string, body: unknown): string {
  const value = optString(record[field]);
  if (value === undefined) throw unexpected(`${what} lacks ${field}.`, body);
  return value;
}

/** A required array; JSON null counts as empty, anything else that is not an array is an error. */
export function requireArray(body: unknown, field: string, what: string): unknown[] {
  if (!isObject(body)) throw unexpected(`${what}: the response body is not a JSON object.`);
  const value = body[field];
  if (value === null) return [];
  if (!Array.isArray(value)) throw unexpected(`${what}: the response lacks the array ${field}.`, body);
  return value;
}

export function objects(items: unknown[], what: string, body: unknown): Obj[] {
  return items.map((item, i) => {
    if (!isObject(item)) throw unexpected(`${what}: item ${i} is not an object.`, body);
    return item;
  });
}

export function tags(value: unknown): Tag[] {
  const out: Tag[] = [];
  if (!Array.isArray(value)) return out;
  for (const t of value) if (isObject(t)) out.push({ key: str(t.TagKey), value: str(t.TagValue) });
  return out;
}

export function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => str(v).split(',')).map((s) => s.trim()).filter((s) => s !== '');
}

export function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

export function requestIdOf(body: unknown): string {
  const id = isObject(body) ? optString(body.RequestId) : undefined;
  if (id === undefined) throw unexpected('The response lacks RequestId.', body);
  return id;
}

/** NextToken of a page; empty or missing means last page. */
export function nextTokenOf(body: unknown): string | undefined {
  return isObject(body) ? optString(body.NextToken) : undefined;
}

