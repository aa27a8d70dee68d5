// Which window announces a drill's completion, claimed atomically in the record store's folder: one empty file per
// claim (`claims/<hash of the key>`), created with the exclusive flag, so exactly one window (process) succeeds; a
// claim older than its time to live is taken over. The claims used to be one map in globalState, read, changed and
// written back by each window, which two windows can interleave. Synchronous on purpose (the tracker decides at once
// whether to notify); each call touches one tiny file. Pure: Node's fs only.
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

export interface ClaimFiles {
  claimOnce(key: string, now: number, ttlMs: number): boolean;
  releaseClaim(key: string): void;
  /** Removes claims older than `ttlMs` (at start: the folder never grows without bound). */
  prune(now: number, ttlMs: number): void;
}

export function claimFiles(folder: string): ClaimFiles {
  const dir = join(folder, 'claims');
  const fileOf = (key: string): string => join(dir, createHash('sha256').update(key).digest('hex').slice(0, 32));
  return {
    claimOnce(key, now, ttlMs) {
      mkdirSync(dir, { recursive: true });
      const file = fileOf(key);
      try {
        closeSync(openSync(file, 'wx'));
        utimesSync(file, now / 1000, now / 1000);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      // Claimed before: still valid unless it expired (then this window takes it over).
      if (now - statSync(file).mtimeMs < ttlMs) return false;
      utimesSync(file, now / 1000, now / 1000);
      return true;
    },
    releaseClaim(key) {
      rmSync(fileOf(key), { force: true });
    },
    prune(now, ttlMs) {
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        return;
      }
      for (const name of names) {
        const file = join(dir, name);
        try {
          if (now - statSync(file).mtimeMs >= ttlMs) rmSync(file, { force: true });
        } catch {
          // Another window pruned it first.
        }
      }
    },
  };
}
