/**
 * What the checked properties may read (C2 of AmpleSets.ts), as one
 * footprint: invariants, step properties, and reachability guards not met
 * yet. In a reduced run every property evaluation is recorded and checked
 * against its declaration (PartialOrder.checkReads), so that a property
 * reading past what the model declared for it is a ModelError, never a
 * silently unsound reduction.
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
    const f = this.po.union([...c.invariants, ...c.steps, ...c.reachables.filter((_, i) => !flags[i])].map((p) => this.po.visible(p)));
    this.cached = { key, f };
    return f;
  }

  /** The name of the first property that may read what `f` writes (for explanations). */
  who(f: F): string {
    const flags = this.checker.reachedFlags();
    const c = this.checker;
    const p = [...c.invariants, ...c.steps, ...c.reachables.filter((_, i) => !flags[i])].find((q) => this.po.conflict(f, this.po.visible(q)) !== undefined);
    return p?.name ?? '?';
  }

  /** Invariants and guards not met yet, on a new state: recorded and checked against their declarations. */
  checkState(s: S): void {
    const flags = this.checker.reachedFlags();
    const ps = [...this.checker.invariants, ...this.checker.reachables.filter((_, i) => !flags[i])];
    this.po.checkReads(ps, [s], undefined, (i, v) => void ps[i]!.check(v[0]!));
  }

  /** Step properties on a transition taken. */
  checkEdge(s: S, a: A, ns: S): void {
    const ps = this.checker.steps;
    this.po.checkReads(ps, [s, ns], this.po.thread(a), (i, v) => void ps[i]!.check(v[0]!, a, v[1]!));
  }
}
