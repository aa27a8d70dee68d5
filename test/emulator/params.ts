// Declarative request-parameter validation: required, type, range, length and format checks
// producing the documented error codes (MissingParameter, InvalidParameter, InvalidParameter.Format).
import { invalidFormat, invalidParameter, missingParameter } from './errors';
import { GROUP_ID_PATTERN, PAIR_ID_PATTERN, REGION_ID_PATTERN } from './scenario';

export interface ParamSpec {
  name: string;
  type?: 'string' | 'integer' | 'boolean';
  required?: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Malformed values give InvalidParameter.Format. */
  format?: RegExp;
  /** Allowed values (InvalidParameter otherwise). */
  oneOf?: readonly string[];
  /** Comma-separated list: each item must match `format`; at most `maxItems` items. */
  list?: boolean;
  maxItems?: number;
  /** Only printable ASCII (InvalidParameter otherwise). */
  ascii?: boolean;
}

export type ParamValue = string | number | boolean;

export class Params {
  constructor(
    private readonly values: ReadonlyMap<string, ParamValue>,
    readonly raw: ReadonlyMap<string, string>,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  str(name: string): string | undefined {
    const v = this.values.get(name);
    return v === undefined ? undefined : String(v);
  }

  /** A required string (validated as present). */
  req(name: string): string {
    const v = this.str(name);
    if (v === undefined) throw missingParameter(name);
    return v;
  }

  int(name: string): number | undefined {
    const v = this.values.get(name);
    return typeof v === 'number' ? v : undefined;
  }

  bool(name: string, fallback: boolean): boolean {
    const v = this.values.get(name);
    return typeof v === 'boolean' ? v : fallback;
  }

  list(name: string): string[] {
    const v = this.str(name);
    return v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
  }

  /** Declared values, for idempotency fingerprints (ClientToken excluded). */
  fingerprint(): string {
    return JSON.stringify([...this.values.entries()].filter(([k]) => k !== 'ClientToken').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function validateParams(specs: readonly ParamSpec[], raw: ReadonlyMap<string, string>): Params {
  for (const spec of specs) {
    if (spec.required && !raw.get(spec.name)) throw missingParameter(spec.name);
  }
  const values = new Map<string, ParamValue>();
  for (const spec of specs) {
    const text = raw.get(spec.name);
    if (text === undefined || text === '') continue;
    values.set(spec.name, parseOne(spec, text));
  }
  return new Params(values, raw);
}

function parseOne(spec: ParamSpec, text: string): ParamValue {
  const { name } = spec;
  if (spec.type === 'integer') {
    if (!/^-?\d{1,15}$/.test(text)) throw invalidParameter(name);
    const n = Number(text);
    if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
      throw invalidParameter(name, `It must be between ${spec.min ?? '-∞'} and ${spec.max ?? '∞'}.`);
    }
    return n;
  }
  if (spec.type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw invalidParameter(name, 'It must be true or false.');
    return text === 'true';
  }
  if (spec.maxLength !== undefined && text.length > spec.maxLength) throw invalidParameter(name, `It must be at most ${spec.maxLength} characters.`);
  if (spec.ascii && !PRINTABLE_ASCII.test(text)) throw invalidParameter(name, 'It must contain only printable ASCII characters.');
  if (spec.oneOf && !spec.oneOf.includes(text)) throw invalidParameter(name, `Valid values: ${spec.oneOf.join(', ')}.`);
  if (spec.list) {
    const items = text.split(',').map((s) => s.trim()).filter(Boolean);
    if (spec.maxItems !== undefined && items.length > spec.maxItems) throw invalidParameter(name, `At most ${spec.maxItems} items are allowed.`);
    if (spec.format && items.some((item) => !spec.format?.test(item))) throw invalidFormat(name);
    return text;
  }
  if (spec.format && !spec.format.test(text)) throw invalidFormat(name);
  return text;
}

/** Parses `Tag.N.Key` / `Tag.N.Value` (N 1–20) into a list of filters. */
export function tagFilters(raw: ReadonlyMap<string, string>): Array<{ key: string; value: string | undefined }> {
  const byIndex = new Map<number, { key?: string; value?: string }>();
  for (const [k, v] of raw) {
    const m = /^Tag\.(\d+)\.(Key|Value)$/.exec(k);
    if (!m) continue;
    const n = Number(m[1]);
    if (n < 1 || n > 20) throw invalidParameter(k, 'Tag.N accepts N from 1 to 20.');
    const slot = byIndex.get(n) ?? {};
    if (m[2] === 'Key') slot.key = v;
    else slot.value = v;
    byIndex.set(n, slot);
  }
  const out: Array<{ key: string; value: string | undefined }> = [];
  for (const [n, slot] of [...byIndex].sort((a, b) => a[0] - b[0])) {
    if (!slot.key) throw missingParameter(`Tag.${n}.Key`);
    out.push({ key: slot.key, value: slot.value });
  }
  return out;
}

export const DRILL_ID_PATTERN = /^drill-[A-Za-z0-9]{1,64}$/;
export const GROUP_DRILL_ID_PATTERN = /^pg-drill-[A-Za-z0-9]{1,64}$/;

export const P = {
  regionId: { name: 'RegionId', required: true, format: REGION_ID_PATTERN, maxLength: 64 } satisfies ParamSpec,
  pairId: (name: string): ParamSpec => ({ name, required: true, format: PAIR_ID_PATTERN, maxLength: 128 }),
  groupId: (name: string): ParamSpec => ({ name, required: true, format: GROUP_ID_PATTERN, maxLength: 128 }),
  clientToken: { name: 'ClientToken', maxLength: 64, ascii: true } satisfies ParamSpec,
  maxResults: { name: 'MaxResults', type: 'integer', min: 1, max: 500 } satisfies ParamSpec,
  nextToken: { name: 'NextToken', maxLength: 256 } satisfies ParamSpec,
  pageNumber: { name: 'PageNumber', type: 'integer', min: 1, max: 1_000_000_000 } satisfies ParamSpec,
  pageSize: { name: 'PageSize', type: 'integer', min: 1, max: 100 } satisfies ParamSpec,
  site: { name: 'Site', oneOf: ['production', 'backup'] } satisfies ParamSpec,
} as const;

export const PAGING: readonly ParamSpec[] = [P.maxResults, P.nextToken, P.pageNumber, P.pageSize];
