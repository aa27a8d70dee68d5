// Fault injection rules set through the admin API.

export const FAULT_MODES = [
  'error',
  'delay',
  'drop-after-commit',
  'reset',
  'html',
  'empty',
  'error-after-commit',
  'html-after-commit',
  'empty-after-commit',
  'commit-after-deadline',
] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

/**
 * Modes whose operation runs (or whose ClientToken replays its first result) before the failure: they apply to a
 * replay too, so "the drill was created, then every attempt failed" can be produced.
 */
export const AFTER_COMMIT_MODES: readonly FaultMode[] = ['drop-after-commit', 'error-after-commit', 'html-after-commit', 'empty-after-commit'];

export function isAfterCommit(mode: FaultMode): boolean {
  return AFTER_COMMIT_MODES.includes(mode);
}

export interface FaultRule {
  /** API action name, or "*" for every action. */
  action: string;
  mode: FaultMode;
  /** Only requests whose RegionId parameter equals this value. */
  regionId?: string;
  /** HTTP status for `error` (default 500), `error-after-commit` (default 503), `html*` and `empty*` (default 502). */
  status?: number;
  /** Error code for `error` (default InternalError; e.g. RequestTimeout with status 504). */
  code?: string;
  message?: string;
  /** Delay before the fault takes effect (the whole effect for `delay`). */
  delayMs?: number;
  /** How many matching requests the rule applies to; omitted = until cleared. */
  times?: number;
}

export class FaultValidationError extends Error {}

function check(cond: boolean, message: string): void {
  if (!cond) throw new FaultValidationError(message);
}

/** Validates rules sent to POST /__emulator/faults (a list, or an object with a `rules` list). */
export function parseFaultRules(input: unknown): FaultRule[] {
  const list = Array.isArray(input) ? input : typeof input === 'object' && input !== null && Array.isArray((input as { rules?: unknown }).rules) ? (input as { rules: unknown[] }).rules : undefined;
  check(list !== undefined, 'expected a JSON array of fault rules (or {"rules": [...]})');
  return (list ?? []).map((raw, i) => {
    const at = `rule ${i}`;
    check(typeof raw === 'object' && raw !== null && !Array.isArray(raw), `${at}: must be an object`);
    const r = raw as Record<string, unknown>;
    check(typeof r.action === 'string' && r.action !== '', `${at}: "action" must be an action name or "*"`);
    check(FAULT_MODES.includes(r.mode as FaultMode), `${at}: "mode" must be one of ${FAULT_MODES.join(', ')}`);
    const optInt = (key: string, min: number, max: number): number | undefined => {
      const v = r[key];
      if (v === undefined || v === null) return undefined;
      check(typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max, `${at}: "${key}" must be an integer from ${min} to ${max}`);
      return v as number;
    };
    const optStr = (key: string): string | undefined => {
      const v = r[key];
      if (v === undefined || v === null) return undefined;
      check(typeof v === 'string' && v !== '', `${at}: "${key}" must be a non-empty string`);
      return v as string;
    };
    const rule: FaultRule = { action: r.action as string, mode: r.mode as FaultMode };
    const regionId = optStr('regionId');
    const status = optInt('status', 100, 599);
    const code = optStr('code');
    const message = optStr('message');
    const delayMs = optInt('delayMs', 0, 600_000);
    const times = optInt('times', 1, 1_000_000_000);
    if (regionId !== undefined) rule.regionId = regionId;
    if (status !== undefined) rule.status = status;
    if (code !== undefined) rule.code = code;
    if (message !== undefined) rule.message = message;
    if (delayMs !== undefined) rule.delayMs = delayMs;
    if (times !== undefined) rule.times = times;
    if (rule.mode === 'error' || rule.mode === 'error-after-commit') check(rule.status === undefined || rule.status >= 400, `${at}: an error status must be 4xx or 5xx`);
    return rule;
  });
}

export class FaultSet {
  private rules: FaultRule[] = [];

  set(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first rule matching the request (and `only`, when given); consumes one of its `times`. */
  take(action: string, regionId: string | undefined, only?: (mode: FaultMode) => boolean): FaultRule | undefined {
    const index = this.rules.findIndex(
      (r) => (r.action === '*' || r.action === action) && (r.regionId === undefined || r.regionId === regionId) && (only === undefined || only(r.mode)),
    );
    if (index < 0) return undefined;
    const rule = this.rules[index];
    if (rule.times !== undefined) {
      rule.times -= 1;
      if (rule.times <= 0) this.rules.splice(index, 1);
    }
    return { ...rule };
  }
}
