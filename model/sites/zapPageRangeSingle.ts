/**
 * Site #18, mm/memory.c:zap_page_range_single (v5.0), and its caller
 * unmap_mapping_pages (truncate/hole punch: i_mmap_lock_write, then for each
 * vma of the mapping in range, unmap_mapping_range_vma -> zap_page_range_single;
 * no mmap_sem). even_cows = 1 (truncate_pagecache), so no zap_details filter.
 *
 *   lru_add_drain();
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address, address + size);
 *   tlb_gather_mmu(&tlb, vma->vm_mm, address, range.end);
 *   update_hiwater_rss(vma->vm_mm);
 *   mmu_notifier_invalidate_range_start(&range);
 *   unmap_single_vma(&tlb, vma, address, range.end, details);
 *   mmu_notifier_invalidate_range_end(&range);
 *   tlb_finish_mmu(&tlb, address, range.end);
 *
 */
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit, rangeOf } from '../mm/notifier/rangeInit.js';
import { tlbFinishMmu } from '../mm/fault/tlbPrograms.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';
import { unmapSingleVma } from './unmapSingleVma.js';

const ZAP_PAGE_RANGE_SINGLE_SITE = '18';

interface Args {
  readonly vma: number;
  readonly address: number;
  readonly size: number;
}
/** `end` is range.end */
const locals = (a: Args) => ({ vma: a.vma, address: a.address, size: a.size, range: -1, mm: -1, end: 0 });

export const zapPageRangeSingle = defineProgram({
  name: 'zap_page_range_single',
  file: 'mm/memory.c',
  params: ['vma', 'address', 'size'],
  locals,
  steps: ($) => [
    $.local('lru_add_drain', (c) => {
      c.l.mm = vmaOf(c.s, c.l.vma).mm;
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      // mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address, address + size);
      c.l.range = rangeInit(c, ZAP_PAGE_RANGE_SINGLE_SITE, c.l.mm, c.l.address, c.l.address + c.l.size);
      c.l.end = rangeOf(c, c.l.range).end;
      // tlb_gather_mmu(&tlb, vma->vm_mm, address, range.end); update_hiwater_rss(vma->vm_mm);  (same step: the range is this thread's)
      tlbGatherMmu(c.s, c.t, c.l.mm);
      return undefined;
    }),
    $.local('mmu_notifier_invalidate_range_start', (c) => c.call(invalidateRangeStart, { r: c.l.range }, 'unmap_single_vma')),
    $.local('unmap_single_vma', (c) => c.call(unmapSingleVma, { vma: c.l.vma, start: c.l.address, end: c.l.end }, 'mmu_notifier_invalidate_range_end')),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'tlb_finish_mmu')),
    $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: c.l.address, end: c.l.end }, 'return')),
    $.local('return', () => DONE),
  ],
});

interface MappingArgs {
  readonly file: number;
  readonly first: number;
  readonly nr: number;
}
/** `i`: the next vma of the mapping's interval tree */
const mappingLocals = (a: MappingArgs) => ({ file: a.file, first: a.first, nr: a.nr, i: 0 });

const iMmap = (v: View<ReturnType<typeof mappingLocals>>): string => LockName.iMmap(v.l.file);

/** mm/memory.c:unmap_mapping_pages {file, first, nr}: unmap file pages [first, first + nr) from every mm. */
export const unmapMappingPages = defineProgram({
  name: 'unmap_mapping_pages',
  file: 'mm/memory.c',
  params: ['file', 'first', 'nr'],
  locals: mappingLocals,
  steps: ($) => [
    $.lock('i_mmap_lock_write', iMmap),
    $.step('unmap_mapping_range_tree', {
      at: 'unmap_mapping_range_tree',
      local: true, // the i_mmap tree is stable under i_mmap_rwsem
      run: (c) => {
        // vma_interval_tree_foreach(vma, root, first_index, last_index) { vba = vma->vm_pgoff; vea = vba + vma_pages(vma) - 1;
        //   zba = max(first_index, vba); zea = min(last_index, vea); unmap_mapping_range_vma(vma, start, end, details); }
        const first = c.l.first;
        const last = first + c.l.nr - 1;
        const vmas = fileVmas(c.s, c.l.file);
        while (c.l.i < vmas.length) {
          const v = vmaOf(c.s, vmas[c.l.i]!);
          c.l.i = c.l.i + 1;
          const vba = v.pgoff;
          const vea = vba + (v.end - v.start) - 1;
          const zba = Math.max(first, vba);
          const zea = Math.min(last, vea);
          if (zba > zea) continue;
          const start = zba - vba + v.start;
          const end = zea - vba + 1 + v.start;
          return c.call(zapPageRangeSingle, { vma: v.id, address: start, size: end - start }, 'unmap_mapping_range_tree');
        }
        return 'i_mmap_unlock_write';
      },
    }),
    $.unlock('i_mmap_unlock_write', iMmap, { then: () => DONE }),
  ],
});
