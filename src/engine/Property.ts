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
  /**
   * Optional: `check(state)`'s verdict, given `parent`, a predecessor of
   * `state` on which every invariant held; it may skip what the two states
   * share (the explorer passes the state it expanded, PropertyChecker.checkState).
   */
  checkAfter?(state: S, parent: S): Verdict;
}

/** Holds on every transition. */
export interface StepProperty<S, A> extends Named {
  readonly kind: 'step';
  check(prev: S, action: A, next: S): Verdict;
  /** Optional: a group that judges this property together with its other members in one call (StepGroup). */
  readonly group?: StepGroup<S, A>;
}

/** The first failing member of a step group: its index in `members`, and its message. */
export interface GroupFailure {
  readonly index: number;
  readonly message: string;
}

/**
 * Step properties judged by one call: `check` gives exactly the first
 * member, in `members` order, whose own check fails (or undefined), so it
 * may share what the members read of a transition and skip members that
 * have nothing to judge. PropertyChecker calls it in place of a run of
 * consecutive step properties that is exactly `members`; anywhere else each
 * member is still checked alone.
 */
export interface StepGroup<S, A> {
  readonly members: readonly StepProperty<S, A>[];
  check(prev: S, action: A, next: S): GroupFailure | undefined;
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
