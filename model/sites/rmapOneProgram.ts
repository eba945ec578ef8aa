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
 * Locals (RmapOneLocals): page, vma, address, arg (the rmap_walk arg), mm, range, ret, ptl.
 *
 *   export const pageMkcleanOne = rmapOneProgram({
 *     name: 'page_mkclean_one', site: '27',
 *     body: ($) => [$.step('ptep_clear_flush', (c) => ... 'page_vma_mapped_walk_done')],
 *   });
 *
 * The body's steps may go to each other and to the frame's labels
 * (RmapOneLabel); any other target is a compile error, as in defineProgram.
 */
import { pmdSize } from '../mm/Geometry.js';
import { adjustRangeIfPmdSharingPossible } from '../mm/hugetlbPmd.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeAdjust, rangeOf } from '../mm/notifier/rangeInit.js';
import { DONE, defineProgram, type CheckedSteps, type StepBuilder, type TypedProgram, type TypedStep } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { onePageRangeInit } from './onePageRange.js';
import { pvmwDoneStep, pvmwStep } from './pvmw.js';

/** The arguments rmap_walk passes to rwc->rmap_one(page, vma, address, arg). */
export interface RmapOneArgs {
  readonly page: number;
  readonly vma: number;
  readonly address: number;
  /** rwc->arg: the TTU flags (try_to_unmap_one), the old page (remove_migration_pte); 0 when none */
  readonly arg?: number;
}

export const rmapOneLocals = (a: RmapOneArgs) => ({
  page: a.page,
  vma: a.vma,
  address: a.address,
  arg: a.arg ?? 0,
  mm: -1,
  /** the range's index (rangeInit) */
  range: -1,
  /** the callback's result: false stops the rmap walk */
  ret: true,
  /** the lock page_vma_mapped_walk holds ('' when none) */
  ptl: '',
});
export type RmapOneLocals = ReturnType<typeof rmapOneLocals>;

/** The labels of the shared frame, which a body step may go to. */
export type RmapOneLabel =
  | 'mmu_notifier_range_init'
  | 'mmu_notifier_invalidate_range_start'
  | 'page_vma_mapped_walk'
  | 'page_vma_mapped_walk_done'
  | 'mmu_notifier_invalidate_range_end'
  | 'return';

type BodyStep = TypedStep<string, string>;

export interface RmapOneSpec<B extends readonly BodyStep[]> {
  /** The callback (mm/rmap.c), e.g. `try_to_unmap_one`. */
  readonly name: string;
  /** Its mmu_notifier_range_init site id. */
  readonly site: string;
  /** The callback handles a PMD-sized hugetlb page (PageHuge). */
  readonly hugetlb?: boolean;
  /** The loop body, run with the walk's lock held. */
  readonly body: ($: StepBuilder<RmapOneLocals>) => B & NoInfer<CheckedSteps<[...B, TypedStep<RmapOneLabel, never>]>>;
}

export function rmapOneProgram<const B extends readonly BodyStep[]>(spec: RmapOneSpec<B>): TypedProgram<RmapOneArgs> {
  const { name, site, hugetlb = false } = spec;
  // the body's targets are checked at rmapOneProgram's call (RmapOneSpec), the frame's here
  return defineProgram<RmapOneArgs, RmapOneLocals, readonly BodyStep[]>({
    name,
    params: ['page', 'vma', 'address'],
    file: 'mm/rmap.c',
    locals: rmapOneLocals,
    steps: ($) => [
      $.step('mmu_notifier_range_init', (c) => {
        const v = vmaOf(c.s, c.l.vma);
        const huge = c.s.frames[c.l.page]!.huge;
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
      }),
      $.local('mmu_notifier_invalidate_range_start', (c) => c.call(invalidateRangeStart, { r: c.l.range }, 'page_vma_mapped_walk')),
      pvmwStep(
        $,
        'mmu_notifier_invalidate_range_end',
        (l) => l.page,
        (l) => l.address,
      ),
      ...spec.body($),
      pvmwDoneStep($),
      $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
      $.local('return', (c) => {
        c.ret(c.l.ret);
        return DONE;
      }),
    ],
  });
}
