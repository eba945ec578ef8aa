/**
 * Results are discriminated unions: expected outcomes are values, never
 * exceptions.
 */
import type { PorStats } from './por/PorStats.js';

/** A path from the initial state `init` by action indices (`path[i]` indexes `actions(state_i)`). */
export interface TracePath {
  readonly init: number;
  readonly path: readonly number[];
}

export type ViolationKind = 'invariant' | 'step' | 'terminal' | 'deadlock' | 'unreachable';

export interface Violation {
  readonly property: string;
  readonly kind: ViolationKind;
  readonly message: string;
  /** Empty for `unreachable` (no state shows it). */
  readonly trace: TracePath;
}

export interface ExploreStats {
  readonly distinctStates: number;
  readonly transitions: number;
  readonly maxDepth: number;
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** Bytes of the seen-set and trace store divided by distinct states. */
  readonly bytesPerState: number;
  /** With partial-order reduction (`por`): how much it pruned (src/engine/por/AmpleSets.ts). */
  readonly por?: PorStats;
}

export type IncompleteReason = 'max-states' | 'max-depth' | 'max-seconds';

export type ExploreResult =
  | { readonly status: 'ok'; readonly stats: ExploreStats; readonly violations: readonly [] }
  | { readonly status: 'violation'; readonly stats: ExploreStats; readonly violations: readonly Violation[] }
  | {
      readonly status: 'incomplete';
      readonly reason: IncompleteReason;
      readonly stats: ExploreStats;
      readonly violations: readonly Violation[];
    }
  | {
      readonly status: 'model-error';
      readonly stats: ExploreStats;
      /** Violations found before the model error (`--all-violations`). */
      readonly violations: readonly Violation[];
      /** What the scenario did wrong. */
      readonly message: string;
      /** The path to the state where it was raised. */
      readonly trace: TracePath;
      /** The action of that state whose step raised it; absent when the state itself did (its actions, a property). */
      readonly action?: number;
    };

/** Process exit codes, one per outcome, so CI can tell them apart. */
export const EXIT = { ok: 0, violation: 1, usage: 2, incomplete: 3, modelError: 4 } as const;
