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
  private readonly wholes: (F | undefined)[] = [];
  /** Whether the action writes what an invariant or a pending guard reads (`visible`). */
  private readonly visibles: (boolean | undefined)[] = [];
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
    this.wholes.length = 0;
    this.visibles.length = 0;
    this.edges.length = 0;
    this.nexts.length = 0;
  }

  /** The state begun on. */
  get state(): S {
    return this.s!;
  }

  /** Its enabled actions. */
  get actions(): readonly A[] {
    return this.acts;
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

  /** Both, as one footprint. */
  whole(i: number): F {
    let f = this.wholes[i];
    if (f === undefined) {
      const e = this.edge(i);
      this.wholes[i] = f = e === undefined ? this.step(i) : this.po.union([this.step(i), e]);
    }
    return f;
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

  /**
   * Whether action i writes what an invariant or a guard not met yet may
   * read (its whole footprint against `Visibility.now()`, the step first),
   * memoized for the state: a guard met since only makes the answer
   * conservative.
   */
  visible(i: number): boolean {
    let v = this.visibles[i];
    if (v === undefined) {
      const now = this.visibility.now();
      v = this.po.conflicts(this.step(i), now);
      if (!v) {
        const e = this.edge(i);
        v = e !== undefined && this.po.conflicts(e, now);
      }
      this.visibles[i] = v;
    }
    return v;
  }
}
