/**
 * Property kinds. A check returns `undefined` when the property holds, or a
 * counterexample message (naming the mm, address, mirror and site where the
 * model knows them) when it does not.
 */
export type Verdict = string | undefined;

interface Named {
  /** Stable kebab-case name, e.g. `mirror-coherence`. */
  readonly name: string;
  /** One line. */
  readonly description: string;
}

/** Holds in every reachable state. */
export interface Invariant<S> extends Named {
  readonly kind: 'invariant';
  check(state: S): Verdict;
}

/** Holds on every transition. */
export interface StepProperty<S, A> extends Named {
  readonly kind: 'step';
  check(prev: S, action: A, next: S): Verdict;
}

/** Some reachable state satisfies it; else the scenario is vacuous. */
export interface Reachable<S> extends Named {
  readonly kind: 'reachable';
  check(state: S): boolean;
}

/** Holds in every end state (every thread has ended). */
export interface Terminal<S> extends Named {
  readonly kind: 'terminal';
  check(state: S): Verdict;
}

export type Property<S, A> = Invariant<S> | StepProperty<S, A> | Reachable<S> | Terminal<S>;

/** The engine's own property: some thread has not ended and none can move. */
export const DEADLOCK = 'deadlock';
