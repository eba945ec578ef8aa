/**
 * The lock of a notifier callback that must not block when its range is not
 * blockable (review §3: one helper for gpu, hmm50, hmm52 and odp):
 *
 *   if (range->blockable) lock(x); else if (!trylock(x)) return -EAGAIN;
 *
 * `blockableLock(lock)` gives the step's guard (a blockable range waits for
 * the lock; a non-blockable one never waits), its outcomes (a write trylock
 * may also fail while another thread stands at a one-step section on the
 * lock, steps.ts trylockOutcomes) and its trace text; `trylockFails(c, lock)`
 * in the body says whether the callback returns -EAGAIN here (else the lock
 * is free to take). `blockableLockStep` is the whole step when a failed
 * trylock returns -EAGAIN at once: its `then` runs with the lock free to take.
 * The range is the callback's local `r` (rangeInit.ts).
 */
import { ModelError } from '../../src/engine/Model.js';
import { canTake, type LockMode } from '../mm/locks.js';
import type { Locals, NotifierRange } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { EAGAIN } from '../mm/errno.js';
import { DONE, type AnyGoto, type Ctx, type StepBuilder, type TargetsOf, type TypedStep, type View } from '../mm/step/defineProgram.js';
import { trylockOutcomes, trylockResult } from '../mm/step/steps.js';

/** The locals of a start/end callback: the mirror and this thread's range index. */
export type RangeLocals = {
  readonly m: number;
  readonly r: number;
};

/** The locals of a program using the helper (at least RangeLocals). */
type WithRange = RangeLocals & Locals;

/** The callback's range, read-only (guards; a step body uses rangeOf). */
export function rangeView(v: View<RangeLocals>): NotifierRange {
  const x = v.t.ranges[v.l.r];
  if (!x) throw new ModelError(`thread ${v.tid}: no notifier range ${v.l.r}`);
  return x;
}

export interface BlockableLockSpec<L extends WithRange> {
  /** 'r' for down_read / down_read_trylock: one outcome (the trylock fails only while the lock is held). */
  readonly mode?: LockMode;
  /** The callback takes the lock only when this holds (default: always). */
  readonly when?: (v: View<L>) => boolean;
}

/** guard, outcomes and describe of the step taking `lock` (see the file comment). */
export function blockableLock<L extends WithRange>(lock: (v: View<L>) => string, spec: BlockableLockSpec<L> = {}) {
  const mode = spec.mode ?? 'w';
  const { when } = spec;
  const unlocked = (v: View<L>): boolean => when !== undefined && !when(v);
  // no trylock here: the lock is not taken at all, or the range is blockable
  const noTrylock = (v: View<L>): boolean => unlocked(v) || rangeView(v).blockable;
  return {
    // a blockable range waits for the lock; a trylock never waits
    guard: (v: View<L>): boolean => unlocked(v) || !rangeView(v).blockable || canTake(v.s, lock(v), mode),
    ...(mode === 'w' ? { outcomes: (v: View<L>): number => (noTrylock(v) ? 1 : trylockOutcomes(v, lock(v))) } : {}),
    describe: (v: View<L>, o: number): string | undefined => (noTrylock(v) ? undefined : trylockResult(v, lock(v), o, mode)),
  };
}

/** True when the range is not blockable and the trylock of `lock` fails (the callback returns -EAGAIN). */
export function trylockFails<L extends WithRange>(c: Ctx<L>, lock: (v: View<L>) => string, mode: LockMode = 'w'): boolean {
  return !rangeOf(c, c.l.r).blockable && !(c.outcome === 0 && canTake(c.s, lock(c), mode));
}

export interface BlockableLockStepSpec<L extends WithRange, R extends AnyGoto> extends BlockableLockSpec<L> {
  /** `file:function`, or a function of the program's file. */
  readonly at?: string;
  /** After `lock(x)` or a trylock that succeeded (the lock is free: `then` takes it if the model does). */
  readonly then: (c: Ctx<L>) => R;
}

/** The step `if (blockable) lock(x); else if (!trylock(x)) return -EAGAIN;` followed by `then` (see the file comment). */
export function blockableLockStep<L extends WithRange, const Lb extends string, const R extends AnyGoto>(
  $: StepBuilder<L>,
  label: Lb,
  lock: (v: View<L>) => string,
  spec: BlockableLockStepSpec<L, R>,
): NoInfer<TypedStep<Lb, TargetsOf<R>>> {
  const { at, then, ...lockSpec } = spec;
  return $.step(label, {
    ...(at !== undefined ? { at } : {}),
    ...blockableLock(lock, lockSpec),
    run: (c: Ctx<L>): R | typeof DONE => {
      if (trylockFails(c, lock, spec.mode)) {
        c.ret(EAGAIN);
        return DONE;
      }
      return then(c);
    },
  });
}
