/**
 * The kernel's `for (init; cond; next) body` as typed steps (issue 10: "a
 * small loop combinator where the kernel loops"; the PlusCal part of the
 * code review's DSL sketch). It expands to the labels a hand-compiled loop
 * had, with the same atomicity, so the explored graph is the same:
 *
 *   init   (optional) `init.run`, then falls through to the head;
 *   head   tests `cond`; when it fails, `exit` (in the same step), else the
 *          body's first part `run` (a step body like any other);
 *   ...    `body`: the loop's further steps, in order after the head; a
 *          `continue` is a goto to `next`;
 *   next   `advance` (vma = vma->vm_next, addr = next, ...), then back to
 *          the head (or where `advance` goes when it returns a label).
 *
 *   ...forLoop($, {
 *     init: { label: 'vma = mm->mmap', run: (c) => { c.l.vma = firstVma(...); } },
 *     head: 'can_madv_dontneed_vma',
 *     cond: (c) => c.l.vma !== null,
 *     exit: (c) => { c.ret(c.l.ret); return DONE; },
 *     run: (c) => (...) ? 'vma->vm_next' : c.call(...),
 *     body: [$.local('start_returned', ...), ...],
 *     next: { label: 'vma->vm_next', advance: (c) => { c.l.vma = nextVma(c.s, c.l.vma!); } },
 *   }),
 *
 * The condition is tested in the head step, not in a step of its own: a
 * separate head would read the loop's shared state (the vma list, a PMD)
 * one step earlier than the hand-compiled loops did, and end the loop one
 * state sooner. `init` and `next` are plain steps unless marked `local`
 * (only their frame's locals and reads a held lock keeps stable: see
 * runStep's chaining and bench/por/chainedReads.ts).
 */
import type { AnyGoto, Ctx, StepBuilder, TargetsOf, TypedStep } from './defineProgram.js';

/** A step of the loop's own (`init`, `next`): its label, its `file:function` if not the program's, whether it is local. */
interface LoopStepSpec<Lb extends string> {
  readonly label: Lb;
  readonly at?: string;
  readonly local?: boolean;
}

export interface ForLoopSpec<
  L extends object,
  I extends string,
  Hd extends string,
  Nx extends string,
  B extends readonly TypedStep<string, string>[],
  R extends AnyGoto,
  X extends LoopExit,
  N extends AnyGoto,
> {
  /** `for (init; ...)`: a step run once before the head. */
  readonly init?: LoopStepSpec<I> & { readonly run: (c: Ctx<L>) => void };
  /** The head's label: the kernel identifier of the body's first statement. */
  readonly head: Hd;
  /** The head's `file:function`, if not the program's own. */
  readonly at?: string;
  /** The head step is local (its reads are stable under a lock the thread holds). */
  readonly local?: boolean;
  /** The loop condition, tested at the head. */
  readonly cond: (c: Ctx<L>) => boolean;
  /** Where the loop goes when `cond` fails (in the head's step): a label, DONE or a call; never a fall-through into the body. */
  readonly exit: (c: Ctx<L>) => X;
  /** The head's body when `cond` holds (undefined: fall through to the first of `body`, or to `next`). */
  readonly run: (c: Ctx<L>) => R;
  /** The loop's further steps, after the head. */
  readonly body?: B;
  /** `for (...; ...; next)`: the increment step; goes back to the head unless `advance` returns a label. */
  readonly next: LoopStepSpec<Nx> & { readonly advance: (c: Ctx<L>) => N };
}

/** What the exit may return: a label, DONE or a call (falling through would run the body after the loop ended). */
type LoopExit = Exclude<AnyGoto, undefined | void>;

type InitStep<I extends string> = [I] extends [never] ? [] : [TypedStep<I, never>];

/** The steps of a `for` loop, in program order (see the file comment): spread them into a program's steps. */
export function forLoop<
  L extends object,
  const Hd extends string,
  const Nx extends string,
  const B extends readonly TypedStep<string, string>[] = [],
  const R extends AnyGoto = undefined,
  const X extends LoopExit = never,
  const N extends AnyGoto = undefined,
  const I extends string = never,
>(
  $: StepBuilder<L>,
  spec: ForLoopSpec<L, I, Hd, Nx, B, R, X, N>,
): readonly [...InitStep<I>, TypedStep<Hd, TargetsOf<R> | TargetsOf<X>>, ...B, TypedStep<Nx, Hd | TargetsOf<N>>] {
  const { init, next } = spec;
  const steps: TypedStep<string, string>[] = [];
  if (init !== undefined) {
    const run = (c: Ctx<L>): undefined => {
      init.run(c);
      return undefined;
    };
    steps.push(init.local === true ? $.local(init.label, run, init.at) : $.step(init.label, { ...(init.at !== undefined ? { at: init.at } : {}), run }));
  }
  const head = (c: Ctx<L>): AnyGoto => (spec.cond(c) ? spec.run(c) : spec.exit(c));
  steps.push($.step(spec.head, { ...(spec.at !== undefined ? { at: spec.at } : {}), ...(spec.local === true ? { local: true } : {}), run: head }));
  steps.push(...(spec.body ?? []));
  const advance = (c: Ctx<L>): AnyGoto => next.advance(c) ?? spec.head;
  steps.push(
    next.local === true ? $.local(next.label, advance, next.at) : $.step(next.label, { ...(next.at !== undefined ? { at: next.at } : {}), run: advance }),
  );
  return steps as unknown as readonly [...InitStep<I>, TypedStep<Hd, TargetsOf<R> | TargetsOf<X>>, ...B, TypedStep<Nx, Hd | TargetsOf<N>>];
}
