/** Budgets and switches shared by the explorers. */
export interface ExploreOptions {
  /** Stop with `incomplete` after this many distinct states. */
  readonly maxStates?: number;
  /** Do not expand states deeper than this (the run is then `incomplete`). */
  readonly maxDepth?: number;
  /** Stop with `incomplete` after this many seconds. */
  readonly maxSeconds?: number;
  /** Keep exploring after a violation, reporting the first of each property. */
  readonly allViolations?: boolean;
  /** Ample-set partial-order reduction: recorded footprints (`Model.partialOrder`), else the `Model.isLocal` hint. */
  readonly por?: boolean;
  /** With `por`: on every state, check the model's footprints, hints and bounds on every enabled action, and that each pruned action commutes with the ample ones. */
  readonly porCheck?: boolean;
  /** With `por` (breadth-first, no checkpoints, not with `symmetry`): sleep sets too (src/engine/por/SleepSets.ts): fewer transitions and, with the ample sets, some states. */
  readonly sleepSets?: boolean;
  /** Symmetry reduction through `Model.representative`. */
  readonly symmetry?: boolean;
  /** Expected number of states: pre-sizes the stores. */
  readonly expectedStates?: number;
  /** Called about every `progressSeconds` with the running statistics. */
  readonly onProgress?: (p: Progress) => void;
  readonly progressSeconds?: number;
}

export interface Progress {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly depth: number;
  readonly queued: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
}
