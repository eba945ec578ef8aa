/** `mnc conform`'s exit code: a budget that cut checks off and nothing else is incomplete (3), anything more fails (1). */
import { describe, expect, it } from 'vitest';
import { conformExitCode } from '../../src/cli/conformExitCode.js';
import { CONFORM_BUDGET } from '../../src/cli/conformCatalog.js';
import type { ConformReport } from '../../src/conform/ConformReport.js';
import type { Diagnostic } from '../../src/conform/Diagnostic.js';
import type { KnownSite, SiteVerdict } from '../../src/conform/KnownSite.js';
import type { RangeInit } from '../../src/conform/RangeInit.js';
import { verdictDiagnostic } from '../../src/conform/verdictDiagnostic.js';

const call = { file: 'mm/memory.c', line: 10, named: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } as unknown as RangeInit;
const site = { id: '16', file: 'mm/memory.c', function: 'unmap_vmas', event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } as KnownSite;
const of = (v: SiteVerdict): Diagnostic => verdictDiagnostic(call, site, v)!;
const cut = of({ status: 'unfinished', scenario: 's', maxSeconds: 1, budget: CONFORM_BUDGET });
const couldNotRun = of({ status: 'error', reason: 'scenario s: model error: no vma' });
const report = (...diagnostics: Diagnostic[]): ConformReport =>
  ({ diagnostics, verdict: diagnostics.some((d) => d.severity === 'error') ? 'fail' : 'pass' }) as unknown as ConformReport;

describe('conformExitCode', () => {
  it('0 when the gate passes', () => {
    expect(conformExitCode(report())).toBe(0);
    expect(conformExitCode(report({ severity: 'note', code: 'model-skipped', message: 'no scenario checks site 16 yet' }))).toBe(0);
  });

  it('3 when every error is a check its budget cut off (the verdict stays fail)', () => {
    expect(cut.incomplete).toBe(true);
    expect(conformExitCode(report(cut, cut, { severity: 'warning', code: 'stale-site', message: 'stale' }))).toBe(3);
  });

  it('1 when a check could not run (an error verdict), alone or beside a budget cut', () => {
    expect(couldNotRun.incomplete).toBeUndefined();
    expect(conformExitCode(report(couldNotRun))).toBe(1);
    expect(conformExitCode(report(cut, couldNotRun))).toBe(1);
  });

  it('1 when any other error is beside a budget cut', () => {
    expect(conformExitCode(report(cut, { file: 'mm/x.c', line: 1, severity: 'error', code: 'unmodelled-site', message: 'unmodelled site' }))).toBe(1);
  });
});
