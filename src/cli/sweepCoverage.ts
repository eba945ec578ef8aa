/**
 * The step coverage of a sweep's records (`mnc sweep --coverage`, `mnc
 * nightly`): each record's bits decoded over the step list of the built-in
 * programs, which every configuration's registry is (resolveScenario with no
 * programs of its own), in this build's order.
 */
import type { SweepRecord } from '../sweep/SweepRecord.js';
import { coverageOfBits, type CoverageStep } from '../report/coverageReport.js';
import { stepsOf } from '../../model/mm/step/stepCoverage.js';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';

/** The steps run where any record's bits say so; the records must come from this build (their code hash is the sweep's cache key). */
export function sweepCoverage(records: readonly SweepRecord[]): CoverageStep[] {
  return coverageOfBits(
    stepsOf(defaultRegistry()),
    records.flatMap((r) => (r.steps !== undefined ? [r.steps] : [])),
  );
}

/** How many configurations ended before their state space did: at a model error or the budget, or at a violation unless explored to the end. */
export function stoppedEarly(records: readonly SweepRecord[], allViolations: boolean): number {
  return records.filter(
    (r) => r.status === 'incomplete' || r.status === 'model-error' || (!allViolations && (r.status === 'violation' || r.status === 'deadlock')),
  ).length;
}
