/**
 * The mmu_gather flush and finish of v5.0 (mm/mmu_gather.c, include/asm-generic/tlb.h) as subroutines,
 * because tlb_flush_mmu_tlbonly calls mmu_notifier_invalidate_range:
 *  - `tlb_flush_mmu_tlbonly` {}: if the pending range is not empty, flush the CPU TLB, then mmu_notifier_invalidate_range, then reset.
 *  - `tlb_flush_mmu` {}: tlb_flush_mmu_tlbonly, then tlb_flush_mmu_free: tlb_remove_page_size's flush of a full batch
 *    (scenario `gatherBatch`, model/mm/tlb.ts); tlb_finish_mmu runs the two halves itself.
 *  - `tlb_finish_mmu` {start, end}: force a flush of [start, end) when another thread gathers on the mm (mm_tlb_flush_nested), flush, free, dec_tlb_flush_pending.
 */
import type { Program } from '../step/Program.js';
import { DONE, defineProgram, type Ctx } from '../step/defineProgram.js';
import { invalidateRange } from '../notifier/dispatchPrograms.js';
import { tlbAdjustRange, tlbFlush, tlbFlushMmuFree, tlbGatherDone, tlbResetRange } from '../tlb.js';

const M = 'mm/mmu_gather.c';
const T = 'include/asm-generic/tlb.h';

const gather = (c: Ctx<object>) => {
  const g = c.t.gather;
  if (!g) return c.fail('no mmu_gather');
  return g;
};

/** `tlb_flush_mmu_tlbonly(tlb)` {}. */
export const tlbFlushMmuTlbonly = defineProgram({
  name: 'tlb_flush_mmu_tlbonly',
  file: T,
  locals: (_a: Record<string, never>) => ({}),
  steps: ($) => [
    $.step('tlb_flush', (c) => {
      // if (!tlb->end) return; tlb_flush(tlb);
      const g = gather(c);
      if (g.start === g.end) return DONE;
      tlbFlush(c.s, c.t);
      return c.call(invalidateRange, { mm: g.mm, start: g.start, end: g.end }, '__tlb_reset_range');
    }),
    $.local('__tlb_reset_range', (c) => {
      tlbResetRange(c.t);
      return DONE;
    }),
  ],
});

/** `tlb_flush_mmu(tlb)` {}: include/asm-generic/tlb.h:tlb_remove_page_size calls it when __tlb_remove_page_size filled the batch. */
export const tlbFlushMmu = defineProgram({
  name: 'tlb_flush_mmu',
  file: M,
  locals: (_a: Record<string, never>) => ({}),
  steps: ($) => [
    // tlb_flush_mmu_tlbonly(tlb);  (a call only: chained to the caller's step)
    $.local('tlb_flush_mmu_tlbonly', (c) => c.call(tlbFlushMmuTlbonly, {}, 'tlb_flush_mmu_free')),
    $.step('tlb_flush_mmu_free', (c) => {
      // tlb_flush_mmu_free(tlb): free_pages_and_swap_cache(batch->pages, batch->nr) for each batch; tlb->active = &tlb->local;
      tlbFlushMmuFree(c.s, c.t);
      return DONE;
    }),
  ],
});

/** `tlb_finish_mmu(tlb, start, end)` {start, end}: its free and dec_tlb_flush_pending run as one step (nothing of this thread happens in between). */
export const tlbFinishMmu = defineProgram({
  name: 'tlb_finish_mmu',
  file: M,
  locals: (a: { start: number; end: number }) => ({ start: a.start ?? null, end: a.end ?? null }),
  steps: ($) => [
    $.step('mm_tlb_flush_nested', {
      at: 'arch_tlb_finish_mmu',
      run: (c) => {
        // if (force) { __tlb_reset_range(tlb); __tlb_adjust_range(tlb, start, end - start); }  force = mm_tlb_flush_nested(tlb->mm)
        const g = gather(c);
        if (c.s.mms[g.mm]!.flushPending > 1 && c.l.end > c.l.start) {
          tlbResetRange(c.t);
          tlbAdjustRange(c.t, c.l.start, c.l.end - c.l.start);
        }
        return c.call(tlbFlushMmuTlbonly, {}, 'tlb_flush_mmu_free');
      },
    }),
    $.step('tlb_flush_mmu_free', {
      at: 'arch_tlb_finish_mmu',
      run: (c) => {
        // tlb_flush_mmu(tlb) -> tlb_flush_mmu_free(tlb); ... dec_tlb_flush_pending(tlb->mm);
        tlbFlushMmuFree(c.s, c.t);
        tlbGatherDone(c.s, c.t);
        return DONE;
      },
    }),
  ],
});

export const TLB_PROGRAMS: readonly Program[] = [tlbFlushMmuTlbonly, tlbFlushMmu, tlbFinishMmu];
