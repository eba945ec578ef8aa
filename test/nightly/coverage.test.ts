import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMnc } from '../cli/util/runMnc.js';
import type { NightlySummary } from '../../src/nightly/NightlyReport.js';

const dir = () => mkdtempSync(join(tmpdir(), 'mnc-nightly-coverage-'));
const TINY = ['sweep', '--site', '2', '--max-mirrors', '1', '--jobs', '1'];
const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as NightlySummary;

describe('mnc nightly: the sweep step coverage', () => {
  it('from a sweep run with --coverage: in summary.json, coverage.json, the HTML report and the last lines', async () => {
    const sweep = dir();
    expect((await runMnc(...TINY, '--coverage', '--out', sweep)).code).toBe(0);
    const out = dir();
    const r = await runMnc('nightly', '--sweep', sweep, '--random-seconds', '0', '--out', out);
    expect(r.code).toBe(0);
    const c = summaryOf(out).coverage!;
    expect(c.runSteps).toBeGreaterThan(0);
    expect(c.runSteps + c.unrun.length + c.unreachable.length).toBe(c.steps);
    expect(c.neverCalled).toContain('shrink_page_list'); // no uprobe configuration reclaims
    expect(c.neverCalled).not.toContain('uprobe_write_opcode');
    const steps = (JSON.parse(readFileSync(join(out, 'coverage.json'), 'utf8')) as { steps: { run: boolean }[] }).steps;
    expect(steps.filter((s) => s.run).length).toBe(c.runSteps);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('<h2>Step coverage</h2>');
    expect(r.out).toMatch(/^step coverage: /m);
  });

  it('none from a sweep without --coverage, or from another build (its code hash): null, and no coverage.json', async () => {
    const plain = dir();
    expect((await runMnc(...TINY, '--out', plain)).code).toBe(0);
    const out = dir();
    expect((await runMnc('nightly', '--sweep', plain, '--random-seconds', '0', '--out', out)).code).toBe(0);
    expect(summaryOf(out).coverage).toBeNull();
    expect(existsSync(join(out, 'coverage.json'))).toBe(false);

    const other = dir();
    expect((await runMnc(...TINY, '--coverage', '--out', other)).code).toBe(0);
    const file = join(other, 'sweep.json');
    const report = JSON.parse(readFileSync(file, 'utf8')) as { summary: { modelHash: string } };
    report.summary.modelHash = 'another-build';
    writeFileSync(file, JSON.stringify(report));
    const out2 = dir();
    expect((await runMnc('nightly', '--sweep', other, '--random-seconds', '0', '--out', out2)).code).toBe(0);
    expect(summaryOf(out2).coverage).toBeNull();
  });
});
