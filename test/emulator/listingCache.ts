// Listing pages rendered once per revision of the state. At 30 regions × 2,000 pairs the emulator spent more CPU
// filtering, copying and serialising the same records page after page than the client spent reading them, and a bench
// that runs both on one small machine then measures the emulator. A query's matches are computed once per state
// revision (EmulatorState.revision: every operation that is not a Describe, every transition the clock settles), and
// a page's JSON once per revision and stamp (the sum of its pairs' versions, which count their recovery point moving
// on): what a client receives is byte for byte what rendering it afresh would give, with a new RequestId each time.
import type { EmulatorState } from './state';

/** A value already rendered as JSON (UTF-8); sendJson writes it as it is (top-level fields of a body only). */
export class RawJson {
  readonly bytes: Buffer;

  constructor(value: unknown) {
    this.bytes = Buffer.from(JSON.stringify(value));
  }
}

/** `body` as JSON.stringify would render it, with top-level RawJson values written as their bytes. */
export function jsonBytes(body: object): Buffer {
  const entries = Array.isArray(body) ? [] : Object.entries(body);
  if (!entries.some(([, value]) => value instanceof RawJson)) return Buffer.from(JSON.stringify(body));
  const chunks: Buffer[] = [];
  const fields: string[] = [];
  let text = '{';
  for (const [key, value] of entries) {
    const rendered = value instanceof RawJson ? '' : (JSON.stringify(value) as string | undefined);
    if (rendered === undefined) continue;
    text += `${fields.length > 0 ? ',' : ''}${JSON.stringify(key)}:${rendered}`;
    fields.push(key);
    if (value instanceof RawJson) {
      chunks.push(Buffer.from(text), value.bytes);
      text = '';
    }
  }
  chunks.push(Buffer.from(`${text}}`));
  return Buffer.concat(chunks);
}

/** Bounds of what one revision keeps (a long demo can run many different filters and page sizes). */
const MAX_QUERIES = 64;
const MAX_PAGES = 10_000;

class ListingCache {
  private revision = -1;
  private readonly queries = new Map<string, readonly unknown[]>();
  private readonly pages = new Map<string, { stamp: number; json: RawJson }>();

  sync(revision: number): this {
    if (revision !== this.revision) {
      this.revision = revision;
      this.queries.clear();
      this.pages.clear();
    }
    return this;
  }

  query<T>(key: string, run: () => readonly T[]): readonly T[] {
    let found = this.queries.get(key) as readonly T[] | undefined;
    if (!found) {
      if (this.queries.size >= MAX_QUERIES) this.queries.clear();
      this.queries.set(key, (found = run()));
    }
    return found;
  }

  page(key: string, stamp: number, render: () => unknown): RawJson {
    let page = this.pages.get(key);
    if (page?.stamp !== stamp) {
      if (this.pages.size >= MAX_PAGES) this.pages.clear();
      this.pages.set(key, (page = { stamp, json: new RawJson(render()) }));
    }
    return page.json;
  }
}

const caches = new WeakMap<EmulatorState, ListingCache>();

function cacheOf(state: EmulatorState): ListingCache {
  let cache = caches.get(state);
  if (!cache) caches.set(state, (cache = new ListingCache()));
  return cache.sync(state.revision);
}

/** The records a query matches (`key` names the query and all it depends on, the caller's account too), once per revision. */
export function cachedQuery<T>(state: EmulatorState, key: string, run: () => readonly T[]): readonly T[] {
  return cacheOf(state).query(key, run);
}

/**
 * The rendered page `offset`…`offset + length` of the query `key` (the one cachedQuery answered), once per revision
 * and `stamp` (what changes whenever a record of the page changes between revisions).
 */
export function cachedPage(state: EmulatorState, key: string, offset: number, length: number, stamp: number, render: () => unknown): RawJson {
  return cacheOf(state).page(`${offset} ${length} ${key}`, stamp, render);
}
