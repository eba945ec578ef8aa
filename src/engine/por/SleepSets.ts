/**
 * Sleep sets (Godefroid 1996, ch. 5) on top of the ample sets (issue 11):
 * they remove transitions (alone, no state; with the ample sets, some: see
 * VISIBLE). When a state expands actions t1, t2,
 * ... in order, the successor by ti need not take an earlier tj (nor an
 * action asleep at the state) that commutes with ti: ti·tj reaches the state
 * that tj·ti reached already, by a path of the same length.
 *
 * Asleep at a successor: each action of the state's sleep set and each one
 * expanded before, whose recorded footprint (its step and what the step
 * properties read on its edge, as for the ample sets) does not conflict with
 * the taken action's. An action stays the same transition across states by
 * `PartialOrder.actionKey` (its thread and outcome); an action that commutes
 * with every step taken since it fell asleep is still enabled and does the
 * same there (nothing it reads was written). So every pruned edge's target
 * and what a step property sees on it are met on the commuted path: every
 * invariant, guard, step property, deadlock and end state keeps its verdict.
 *
 * VISIBLE: two actions that both write what an invariant or a guard not met
 * yet may read are dependent, whatever their footprints (Peled's condition
 * for trace-equivalence reductions): equivalent paths then show the
 * properties the same sequence of values, so the persistent sets' argument
 * (C2, C3: AmpleSets.ts) holds for the paths the sleep sets keep, which may
 * reach fewer states than the ample sets alone (Godefroid, Pirottin and
 * Wolper 1993 combine the two for that).
 *
 * A stateful search must not trust the sleep set a state was first met with
 * (the other paths to it may have slept less): this is Godefroid's H(s).
 * Here a state met again before its expansion keeps the intersection of the
 * two sleep sets; met again once its expansion started (by a longer path, or
 * by a step back to it), the actions it did not take because they slept
 * then, and do not sleep now, are taken in a re-expansion of that state
 * queued on the next level, with the intersection as its sleep set (`redo`). States a re-expansion finds first
 * are counted (`lateStates`): their trace is as long as their true depth,
 * but a state found later through them may have been found before by a
 * longer path, so a counterexample is shortest among the explored
 * interleavings only when this count is 0 (the stats say so).
 *
 * With `check`, each action kept asleep across a step is checked to commute
 * with it on the states themselves: both orders enabled, reaching one state.
 */
import { ModelError, type Model } from '../Model.js';
import { fingerprintHex } from '../fingerprint.js';
import type { PartialOrder } from '../PartialOrder.js';
import type { StateFootprints } from './StateFootprints.js';
import type { PorStats } from './PorStats.js';

/** Action keys (PartialOrder.actionKey). */
export type Keys = readonly number[];

/** A fingerprint as the key of `byFingerprint`. */
const keyOf = (hi: number, lo: number): string => `${hi}:${lo}`;

/** The empty sleep set. */
export const NONE: Keys = [];

/** A state met with a non-empty sleep set. */
export interface Slept {
  /** Before its expansion, its sleep set; from its start on, the actions of its expanded set that slept (Godefroid's H(s) within it). */
  sleep: Keys;
  expanded: boolean;
  /** Its trace id (a re-expansion extends its trace). */
  readonly id: number;
  /** Its fingerprint, as the key of `byFingerprint`. */
  readonly fk: string;
}

/** A re-expansion: only these actions, with this sleep set. */
export interface Redo {
  readonly only: Keys;
  readonly sleep: Keys;
}

export class SleepSets<S, A, F> {
  /** Transitions not taken because they slept. */
  slept = 0;
  /** States expanded again for actions that slept at their first expansion but not on a later path. */
  reexpansions = 0;
  /** States first found by a re-expansion. */
  lateStates = 0;

  private readonly byFingerprint = new Map<string, Slept>();

  constructor(
    private readonly model: Model<S, A>,
    private readonly po: PartialOrder<S, A, F>,
    /** This state's footprints, shared with the ample sets (bfs.ts begins each state). */
    private readonly fps: StateFootprints<S, A, F>,
  ) {}

  private get check(): boolean {
    return this.fps.check;
  }

  /** The state being expanded's enabled actions (StateFootprints.begin). */
  private get acts(): readonly A[] {
    return this.fps.actions;
  }

  key(i: number): number {
    return this.po.actionKey(this.acts[i]!);
  }

  /** Whether action i sleeps in `sleep`. */
  asleep(i: number, sleep: Keys): boolean {
    return sleep.length > 0 && sleep.includes(this.key(i));
  }

  /**
   * The sleep set of the successor by action `taken`, given the state's
   * sleep set and the actions expanded before it (indices): those of them
   * that commute with it.
   */
  successor(sleep: Keys, before: readonly number[], taken: number): Keys {
    if (sleep.length === 0 && before.length === 0) return NONE;
    const out: number[] = [];
    const t = this.po.thread(this.acts[taken]!);
    const visibleTaken = this.fps.visible(taken);
    const consider = (i: number) => {
      if (this.po.thread(this.acts[i]!) === t) return; // one thread's steps never commute (its frames)
      if (this.fps.dependent(taken, i)) return;
      if (visibleTaken && this.fps.visible(i)) return; // two visible steps stay in their order (see VISIBLE)
      if (this.check) this.commute(taken, i);
      out.push(this.key(i));
    };
    for (const k of sleep) {
      const i = this.acts.findIndex((a) => this.po.actionKey(a) === k);
      if (i < 0) throw new ModelError(`sleep-set check: asleep action ${k} is not enabled (an action it commutes with disabled it)`);
      consider(i);
    }
    for (const i of before) consider(i);
    return out.length === 0 ? NONE : out;
  }

  /** A new state: remembered when its sleep set is not empty. */
  arrive(hi: number, lo: number, id: number, sleep: Keys): Slept | undefined {
    if (sleep.length === 0) return undefined;
    const fk = keyOf(hi, lo);
    const e: Slept = { sleep, expanded: false, id, fk };
    this.byFingerprint.set(fk, e);
    return e;
  }

  /** A state met again with a sleep set (computed only when it matters): what it must still take, if it was expanded already. */
  again(hi: number, lo: number, sleepOf: () => Keys): (Redo & { id: number }) | undefined {
    const k = keyOf(hi, lo);
    const e = this.byFingerprint.get(k);
    if (!e) return undefined; // it slept nothing: it took everything
    const sleep = sleepOf();
    const keep = e.sleep.filter((x) => sleep.includes(x));
    const redo = e.expanded ? e.sleep.filter((x) => !sleep.includes(x)) : NONE;
    e.sleep = keep; // the frontier holds `e` too: its expansion reads this
    if (keep.length === 0) this.byFingerprint.delete(k);
    if (redo.length === 0) return undefined;
    this.reexpansions++;
    return { only: redo, sleep: keep, id: e.id };
  }

  /**
   * The state is being expanded with its sleep set, over the actions
   * `expandable` (indices: the ample set or all): what it does not take is
   * fixed now, so that a path met during the expansion (a loop back to it)
   * is treated as one met after it.
   */
  expanding(e: Slept, expandable: readonly number[]): void {
    const h = expandable.map((i) => this.key(i)).filter((x) => e.sleep.includes(x));
    if (h.length === 0) this.byFingerprint.delete(e.fk);
    e.sleep = h;
    e.expanded = true;
  }

  stats(): Required<Pick<PorStats, 'sleptTransitions' | 'reexpansions' | 'lateStates'>> {
    return { sleptTransitions: this.slept, reexpansions: this.reexpansions, lateStates: this.lateStates };
  }

  /** With `check`: actions i and j commute on the states (both orders enabled, one state reached). */
  private commute(i: number, j: number): void {
    const m = this.model;
    const s = this.fps.state;
    const after = (x: S, k: number): S => {
      const want = this.key(k);
      const out: A[] = [];
      m.actions(x, out);
      const a = out.find((b) => this.po.actionKey(b) === want);
      if (a === undefined)
        throw new ModelError(`sleep-set check: action ${want} is disabled by action ${this.key(i === k ? j : i)}, with which it was found to commute`);
      return m.nextState(x, a);
    };
    const same = fingerprintHex(m.key(after(after(s, i), j))) === fingerprintHex(m.key(after(after(s, j), i))); // the explorer's own test of equal states
    if (!same) throw new ModelError(`sleep-set check: actions ${this.key(i)} and ${this.key(j)} were found to commute but reach two states in the two orders`);
  }
}
