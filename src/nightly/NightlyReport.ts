import type { SweepRecord, SweepSummary } from '../sweep/SweepRecord.js';
import type { CoverageSummary } from '../report/coverageReport.js';

/** Where a catalog site is: in the tree given (file:line), else the catalog's file. */
export interface SiteLocation {
  readonly file: string;
  readonly line: number | null;
  readonly function: string;
}

/** The conformance part of a nightly run (`--tree`). */
export interface NightlyConform {
  readonly tree: string;
  /** `fail` also when `incomplete`: the gate fails closed, as `mnc conform`'s report does. */
  readonly verdict: 'pass' | 'fail';
  /**
   * Every error is a model check its time budget cut off (`mnc conform` would
   * exit 3): the gate is not passed, but nothing was found either; alone, the
   * nightly run is incomplete (exit 3), not failed.
   */
  readonly incomplete: boolean;
  /** Errors that fail the gate: `file:line: message [code]`. */
  readonly errors: readonly string[];
  /** Sites whose model counterexamples are known findings. */
  readonly known: readonly { readonly site: string; readonly file: string; readonly line: number; readonly findings: readonly string[] }[];
  readonly unmodelled: number;
}

/** The random-search part: drawn scenarios, going on past known findings. */
export interface NightlyRandom {
  readonly seed: number;
  readonly strategy: string;
  readonly seconds: number;
  readonly runs: number;
  /** The time budget stopped the search before the runs asked for (`--random-runs`) or before a violation. */
  readonly interrupted: boolean;
  readonly status: 'ok' | 'violation' | 'model-error';
  /** Runs that hit each known finding. */
  readonly known: Readonly<Record<string, number>>;
}

/** `summary.json`: everything but the per-configuration records (those are in `sweep.json`). */
export interface NightlySummary {
  readonly version: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly scope: string;
  /** The event profile of the sweep and the random search. */
  readonly events: SweepSummary['events'];
  readonly conform: NightlyConform | null;
  readonly sweep: SweepSummary | null;
  readonly random: NightlyRandom | null;
  /** Configurations reported (sweep records plus random findings): one JUnit test case each. */
  readonly configurations: number;
  readonly newFindings: number;
  readonly knownFindings: readonly string[];
  readonly missingKnown: readonly string[];
  /**
   * The sweep's step coverage (coverage.json has every step), when every record carries its steps and the sweep
   * ran on this build; `stopped`: configurations whose coverage is partial (they ended before their state space).
   */
  readonly coverage?: (CoverageSummary & { readonly stopped: number }) | null;
  readonly exit: number;
  readonly exitReason: string;
}

export interface NightlyReport {
  readonly summary: NightlySummary;
  /** Sweep records, then the random search's new findings (path `random`). */
  readonly records: readonly SweepRecord[];
  readonly sites: Readonly<Record<string, SiteLocation>>;
}

/** A record that is a finding: a violation or deadlock. */
export function isFinding(r: SweepRecord): boolean {
  return r.status === 'violation' || r.status === 'deadlock';
}
