/** `--sleep-sets` on the command line: what it reduced in the text and the JSON, and the one combination it refuses. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';

const NAME = 'ksm-merge-vs-kvm-write';

describe('mnc explore --sleep-sets', () => {
  it('implies --por; the summary and the JSON say what the sleep sets took away', async () => {
    const text = await runMnc('explore', NAME, '--sleep-sets');
    expect(text.code).toBe(0);
    expect(plain(text.out)).toMatch(
      /partial-order reduction: \d+ states expanded with an ample set, .*; sleep sets: [1-9]\d* transitions slept, \d+ states expanded again, \d+ found late/,
    );
    const r = await runMnc('explore', NAME, '--sleep-sets', '--json');
    const j = JSON.parse(r.out);
    const por = JSON.parse((await runMnc('explore', NAME, '--por', '--json')).out);
    expect(j.por.sleptTransitions).toBeGreaterThan(0);
    expect(j.transitions).toBeLessThan(por.transitions);
    expect(j.status).toBe(por.status);
  });

  it('with --checkpoint: one line, exit 2', async () => {
    const ck = join(mkdtempSync(join(tmpdir(), 'mnc-sleep-')), 'ck.bin');
    const r = await runMnc('explore', NAME, '--sleep-sets', '--checkpoint', ck);
    expect(r.code).toBe(2);
    expect(r.err).toBe('mnc: --sleep-sets does not compose with --checkpoint: the sleep sets of expanded states are not saved\n');
    expect(r.out).toBe('');
  });
});
