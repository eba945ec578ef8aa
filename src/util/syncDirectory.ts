import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Makes a rename or unlink in `dir` durable (best effort: some file systems refuse fsync on a directory; the change is still atomic). */
export function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here: the rename or unlink is still atomic
  }
}
