// What the parsers corrected in an answer, so that the client can say so once per call instead of once per record:
// implausible timestamps (treated as unknown) and duplicate IDs in a listing (the first one kept). The bounds of a
// plausible timestamp are in docs/ebs-api.md, section Wire values.

/** 2010-01-01T00:00:00Z: EBS replication did not exist before, so an earlier instant is a wrong unit or garbage. */
export const PLAUSIBLE_FROM_MS = Date.UTC(2010, 0, 1);
/** How far ahead of this computer's clock a timestamp may be (clock skew), before it counts as implausible. */
export const PLAUSIBLE_AHEAD_MS = 24 * 60 * 60 * 1000;
/** The bound for instants meant to lie ahead (a subscription's ExpiredTime): year 3000, far below milliseconds-as-seconds. */
export const PLAUSIBLE_FUTURE_UNTIL_MS = Date.UTC(3000, 0, 1);

export class WireNotes {
  readonly fromMs = PLAUSIBLE_FROM_MS;
  readonly untilMs: number;
  implausibleTimestamps = 0;
  duplicateIds = 0;
  private example: string | undefined;
  private duplicateExample: string | undefined;

  constructor(nowMs: number = Date.now()) {
    this.untilMs = nowMs + PLAUSIBLE_AHEAD_MS;
  }

  implausible(field: string, value: unknown): void {
    this.implausibleTimestamps++;
    this.example ??= `${field}=${String(value).slice(0, 40)}`;
  }

  duplicate(id: string): void {
    this.duplicateIds++;
    this.duplicateExample ??= id.slice(0, 80);
  }

  /** One English line for the log, or undefined when nothing was corrected. */
  summary(action: string, regionId: string): string | undefined {
    const parts: string[] = [];
    if (this.implausibleTimestamps > 0) {
      parts.push(`${this.implausibleTimestamps} implausible timestamp(s) treated as unknown (before 2010 or more than a day ahead; e.g. ${this.example ?? '?'})`);
    }
    if (this.duplicateIds > 0) parts.push(`${this.duplicateIds} duplicate ID(s) dropped, the first kept (e.g. ${this.duplicateExample ?? '?'})`);
    return parts.length === 0 ? undefined : `${action} region=${regionId}: ${parts.join('; ')}`;
  }
}

/** The items with the first of each key only; the same array when there is no duplicate. */
export function uniqueBy<T>(items: T[], key: (item: T) => string, notes?: WireNotes): T[] {
  const seen = new Set<string>();
  let out: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      out?.push(item);
      continue;
    }
    notes?.duplicate(k);
    out ??= items.slice(0, i);
  }
  return out ?? items;
}
