/**
 * Site #17, mm/memory.c:zap_page_range (v5.0), and its caller
 * madvise(MADV_DONTNEED) (mm/madvise.c:madvise -> madvise_dontneed_single_vma).
 *
 *   lru_add_drain();
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, start, start + size);
 *   tlb_gather_mmu(&tlb, vma->vm_mm, start, range.end);
 *   update_hiwater_rss(vma->vm_mm);
 *   mmu_notifier_invalidate_range_start(&range);
 *   for ( ; vma && vma->vm_start < range.end; vma = vma->vm_next)
 *       unmap_single_vma(&tlb, vma, start, range.end, NULL);
 *   mmu_notifier_invalidate_range_end(&range);
 *   tlb_finish_mmu(&tlb, start, range.end);
 *
 */
import { EINVAL } from '../mm/errno.js';
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit, rangeOf } from '../mm/notifier/rangeInit.js';
import { tlbFinishMmu } from '../mm/fault/tlbPrograms.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { forLoop } from '../mm/step/forLoop.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { canMadvDontneedVma, nextVma, vmaOf } from '../mm/vmas.js';
import { unmapSingleVma } from './unmapSingleVma.js';

const ZAP_PAGE_RANGE_SITE = '17';

interface Args {
  readonly vma: number;
  readonly start: number;
  readonly size: number;
}
const locals = (a: Args) => ({
  /** the vma, then the loop's `vma = vma->vm_next` (null at the end of the list) */
  vma: a.vma as number | null,
  start: a.start,
  size: a.size,
  range: -1,
  mm: -1,
  /** range.end */
  end: 0,
});

export const zapPageRange = defineProgram({
  name: 'zap_page_range',
  file: 'mm/memory.c',
  params: ['vma', 'start', 'size'],
  locals,
  steps: ($) => [
    $.local('lru_add_drain', (c) => {
      c.l.mm = vmaOf(c.s, c.l.vma!).mm;
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      // mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, start, start + size);
      c.l.range = rangeInit(c, ZAP_PAGE_RANGE_SITE, c.l.mm, c.l.start, c.l.start + c.l.size);
      c.l.end = rangeOf(c, c.l.range).end;
      // tlb_gather_mmu(&tlb, vma->vm_mm, start, range.end); update_hiwater_rss(vma->vm_mm);  (same step: the range is this thread's)
      tlbGatherMmu(c.s, c.t, c.l.mm);
      return undefined;
    }),
    $.local('mmu_notifier_invalidate_range_start', (c) => c.call(invalidateRangeStart, { r: c.l.range }, 'unmap_single_vma')),
    // for ( ; vma && vma->vm_start < range.end; vma = vma->vm_next) unmap_single_vma(&tlb, vma, start, range.end, NULL);
    ...forLoop($, {
      head: 'unmap_single_vma',
      local: true, // reads the vma list, stable under the caller's mmap_sem
      cond: (c) => c.l.vma !== null && vmaOf(c.s, c.l.vma).start < c.l.end,
      exit: () => 'mmu_notifier_invalidate_range_end',
      run: (c) => c.call(unmapSingleVma, { vma: c.l.vma!, start: c.l.start, end: c.l.end }, 'vma->vm_next'),
      next: {
        label: 'vma->vm_next',
        local: true,
        advance: (c) => {
          c.l.vma = nextVma(c.s, c.l.vma!);
        },
      },
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'tlb_finish_mmu')),
    $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: c.l.start, end: c.l.end }, 'return')),
    $.local('return', () => DONE),
  ],
});

interface DontneedArgs {
  readonly mm: number;
  readonly start: number;
  readonly end: number;
}
const dontneedLocals = (a: DontneedArgs) => ({ mm: a.mm, start: a.start, end: a.end, vma: null as number | null, ret: 0 });

const mmapSem = (v: View<ReturnType<typeof dontneedLocals>>): string => LockName.mmapSem(v.l.mm);

/** The part of [start, end) in vma `id` (`tmp = min(vma->vm_end, end)`, the start clamped to the vma). */
function inVma(c: Ctx<ReturnType<typeof dontneedLocals>>, id: number): { start: number; end: number } {
  const v = vmaOf(c.s, id);
  return { start: Math.max(c.l.start, v.start), end: Math.min(c.l.end, v.end) };
}

/**
 * madvise(MADV_DONTNEED) on [start, end) of mm {mm, start, end}: down_read(mmap_sem), for each vma
 * overlapping the range madvise_dontneed_single_vma -> zap_page_range(vma, start, end - start), up_read.
 */
export const madviseDontneed = defineProgram({
  name: 'madvise_dontneed',
  file: 'mm/madvise.c',
  params: ['mm', 'start', 'end'],
  locals: dontneedLocals,
  steps: ($) => [
    $.lock('down_read', mmapSem, { at: 'madvise', mode: 'r' }),
    $.step('find_vma_prev', {
      at: 'madvise',
      local: true, // the vma list is stable under mmap_sem
      run: (c) => {
        // vma = find_vma_prev(current->mm, start, &prev); if (!vma) goto out (-ENOMEM for holes)
        const list = c.s.mms[c.l.mm]!.vmas;
        c.l.vma = list.find((id) => c.s.vmas[id]!.end > c.l.start) ?? null;
        return undefined;
      },
    }),
    // for (;;) { ... if (start >= end) goto out; ... vma = prev->vm_next; }  (madvise's loop over the vmas of the range)
    ...forLoop($, {
      head: 'madvise_vma',
      at: 'madvise_dontneed_single_vma',
      local: true,
      cond: (c) => c.l.vma !== null && inVma(c, c.l.vma).start < inVma(c, c.l.vma).end,
      exit: () => 'up_read',
      run: (c) => {
        // tmp = min(vma->vm_end, end); madvise_vma(vma, &prev, start, tmp, behavior) -> zap_page_range(vma, start, end - start)
        const v = vmaOf(c.s, c.l.vma!);
        if (!canMadvDontneedVma(v)) {
          c.l.ret = EINVAL; // can_madv_dontneed_vma: -EINVAL for VM_LOCKED|VM_HUGETLB|VM_PFNMAP
          return 'up_read';
        }
        const { start, end } = inVma(c, v.id);
        return c.call(zapPageRange, { vma: v.id, start, size: end - start }, 'vma->vm_next');
      },
      next: {
        label: 'vma->vm_next',
        at: 'madvise',
        local: true,
        advance: (c) => {
          c.l.vma = nextVma(c.s, c.l.vma!);
        },
      },
    }),
    $.unlock('up_read', mmapSem, {
      at: 'madvise',
      mode: 'r',
      then: (c) => {
        c.ret(c.l.ret);
        return DONE;
      },
    }),
  ],
});
