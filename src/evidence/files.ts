// The file operations the record store is built on: a write that readers never see half done (a temporary file in
// the same folder renamed over the record), a lock file that serialises one record's updates across processes (the
// windows of VS Code, each its own extension host), and reading many files with a bounded number in flight. Pure
// (Node's file system only).
import { randomBytes } from 'node:crypto';
import { promises as fs, readFile } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes `text` to `file` atomically: readers see the old content or the new one, never part of it. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, text, 'utf8');
    await renameRetrying(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** Windows refuses a rename over a file another process has open for a moment; such a rename is retried. */
async function renameRetrying(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 20 || (code !== 'EPERM' && code !== 'EACCES' && code !== 'EBUSY')) throw error;
      await delay(10 + attempt * 10);
    }
  }
}

/**
 * The file's text, or undefined when it does not exist. Node's callback `readFile` is used: reading tens of
 * thousands of small files, it takes about half the time of `fs.promises.readFile`.
 */
export function readIfExists(file: string): Promise<string | undefined> {
  return new Promise((resolve, reject) =>
    readFile(file, 'utf8', (error, text) => {
      if (!error) resolve(text);
      else if (error.code === 'ENOENT') resolve(undefined);
      else reject(error);
    }),
  );
}

/** Moves a file aside under a name no other file has (`<file>.damaged-<time>`, `-2`… when taken). */
export async function setAside(file: string, suffix: string): Promise<string> {
  for (let n = 1; ; n++) {
    const target = n === 1 ? `${file}.${suffix}` : `${file}.${suffix}-${n}`;
    try {
      // A hard link fails when the name is taken, so nothing is overwritten; the record's own name is then freed.
      await fs.link(file, target);
      await fs.unlink(file);
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code === 'ENOENT') return target;
      // File systems without hard links: a plain rename under a name checked just before.
      if (await exists(target)) continue;
      await fs.rename(file, target);
      return target;
    }
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

export interface LockOptions {
  /** A lock older than this (ms, by the file's modification time) belongs to a process that died or hung: it is taken over. */
  staleMs: number;
  /** How long to wait for the lock before going ahead without it (ms). */
  timeoutMs: number;
}

/**
 * Takes the lock file `<file>.lock` (created exclusively) and resolves with its release; waits with a short,
 * growing backoff while another process holds it. Resolves without the lock after `timeoutMs`: the write goes ahead
 * unlocked rather than being lost, and a lock is never a reason to fail.
 */
export async function acquireLock(file: string, options: LockOptions): Promise<() => Promise<void>> {
  const lock = `${file}.lock`;
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.mkdir(dirname(lock), { recursive: true });
      await fs.writeFile(lock, token, { flag: 'wx' });
      return () => releaseLock(lock, token);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return async () => undefined;
    }
    if (await takeOverIfStale(lock, options)) continue;
    if (Date.now() - started >= options.timeoutMs) return async () => undefined;
    await delay(Math.min(100, 5 + attempt * 5) * (0.5 + Math.random()));
  }
}

/** Removes a stale lock; true when it was removed (by this process or another one). */
async function takeOverIfStale(lock: string, options: LockOptions): Promise<boolean> {
  let stat;
  try {
    stat = await fs.stat(lock);
  } catch {
    return true;
  }
  if (Date.now() - stat.mtimeMs < options.staleMs) return false;
  // Renamed away first, so of several processes finding it stale only one removes it; the others see it gone.
  const aside = `${lock}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(lock, aside);
  } catch {
    return true;
  }
  const taken = await fs.stat(aside).catch(() => undefined);
  if (taken !== undefined && Date.now() - taken.mtimeMs < options.staleMs) {
    // Another process replaced the stale lock between the check and the rename: its fresh lock is put back.
    await fs.link(aside, lock).catch(() => undefined);
  }
  await fs.rm(aside, { force: true }).catch(() => undefined);
  return true;
}

async function releaseLock(lock: string, token: string): Promise<void> {
  try {
    // Only our own lock is removed: after a takeover the file may be another process's.
    if ((await fs.readFile(lock, 'utf8')) === token) await fs.unlink(lock);
  } catch {
    // Already gone (taken over as stale): nothing to release.
  }
}

/** Runs `task` for every item with at most `limit` in flight; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** The files directly inside `folder` (none when it does not exist). */
export async function listFiles(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** The folders directly inside `folder` (none when it does not exist). */
export async function listFolders(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
