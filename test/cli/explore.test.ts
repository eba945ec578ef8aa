import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters as plain } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMnc } from './util/runMnc.js';

const SMALL = ['explore', 'kvm-race', '--set', 'P=2', '--set', 'F=2', '--set', 'Z=1', '--set', 'M=0'];

describe('mnc explore kvm-race P=2 F=2 Z=1 M=0 (golden)', () => {
  it('summary text: status, counts, then the time line', async () => {
    const r = await runMnc(...SMALL);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const lines = plain(r.out).trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['kvm-race P=2 F=2 Z=1 M=0: ok', '  distinct states 1427, transitions 2809, max depth 29']);
    expect(lines[2]).toMatch(/^ {2}\d+\.\d\d s, \d+ states\/s, \d+\.\d bytes\/state$/);
    expect(lines).toHaveLength(3);
  });

  it('--json fields', async () => {
    const r = await runMnc(...SMALL, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual([
      'scenario',
      'params',
      'status',
      'distinctStates',
      'transitions',
      'maxDepth',
      'seconds',
      'statesPerSecond',
      'bytesPerState',
      'violations',
    ]);
    expect(j).toMatchObject({
      scenario: 'kvm-race P=2 F=2 Z=1 M=0',
      params: { P: 2, F: 2, Z: 1, M: 0 },
      status: 'ok',
      distinctStates: 1427,
      transitions: 2809,
      maxDepth: 29,
      violations: [],
    });
    for (const k of ['seconds', 'statesPerSecond', 'bytesPerState']) expect(typeof j[k]).toBe('number');
  });

  it('--variant nocount: exit 1, spte-coherence violated, shortest trace of 10 steps', async () => {
    const r = await runMnc(...SMALL, '--variant', 'nocount');
    expect(r.code).toBe(1);
    const out = plain(r.out);
    expect(out.split('\n')[0]).toBe('kvm-race P=2 F=2 Z=1 M=0 nocount: violation');
    expect(out).toMatch(/^violation of spte-coherence \(invariant\): page 0: spte\[0\] is pfn 0 rw but pte\[0\] is none/m);
    expect(out).toContain('  trace: 10 steps\n');
    const steps = out.split('\n').filter((l) => /^ +\d+\. /.test(l));
    expect(steps).toHaveLength(10);
    expect(steps[0]).toMatch(/^ +1\. zap#0 +1 invalidate_range_start/);
    expect(steps[9]).toMatch(/^ +10\. fault#0 +6 set spte\[0\] := pfn f, writable +spte\[0\]: none -> pfn 0 rw$/);
  });

  it('--variant nocount --json: the violation with its 10-step trace', async () => {
    const r = await runMnc(...SMALL, '--variant', 'nocount', '--json');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.status).toBe('violation');
    expect(j.violations).toHaveLength(1);
    expect(j.violations[0]).toMatchObject({ property: 'spte-coherence', kind: 'invariant' });
    expect(j.violations[0].trace).toHaveLength(10);
    expect(j.violations[0].trace[9]).toMatchObject({ step: 10, thread: 'fault#0' });
  });
});

describe('mnc explore --dfs: minimised counterexamples, saved and replayed', () => {
  const NOCOUNT = ['explore', 'kvm-race', '--set', 'P=3', '--set', 'F=3', '--set', 'Z=1', '--set', 'M=1', '--variant', 'nocount', '--dfs'];
  const stepsOf = (out: string) =>
    plain(out)
      .split('\n')
      .filter((l) => /^ +\d+\. /.test(l)).length;

  it('the depth-first trace is minimised to the breadth-first length; --no-minimise keeps it longer', async () => {
    const min = await runMnc(...NOCOUNT);
    const raw = await runMnc(...NOCOUNT, '--no-minimise');
    expect(min.code).toBe(1);
    expect(stepsOf(min.out)).toBe(10);
    expect(stepsOf(raw.out)).toBeGreaterThan(10);
  });

  it('--out writes a counterexample that mnc replay reproduces', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'cex.json');
    expect((await runMnc(...NOCOUNT, '--out', file)).code).toBe(1);
    const r = await runMnc('replay', file);
    expect(r.code).toBe(1);
    expect(plain(r.out)).toContain('still fails: spte-coherence violated after 10 of 10 steps');
  });
});

describe('mnc explore --itf', () => {
  it('writes the counterexample as an ITF trace: every variable in every state, each state tagged with its action', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 't.itf.json');
    expect((await runMnc(...SMALL, '--variant', 'nocount', '--itf', file)).code).toBe(1);
    const t = JSON.parse(readFileSync(file, 'utf8')) as { '#meta': { format: string }; vars: string[]; states: Record<string, unknown>[] };
    expect(t['#meta'].format).toBe('ITF');
    expect(t.states).toHaveLength(11);
    for (const s of t.states)
      expect(
        Object.keys(s)
          .filter((k) => k !== '#meta')
          .sort(),
      ).toEqual([...t.vars].sort());
    expect(t.states[0]!['#meta']).toEqual({ index: 0 });
    expect(t.states[10]).toMatchObject({
      '#meta': { index: 10, action: 'fault#0: 6 set spte[0] := pfn f, writable' },
      'spte[0]': 'pfn 0 rw',
      count: { '#bigint': '1' },
    });
  });
});

describe('mnc explore --checkpoint / --resume', () => {
  it('a run ended by a budget checkpoints, and --resume finishes it with the counts of an uninterrupted run', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mnc-')), 'k.ckpt');
    const MID = ['explore', 'kvm-race', '--set', 'P=2', '--set', 'F=2', '--set', 'Z=1', '--set', 'M=1', '--json'];
    const first = await runMnc(...MID, '--checkpoint', file, '--max-states', '5000');
    expect(first.code).toBe(3);
    expect(existsSync(file)).toBe(true);
    const resumed = await runMnc(...MID, '--checkpoint', file, '--resume');
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.out)).toMatchObject({ status: 'ok', distinctStates: 17492, transitions: 38528 });
    const other = await runMnc('explore', 'kvm-race', '--set', 'P=3', '--checkpoint', file, '--resume');
    expect(other.code).toBe(2); // the checkpoint is gone after a complete run, or belongs to another run
  });
});
