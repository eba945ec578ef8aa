import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { syncDirectory } from './syncDirectory.js';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** What `writeAtomic` writes: text (UTF-8) or bytes, possibly in parts (written one after the other). */
export type AtomicData = string | Uint8Array | readonly Uint8Array[];

/**
 * Writes `data` to `path` all at once, the one way mnc writes a file
 * (reports, counterexamples, ITF traces, checkpoints): a temp file with a
 * unique name beside `path`, fsync, rename over `path`, fsync of the
 * directory. Readers never see half a file, and after a crash or power loss
 * `path` holds the old or the new content. On failure the temp file is
 * removed and the error names `path` (`path: cannot write (ENOENT)`), not the
 * temp file. Temp files left by a killed mnc (kill -9 in the middle of a
 * write) are removed by the next successful write of the same path.
 */
export function writeAtomic(path: string, data: AtomicData): void {
  const tmp = join(dirname(path), `${TEMP_PREFIX(path)}${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    const parts = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
    for (const part of parts) {
      for (let off = 0; off < part.byteLength;) off += writeSync(fd, part, off, part.byteLength - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw writeError(path, e);
  }
  syncDirectory(dirname(path));
  removeOrphans(path);
}

/** Temp files of `path` begin with this: `.NAME.mnc-` (hidden, and named after the target). */
const TEMP_PREFIX = (path: string): string => `.${basename(path)}.mnc-`;

/** The error of a failed write, naming the user's path (main prints `path: cannot write (CODE)`). */
function writeError(path: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return e instanceof Error ? e : new Error(String(e));
  return Object.assign(new Error(`${path}: cannot write (${code})`), { code, path, syscall: 'write' });
}

/** Removes temp files of `path` left by processes that no longer run. */
function removeOrphans(path: string): void {
  const prefix = TEMP_PREFIX(path);
  let names: string[];
  try {
    names = readdirSync(dirname(path)).filter((n) => n.startsWith(prefix) && n.endsWith('.tmp'));
  } catch {
    return;
  }
  for (const n of names) {
    const pid = Number(n.slice(prefix.length).split('.')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !running(pid)) rmSync(join(dirname(path), n), { force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
