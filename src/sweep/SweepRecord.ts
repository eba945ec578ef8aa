/**
 * The record format of `mnc sweep` (bounded-exhaustive sweeps), shared by the sweep,
 * `mnc merge`, `mnc nightly` and its reports. Fields may be added; none removed or renamed.
 * Engine-side and generic: nothing here knows the mm model.
 */

/** Outcome of exploring one configuration. */
export type SweepStatus = 'ok' | 'violation' | 'deadlock' | 'incomplete' | 'model-error';

/** One readable step of a counterexample. */
export interface SweepTraceStep {
  thread: string;
  label: string;
  at: string;
  change: string;
}

/** A configuration in words. */
export interface SweepConfigDesc {
  /** e.g. "vma anon rw [0,4) straddles PMD 1; mm1 shares hugetlb PMD table" */
  layout: string;
  /** mirror names/kinds in call order, e.g. ["kvm", "aware"] */
  subscribers: string[];
  /** e.g. ["munmap(mm0, 0, 4)", "kvm0: guest read 1"] */
  threads: string[];
}

/** One violation of a configuration, the shortest of its property's: past the first (`also`, `mnc sweep --all-violations`), or the first as violationsOf gives it. */
export interface SweepViolation {
  /** violated property name (or 'deadlock') */
  property: string;
  /** FINDINGS.md id when its signature is a known one, else null */
  known: string | null;
  /** true when `known` names a finding the configuration shows and this violation is that finding's consequence (KnownSignature.consequences) */
  consequence?: boolean;
  /** triage signature: site|property|mirror kinds|trace shape */
  signature: string | null;
  message: string;
  trace?: SweepTraceStep[];
}

/** The result of one configuration. */
export interface SweepRecord {
  /** stable, canonical configuration id (same config => same id on every machine/shard) */
  id: string;
  /** catalog site id "1".."28" */
  site: string;
  /** the operation that reaches the site (e.g. "munmap", "truncate", "punch_hole") */
  path: string;
  config: SweepConfigDesc;
  status: SweepStatus;
  /** violated property name (or 'deadlock'), else null */
  property: string | null;
  /** FINDINGS.md id (e.g. "F3", "D2") when the signature is a known one, else null */
  known: string | null;
  /** triage signature: site|property|mirror kinds|trace shape */
  signature: string | null;
  distinctStates: number;
  transitions: number;
  seconds: number;
  /** shortest counterexample, readable, for violations/deadlocks */
  trace?: SweepTraceStep[];
  /** true when taken from the incremental cache */
  cached?: boolean;
  /** the violation's (or model error's) one-line message */
  message?: string;
  /** false when the exploration ended without any thread initialising a range at the site (the configuration does not test it) */
  siteReached?: boolean;
  /**
   * With `--all-violations`: every other property the configuration violates, each with its own shortest trace,
   * in the order found (the record's own fields are the first, the shortest of all). Absent without the flag.
   */
  also?: SweepViolation[];
  /**
   * With `--coverage`: which steps of the model's programs the exploration ran, as bits (base64; bit i of byte i >> 3:
   * step i) over the step list of the code that explored it (the cache key says which: every record of a report has one).
   */
  steps?: string;
}

/** Totals of one sweep (or of merged shards). */
export interface SweepSummary {
  /** "small" | "medium" | "large" | "custom(...)" */
  scope: string;
  events: 'seed' | 'v5.2';
  shard: { index: number; count: number } | null;
  /** generated in this shard */
  configurations: number;
  /** reason -> how many configurations were not generated / skipped */
  skipped: Record<string, number>;
  counts: Record<SweepStatus, number>;
  /** violations/deadlocks with known === null (with allViolations: configurations with any violation whose known is null) */
  newFindings: number;
  /** ids of known findings reached */
  knownFindings: string[];
  /** known findings in scope that no configuration reached (a known finding "disappeared") */
  missingKnown: string[];
  /** hash of model/properties/engine code used as the incremental cache key */
  modelHash: string;
  /** Explored under partial-order reduction, checked on every state (`--por-check`); absent for a plain sweep. */
  porCheck?: boolean;
  /** With porCheck: sleep sets on top (`--sleep-sets`); absent otherwise. */
  sleepSets?: boolean;
  /** Every property's violation reported per configuration (`--all-violations`); absent for a sweep that reports the first. */
  allViolations?: boolean;
  seconds: number;
  /** configurations explored by this run, and taken from the incremental cache */
  explored?: number;
  cached?: number;
  /** the filters of a partial sweep (`site=24 mirror=kvm`); empty or absent for the whole scope */
  filter?: string;
  /** configurations whose exploration never reached their site */
  notReached?: number;
}

/** What `mnc sweep --json` prints and `DIR/sweep.json` holds. */
export interface SweepReport {
  summary: SweepSummary;
  records: SweepRecord[];
}
