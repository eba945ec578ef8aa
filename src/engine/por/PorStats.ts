/** What the partial-order reduction removed in a run (ExploreResult.por); a leaf, so the result type needs nothing of the reduction's code. */
export interface PorStats {
  /** States expanded with an ample set (the others were expanded fully). */
  readonly reducedStates: number;
  /** Enabled transitions not taken at those states. */
  readonly prunedTransitions: number;
  /** Ample sets refused by the cycle proviso. */
  readonly provisoRefusals: number;
  /** With sleep sets: transitions not taken because they slept (por/SleepSets.ts). */
  readonly sleptTransitions?: number;
  /** With sleep sets: states expanded again for actions that slept on their first path but not on a later one. */
  readonly reexpansions?: number;
  /** With sleep sets: states first found by such a re-expansion (0: every counterexample is shortest among the explored interleavings). */
  readonly lateStates?: number;
  /** Set when the reduction did not apply (the model offers no footprints). */
  readonly note?: string;
}
