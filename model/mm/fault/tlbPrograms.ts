/**
 * The mmu_gather flush and finish of mm/memory.c (v5.0) as subroutines,
 * because tlb_flush_mmu_tlbonly calls mmu_notifier_invalidate_range:
 *  - `tlb_flush_mmu_tlbonly` {}: if the pending range is not empty, flush the CPU TLB, then mmu_notifier_invalidate_range, then reset.
 *  - `tlb_flush_mmu` {}: tlbonly then free the batched pages.
 *  - `tlb_finish_mmu` {start, end}: force a flush of [start, end) when another thread gathers on the mm (mm_tlb_flush_nested), flush, free, dec_tlb_flush_pending.
 */
import type { Program } from '../step/Program.js';
import { DONE } from '../step/Program.js';
import type { StepCtx } from '../step/StepCtx.js';
import { tlbAdjustRange, tlbFlush, tlbFlushMmuFree, tlbGatherDone, tlbResetRange } from '../tlb.js';

const M = 'mm/memory.c';
const T = 'include/asm-generic/tlb.h';

const gather = (c: StepCtx) => {
  const g = c.t.gather;
  if (!g) return c.fail('no mmu_gather');
  return g;
};

const tlbonly: Program = {
  name: 'tlb_flush_mmu_tlbonly',
  locals: () => ({}),
  steps: [
    {
      label: 'tlb_flush',
      at: `${T}:tlb_flush_mmu_tlbonly`,
      run: (c) => {
        // if (!tlb->end) return; tlb_flush(tlb);
        const g = gather(c);
        if (g.start === g.end) return DONE;
        tlbFlush(c.s, c.t);
        return c.call('mmu_notifier_invalidate_range', { mm: g.mm, start: g.start, end: g.end }, '__tlb_reset_range');
      },
    },
    {
      label: '__tlb_reset_range',
      at: `${T}:tlb_flush_mmu_tlbonly`,
      local: true,
      run: (c) => {
        tlbResetRange(c.t);
        return DONE;
      },
    },
  ],
};

const flushMmu: Program = {
  name: 'tlb_flush_mmu',
  locals: () => ({}),
  steps: [
    { label: 'tlb_flush_mmu_tlbonly', at: `${M}:tlb_flush_mmu`, local: true, run: (c) => c.call('tlb_flush_mmu_tlbonly', {}, 'tlb_flush_mmu_free') },
    {
      label: 'tlb_flush_mmu_free',
      at: `${M}:tlb_flush_mmu_free`,
      run: (c) => {
        tlbFlushMmuFree(c.s, c.t);
        return DONE;
      },
    },
  ],
};

/** tlb_finish_mmu's free and dec_tlb_flush_pending run as one step (nothing of this thread happens in between). */
const finish: Program = {
  name: 'tlb_finish_mmu',
  locals: (a) => ({ start: a['start'] ?? null, end: a['end'] ?? null }),
  steps: [
    {
      label: 'mm_tlb_flush_nested',
      at: `${M}:arch_tlb_finish_mmu`,
      run: (c) => {
        // if (force) { __tlb_reset_range(tlb); __tlb_adjust_range(tlb, start, end - start); }  force = mm_tlb_flush_nested(tlb->mm)
        const g = gather(c);
        if (c.s.mms[g.mm]!.flushPending > 1 && c.n('end') > c.n('start')) {
          tlbResetRange(c.t);
          tlbAdjustRange(c.t, c.n('start'), c.n('end') - c.n('start'));
        }
        return c.call('tlb_flush_mmu_tlbonly', {}, 'tlb_flush_mmu_free');
      },
    },
    {
      label: 'tlb_flush_mmu_free',
      at: `${M}:arch_tlb_finish_mmu`,
      run: (c) => {
        // tlb_flush_mmu(tlb) -> tlb_flush_mmu_free(tlb); ... dec_tlb_flush_pending(tlb->mm);
        tlbFlushMmuFree(c.s, c.t);
        tlbGatherDone(c.s, c.t);
        return DONE;
      },
    },
  ],
};

export const TLB_PROGRAMS: readonly Program[] = [tlbonly, flushMmu, finish];
