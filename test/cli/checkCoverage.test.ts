/**
 * The coverage gate of the built-in catalog: `mnc check --all-violations`
 * runs every step of the model's programs but those
 * model/mm/step/unreachableSteps.ts declares, under either event profile.
 * It fails when a change to the model or to the scenarios leaves a step
 * unrun (say so in that file, with the reason, or add a scenario that runs
 * it: model/sites/scenarios/coverageScenarios.ts), and when a declared step
 * runs or no longer exists.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMnc } from './util/runMnc.js';
import { coverageSummary, type CoverageStep } from '../../src/report/coverageReport.js';
import { UNREACHABLE_STEPS } from '../../model/mm/step/unreachableSteps.js';

describe('mnc check --all-violations --coverage: the built-in scenarios run every step not declared unreachable', () => {
  for (const events of ['seed', 'v5.2']) {
    it(`--events ${events}`, async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'mnc-check-coverage-')), 'coverage.json');
      const r = await runMnc('check', '--events', events, '--all-violations', '--coverage', file, '--jobs', '2');
      expect(r.code).toBe(0);
      const steps = (JSON.parse(readFileSync(file, 'utf8')) as { steps: CoverageStep[] }).steps;
      for (const d of UNREACHABLE_STEPS)
        expect(
          steps.some((s) => s.prog === d.prog && s.label === d.label),
          `${d.prog}: ${d.label}`,
        ).toBe(true);
      const c = coverageSummary(steps, UNREACHABLE_STEPS);
      expect(c.neverCalled).toEqual([]);
      expect(c.unrun).toEqual([]);
      expect(c.declaredButRun).toEqual([]);
      expect(c.unreachable).toHaveLength(UNREACHABLE_STEPS.length);
      expect(r.out).toMatch(/^steps declared unreachable, never run \(\d+\):$/m);
    }, 120_000);
  }
});
