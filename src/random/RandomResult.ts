import type { TracePath, Violation } from '../engine/ExploreResult.js';
import type { NamedStep } from '../replay/NamedStep.js';
import type { StrategyName } from './Schedule.js';

interface RunInfo {
  readonly strategy: StrategyName;
  /** fast-check seed of the whole series: the same seed and options give the same result. */
  readonly seed: number;
  /** Runs executed (up to and including the first failing one). */
  readonly runs: number;
  /** Transitions taken over all runs. */
  readonly transitions: number;
  readonly seconds: number;
  /** A time budget stopped the runs (or the shrinking) early. */
  readonly interrupted: boolean;
  /** Runs whose violation the space's triage named a known finding, by finding id (the search went on past them). */
  readonly known: Readonly<Record<string, number>>;
}

/** Lengths of one counterexample along the way to the user. */
export interface TraceLengths {
  /** As first found. */
  readonly found: number;
  /** After fast-check shrank the schedule. */
  readonly shrunk: number;
  /** After the delta-debugging minimiser. */
  readonly minimised: number;
}

export type RandomResult<P> =
  | (RunInfo & { readonly status: 'ok' })
  | (RunInfo & {
      readonly status: 'violation';
      /** fast-check path: with `seed`, replays the shrunk schedule (`--path`). */
      readonly path: string;
      readonly shrinks: number;
      /** Scenario parameters drawn by fast-check, when the caller gave a space. */
      readonly params: P;
      readonly violation: Violation;
      /** The minimised trace by thread and label. */
      readonly steps: readonly NamedStep[];
      readonly lengths: TraceLengths;
      readonly secondsToFind: number;
    })
  | (RunInfo & {
      readonly status: 'model-error';
      readonly path: string;
      readonly params: P;
      readonly message: string;
      /** To the state where the error was raised; `action` indexes its actions: the step that raised it, if one did. */
      readonly trace: TracePath;
      readonly action?: number;
    });
