/**
 * `mnc nightly`'s exit code from its parts: a conformance gate whose only
 * errors are model checks its budget cut off is incomplete (3, as `mnc
 * conform` exits), not a failing gate (1); anything that fails is still 1.
 * At the level of the functions the command combines its parts with: a
 * budget cut of the gate's fixed 60 s would take a minute per site.
 */
import { describe, expect, it } from 'vitest';
import { nightlyConform } from '../../src/cli/nightlyConform.js';
import { nightlyExitCode } from '../../src/cli/nightlyExitCode.js';
import { conformExitCode } from '../../src/cli/conformExitCode.js';
import { CONFORM_BUDGET } from '../../src/cli/conformCatalog.js';
import { nightlyJunit } from '../../src/report/nightlyJunit.js';
import { nightlyHtml } from '../../src/report/nightlyHtml.js';
import type { ConformReport } from '../../src/conform/ConformReport.js';
import type { Diagnostic } from '../../src/conform/Diagnostic.js';
import type { KnownSite, SiteVerdict } from '../../src/conform/KnownSite.js';
import type { RangeInit } from '../../src/conform/RangeInit.js';
import { verdictDiagnostic } from '../../src/conform/verdictDiagnostic.js';
import type { NightlyConform, NightlySummary } from '../../src/nightly/NightlyReport.js';
import type { SweepRecord } from '../../src/sweep/SweepRecord.js';
import { SWEEP } from './nightlyFixture.js';

const call = { file: 'mm/memory.c', line: 10, named: { event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } } as unknown as RangeInit;
const site = { id: '16', file: 'mm/memory.c', function: 'unmap_vmas', event: 'MMU_NOTIFY_UNMAP', vma: 'vma' } as KnownSite;
const of = (v: SiteVerdict): Diagnostic => verdictDiagnostic(call, site, v)!;
const cut = of({ status: 'unfinished', scenario: 's', maxSeconds: 60, budget: CONFORM_BUDGET });
const couldNotRun = of({ status: 'error', reason: 'scenario s: model error: no vma' });
const unmodelled: Diagnostic = { file: 'mm/x.c', line: 1, severity: 'error', code: 'unmodelled-site', message: 'unmodelled site' };

/** The nightly summary of a `mnc conform --tree` report with these diagnostics. */
const gate = (...diagnostics: Diagnostic[]): NightlyConform =>
  nightlyConform('/tree', {
    diagnostics,
    verdict: diagnostics.some((d) => d.severity === 'error') ? 'fail' : 'pass',
    sites: [],
    unmodelled: [],
  } as unknown as ConformReport);

const [ok, , newFinding, , cutConfiguration] = SWEEP.records as [SweepRecord, SweepRecord, SweepRecord, SweepRecord, SweepRecord];

const summary = (conform: NightlyConform | null, records: readonly SweepRecord[]): Omit<NightlySummary, 'exit' | 'exitReason'> => ({
  version: '0.1.0',
  startedAt: '2026-12-02T03:00:00.000Z',
  seconds: 1,
  scope: 'small',
  events: 'seed',
  conform,
  sweep: null,
  random: null,
  configurations: records.length,
  newFindings: records.filter((r) => (r.status === 'violation' || r.status === 'deadlock') && r.known === null).length,
  knownFindings: [],
  missingKnown: [],
});
const exitOf = (conform: NightlyConform | null, records: readonly SweepRecord[] = [ok]) => nightlyExitCode(summary(conform, records), records);

describe('the conformance part of mnc nightly', () => {
  it('a gate whose only errors are budget cuts: incomplete, exit 3 as mnc conform exits (was 1, a failing gate)', () => {
    const g = gate(cut, cut);
    expect(g).toMatchObject({ verdict: 'fail', incomplete: true }); // not passed: it fails closed, and says why
    const [exit, why] = exitOf(g);
    expect(exit).toBe(3);
    expect(why).toMatch(/^nothing new, but the conformance gate is incomplete: a budget cut 2 model checks$/);
  });

  it('beside configurations a budget cut: still 3, naming both', () => {
    const [exit, why] = exitOf(gate(cut), [ok, cutConfiguration]);
    expect(exit).toBe(3);
    expect(why).toBe('nothing new, but a budget cut 1 configurations; the conformance gate is incomplete: a budget cut 1 model checks');
  });

  it('a budget cut beside any other gate error, or a check that could not run, fails the gate: 1', () => {
    for (const g of [gate(cut, unmodelled), gate(couldNotRun), gate(cut, couldNotRun), gate(unmodelled)]) {
      expect(g.incomplete).toBe(false);
      const [exit, why] = exitOf(g);
      expect(exit).toBe(1);
      expect(why).toMatch(/^the conformance gate fails \(\d errors\)$/);
    }
  });

  it('an incomplete gate beside a failure elsewhere (a new finding): 1, naming only the failure', () => {
    const [exit, why] = exitOf(gate(cut), [ok, newFinding]);
    expect(exit).toBe(1);
    expect(why).toBe('1 new findings');
  });

  it('reuses conformExitCode: incomplete exactly when mnc conform would exit 3', () => {
    for (const ds of [[cut], [cut, cut], [cut, unmodelled], [couldNotRun], [], [{ ...cut, severity: 'note' as const }]]) {
      const r = { diagnostics: ds, verdict: ds.some((d) => d.severity === 'error') ? 'fail' : 'pass', sites: [], unmodelled: [] } as unknown as ConformReport;
      expect(nightlyConform('/tree', r).incomplete).toBe(conformExitCode(r) === 3);
    }
    expect(exitOf(gate())).toEqual([0, 'nothing new']);
  });

  it('JUnit: an incomplete gate is skipped (as a configuration a budget cut), not failed and not passed; HTML: its badge says incomplete', () => {
    const g = gate(cut);
    const [exit, exitReason] = exitOf(g);
    const report = { summary: { ...summary(g, [ok]), exit, exitReason }, records: [ok], sites: {} };
    expect(nightlyHtml(report)).toContain('<h2>Conformance of /tree <span class="badge incomplete">incomplete</span></h2>');
    const xml = nightlyJunit(report);
    const conformCase = /<testcase classname="mnc.nightly" name="conform \/tree" time="0">\n(.*)\n/.exec(xml)?.[1];
    expect(conformCase).toMatch(/^ *<skipped message="incomplete: a budget cut 1 model checks"\/><system-out>.*not finished.*<\/system-out>$/);
    expect(xml).toMatch(/<testsuite name="mnc nightly: gate and search" tests="1" failures="0" errors="0" skipped="1"/);
    expect(xml).toMatch(/<testsuites name="mnc nightly" tests="2" failures="0"/);
  });
});
