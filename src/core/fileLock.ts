import { mkdirSync, rmSync, statSync } from 'node:fs';

/** A lock older than this was left by a process that died holding it (the sections it guards take milliseconds). */
const STALE_MS = 30_000;
/** How long a writer waits for another before it gives up. */
const WAIT_MS = 15_000;
const PAUSE_MS = 15;

/** Another writer held the lock for longer than anyone should. */
export class LockBusy extends Error {
  override name = 'LockBusy';
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `section` while holding the lock at `lockPath` (a folder: making one is atomic on every
 * file system), so one writer at a time changes what it guards, across processes; the second
 * waits. The section is synchronous: nothing else of this process runs while it holds the lock.
 */
export function withLock<T>(lockPath: string, section: () => T): T {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      mkdirSync(lockPath);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const since = statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_MS) rmSync(lockPath, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new LockBusy(`${lockPath} is held by another writer`);
      else Atomics.wait(pause, 0, 0, PAUSE_MS);
    }
  }
  try {
    return section();
  } finally {
    rmSync(lockPath, { recursive: true, force: true });
  }
}
