/**
 * Per-task state that a kernel operation keeps across the subroutines it
 * calls (`current->tlb_ubc` of reclaim, the `cleaned` count page_mkclean
 * returns through rmap_walk's arg): a number local of the thread's bottom
 * frame (the operation), read and written by a callee.
 */
import type { StepCtx } from '../mm/step/StepCtx.js';

export function opLocal(c: StepCtx, name: string): number {
  const v = (c.t.frames[0]!.locals as Record<string, unknown>)[name];
  if (typeof v !== 'number') return c.fail(`the operation ${c.t.frames[0]!.prog} keeps no '${name}' for this callee`);
  return v;
}

export function setOpLocal(c: StepCtx, name: string, value: number): void {
  opLocal(c, name);
  (c.t.frames[0]!.locals as Record<string, unknown>)[name] = value;
}
