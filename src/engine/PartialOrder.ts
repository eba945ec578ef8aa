/**
 * What a model offers the partial-order reduction (bfs.ts with `por`,
 * por/ample.ts): recorded footprints, not declared ones. `F` is the model's
 * footprint type; the engine only asks whether two of them conflict.
 *
 * Declared, and checked by the model on every recording (a breach is a
 * ModelError naming the step or property, never a silent unsound reduction):
 *  - `future(s, t)`: everything thread t may still touch from s (what its
 *    future steps may read or write, their enabledness included);
 *  - `visible()`: everything any property may read, in any state.
 * Recorded: `footprint(s, a)` (what the action reads, writes, and its
 * enabledness reads) and `reads(states, f)` (what `f` reads).
 */
export interface PartialOrder<S, A, F> {
  /** The thread (process) an action belongs to. */
  thread(a: A): number;
  /**
   * The same transition in every state where it is enabled (in the mm
   * model: its thread and its outcome), as a number: the sleep sets
   * (por/SleepSets.ts) carry an action from a state to its successors by it.
   */
  actionKey(a: A): number;
  /** Number of threads in `s` (ended ones included). */
  threadCount(s: S): number;
  /** The action's recorded footprint; with `check`, also the model's own checks (hints, bounds, fidelity). */
  footprint(s: S, a: A, check: boolean): F;
  /**
   * Records what each property of `ps` (invariants, guards) reads when
   * `evaluate(i, views)` runs `ps[i]` on (recorded views of) `states`, and
   * throws a ModelError naming the property when it reads outside `visible(p)`.
   * `checked`: a state on which every property of `ps` passed this check
   * before; the model may skip a property whose evaluation on `states[0]`
   * provably reads the same (one state, the same objects where it may read).
   */
  checkReads(ps: readonly PropertyRef[], states: readonly S[], evaluate: (i: number, views: readonly S[]) => void, checked?: S): void;
  /**
   * What the step properties read on the edge from `s` by `a`: recorded by
   * running `evaluate(i, [s, next])` for each step property `ps[i]` on
   * recorded copies, `next` being a's successor. The reduction adds it to
   * a's footprint, so a step property needs no visibility: two actions are
   * dependent when one writes what the other's step properties read, and in
   * a persistent-set reduction every transition of a full path then occurs in
   * the reduced path with the same values on everything its step properties
   * read (the transitions moved across it are independent of it). The model
   * checks it against `future(s, thread(a))` like any footprint. `next`:
   * a's successor, when the caller has it (`nextState(s, a)`), else the model
   * computes it.
   */
  edgeReads(s: S, a: A, ps: readonly PropertyRef[], evaluate: (i: number, views: readonly S[]) => void, next?: S): F;
  /** A path both touch with one writing it (as text), or undefined when the two commute. */
  conflict(x: F, y: F): string | undefined;
  /** `conflict(x, y) !== undefined`, for the search (no text); `y` is the footprint that recurs (a future, a visibility), which the model may memoize against. */
  conflicts(x: F, y: F): boolean;
  /** The thread's future footprint (C1): declared, checked against every footprint recorded for it. */
  future(s: S, thread: number): F;
  /**
   * What invariant or reachability guard `p` may read in any state (C2; step
   * properties need none: `edgeReads`). Declared, checked by `checkReads`.
   */
  visible(p: PropertyRef): F;
  /** One footprint holding every path of `fs`. */
  union(fs: readonly F[]): F;
}

export interface PropertyRef {
  readonly name: string;
  readonly kind: 'invariant' | 'step' | 'reachable' | 'terminal';
}
