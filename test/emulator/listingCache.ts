// Listing pages rendered once per revision of the state. At 30 regions × 2,000 pairs the emulator spent more CPU
// filtering, copying and serialising the same records page after page than the client spent reading them, and a bench
// that runs both on one small machine then measures the emulator. A query's matches are computed once per state
// revision (EmulatorState.revision: every operation that is not a Describe, every transition the clock settles), and
// a page's records once per revision and record version (a pair's counts its recovery point moving on, which with
// tens of thousands of pairs happens every second): what a client receives is byte for byte what rendering it afresh
// would give, with a new RequestId each time.
import type { EmulatorState } from './state';

/** A value already rendered as JSON (UTF-8); sendJson writes it as it is (top-level fields of a body only). */
export class RawJson {
  constructor(readonly bytes: Buffer) {}

  /** The JSON array of already rendered items. */
  static array(items: readonly string[]): RawJson {
    return new RawJson(Buffer.from(`[${items.join(',')}]`));
  }
}

interface RenderedPage {
  versions: number[];
  items: string[];
  json: RawJson;
}

/** `body` as JSON.stringify would render it, with top-level RawJson values written as their bytes. */
export function jsonBytes(body: object): Buffer {
  const entries = Array.isArray(body) ? [] : Object.entries(body);
  if (!entries.some(([, value]) => value instanceof RawJson)) return Buffer.from(JSON.stringify(body));
  const chunks: Buffer[] = [];
  let text = '{';
  let separator = '';
  for (const [key, value] of entries) {
    const rendered = value instanceof RawJson ? '' : (JSON.stringify(value) as string | undefined);
    if (rendered === undefined) continue;
    text += `${separator}${JSON.stringify(key)}:${rendered}`;
    separator = ',';
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
  private readonly pages = new Map<string, RenderedPage>();

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

  page<T>(key: string, records: readonly T[], version: (record: T) => number, render: (record: T) => unknown): RawJson {
    const page = this.pages.get(key);
    if (!page || page.items.length !== records.length) {
      if (this.pages.size >= MAX_PAGES) this.pages.clear();
      const items = records.map((r) => JSON.stringify(render(r)));
      const fresh = { versions: records.map(version), items, json: RawJson.array(items) };
      this.pages.set(key, fresh);
      return fresh.json;
    }
    let changed = false;
    records.forEach((record, i) => {
      const v = version(record);
      if (v === page.versions[i]) return;
      page.versions[i] = v;
      page.items[i] = JSON.stringify(render(record));
      changed = true;
    });
    if (changed) page.json = RawJson.array(page.items);
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
 * The JSON array of `records`, the page at `offset` of the query `key` (the one cachedQuery answered): each record
 * rendered once per revision and `version` (what changes whenever the record does between revisions).
 */
export function cachedPage<T>(state: EmulatorState, key: string, offset: number, records: readonly T[], version: (record: T) => number, render: (record: T) => unknown): RawJson {
  return cacheOf(state).page(`${offset} ${records.length} ${key}`, records, version, render);
}
