/**
 * Ample sets from recorded footprints (issue 11): at each state, the enabled
 * actions of one thread, when
 *  - C1 (persistent): each of them commutes with everything any other thread
 *    may still do (`PartialOrder.future`, declared by the model and checked by
 *    it on every footprint it records), so no sequence of other threads'
 *    steps can disable, enable or be told apart from it;
 *  - C2 (invisible): none of them writes what a property may read
 *    (`PartialOrder.visible`, declared per property, checked on every
 *    recording): invariants and reachability guards not yet met (once met,
 *    a guard needs nothing more). Step properties need no visibility: what
 *    they read on an action's edge is part of its footprint (edgeReads);
 *    terminal properties and deadlocks need nothing (a persistent-set
 *    reduction keeps every reachable end state);
 *  - C3 (cycle proviso, por/Proviso.ts, applied in bfs.ts): no successor of
 *    the ample set was seen at the current depth or before, else the state
 *    is expanded fully (each cycle of the reduced graph then holds a fully
 *    expanded state).
 * Sleep sets, on top of these with `sleepSets`, are por/SleepSets.ts.
 *
 * With `check`, every state also checks that each pruned action commutes
 * with each ample one (their recorded footprints), and the model checks its
 * own hints, bounds and recording (PartialOrder.footprint).
 */
import { ModelError } from '../Model.js';
import type { PartialOrder } from '../PartialOrder.js';
import type { Visibility } from './Visibility.js';
import type { PorStats } from './PorStats.js';
import type { StateFootprints } from './StateFootprints.js';

/** The stats of a run asked for `por` on a model without footprints or hints. */
export const POR_NOT_APPLICABLE: PorStats = {
  reducedStates: 0,
  prunedTransitions: 0,
  provisoRefusals: 0,
  note: 'this model records no footprints: explored without reduction',
};

export class AmpleSets<S, A, F> {
  reducedStates = 0;
  prunedTransitions = 0;
  provisoRefusals = 0;

  /** With `explain` (bench/por/): why ample sets were refused, by reason (the first refused action of each thread). */
  readonly refusals = new Map<string, number>();

  constructor(
    private readonly po: PartialOrder<S, A, F>,
    private readonly visibility: Visibility<S, A, F>,
    /** This state's footprints, shared with the sleep sets (bfs.ts begins each state). */
    private readonly fps: StateFootprints<S, A, F>,
    private readonly explain = false,
  ) {}

  private get check(): boolean {
    return this.fps.check;
  }

  /**
   * The indices of `acts` forming an ample set, or undefined (expand fully).
   * `acts` are the enabled actions of `s`, grouped by thread in thread order
   * (`fps` begun on them).
   */
  choose(s: S, acts: readonly A[]): number[] | undefined {
    const n = this.po.threadCount(s);
    const byThread = new Map<number, number[]>();
    acts.forEach((a, i) => {
      const t = this.po.thread(a);
      let l = byThread.get(t);
      if (!l) byThread.set(t, (l = []));
      l.push(i);
    });
    if (byThread.size < 2 && !this.check) return undefined; // one thread: nothing to prune
    const visible = this.visibility.now();
    /** The action's footprint: what its step reads and writes, and what the step properties read on its edge. */
    const fp = (i: number): F => this.fps.whole(i);
    /** Whether `f` conflicts with what the properties may read or with another thread's future. */
    const blocked = (f: F, t: number): boolean => {
      if (this.po.conflicts(f, visible)) return true;
      for (let u = 0; u < n; u++) if (u !== t && this.po.conflicts(f, this.po.future(s, u))) return true;
      return false;
    };
    /**
     * Whether action i may be in thread t's ample set. The footprint tested is
     * the step's and its edge reads' union, and a union conflicts exactly when
     * one of its parts does (a conflict is one path of one footprint hit by a
     * write of the other), so the step's own footprint is tested first and the
     * edge reads (the step run once more, the step properties run on recorded
     * copies) are recorded only when it passes: the same answer, and most
     * candidates fail on their step alone. With `check` every footprint is
     * recorded whole anyway; with `explain` the reason names a path of the
     * union, found as before. The model's checks of what it records (a
     * thread's future bounds its edge reads too) thus see fewer edges in a
     * plain `--por` run, which checks only what it records anyway (never an
     * action of a state with one thread enabled); `--por-check` records and
     * checks every enabled action's whole footprint on every state, as the
     * por differential does on every pinned subject.
     */
    const allowed = (i: number, t: number): boolean => {
      if (this.explain || this.check) {
        const f = fp(i);
        if (!this.explain) return !blocked(f, t);
        const seen = this.po.conflict(f, visible);
        if (seen !== undefined) return this.refuse(() => `visible to ${this.visibility.who(f)}: ${seen}`);
        for (let u = 0; u < n; u++) {
          const c = u !== t ? this.po.conflict(f, this.po.future(s, u)) : undefined;
          if (c !== undefined) return this.refuse(() => `another thread may touch ${c}`);
        }
        return true;
      }
      if (blocked(this.fps.step(i), t)) return false;
      const e = this.fps.edge(i);
      return e === undefined || !blocked(e, t);
    };
    let chosen: number[] | undefined;
    for (const [t, idx] of byThread) {
      if (byThread.size < 2) break;
      const ok = idx.every((i) => allowed(i, t));
      if (ok) {
        chosen = idx;
        break;
      }
    }
    if (this.check) {
      for (let i = 0; i < acts.length; i++) fp(i); // the model's checks on every enabled action
      if (chosen) this.checkPruned(s, acts, chosen, fp);
    }
    return chosen;
  }

  /** Every pruned action commutes with every ample one (recorded footprints). */
  private checkPruned(s: S, acts: readonly A[], chosen: readonly number[], fp: (i: number) => F): void {
    for (let j = 0; j < acts.length; j++) {
      if (chosen.includes(j)) continue;
      for (const i of chosen) {
        const c = this.po.conflict(fp(i), fp(j));
        if (c !== undefined) throw new ModelError(`partial-order check: ample action ${i} and pruned action ${j} both touch ${c}`);
      }
    }
  }

  private refuse(why: () => string): false {
    if (this.explain) {
      const k = why().replace(/\b\d+\b/g, 'N');
      this.refusals.set(k, (this.refusals.get(k) ?? 0) + 1);
    }
    return false;
  }

  stats(): PorStats {
    return { reducedStates: this.reducedStates, prunedTransitions: this.prunedTransitions, provisoRefusals: this.provisoRefusals };
  }
}
