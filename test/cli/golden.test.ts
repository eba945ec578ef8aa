/**
 * Golden text tests (Quint style): each test/cli/golden/*.txt starts with
 *   $ mnc ARGS...
 *   exit N
 * and the rest of the file is the expected stdout (colours stripped, times
 * masked as `<t>`; run from the repository root). Every text line but a
 * command to copy must fit in 120 columns. Regenerate a
 * file after a deliberate change with UPDATE_GOLDEN=1 (then read the diff).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';

const DIR = join(import.meta.dirname, 'golden');

/** Times vary between runs: `0.16s`, `1.23 s, 456 states/s, 17.0 bytes/state`. */
function mask(text: string): string {
  return plain(text)
    .replace(/\d+\.\d+ s, \d+ states\/s, \d+\.\d+ bytes\/state/g, '<t>')
    .replace(/\b\d+\.\d\d ?s\b/g, '<t>')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n');
}

describe('golden text outputs', () => {
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    it(file, async () => {
      const text = readFileSync(join(DIR, file), 'utf8');
      const [cmd, exit, ...expected] = text.split('\n');
      expect(cmd).toMatch(/^\$ mnc /);
      expect(exit).toMatch(/^exit \d+$/);
      const args = cmd!.slice('$ mnc '.length).split(' ');
      const r = await runMnc(...args);
      const out = mask(r.out);
      if (process.env['UPDATE_GOLDEN']) writeFileSync(join(DIR, file), `${cmd}\nexit ${r.code}\n${out}`);
      expect(out).toBe(expected.join('\n'));
      expect(r.code).toBe(Number(exit!.slice(5)));
      // a command line to copy is not wrapped
      if (!args.includes('--json')) expect(out.split('\n').filter((l) => l.length > 120 && !/ with: mnc /.test(l))).toEqual([]);
    });
  }
});
