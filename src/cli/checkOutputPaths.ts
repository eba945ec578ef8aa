import { closeSync, openSync, realpathSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './UsageError.js';

/** An output file a command line names: the flag (for messages) and the path. */
export interface OutputPath {
  readonly flag: string;
  readonly path: string;
}

/**
 * Refuses, before any work, output paths that would lose data: an output
 * that is one of the inputs (it would be overwritten), two outputs on the
 * same file (one would overwrite the other), and an output that cannot be
 * written (missing or read-only directory, a directory in its place). A run
 * of minutes that ends in `cannot write` loses its verdict; this refuses it
 * in milliseconds instead. Throws a one-line UsageError naming the path.
 */
export function checkOutputPaths(outputs: readonly (OutputPath | undefined)[], inputs: readonly (string | undefined)[] = []): void {
  const outs = outputs.filter((o): o is OutputPath => o !== undefined);
  const ins = inputs.filter((i): i is string => i !== undefined).map((i) => ({ path: i, key: identity(i) }));
  const seen = new Map<string, OutputPath>();
  for (const o of outs) {
    const key = identity(o.path);
    const input = ins.find((i) => i.key === key);
    if (input) throw new UsageError(`${o.flag} ${o.path}: is the input ${input.path}; writing it would destroy the input`);
    const other = seen.get(key);
    if (other) throw new UsageError(`${o.flag} ${o.path}: the same file as ${other.flag} ${other.path}`);
    seen.set(key, o);
    probe(o.path);
  }
}

/** One name for one file: the real path when it exists (symlinks, `./`), else the absolute path in the real directory. */
function identity(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Creates and removes a temp file beside `path`: what writing it atomically will need. */
function probe(path: string): void {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    // a new file
  }
  if (isDir) throw new UsageError(`${path}: cannot write (EISDIR)`);
  const tmp = join(dirname(path), `.${basename(path)}.mnc-${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    closeSync(openSync(tmp, 'wx'));
  } catch (e) {
    throw new UsageError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  rmSync(tmp, { force: true });
}
