import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMnc } from './util/runMnc.js';
import type { CoverageStep } from '../../src/report/coverageReport.js';
import type { SweepReport } from '../../src/sweep/SweepRecord.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mnc-coverage-'));
const stepsIn = (file: string) => (JSON.parse(readFileSync(file, 'utf8')) as { steps: CoverageStep[] }).steps;
const runKeys = (steps: readonly CoverageStep[]) => steps.filter((s) => s.run).map((s) => `${s.prog}:${s.label}`);

describe('mnc check --coverage', () => {
  it('prints the steps no scenario ran and writes the whole coverage, the same on one worker and on two', async () => {
    const d = dir();
    const one = await runMnc('check', '--site', '24', '--jobs', '1', '--coverage', join(d, 'one.json'));
    const two = await runMnc('check', '--site', '24', '--jobs', '2', '--coverage', join(d, 'two.json'));
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.out).toMatch(/^step coverage: \d+ of \d+ programs called; \d+ of their \d+ steps run/m);
    expect(one.out).toMatch(/runs stopped early/); // #24's scenarios find F2 and stop there
    const a = stepsIn(join(d, 'one.json'));
    expect(stepsIn(join(d, 'two.json'))).toEqual(a);
    // mprotect's own steps ran; a program no #24 scenario calls did not
    expect(runKeys(a).some((k) => k.startsWith('change_pmd_range:'))).toBe(true);
    expect(a.filter((s) => s.prog === 'exit_mmap').every((s) => !s.run)).toBe(true);
  });

  it('--all-violations explores a violated scenario to its end: it runs at least the steps the stopping run ran', async () => {
    const d = dir();
    // #16's munmap scenarios stop at F3 and F4 before they unmap a hugetlb vma to its end
    const stop = await runMnc('check', '--site', '16', '--jobs', '1', '--coverage', join(d, 'stop.json'));
    const all = await runMnc('check', '--site', '16', '--jobs', '1', '--all-violations', '--coverage', join(d, 'all.json'));
    expect(all.code).toBe(0);
    expect(all.out).not.toMatch(/runs stopped early/);
    const before = runKeys(stepsIn(join(d, 'stop.json')));
    const after = new Set(runKeys(stepsIn(join(d, 'all.json'))));
    for (const k of before) expect(after.has(k), k).toBe(true);
    expect(after.size).toBeGreaterThan(before.length);
    expect(stop.code).toBe(0);
  });

  it('--coverage with --json and no file is a usage error', async () => {
    const r = await runMnc('check', '--site', '24', '--json', '--coverage');
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--coverage/);
  });
});

describe('mnc sweep --coverage', () => {
  const TINY = ['sweep', '--site', '2', '--max-mirrors', '1', '--jobs', '1'];

  it('each record carries its steps; a cached record without them is explored again; the report is the union', async () => {
    const d = dir();
    expect((await runMnc(...TINY, '--out', d)).code).toBe(0);
    const plain = JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8')) as SweepReport;
    expect(plain.records.every((r) => r.steps === undefined)).toBe(true);
    const r = await runMnc(...TINY, '--out', d, '--coverage', join(d, 'coverage.json'));
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8')) as SweepReport;
    expect(report.summary.explored).toBe(report.records.length); // none taken from the plain run's cache
    expect(report.records.every((x) => typeof x.steps === 'string')).toBe(true);
    expect(r.out).toMatch(/^step coverage: /m);
    const steps = stepsIn(join(d, 'coverage.json'));
    expect(runKeys(steps).some((k) => k.startsWith('uprobe_write_opcode:'))).toBe(true);
    // a second coverage run takes every record from the cache, with the same coverage
    const again = await runMnc(...TINY, '--out', d, '--coverage', join(d, 'again.json'));
    expect((JSON.parse(readFileSync(join(d, 'sweep.json'), 'utf8')) as SweepReport).summary.cached).toBe(report.records.length);
    expect(stepsIn(join(d, 'again.json'))).toEqual(steps);
    expect(again.code).toBe(0);
  });
});

describe('mnc merge --coverage', () => {
  const TINY = ['sweep', '--site', '2', '--max-mirrors', '1', '--jobs', '1'];

  it("the shards' coverage is the unsharded sweep's; shards swept without --coverage are one line naming them, exit 2", async () => {
    const [whole, a, b, plain] = [dir(), dir(), dir(), dir()];
    expect((await runMnc(...TINY, '--out', whole, '--coverage', join(whole, 'c.json'))).code).toBe(0);
    expect((await runMnc(...TINY, '--shard', '1/2', '--out', a, '--coverage')).code).toBe(0);
    expect((await runMnc(...TINY, '--shard', '2/2', '--out', b, '--coverage')).code).toBe(0);
    const m = await runMnc('merge', a, b, '--coverage', join(a, 'merged.json'));
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/^step coverage: /m);
    expect(stepsIn(join(a, 'merged.json'))).toEqual(stepsIn(join(whole, 'c.json')));
    expect((await runMnc(...TINY, '--shard', '2/2', '--out', plain)).code).toBe(0);
    const bad = await runMnc('merge', a, plain, '--coverage');
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain(plain);
    expect(bad.err).toMatch(/carry no steps/);
  });
});

describe('--coverage FILE that cannot be written', () => {
  // one line and exit 2 for both; "before any work" shows only in the sweep's (no progress line before the error: it had
  // one when the write at the end failed), since check prints nothing while it explores
  it('is refused with one line, exit 2 (check and sweep), the sweep before it explores', async () => {
    const bad = join(tmpdir(), 'mnc-no-such-dir', 'x', 'coverage.json');
    for (const args of [
      ['check', '--site', '24', '--jobs', '1', '--coverage', bad],
      ['sweep', '--site', '2', '--max-mirrors', '1', '--jobs', '1', '--out', dir(), '--coverage', bad],
    ]) {
      const r = await runMnc(...args);
      expect(r.code, args[0]).toBe(2);
      expect(r.out, args[0]).toBe('');
      expect(r.err.trim().split('\n'), args[0]).toHaveLength(1);
      expect(r.err).toContain(bad);
    }
  });
});
