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
 */
import { LockName } from '../mm/locks.js';
import { rangeInit, rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { canMadvDontneedVma, nextVma, vmaOf } from '../mm/vmas.js';

const M = 'mm/memory.c';
const A = 'mm/madvise.c';
export const ZAP_PAGE_RANGE_SITE = '17';

export const zapPageRange: Program = {
  name: 'zap_page_range',
  params: ['vma', 'start', 'size'],
  locals: (a) => ({ vma: a['vma'] ?? null, start: a['start'] ?? null, size: a['size'] ?? null, range: -1, mm: -1, end: 0 }),
  steps: [
    localStep('lru_add_drain', `${M}:zap_page_range`, (c) => {
      c.l['mm'] = vmaOf(c.s, c.n('vma')).mm;
      return undefined;
    }),
    {
      label: 'mmu_notifier_range_init',
      at: `${M}:zap_page_range`,
      run: (c) => {
        // mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, start, start + size);
        c.l['range'] = rangeInit(c, ZAP_PAGE_RANGE_SITE, c.n('mm'), c.n('start'), c.n('start') + c.n('size'));
        c.l['end'] = rangeOf(c, c.n('range')).end;
        // tlb_gather_mmu(&tlb, vma->vm_mm, start, range.end); update_hiwater_rss(vma->vm_mm);  (same step: the range is this thread's)
        tlbGatherMmu(c.s, c.t, c.n('mm'));
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_start', `${M}:zap_page_range`, (c) =>
      c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'unmap_single_vma'),
    ),
    {
      label: 'unmap_single_vma',
      at: `${M}:zap_page_range`,
      local: true, // reads the vma list, stable under the caller's mmap_sem
      run: (c) => {
        // for ( ; vma && vma->vm_start < range.end; vma = vma->vm_next)
        const v = c.l['vma'];
        if (v === null || vmaOf(c.s, v as number).start >= c.n('end')) return 'mmu_notifier_invalidate_range_end';
        return c.call('unmap_single_vma', { vma: v, start: c.n('start'), end: c.n('end') }, 'vma->vm_next');
      },
    },
    {
      label: 'vma->vm_next',
      at: `${M}:zap_page_range`,
      local: true,
      run: (c) => {
        c.l['vma'] = nextVma(c.s, c.n('vma'));
        return 'unmap_single_vma';
      },
    },
    localStep('mmu_notifier_invalidate_range_end', `${M}:zap_page_range`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu'),
    ),
    localStep('tlb_finish_mmu', `${M}:zap_page_range`, (c) => c.call('tlb_finish_mmu', { start: c.n('start'), end: c.n('end') }, 'return')),
    localStep('return', `${M}:zap_page_range`, () => DONE),
  ],
};

const mmapSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

/**
 * madvise(MADV_DONTNEED) on [start, end) of mm {mm, start, end}: down_read(mmap_sem), for each vma
 * overlapping the range madvise_dontneed_single_vma -> zap_page_range(vma, start, end - start), up_read.
 */
export const madviseDontneed: Program = {
  name: 'madvise_dontneed',
  params: ['mm', 'start', 'end'],
  locals: (a) => ({ mm: a['mm'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, vma: null, ret: 0 }),
  steps: [
    lockStep('down_read', `${A}:madvise`, mmapSem, 'r'),
    {
      label: 'find_vma_prev',
      at: `${A}:madvise`,
      local: true, // the vma list is stable under mmap_sem
      run: (c) => {
        // vma = find_vma_prev(current->mm, start, &prev); if (!vma) goto out (-ENOMEM for holes)
        const list = c.s.mms[c.n('mm')]!.vmas;
        c.l['vma'] = list.find((id) => c.s.vmas[id]!.end > c.n('start')) ?? null;
        return undefined;
      },
    },
    {
      label: 'madvise_vma',
      at: `${A}:madvise_dontneed_single_vma`,
      local: true,
      run: (c) => {
        // for (;;) { if (start >= end) goto out; tmp = min(vma->vm_end, end); madvise_vma(vma, &prev, start, tmp, behavior) -> zap_page_range(vma, start, end - start)
        const id = c.l['vma'];
        if (id === null) return 'up_read';
        const v = vmaOf(c.s, id as number);
        const start = Math.max(c.n('start'), v.start);
        const end = Math.min(c.n('end'), v.end);
        if (start >= end) return 'up_read';
        if (!canMadvDontneedVma(v)) {
          c.l['ret'] = -22; // can_madv_dontneed_vma: -EINVAL for VM_LOCKED|VM_HUGETLB|VM_PFNMAP
          return 'up_read';
        }
        return c.call('zap_page_range', { vma: v.id, start, size: end - start }, 'vma->vm_next');
      },
    },
    {
      label: 'vma->vm_next',
      at: `${A}:madvise`,
      local: true,
      run: (c) => {
        c.l['vma'] = nextVma(c.s, c.n('vma'));
        return 'madvise_vma';
      },
    },
    unlockStep('up_read', `${A}:madvise`, mmapSem, 'r', (c) => {
      c.ret(c.n('ret'));
      return DONE;
    }),
  ],
};
