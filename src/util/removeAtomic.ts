import { unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { syncDirectory } from './syncDirectory.js';

/**
 * Removes the file at `path` if there is one, the one way mnc takes an
 * output away (a previous run's counterexample that this run has none to
 * replace): unlink is atomic, so a reader finds the old file or none, and
 * the directory is synced as after writeAtomic. No file there is not an
 * error; any other failure names `path` (`path: cannot remove (EACCES)`).
 */
export function removeAtomic(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (typeof code !== 'string') throw e;
    throw Object.assign(new Error(`${path}: cannot remove (${code})`), { code, path, syscall: 'unlink' });
  }
  syncDirectory(dirname(path));
}
