/**
 * Saved counterexamples (review D7, D8): the scenario file is found beside
 * the counterexample wherever the pair moves; an edited or damaged file is
 * a one-line error, exit 2, never "no longer fails", exit 0.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'model', 'scenario', 'examples', 'aware-wrong-event.json');
const dir = mkdtempSync(join(tmpdir(), 'mnc-replay-file-'));
let moved = '';

beforeAll(async () => {
  const a = join(dir, 'a');
  mkdirSync(a);
  copyFileSync(EXAMPLE, join(a, 'scenario.json'));
  const r = await runMnc('explore', '--scenario', join(a, 'scenario.json'), '--out', join(a, 'cex.json'));
  expect(r.code).toBe(1);
  const b = join(dir, 'b');
  mkdirSync(b);
  renameSync(join(a, 'scenario.json'), join(b, 'scenario.json'));
  renameSync(join(a, 'cex.json'), join(b, 'cex.json'));
  moved = join(b, 'cex.json');
});

/** A copy of the moved counterexample with `edit` applied to its JSON. */
function edited(name: string, edit: (j: Record<string, unknown>) => void): string {
  const j = JSON.parse(readFileSync(moved, 'utf8')) as Record<string, unknown>;
  edit(j);
  const file = join(dir, 'b', name);
  writeFileSync(file, JSON.stringify(j, null, 2));
  return file;
}

describe('mnc replay of a saved counterexample', () => {
  it('D7: the pair moved to another directory still replays (the scenario file is named from the counterexample)', async () => {
    expect(JSON.parse(readFileSync(moved, 'utf8')).scenarioFile).toBe('scenario.json');
    const r = await runMnc('replay', moved);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/still fails/);
    expect(r.code).toBe(1);
  });

  it('an edited scenario file is noted', async () => {
    const sc = join(dir, 'b', 'scenario.json');
    const text = readFileSync(sc, 'utf8');
    writeFileSync(sc, text.replace(/\n$/, '') + ' \n');
    try {
      const r = await runMnc('replay', moved);
      expect(r.out).toContain(`note: ${sc} changed since the counterexample was saved`);
    } finally {
      writeFileSync(sc, text);
    }
  });

  const damaged: [string, (j: Record<string, unknown>) => void][] = [
    ['a step names a thread that does not exist', (j) => ((j.steps as { thread: string }[])[1]!.thread = 'nobody#9')],
    ['a label with a typo', (j) => ((j.steps as { label: string }[])[1]!.label += 'x')],
    ['no steps', (j) => (j.steps = [])],
    ['the first half of the steps', (j) => (j.steps = (j.steps as unknown[]).slice(0, 3))],
  ];
  for (const [what, edit] of damaged) {
    it(`D8: ${what}: one line, exit 2`, async () => {
      const file = edited('damaged.json', edit);
      const r = await runMnc('replay', file);
      expect(r.err).toBe(`mnc: ${file}: checksum mismatch: the steps, params or scenario were edited or damaged since it was saved\n`);
      expect(r.out).toBe('');
      expect(r.code).toBe(2);
    });
  }

  it('D8: a parameter the scenario does not have: one line, exit 2 (it was ignored)', async () => {
    const saved = join(dir, 'kvm.json');
    const small = ['--set', 'P=2', '--set', 'F=2', '--set', 'Z=1', '--set', 'M=0', '--variant', 'nocount'];
    expect((await runMnc('explore', 'kvm-race', ...small, '--out', saved)).code).toBe(1);
    const j = JSON.parse(readFileSync(saved, 'utf8'));
    const file = join(dir, 'param.json');
    writeFileSync(file, JSON.stringify({ ...j, checksum: undefined, params: { ...j.params, params: { ...j.params.params, Q: 1 } } }));
    const r = await runMnc('replay', file);
    expect(r.err).toBe(`mnc: ${file}: params.params.Q: no such parameter (the scenario has P, F, Z, M)\n`);
    expect(r.code).toBe(2);
  });
});
