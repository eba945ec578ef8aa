/**
 * Typed programs (issue 10): a program's locals are a declared record type,
 * its labels a union `tsc` checks, and its calls take the callee program
 * object with typed arguments. A misspelt goto target, return label or local
 * is a compile error, not a ModelError found by the scenario that reaches it.
 *
 *   export const changePmdRange = defineProgram({
 *     name: 'change_pmd_range',
 *     file: 'mm/mprotect.c',
 *     params: ['vma', 'addr', 'end'],
 *     locals: (a: { vma: number; addr: number; end: number }) => ({ ...a, next: 0, pages: 0 }),
 *     steps: ($) => [
 *       $.step('pmd_none_or_clear_bad', (c) => (c.l.addr >= c.l.end ? 'return' : 'is_swap_pmd')),
 *       $.lock('change_huge_pmd', pmdl, { at: 'mm/huge_memory.c:change_huge_pmd' }),
 *       $.local('return', () => DONE),
 *     ],
 *   });
 *
 * Every step body returns `undefined` (fall through), one of its program's
 * labels, `DONE`, or the value of `c.call(callee, args, returnLabel)`; the
 * label it may go to is part of the step's type, and `defineProgram` fails
 * to compile when one of them is not a label of the program.
 *
 * `at` defaults to `file:name` (the program's own function); an `at` without
 * a `:` names another function of the same file.
 *
 * At run time a typed program is an ordinary Program (Program.ts): the
 * registry, runStep and the traces do not know the difference.
 */
import type { LockMode } from '../locks.js';
import type { Locals } from '../MmState.js';
import { DONE, type Called } from './control.js';
import type { Next, Step, StepCtx, StepView, TypedProgram } from './Program.js';
import { localStep, lockStep, sectionStep, unlockStep } from './steps.js';

/** A step's possible next labels `To`, DONE, a call resuming at one of them, or fall-through. */
export type Goto<To extends string> = To | typeof DONE | Called<To> | undefined | void;

/** The step context of a program whose locals are `L` (Program.ts). */
export type Ctx<L extends object> = StepCtx<L>;

/** A read-only view of a program whose locals are `L` (guards, outcome counts, lock names). */
export type View<L extends object> = Omit<StepView, 'l'> & { readonly l: Readonly<L> };

/** A built step, carrying its label `Lb` and the labels `To` it may go to (type level). */
export interface TypedStep<Lb extends string, To extends string> {
  readonly step: Step;
  /** Type level only (absent at run time). */
  readonly __label: Lb;
  /** Type level only (absent at run time). */
  readonly __to: To;
}

/** The labels a step body's return type `R` may go to (a call's resume label, a label; not DONE). */
export type TargetsOf<R> = R extends Called<infer X> ? X : R extends typeof DONE ? never : R extends string ? R : never;

/** What a step body may return (Goto, before its labels are known). */
export type AnyGoto = Goto<string>;

export interface StepSpec<L extends object, R extends AnyGoto> {
  /** `file:function`, or a function of the program's file; default: the program's own. */
  readonly at?: string;
  readonly guard?: (v: View<L>) => boolean;
  readonly outcomes?: number | ((v: View<L>) => number);
  readonly describe?: (v: View<L>, o: number) => string | undefined;
  readonly local?: boolean;
  readonly run: (c: Ctx<L>) => R;
}

export interface LockSpec<L extends object, R extends AnyGoto> {
  readonly at?: string;
  readonly mode?: LockMode;
  /** Runs after the lock is taken, in the same step. */
  readonly then?: (c: Ctx<L>) => R;
}

type LockOf<L extends object> = (v: View<L>) => string;

/** The step constructors of a program whose locals are `L`. */
export interface StepBuilder<L extends object> {
  step<const Lb extends string, const R extends AnyGoto = undefined>(
    label: Lb,
    spec: StepSpec<L, R> | ((c: Ctx<L>) => R),
  ): NoInfer<TypedStep<Lb, TargetsOf<R>>>;
  /** A step touching only its frame's locals (computations, loop heads): merged with its predecessor. */
  local<const Lb extends string, const R extends AnyGoto = undefined>(label: Lb, run: (c: Ctx<L>) => R, at?: string): NoInfer<TypedStep<Lb, TargetsOf<R>>>;
  /** `spin_lock(x)` / `down_read(x)` / `lock_page(x)`: enabled only when the lock is free. */
  lock<const Lb extends string, const R extends AnyGoto = undefined>(label: Lb, lock: LockOf<L>, spec?: LockSpec<L, R>): NoInfer<TypedStep<Lb, TargetsOf<R>>>;
  /** `spin_unlock(x)` / `up_read(x)` / `unlock_page(x)`. */
  unlock<const Lb extends string, const R extends AnyGoto = undefined>(label: Lb, lock: LockOf<L>, spec?: LockSpec<L, R>): NoInfer<TypedStep<Lb, TargetsOf<R>>>;
  /** `lock(x); body; unlock(x)` as one step (mirror-private locks only, see steps.ts sectionStep). */
  section<const Lb extends string, const R extends AnyGoto = undefined>(
    label: Lb,
    lock: LockOf<L>,
    body: (c: Ctx<L>) => R,
    spec?: { readonly at?: string; readonly mode?: LockMode },
  ): NoInfer<TypedStep<Lb, TargetsOf<R>>>;
  /** A step built elsewhere (a shared step factory); its gotos are checked at run time only. */
  raw<const Lb extends string>(step: Step & { readonly label: Lb }): TypedStep<Lb, never>;
}

type AnyStep = TypedStep<string, string>;
type LabelOf<T> = T extends TypedStep<infer Lb, string> ? Lb : never;
type TargetOf<T> = T extends TypedStep<string, infer To> ? To : never;
type LabelsOf<S extends readonly AnyStep[]> = LabelOf<S[number]>;
type StepTargets<S extends readonly AnyStep[]> = TargetOf<S[number]>;

/** A compile error naming the goto targets that are not labels of the program (nothing when all are). */
export type CheckedSteps<S extends readonly AnyStep[]> = [Exclude<StepTargets<S>, LabelsOf<S>>] extends [never]
  ? unknown
  : { readonly 'goto targets that are not labels of this program': Exclude<StepTargets<S>, LabelsOf<S>> };

export interface ProgramSpec<A, L extends object, S extends readonly AnyStep[]> {
  /** The kernel function (or operation) name: the registry key and the default `at` function. */
  readonly name: string;
  /** The kernel source file of `name`, e.g. `mm/mprotect.c`. */
  readonly file: string;
  /** The arguments a scenario thread must give (checked at load). */
  readonly params?: readonly (keyof A & string)[];
  /** Initial locals from the arguments: the declared locals, in a fixed order. */
  readonly locals: (a: A) => L;
  readonly steps: ($: StepBuilder<L>) => S & NoInfer<CheckedSteps<S>>;
}

function atOf(file: string, fn: string, at: string | undefined): string {
  if (at === undefined) return `${file}:${fn}`;
  return at.includes(':') ? at : `${file}:${at}`;
}

// The typed views and contexts are the runtime ones with narrower types.
const asRun = <L extends object>(f: (c: Ctx<L>) => AnyGoto): ((c: StepCtx) => Next) => f as unknown as (c: StepCtx) => Next;
const asView = <L extends object, R>(f: (v: View<L>) => R): ((v: StepView) => R) => f as unknown as (v: StepView) => R;

function builder<L extends object>(file: string, fn: string): StepBuilder<L> {
  const at = (a: string | undefined): string => atOf(file, fn, a);
  const wrap = <Lb extends string, To extends string>(step: Step): TypedStep<Lb, To> => ({ step }) as TypedStep<Lb, To>;
  return {
    step(label, spec) {
      const s = typeof spec === 'function' ? { run: spec } : spec;
      return wrap({
        label,
        at: at(s.at),
        ...(s.guard ? { guard: asView(s.guard) } : {}),
        ...(s.outcomes !== undefined ? { outcomes: typeof s.outcomes === 'number' ? s.outcomes : asView(s.outcomes) } : {}),
        ...(s.describe ? { describe: s.describe as unknown as Step['describe'] } : {}),
        ...(s.local ? { local: true } : {}),
        run: asRun(s.run),
      });
    },
    local: (label, run, a) => wrap(localStep(label, at(a), asRun(run))),
    lock: (label, lock, spec = {}) => wrap(lockStep(label, at(spec.at), asView(lock), spec.mode ?? 'w', spec.then && asRun(spec.then))),
    unlock: (label, lock, spec = {}) => wrap(unlockStep(label, at(spec.at), asView(lock), spec.mode ?? 'w', spec.then && asRun(spec.then))),
    section: (label, lock, body, spec = {}) => wrap(sectionStep(label, at(spec.at), asView(lock), asRun(body), spec.mode ?? 'w')),
    raw: (step) => wrap(step),
  };
}

/** A typed program (see the file comment). */
export function defineProgram<A, L extends Locals, S extends readonly AnyStep[]>(spec: ProgramSpec<A, L, S>): TypedProgram<A, LabelsOf<S>> {
  const steps = spec.steps(builder<L>(spec.file, spec.name)) as readonly AnyStep[];
  return {
    name: spec.name,
    locals: spec.locals as unknown as (a: Locals) => Locals,
    ...(spec.params ? { params: spec.params } : {}),
    steps: steps.map((s) => s.step),
  };
}

export { DONE };
export type { Called, TypedProgram };
