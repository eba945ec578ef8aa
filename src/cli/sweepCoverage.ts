/**
 * The step coverage of a sweep (`mnc sweep --coverage`, `mnc nightly`): a
 * record's bits are over the step list of the built-in programs, which is
 * every configuration's registry (resolveScenario with no programs of its
 * own); runSweepJob encodes them and the report decodes them here, over
 * the one list.
 */
import type { SweepRecord, SweepReport } from '../sweep/SweepRecord.js';
import { coverageBits, coverageOfBits, type CoverageStep } from '../report/coverageReport.js';
import { stepsOf, takeStepCoverage } from '../../model/mm/step/stepCoverage.js';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';
import type { ProgramRegistry } from '../../model/mm/step/ProgramRegistry.js';

let registry: ProgramRegistry | undefined;
/** The built-in programs, compiled once (their steps are the objects every configuration's runs note). */
const builtIn = (): ProgramRegistry => (registry ??= defaultRegistry());

/** The steps run since startStepCoverage as a record's bits (coverage off again). */
export function sweepStepBits(): string {
  return coverageBits(takeStepCoverage(builtIn()));
}

/** The steps run where any record's bits say so; the records must come from this build (their code hash is the sweep's cache key). */
export function sweepCoverage(records: readonly SweepRecord[]): CoverageStep[] {
  return coverageOfBits(
    stepsOf(builtIn()),
    records.flatMap((r) => (r.steps !== undefined ? [r.steps] : [])),
  );
}

/**
 * The step coverage of a whole sweep report (`mnc nightly`, `mnc merge --coverage`), or why it has none: a record
 * without steps (a shard swept without --coverage), or records of another build than `hash`, this one's
 * (sweepCodeHash: their bits index that build's step list).
 */
export function reportCoverage(report: SweepReport, hash: string): CoverageStep[] | string {
  if (report.records.length === 0) return 'the sweep has no configurations';
  const without = report.records.filter((r) => r.steps === undefined).length;
  if (without > 0) return `${without} of ${report.records.length} configurations carry no steps (swept without --coverage)`;
  if (report.summary.modelHash !== hash) return `the sweep ran on another build (model hash ${report.summary.modelHash}, this one ${hash})`;
  return sweepCoverage(report.records);
}
