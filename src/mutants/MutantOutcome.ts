import type { ExploreResult, ViolationKind } from '../engine/ExploreResult.js';

/** What exploring one mutant gave. */
export interface MutantOutcome {
  readonly id: string;
  readonly description: string;
  /** The expected property reported a violation. */
  readonly killed: boolean;
  /** The expected property when it caught the mutant, else the first property that did (or null). */
  readonly property: string | null;
  readonly expected: string;
  /** The kind of `property`'s violation (`unreachable`: the guarded race never happens). */
  readonly kind: ViolationKind | null;
  /** Actions in the counterexample of `property` (null when none). */
  readonly length: number | null;
  readonly status: ExploreResult['status'];
  readonly distinctStates: number;
  /** The explorer's message for a model error, or the violation's message. */
  readonly message: string | null;
}

/** What exploring one correct subject gave: it must be `ok`. */
export interface BaselineOutcome {
  readonly baseline: string;
  readonly status: ExploreResult['status'];
  readonly distinctStates: number;
  /** First violated property or model-error message when not `ok` (or which budget ended it). */
  readonly problem: string | null;
  /** A budget (--max-states, --max-seconds) ended it before anything was found: not a verdict. */
  readonly budgetHit: boolean;
}
