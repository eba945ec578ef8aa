/**
 * vitest's global setup: every test run gets a temporary root of its own
 * (TMPDIR, which os.tmpdir() and the CLI processes tests spawn read), removed
 * when the run ends. Tests make temporary directories freely (checkpoints,
 * sweep outputs, compiled trees); without this, each full run left some 330
 * of them in /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const before = process.env['TMPDIR'];
  const root = mkdtempSync(join(tmpdir(), 'mnc-vitest-run-'));
  process.env['TMPDIR'] = root; // inherited by the test processes (pool: forks) forked after this
  return () => {
    if (before === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = before;
    rmSync(root, { recursive: true, force: true });
  };
}
