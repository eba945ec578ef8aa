/**
 * no-sleep-under-spinlock (step): the start and end dispatch of a blockable
 * range (mm/mmu_notifier.c: __mmu_notifier_invalidate_range_start/_end, whose
 * callbacks may sleep) is never entered while the thread holds a spinlock
 * (page-table locks, page_table_lock, a mirror's spinlock). Judged on the
 * step that pushes the dispatch frame, with the locks held after it; the
 * invalidate_range call of the *_clear_flush_notify helpers runs under the
 * page-table lock by design and is not checked.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState, ProgFrame } from '../model/mm/MmState.js';
import type { MmAction } from '../model/MmModel.js';
import { isSpinlock } from '../model/mm/locks.js';
import { moverStep } from './view/moverStep.js';
import { FRAMES } from './view/stepParts.js';
import { where } from './view/where.js';

const BLOCKING_START = 'mmu_notifier_invalidate_range_start';
const ENDS = new Set(['mmu_notifier_invalidate_range_end', 'mmu_notifier_invalidate_range_only_end']);

/** The first frame of `after` that runs a start or end dispatch where `before` ran another program (or none), else -1. */
function pushedDispatch(before: readonly ProgFrame[], after: readonly ProgFrame[]): number {
  for (let k = 0; k < after.length; k++) {
    const f = after[k]!;
    if (f === before[k]) continue; // the same frame object runs the same program (most of the mover's frames are shared with before)
    const prog = f.prog;
    if ((prog === BLOCKING_START || ENDS.has(prog)) && before[k]?.prog !== prog) return k;
  }
  return -1;
}

export function noSleepUnderSpinlock(): StepProperty<MmState, MmAction> {
  return moverStep(
    'no-sleep-under-spinlock',
    'a blockable start or end dispatch is never called while the thread holds a spinlock',
    (prev, next, tid) => {
      const before = prev.threads[tid]!;
      const after = next.threads[tid]!;
      const i = pushedDispatch(before.frames, after.frames);
      if (i < 0) return undefined;
      const f = after.frames[i]!;
      const r = typeof f.locals['r'] === 'number' ? (after.ranges[f.locals['r']] ?? undefined) : undefined;
      if (ENDS.has(f.prog) && r && !r.blockable) return undefined;
      // Held after the step: a chained lock-then-call shows the lock only there, and a thread inside the call cannot have released it.
      const spin = after.held.filter((h) => isSpinlock(h));
      if (spin.length === 0) return undefined;
      return `${where(prev, { mm: r?.mm, addr: r?.start, tid, site: r?.site })}${f.prog} (may sleep) called holding spinlock ${spin.join(', ')}`;
    },
    FRAMES,
    [BLOCKING_START, ...ENDS], // a frame the step pushed runs a dispatch
  );
}
