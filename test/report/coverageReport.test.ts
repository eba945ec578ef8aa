import { describe, expect, it } from 'vitest';
import {
  coverageBits,
  coverageOfBits,
  coverageReport,
  coverageSummary,
  mergeCoverage,
  stoppedEarly,
  type CoverageStep,
} from '../../src/report/coverageReport.js';

const step = (prog: string, label: string, run: boolean): CoverageStep => ({ prog, label, at: `mm/x.c:${prog}`, run });

describe('coverageBits / coverageOfBits', () => {
  it('round-trips which steps ran, over lists that are not a whole number of bytes', () => {
    for (const n of [1, 7, 8, 9, 17]) {
      const steps = Array.from({ length: n }, (_, i) => step('p', `s${i}`, i % 3 === 1));
      const back = coverageOfBits(
        steps.map((s) => ({ ...s, run: false })),
        [coverageBits(steps)],
      );
      expect(back).toEqual(steps);
    }
  });

  it('the union of several records: a step ran if any record ran it', () => {
    const none = [step('p', 'a', false), step('p', 'b', false), step('p', 'c', false)];
    const a = coverageBits([step('p', 'a', true), step('p', 'b', false), step('p', 'c', false)]);
    const c = coverageBits([step('p', 'a', false), step('p', 'b', false), step('p', 'c', true)]);
    expect(coverageOfBits(none, [a, c]).map((s) => s.run)).toEqual([true, false, true]);
    expect(coverageOfBits(none, []).map((s) => s.run)).toEqual([false, false, false]);
  });
});

describe('mergeCoverage', () => {
  it('keeps every step any run knows, run when any run ran it, in first-seen order', () => {
    const m = mergeCoverage([
      [step('p', 'a', false), step('p', 'b', true)],
      [step('p', 'a', true), step('q', 'x', false)],
    ]);
    expect(m.map((s) => [s.prog, s.label, s.run])).toEqual([
      ['p', 'a', true],
      ['p', 'b', true],
      ['q', 'x', false],
    ]);
  });
});

describe('coverageReport', () => {
  it('counts the steps of the programs called, lists the steps never run and the programs never called', () => {
    const text = coverageReport([step('p', 'a', true), step('p', 'b', false), step('q', 'x', false), step('r', 'y', true)], 2);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^step coverage: 2 of 3 programs called; 2 of their 3 steps run \(66\.7 %\) \(2 runs stopped early/);
    expect(lines).toContain('  p: b (mm/x.c:p)');
    expect(lines.some((l) => l.includes('q: x'))).toBe(false); // q was never called: listed as a program, not by step
    expect(lines[lines.length - 1]).toBe('programs never called (1): q');
  });

  it('lists a step declared unreachable apart, with its reason, and a declared step that ran as stale', () => {
    const known = [
      { prog: 'p', label: 'b', why: 'no THP migration' },
      { prog: 'p', label: 'a', why: 'stale' },
    ];
    const steps = [step('p', 'a', true), step('p', 'b', false), step('p', 'c', false)];
    const c = coverageSummary(steps, known);
    expect(c.unrun).toEqual(['p: c (mm/x.c:p)']);
    expect(c.unreachable).toEqual(['p: b (mm/x.c:p): no THP migration']);
    expect(c.declaredButRun).toEqual(['p: a (mm/x.c:p)']);
    expect(c.runSteps + c.unrun.length + c.unreachable.length).toBe(c.steps);
    const lines = coverageReport(steps, 0, known).split('\n');
    expect(lines[0]).toMatch(/1 of their 3 steps run \(33\.3 %\); 1 never run unexpectedly, 1 declared unreachable$/);
    expect(lines).toEqual(
      expect.arrayContaining([
        'steps never run (1), program: step (kernel function):',
        '  p: c (mm/x.c:p)',
        'steps declared unreachable, never run (1):',
        '  p: b (mm/x.c:p): no THP migration',
        'steps declared unreachable that ran (1; the declaration is stale):',
        '  p: a (mm/x.c:p)',
      ]),
    );
    // without the declarations every step never run is unexpected
    expect(coverageSummary(steps).unrun).toEqual(['p: b (mm/x.c:p)', 'p: c (mm/x.c:p)']);
  });

  it('says nothing of stopped runs when none stopped, and lists nothing when everything ran', () => {
    expect(coverageReport([step('p', 'a', true)])).toBe('step coverage: 1 of 1 programs called; 1 of their 1 steps run (100.0 %)');
  });
});

describe('stoppedEarly', () => {
  it('counts budget cuts and model errors always, violations and deadlocks only when runs stop at their first', () => {
    const runs = ['ok', 'violation', 'deadlock', 'incomplete', 'model-error', 'ok'].map((status) => ({ status }));
    expect(stoppedEarly(runs, false)).toBe(4);
    expect(stoppedEarly(runs, true)).toBe(2);
  });
});
