/**
 * Step constructors for the common shapes: take a lock (blocks while it is
 * held), release a lock, and try a lock (two outcomes only where the kernel
 * can fail; here the outcome is decided by the lock state, so it is one).
 */
import type { LockMode } from '../locks.js';
import { canTake } from '../locks.js';
import { lockHolders } from '../lockHolders.js';
import type { Locals } from '../MmState.js';
import type { Next, Step, StepCtx, StepView } from './Program.js';

type LockOf = (v: StepView) => string;

/** `spin_lock(x)` / `down_read(x)` / `down_write(x)` / `lock_page(x)`: enabled only when the lock is free. */
export function lockStep(label: string, at: string, lock: LockOf, mode: LockMode = 'w', then?: (c: StepCtx) => Next): Step {
  return {
    label,
    at,
    guard: (v) => canTake(v.s, lock(v), mode),
    run: (c) => {
      c.lock(lock(c), mode);
      return then ? then(c) : undefined;
    },
  };
}

/** `spin_unlock(x)` / `up_read(x)` / `up_write(x)` / `unlock_page(x)`. */
export function unlockStep(label: string, at: string, lock: LockOf, mode: LockMode = 'w', then?: (c: StepCtx) => Next): Step {
  return {
    label,
    at,
    run: (c) => {
      c.unlock(lock(c), mode);
      return then ? then(c) : undefined;
    },
  };
}

/**
 * A step that touches only its frame's locals (computations, loop heads):
 * marked local for the reduction. `L` types the locals for an edit's body
 * (`localStep<{ m: number }>(...)`: `c.l.m`). It is the edit's own
 * declaration, not checked against the program's locals: a name the program
 * lacks reads as undefined (`c.n(name)` checks that at run time).
 */
export function localStep<L extends object = Locals>(label: string, at: string, run: (c: StepCtx<L>) => Next): Step {
  return { label, at, local: true, run: run as (c: StepCtx) => Next };
}

/**
 * A trylock in a context that must not block (`blockable` false): it fails
 * when the lock is held, and may fail (a second outcome) when another thread
 * stands at a one-step section on it (in the kernel it could be inside).
 * The outcome count for the step (model/mirrors/blockableLock.ts uses it).
 */
export const trylockOutcomes = (v: StepView, lock: string): number => (canTake(v.s, lock) && v.contended(lock) ? 2 : 1);

/** A trylock's result as a trace shows it: `trylock ok`, or why it fails (held, or another thread may be inside its section). */
export function trylockResult(v: StepView, lock: string, o = 0, mode: LockMode = 'w'): string {
  if (!canTake(v.s, lock, mode)) return `trylock fails: ${lock} ${lockHolders(v.s, lock)}`;
  return o === 0 ? 'trylock ok' : `trylock fails: ${lock} contended (another thread may be inside it)`;
}

/**
 * A whole critical section as one step: `lock(x); body; unlock(x)` (the
 * reduction theorem: the section's effects are on data `x` protects, so no
 * other thread can tell it from atomic). Use it for mirror-private locks;
 * do not use it for page-table locks (the properties check that a PTE
 * changes while its lock is held before or after the step). `L` types the
 * locals as for `localStep`.
 */
export function sectionStep<L extends object = Locals>(label: string, at: string, lock: LockOf, body: (c: StepCtx<L>) => Next, mode: LockMode = 'w'): Step {
  return {
    label,
    at,
    section: lock,
    guard: (v) => canTake(v.s, lock(v), mode),
    run: (c) => {
      const name = lock(c);
      c.lock(name, mode);
      const next = body(c as unknown as StepCtx<L>);
      c.unlock(name, mode);
      return next;
    },
  };
}
