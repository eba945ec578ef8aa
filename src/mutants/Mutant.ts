import type { CheckSubject } from './CheckSubject.js';

/**
 * A deliberate bug: the same scenario as a correct `baseline`, with one
 * transformation applied. Generic: the engine side knows nothing of what is
 * mutated.
 */
export interface Mutant<S, A> {
  /** Stable kebab-case id, addressable from the command line. */
  readonly id: string;
  /** One line: what the bug is. */
  readonly description: string;
  /** The property that must catch it. */
  readonly expects: string;
  /** Key of the correct subject this mutant is a variation of. */
  readonly baseline: string;
  /** The subject with the bug in. */
  subject(): CheckSubject<S, A>;
}

/** Mutants plus the correct subjects they vary (which must pass). */
export interface MutantSuite<S, A> {
  readonly mutants: readonly Mutant<S, A>[];
  baseline(key: string): CheckSubject<S, A>;
}
