import type { EventProfile } from '../../model/sites/catalog.js';
import type { SiteOverride } from './parseOverride.js';
import type { CheckRow } from '../report/CheckRow.js';
import type { Violation } from '../engine/ExploreResult.js';
import type { ReadableTrace } from '../report/TraceStep.js';
import type { CoveredStep } from '../../model/mm/step/stepCoverage.js';

/**
 * One scenario of `mnc check`, as plain data a worker thread rebuilds the
 * model from: the site scenario's name and site, the event profile and the
 * overrides (never functions).
 */
export interface CheckJob {
  readonly site: number;
  readonly scenario: string;
  readonly profile: EventProfile;
  readonly overrides: readonly SiteOverride[];
  /** A mutant id applied to the scenario, if any. */
  readonly mutant?: string;
  readonly maxSeconds: number;
  /** Replay every violation into a readable trace, not only unexpected ones. */
  readonly traces: boolean;
  /** Partial-order reduction (src/engine/por/). */
  readonly por?: boolean;
  /** With `por`: sleep sets too (src/engine/por/SleepSets.ts). */
  readonly sleepSets?: boolean;
  /** Explore to the end and report every property's violation, each with its shortest trace (`mnc check --all-violations`). */
  readonly allViolations?: boolean;
  /** Note which steps of the model's programs the exploration runs (model/mm/step/stepCoverage.ts). */
  readonly coverage?: boolean;
}

/** What a check job sends back: its table row, and what `--traces` (or a surprise) prints. */
export interface CheckOutcome {
  readonly row: CheckRow;
  readonly violations: readonly Violation[];
  /** Readable traces of `violations`, when asked for or unexpected. */
  readonly traces: readonly (ReadableTrace | undefined)[];
  /** With `coverage`: the steps of the scenario's programs, and which its exploration ran. */
  readonly coverage?: readonly CoveredStep[];
}
