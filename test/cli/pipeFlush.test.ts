import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledTree } from './util/compiledTree.js';

let tree = '';
beforeAll(async () => {
  tree = await compiledTree();
}, 120_000);
afterAll(() => rmSync(tree, { recursive: true, force: true }));

/** Bytes the process has written so far (Linux /proc/PID/io), or undefined when it cannot be read. */
function bytesWritten(pid: number): number | undefined {
  try {
    return Number(/^wchar: (\d+)$/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

/**
 * Runs the compiled `mnc ARGS` with stdout a real pipe (a FIFO: 64 KiB of
 * buffer, as in a shell pipeline; child_process's own stdio are socket pairs
 * with larger buffers) that nobody reads until the child has exited, or has
 * filled the pipe and a second has passed since: a reader slower than mnc.
 * The old code exits as soon as its write is queued (the rest of the output
 * lost); the fixed code waits for the reader. Returns every byte that came
 * through and the exit code.
 */
function runThroughSlowPipe(args: string[]): Promise<{ code: number | null; out: string }> {
  const fifo = join(tree, `pipe-${Math.random().toString(36).slice(2)}`);
  execFileSync('mkfifo', [fifo]);
  const r = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const w = openSync(fifo, constants.O_WRONLY);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(tree, 'src/cli/mnc.js'), ...args], { stdio: ['ignore', w, 'inherit'] });
    closeSync(w);
    const chunks: Buffer[] = [];
    let code: number | null = null;
    let exited = false;
    let reading = false;
    let fullSince: number | undefined;
    const buf = Buffer.alloc(1 << 16);
    const poll = setInterval(() => {
      if (!reading) {
        const written = child.pid === undefined ? undefined : bytesWritten(child.pid);
        if (written !== undefined && written >= 65536) fullSince ??= Date.now();
        reading = exited || (fullSince !== undefined && Date.now() - fullSince >= 1000);
        if (!reading) return;
      }
      for (;;) {
        let n: number;
        try {
          n = readSync(r, buf);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EAGAIN') return; // the writer is still there, nothing to read yet
          throw e;
        }
        if (n > 0) {
          chunks.push(Buffer.from(buf.subarray(0, n)));
          continue;
        }
        if (!exited) return; // end of the pipe: wait for the exit code
        clearInterval(poll);
        closeSync(r);
        resolve({ code, out: Buffer.concat(chunks).toString('utf8') });
        return;
      }
    }, 20);
    child.on('exit', (c) => {
      exited = true;
      code = c;
    });
    child.on('error', reject);
  });
}

describe('stdout through a slow pipe (review D1): everything arrives before mnc exits', () => {
  it('mnc scenarios --json (over 64 KiB) parses whole, exit 0', async () => {
    const { code, out } = await runThroughSlowPipe(['scenarios', '--json']);
    expect(out.length).toBeGreaterThan(65536);
    expect(() => JSON.parse(out)).not.toThrow();
    expect(code).toBe(0);
  }, 60_000);
});
