/**
 * The recorded footprints of one state's enabled actions, each recorded at
 * most once and shared by the ample sets (AmpleSets.ts) and the sleep sets
 * (SleepSets.ts): the step's own (`step`), and what the step properties read
 * on its edge (`edge`, undefined when there are none), which the
 * reduction counts as part of the action's footprint. A recording runs the
 * step once more on a proxied copy of the state, so it is the reduction's
 * main cost; most questions are settled by the step's footprint alone.
 */
import type { PartialOrder } from '../PartialOrder.js';
import type { Visibility } from './Visibility.js';

export class StateFootprints<S, A, F> {
  private s: S | undefined;
  private acts: readonly A[] = [];
  private readonly steps: (F | undefined)[] = [];
  /** null: recorded, and there are none. */
  private readonly edges: (F | null | undefined)[] = [];
  /** The successors computed so far (the explorer's), so that an edge's recording need not run the step again. */
  private readonly nexts: (S | undefined)[] = [];

  constructor(
    private readonly po: PartialOrder<S, A, F>,
    private readonly visibility: Visibility<S, A, F>,
    /** The model's own checks on every recording (`--por-check`). */
    readonly check: boolean,
  ) {}

  /** A new state and its enabled actions: nothing recorded yet. */
  begin(s: S, acts: readonly A[]): void {
    this.s = s;
    this.acts = acts;
    this.steps.length = 0;
    this.edges.length = 0;
    this.nexts.length = 0;
  }

  /** Action i's successor, `Model.nextState(s, acts[i])` (an object the caller keeps: not a reused buffer). */
  successor(i: number, next: S): void {
    this.nexts[i] = next;
  }

  /** What action i's step reads and writes, its enabledness included. */
  step(i: number): F {
    let f = this.steps[i];
    if (f === undefined) this.steps[i] = f = this.po.footprint(this.s!, this.acts[i]!, this.check);
    return f;
  }

  /** What the step properties read on action i's edge, or undefined when there are no step properties. */
  edge(i: number): F | undefined {
    let e = this.edges[i];
    if (e === undefined) this.edges[i] = e = this.visibility.edgeReads(this.s!, this.acts[i]!, this.nexts[i]) ?? null;
    return e ?? undefined;
  }

  /** Both. */
  whole(i: number): F {
    const e = this.edge(i);
    return e === undefined ? this.step(i) : this.po.union([this.step(i), e]);
  }

  /**
   * Whether actions i and j are dependent: one's whole footprint writes what
   * the other's reads or writes. A union conflicts exactly when one of its
   * parts does (a conflict is one path of one footprint hit by a write of the
   * other), so the steps are compared first and the edges are recorded only
   * when the steps commute.
   */
  dependent(i: number, j: number): boolean {
    if (this.po.conflicts(this.step(i), this.step(j))) return true;
    const ei = this.edge(i);
    const ej = this.edge(j);
    if (ei !== undefined && this.po.conflicts(this.step(j), ei)) return true;
    if (ej !== undefined && this.po.conflicts(this.step(i), ej)) return true;
    return ei !== undefined && ej !== undefined && this.po.conflicts(ei, ej);
  }

  /** Whether action i's whole footprint conflicts with `f` (a recurring one: a future, a visibility), the step first. */
  conflictsWith(i: number, f: F): boolean {
    if (this.po.conflicts(this.step(i), f)) return true;
    const e = this.edge(i);
    return e !== undefined && this.po.conflicts(e, f);
  }
}
