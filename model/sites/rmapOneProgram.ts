/**
 * The shape the rmap_one callbacks of mm/rmap.c share (v5.0
 * try_to_unmap_one #28, page_mkclean_one #27), for a small page and, with
 * `hugetlb` (try_to_unmap_one), a PMD-sized hugetlb page:
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address,
 *                           min(vma->vm_end, address + (PAGE_SIZE << compound_order(page))));
 *   if (PageHuge(page)) adjust_range_if_pmd_sharing_possible(vma, &range.start, &range.end);   (hugetlb only)
 *   mmu_notifier_invalidate_range_start(&range);
 *   while (page_vma_mapped_walk(&pvmw)) {     (returns with the PTE lock held)
 *       <body>                                 (the callback's steps; jump to 'page_vma_mapped_walk_done' to leave)
 *   }                                          (a small page: the next call unlocks and ends the loop)
 *   mmu_notifier_invalidate_range_end(&range);
 *   return ret;
 *
 * Locals: page, vma, address, arg (the rmap_walk arg), mm, range, ret, ptl.
 */
import type { Program, Step } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { pmdSize } from '../mm/Geometry.js';
import { adjustRangeIfPmdSharingPossible } from '../mm/hugetlbPmd.js';
import { rangeAdjust, rangeOf } from '../mm/notifier/rangeInit.js';
import { localStep } from '../mm/step/steps.js';
import { vmaOf } from '../mm/vmas.js';
import { onePageRangeInit } from './onePageRange.js';
import { pvmwDoneStep, pvmwStep } from './pvmw.js';

export function rmapOneProgram(name: string, site: string, body: readonly Step[], hugetlb = false): Program {
  const AT = `mm/rmap.c:${name}`;
  return {
    name,
    locals: (a) => ({ page: a['page'] ?? null, vma: a['vma'] ?? null, address: a['address'] ?? null, arg: a['arg'] ?? 0, mm: -1, range: -1, ret: true, ptl: '' }),
    steps: [
      {
        label: 'mmu_notifier_range_init',
        at: AT,
        run: (c) => {
          const v = vmaOf(c.s, c.n('vma'));
          const huge = c.s.frames[c.n('page')]!.huge;
          // PMD-mapped THP (pmdp_huge_clear_flush, TTU_SPLIT_HUGE_PMD) is not modelled; PageHuge only where the callback handles it
          if ((huge || v.flags.hugetlb) && !(hugetlb && huge && v.flags.hugetlb)) c.fail(`${name}: THP and hugetlb pages are not modelled here`);
          const r = onePageRangeInit(c, site, 'address', huge ? pmdSize(c.g) : 1);
          if (huge) {
            // if (PageHuge(page)) adjust_range_if_pmd_sharing_possible(vma, &range.start, &range.end);
            const x = rangeOf(c, r);
            const a = adjustRangeIfPmdSharingPossible(c.s, v, x.start, x.end);
            rangeAdjust(c, r, a.start, a.end);
          }
          return undefined;
        },
      },
      localStep('mmu_notifier_invalidate_range_start', AT, (c) =>
        c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'page_vma_mapped_walk'),
      ),
      pvmwStep('mmu_notifier_invalidate_range_end'),
      ...body,
      pvmwDoneStep(),
      localStep('mmu_notifier_invalidate_range_end', AT, (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return')),
      localStep('return', AT, (c) => {
        c.ret(c.l['ret'] === true);
        return DONE;
      }),
    ],
  };
}
