/** What the partial-order reduction removed in a run (ExploreResult.por); a leaf, so the result type needs nothing of the reduction's code. */
export interface PorStats {
  /** States expanded with an ample set (the others were expanded fully). */
  readonly reducedStates: number;
  /** Enabled transitions not taken at those states. */
  readonly prunedTransitions: number;
  /** Ample sets refused by the cycle proviso. */
  readonly provisoRefusals: number;
  /** Set when the reduction did not apply (the model offers no footprints). */
  readonly note?: string;
}
