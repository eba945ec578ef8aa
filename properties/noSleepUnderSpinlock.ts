/**
 * no-sleep-under-spinlock (step): the start and end dispatch of a blockable
 * range (mm/mmu_notifier.c: __mmu_notifier_invalidate_range_start/_end, whose
 * callbacks may sleep) never run while the thread holds a spinlock
 * (page-table locks, page_table_lock, a mirror's spinlock). The
 * invalidate_range call of the *_clear_flush_notify helpers runs under the
 * page-table lock by design and is not checked.
 */
import type { StepProperty } from '../src/engine/Property.js';
import type { MmState } from '../model/mm/MmState.js';
import { isSpinlock } from '../model/mm/locks.js';
import { moverStep } from './view/moverStep.js';
import { where } from './view/where.js';

const DISPATCH = new Set([
  'mmu_notifier_invalidate_range_start',
  'mmu_notifier_invalidate_range_end',
  'mmu_notifier_invalidate_range_only_end',
]);

export function noSleepUnderSpinlock(): StepProperty<MmState, unknown> {
  return moverStep('no-sleep-under-spinlock', 'a blockable start or end dispatch never runs while the thread holds a spinlock', (prev, _next, tid) => {
    const t = prev.threads[tid]!;
    const f = t.frames[t.frames.length - 1];
    if (!f || !DISPATCH.has(f.prog)) return undefined;
    const r = typeof f.locals['r'] === 'number' ? t.ranges[f.locals['r']] : undefined;
    if (f.prog !== 'mmu_notifier_invalidate_range_start' && r && !r.blockable) return undefined;
    const spin = t.held.filter((h) => isSpinlock(h));
    if (spin.length === 0) return undefined;
    return `${where(prev, { mm: r?.mm, addr: r?.start, tid, site: r?.site })}${f.prog} (may sleep) called holding spinlock ${spin.join(', ')}`;
  });
}
