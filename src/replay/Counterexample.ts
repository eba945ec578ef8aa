import type { ViolationKind } from '../engine/ExploreResult.js';
import type { NamedStep } from './NamedStep.js';

export const COUNTEREXAMPLE_FORMAT = 'mnc-counterexample';
export const COUNTEREXAMPLE_VERSION = 1;

/** A saved counterexample (written by `mnc random` and `mnc explore`, read by `mnc replay`). */
export interface Counterexample {
  readonly format: typeof COUNTEREXAMPLE_FORMAT;
  readonly version: typeof COUNTEREXAMPLE_VERSION;
  /** Scenario name in the CLI's registry (or the name inside `scenarioFile`). */
  readonly scenario: string;
  /**
   * The scenario file, for a scenario that is not built in: relative to the
   * counterexample's own directory (so the pair can move together), or
   * absolute. Files saved before this rule name it from the working directory.
   */
  readonly scenarioFile?: string;
  /** sha256 of the scenario file when saved: a replay says when it changed since. */
  readonly scenarioSha256?: string;
  /** The mm-model options it was found with (`--events`, `--override` as typed, `--mutant`): replay rebuilds the same model. */
  readonly mm?: SavedMmOptions;
  /** Scenario parameters, when the scenario takes any (JSON). */
  readonly params?: unknown;
  readonly property: string;
  readonly kind: ViolationKind;
  readonly message: string;
  /** Index of the initial state. */
  readonly init: number;
  readonly steps: readonly NamedStep[];
  /** How it was found, e.g. `{ "by": "random", "strategy": "pct", "seed": 7, "path": "12:3" }`. */
  readonly origin?: Readonly<Record<string, string | number>>;
  /** sha256 of what replays (scenario, its file, params, mm, property, kind, init, steps): an edited or damaged file is refused. */
  readonly checksum?: string;
}

export interface SavedMmOptions {
  readonly events: 'seed' | 'v5.2';
  readonly overrides: readonly string[];
  readonly mutant?: string;
}

/** A counterexample to save, from a violation whose trace is already named step by step. */
export function toCounterexample(
  scenario: string,
  params: unknown,
  violation: { readonly property: string; readonly kind: ViolationKind; readonly message: string; readonly trace: { readonly init: number } },
  steps: readonly NamedStep[],
  origin?: Readonly<Record<string, string | number>>,
): Counterexample {
  return {
    format: COUNTEREXAMPLE_FORMAT,
    version: COUNTEREXAMPLE_VERSION,
    scenario,
    ...(params !== undefined ? { params } : {}),
    property: violation.property,
    kind: violation.kind,
    message: violation.message,
    init: violation.trace.init,
    steps,
    ...(origin !== undefined ? { origin } : {}),
  };
}
