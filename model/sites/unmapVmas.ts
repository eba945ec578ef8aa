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
import { rangeInit } from '../mm/notifier/rangeInit.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep } from '../mm/step/steps.js';
import { vmNext } from '../mm/vmaOps.js';
import { vmaOf } from '../mm/vmas.js';

const M = 'mm/memory.c';
export const UNMAP_VMAS_SITE = '16';

export const unmapVmas: Program = {
  name: 'unmap_vmas',
  locals: (a) => ({ vma: a['vma'] ?? null, start_addr: a['start_addr'] ?? null, end_addr: a['end_addr'] ?? null, cur: a['vma'] ?? null, range: -1 }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: `${M}:unmap_vmas`,
      run: (c) => {
        // mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, start_addr, end_addr);
        c.l['range'] = rangeInit(c, UNMAP_VMAS_SITE, vmaOf(c.s, c.n('vma')).mm, c.n('start_addr'), c.n('end_addr'));
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_start', `${M}:unmap_vmas`, (c) =>
      c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'unmap_single_vma'),
    ),
    {
      label: 'unmap_single_vma',
      at: `${M}:unmap_vmas`,
      run: (c) => {
        // for ( ; vma && vma->vm_start < end_addr; vma = vma->vm_next) unmap_single_vma(tlb, vma, start_addr, end_addr, NULL);
        const v = c.l['cur'];
        if (v === null || vmaOf(c.s, v as number).start >= c.n('end_addr')) return 'mmu_notifier_invalidate_range_end';
        return c.call('unmap_single_vma', { vma: v, start: c.n('start_addr'), end: c.n('end_addr') }, 'vma->vm_next');
      },
    },
    localStep('vma->vm_next', `${M}:unmap_vmas`, (c) => {
      c.l['cur'] = vmNext(c.s, c.n('cur'));
      return 'unmap_single_vma';
    }),
    localStep('mmu_notifier_invalidate_range_end', `${M}:unmap_vmas`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return'),
    ),
    localStep('return', `${M}:unmap_vmas`, () => DONE),
  ],
};
