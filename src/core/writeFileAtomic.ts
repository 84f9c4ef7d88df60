import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file whole or not at all: into a hidden temporary file beside it, then renamed over
 * it. A reader (a reload, another process) never sees half a file, a crash leaves no partial
 * file, and a failed write (read-only, full, not a folder) removes its temporary file and throws.
 * The temporary name starts with a dot, so a corpus folder's loader skips it.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
