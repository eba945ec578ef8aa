/**
 * The step DSL (PlusCal style). A program is a list of labelled steps; a
 * thread runs a stack of program activations (see ProgFrame). Each step names
 * the kernel identifier it models (`label`) and its `file:function` (`at`).
 *
 * A step body mutates the immer draft through its StepCtx and returns:
 *  - `undefined`: fall through to the next step of the list;
 *  - a label of the same program: go there (returning its own label = loop);
 *  - `DONE`: return from the program (the thread ends when its last frame returns);
 *  - the value of `c.call(...)`: a subroutine call (resumes at its return label);
 *    make it the body's last action: after it, `c.l` is the callee's locals.
 */
import type { Locals, MmState, Thread } from '../MmState.js';
import type { StepCtx } from './StepCtx.js';

/** Return from the current program (PlusCal's `Done`). */
export const DONE = 'Done';
/** Returned by StepCtx.call: the frame stack was already updated. */
export const CALLED = '\u0000called';

export type Next = string | undefined | void;

/** A read-only view for guards and outcome counts. */
export interface StepView {
  readonly s: MmState;
  readonly t: Thread;
  readonly tid: number;
  /** The top frame's locals. */
  readonly l: Locals;
  /**
   * True when another thread stands at an enabled `sectionStep` on `lock`:
   * in the kernel it could hold the lock right now, so a trylock may fail.
   */
  readonly contended: (lock: string) => boolean;
}

export interface Step {
  /** The kernel identifier, e.g. `pte_offset_map_lock`. Unique within its program. */
  readonly label: string;
  /** The kernel `file:function` this step models, e.g. `mm/memory.c:zap_pte_range`. */
  readonly at: string;
  /** Blocks while false (e.g. a lock held by another thread). */
  readonly guard?: (v: StepView) => boolean;
  /** Number of nondeterministic outcomes (default 1); `c.outcome` tells which one runs. */
  readonly outcomes?: number | ((v: StepView) => number);
  /**
   * What the step does now under outcome `o`, when its label alone does not
   * say (a trylock's result, a call made inside the step): traces show
   * `label [text]`. Read-only; called for traces only.
   */
  readonly describe?: (v: StepView, o: number) => string | undefined;
  /** The step touches only its frame's locals (hint for the engine's reduction). */
  readonly local?: boolean;
  /** Set by sectionStep: the lock this one-step critical section takes and releases. */
  readonly section?: (v: StepView) => string;
  readonly run: (c: StepCtx) => Next;
}

export interface Program {
  /** Operation or subroutine name, e.g. `zap_page_range`. */
  readonly name: string;
  /** Initial locals from the arguments. Every local must be declared here (fixed key order). */
  readonly locals: (args: Locals) => Locals;
  /** The arguments a scenario thread must give when it runs this program (checked at load; other args are allowed: `c.cfg.args`). */
  readonly params?: readonly string[];
  readonly steps: readonly Step[];
}

/** A program with its steps indexed by label. */
export interface CompiledProgram extends Program {
  readonly index: ReadonlyMap<string, number>;
}
