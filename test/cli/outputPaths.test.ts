import { describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMnc } from './util/runMnc.js';
import { LateWrites } from '../../src/cli/LateWrites.js';
import { bfs } from '../../src/engine/bfs.js';
import { Checkpointer } from '../../src/engine/Checkpointer.js';
import { independent } from '../engine/util/toyModels.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mnc-out-'));
const NOCOUNT = ['kvm-race', '--variant', 'nocount']; // a violation within a few hundred states

describe('output paths are checked before exploring (review D3)', () => {
  for (const flag of ['--out', '--itf', '--checkpoint']) {
    it(`explore ${flag} into a missing directory: one line naming the user's path, exit 2, nothing explored`, async () => {
      const target = join(dir(), 'nodir', 'x.json');
      const r = await runMnc('explore', ...NOCOUNT, flag, target);
      expect(r.err).toBe(`mnc: ${target}: cannot write (ENOENT)\n`); // named a temp file, after the run (or, for a checkpoint, exit 0 and nothing written)
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
    });
  }

  it('random --out into a missing directory: refused before the runs', async () => {
    const target = join(dir(), 'nodir', 'r.json');
    const r = await runMnc('random', ...NOCOUNT, '--seed', '7', '--runs', '200', '--out', target);
    expect(r.err).toBe(`mnc: ${target}: cannot write (ENOENT)\n`);
    expect([r.code, r.out]).toEqual([2, '']);
  });

  it('explore --out onto a directory: refused', async () => {
    const d = dir();
    const r = await runMnc('explore', ...NOCOUNT, '--out', d);
    expect([r.code, r.err]).toEqual([2, `mnc: ${d}: cannot write (EISDIR)\n`]);
  });
});

describe('an output path that is an input or another output is refused (review D15)', () => {
  it('explore --scenario F --out F: the scenario file stays', async () => {
    const d = dir();
    const f = join(d, 'mine.json');
    const text = readFileSync(join(import.meta.dirname, '../../model/scenario/examples/aware-wrong-event.json'), 'utf8');
    writeFileSync(f, text);
    const r = await runMnc('explore', '--scenario', f, '--out', join(d, '.', 'mine.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^mnc: --out .*mine\.json: is the input .*mine\.json; writing it would destroy the input\n$/);
    expect(readFileSync(f, 'utf8')).toBe(text);
  });

  it('explore --out X --itf X: refused (the ITF would overwrite the counterexample)', async () => {
    const x = join(dir(), 'x.json');
    const r = await runMnc('explore', ...NOCOUNT, '--out', x, '--itf', x);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`mnc: --itf ${x}: the same file as --out ${x}\n`);
    expect(existsSync(x)).toBe(false);
  });

  it('random --scenario F --out F: refused', async () => {
    const d = dir();
    const f = join(d, 'mine.json');
    writeFileSync(f, readFileSync(join(import.meta.dirname, '../../model/scenario/examples/aware-wrong-event.json')));
    const r = await runMnc('random', '--scenario', f, '--seed', '1', '--runs', '5', '--out', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is the input/);
  });
});

describe('a write that fails after the run keeps the verdict (review D3)', () => {
  it('a failing checkpoint write does not end the run: it completes, and the failure is kept for the report', () => {
    const cp = new Checkpointer(
      join(dir(), 'ck'),
      'run',
      () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
      0,
    );
    const r = bfs(independent(3, 3), [], { checkpointer: cp });
    expect(r.status).toBe('ok');
    expect(r.stats.distinctStates).toBe(64);
    expect(cp.failure).toMatchObject({ code: 'ENOSPC' });
  });

  it('LateWrites: the failure is one line naming the path, after the verdict; the exit code stays the verdict unless it was 0', () => {
    const late = new LateWrites();
    const target = join(dir(), 'nodir', 'x.json');
    expect(late.write(target, () => writeFileSync(target, 'x'))).toBe(false);
    let err = '';
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = (s: string) => ((err += s), true);
    try {
      expect(late.finish(1)).toBe(1);
      expect(late.finish(0)).toBe(2);
    } finally {
      process.stderr.write = orig;
    }
    expect(err.split('\n')[0]).toBe(`mnc: ${target}: cannot write (ENOENT)`);
    expect(readdirSync(join(target, '..', '..'))).toEqual([]);
  });
});

describe('a run with no counterexample leaves no earlier one at --out (reliability review §3: stale file)', () => {
  const COUNT = ['kvm-race', '--set', 'P=1', '--set', 'F=1', '--set', 'Z=1', '--set', 'M=0']; // the correct protocol: no violation

  it('explore --out and --itf: the files of a previous run are removed; replay then finds nothing to replay', async () => {
    const d = dir();
    const [out, itf] = [join(d, 'c.json'), join(d, 'c.itf.json')];
    expect((await runMnc('explore', ...NOCOUNT, '--out', out, '--itf', itf)).code).toBe(1);
    expect([existsSync(out), existsSync(itf)]).toEqual([true, true]);
    const r = await runMnc('explore', ...COUNT, '--out', out, '--itf', itf);
    expect([r.code, r.err]).toEqual([0, '']);
    expect([existsSync(out), existsSync(itf)]).toEqual([false, false]);
    expect(readdirSync(d)).toEqual([]);
    expect((await runMnc('replay', out)).code).toBe(2);
  });

  it('random --out: the counterexample of a previous run is removed', async () => {
    const d = dir();
    const out = join(d, 'r.json');
    expect((await runMnc('random', ...NOCOUNT, '--seed', '7', '--runs', '200', '--out', out)).code).toBe(1);
    expect(existsSync(out)).toBe(true);
    const r = await runMnc('random', ...COUNT, '--seed', '7', '--runs', '20', '--out', out);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(existsSync(out)).toBe(false);
  });

  it('no file at --out before or after a passing run: nothing to remove, no message', async () => {
    const out = join(dir(), 'none.json');
    const r = await runMnc('explore', 'kvm-race', '--set', 'P=1', '--set', 'F=1', '--set', 'Z=1', '--set', 'M=0', '--out', out);
    expect([r.code, r.err, existsSync(out)]).toEqual([0, '', false]);
  });

  it('LateWrites.remove: a file that cannot be removed is one line naming it, exit 2 instead of 0', () => {
    const late = new LateWrites();
    const d = dir();
    late.remove(join(d, 'absent.json')); // nothing there: nothing to say
    expect(late.failed).toBe(false);
    late.remove(d); // a directory is not unlinked
    let err = '';
    const e = vi.spyOn(process.stderr, 'write').mockImplementation((t) => ((err += String(t)), true));
    try {
      expect(late.finish(0)).toBe(2);
    } finally {
      e.mockRestore();
    }
    expect(err).toBe(`mnc: ${d}: cannot remove the previous run's file (EISDIR)\n`);
  });
});
