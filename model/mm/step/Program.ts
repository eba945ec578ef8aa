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
import type { Geometry } from '../Geometry.js';
import type { LockMode } from '../locks.js';
import type { Locals, MmState, ProgFrame, Scalar, SiteConfig, Thread, ThreadConfig } from '../MmState.js';
import type { Called, Next } from './control.js';

export { CALLED, DONE } from './control.js';
export type { Called, Next } from './control.js';

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
  /** A one-level copy of this program's locals (literalCopier.ts: one shape per program). */
  readonly copyLocals: (l: Locals) => Locals;
}

/** A program with typed arguments `A` and labels `Lb` (phantoms); see defineProgram.ts. */
export interface TypedProgram<A = Locals, Lb extends string = string> extends Program {
  readonly __args?: (a: A) => void;
  /** Type level only (absent at run time): the union of the program's step labels. */
  readonly __labels?: Lb;
}

/** The labels of a typed program (`LabelOfProgram<typeof p>`): a table of a program's steps is checked by tsc. */
export type LabelOfProgram<P> = P extends TypedProgram<never, infer Lb> ? Lb : never;

/**
 * What a step body sees (implemented by StepCtxImpl.ts): the immer draft of
 * the state, its thread, the top frame's locals, the chosen outcome, and
 * helpers for calls, locks, site config and vma resolution.
 */
export interface StepCtx<L extends object = Locals> {
  /** The immer draft of the whole state. */
  readonly s: MmState;
  readonly tid: number;
  /** Which of the step's outcomes runs. */
  readonly outcome: number;
  /** This thread (draft). */
  readonly t: Thread;
  /** The top frame (draft). */
  readonly frame: ProgFrame;
  /** The top frame's locals (draft; assign only declared locals). */
  readonly l: L;
  readonly cfg: ThreadConfig;
  readonly g: Geometry;
  /** A number local (ModelError when it is not a number). */
  n(name: string): number;
  /**
   * Calls `prog` (a program, looked up by its name so that a mutant's
   * replacement runs) with `args`; the caller resumes at `ret`. Return the
   * result from the step body.
   */
  call<A, const R extends string>(prog: TypedProgram<A>, args: A, ret: R): Called<R>;
  call<const R extends string>(prog: string, args: Locals, ret: R): Called<R>;
  /** Calls a program found by name at run time (a mirror's callback): see call. */
  callByName<const R extends string>(prog: string, args: Locals, ret: R): Called<R>;
  /** True when another thread could hold `lock` now (see StepView.contended): a trylock may fail. */
  contended(lock: string): boolean;
  /** True when a program of that name is registered (e.g. a mirror implements a callback). */
  has(prog: string): boolean;
  /** Sets the return value register (read by the caller as `c.t.rv`). */
  ret(v: Scalar): void;
  lock(name: string, mode?: LockMode): void;
  tryLock(name: string, mode?: LockMode): boolean;
  unlock(name: string, mode?: LockMode): void;
  /** The event and vma expression this thread's site `id` passes (from the scenario / catalog). */
  site(id: string): SiteConfig;
  /** Resolves a vma source expression against the top frame's locals (see resolveVma). */
  vma(expr: string): number | null;
  /** Where we are, for error messages: `thread/prog:label`. */
  where(): string;
  fail(msg: string): never;
}
