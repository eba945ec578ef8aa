/**
 * Site #16, mm/memory.c:unmap_vmas (v5.0) {vma, start_addr, end_addr}: the
 * caller (unmap_region for munmap, exit_mmap) owns the mmu_gather.
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, start_addr, end_addr);
 *   mmu_notifier_invalidate_range_start(&range);
 *   for ( ; vma && vma->vm_start < end_addr; vma = vma->vm_next)
 *       unmap_single_vma(tlb, vma, start_addr, end_addr, NULL);
 *   mmu_notifier_invalidate_range_end(&range);
 *
 * `vma` is the first vma of the list: when the range spans several vmas it
 * does not contain the range. The loop variable is a separate local
 * (`cur`) so that the vma expression `vma` still names the parameter at init.
 */
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { forLoop } from '../mm/step/forLoop.js';
import { vmNext } from '../mm/vmaOps.js';
import { vmaOf } from '../mm/vmas.js';
import { unmapSingleVma } from './unmapSingleVma.js';

const UNMAP_VMAS_SITE = '16';

interface Args {
  readonly vma: number;
  readonly start_addr: number;
  readonly end_addr: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  start_addr: a.start_addr,
  end_addr: a.end_addr,
  /** the loop's `vma = vma->vm_next` (null at the end of the list) */
  cur: a.vma as number | null,
  range: -1,
});

export const unmapVmas = defineProgram({
  name: 'unmap_vmas',
  params: ['vma', 'start_addr', 'end_addr'],
  file: 'mm/memory.c',
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      // mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, start_addr, end_addr);
      c.l.range = rangeInit(c, UNMAP_VMAS_SITE, vmaOf(c.s, c.l.vma).mm, c.l.start_addr, c.l.end_addr);
      return undefined;
    }),
    $.local('mmu_notifier_invalidate_range_start', (c) => c.call(invalidateRangeStart, { r: c.l.range }, 'unmap_single_vma')),
    // for ( ; vma && vma->vm_start < end_addr; vma = vma->vm_next) unmap_single_vma(tlb, vma, start_addr, end_addr, NULL);
    ...forLoop($, {
      head: 'unmap_single_vma',
      cond: (c) => c.l.cur !== null && vmaOf(c.s, c.l.cur).start < c.l.end_addr,
      exit: () => 'mmu_notifier_invalidate_range_end',
      run: (c) => c.call(unmapSingleVma, { vma: c.l.cur!, start: c.l.start_addr, end: c.l.end_addr }, 'vma->vm_next'),
      next: {
        label: 'vma->vm_next',
        local: true,
        advance: (c) => {
          c.l.cur = vmNext(c.s, c.l.cur!);
        },
      },
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
    $.local('return', () => DONE),
  ],
});
