/**
 * What the checked properties may read (C2 of AmpleSets.ts), as one
 * footprint: invariants and reachability guards not met yet. In a reduced
 * run every evaluation of them is recorded and checked against its
 * declaration (PartialOrder.checkReads), so that a property reading past
 * what the model declared for it is a ModelError, never a silently unsound
 * reduction. Step properties are not visibility: what they read on an edge
 * is part of the action's footprint (`edgeReads`, PartialOrder.edgeReads).
 */
import type { PartialOrder } from '../PartialOrder.js';
import type { PropertyChecker } from '../PropertyChecker.js';

export class Visibility<S, A, F> {
  private cached?: { key: string; f: F };

  constructor(
    private readonly po: PartialOrder<S, A, F>,
    private readonly checker: PropertyChecker<S, A>,
  ) {}

  /** The union of what the properties that still matter may read. */
  now(): F {
    const flags = this.checker.reachedFlags();
    const key = flags.map((b) => (b ? '1' : '0')).join('');
    if (this.cached?.key === key) return this.cached.f;
    const c = this.checker;
    const f = this.po.union([...c.invariants, ...c.reachables.filter((_, i) => !flags[i])].map((p) => this.po.visible(p)));
    this.cached = { key, f };
    return f;
  }

  /** The name of the first property that may read what `f` writes (for explanations). */
  who(f: F): string {
    const flags = this.checker.reachedFlags();
    const c = this.checker;
    const p = [...c.invariants, ...c.reachables.filter((_, i) => !flags[i])].find((q) => this.po.conflict(f, this.po.visible(q)) !== undefined);
    return p?.name ?? '?';
  }

  /**
   * Invariants and guards not met yet, on a new state: recorded and checked
   * against their declarations. `parent`: the state it was reached from,
   * checked when it was new (or in the run a checkpoint resumes) with every
   * invariant and the guards not met then, which include those not met now.
   */
  checkState(s: S, parent?: S): void {
    const flags = this.checker.reachedFlags();
    const ps = [...this.checker.invariants, ...this.checker.reachables.filter((_, i) => !flags[i])];
    this.po.checkReads(ps, [s], (i, v) => void ps[i]!.check(v[0]!), parent);
  }

  /** What the step properties read on the edge from `s` by `a` (part of a's footprint), or undefined when there are none. */
  edgeReads(s: S, a: A, next?: S): F | undefined {
    const ps = this.checker.steps;
    if (ps.length === 0) return undefined;
    return this.po.edgeReads(s, a, ps, (i, v) => void ps[i]!.check(v[0]!, a, v[1]!), next);
  }
}
