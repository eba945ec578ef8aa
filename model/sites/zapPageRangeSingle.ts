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
 */
import { LockName } from '../mm/locks.js';
import { rangeInit, rangeOf } from '../mm/notifier/rangeInit.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';

const M = 'mm/memory.c';
export const ZAP_PAGE_RANGE_SINGLE_SITE = '18';

export const zapPageRangeSingle: Program = {
  name: 'zap_page_range_single',
  params: ['vma', 'address', 'size'],
  locals: (a) => ({ vma: a['vma'] ?? null, address: a['address'] ?? null, size: a['size'] ?? null, range: -1, mm: -1, end: 0 }),
  steps: [
    localStep('lru_add_drain', `${M}:zap_page_range_single`, (c) => {
      c.l['mm'] = vmaOf(c.s, c.n('vma')).mm;
      return undefined;
    }),
    {
      label: 'mmu_notifier_range_init',
      at: `${M}:zap_page_range_single`,
      run: (c) => {
        // mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address, address + size);
        c.l['range'] = rangeInit(c, ZAP_PAGE_RANGE_SINGLE_SITE, c.n('mm'), c.n('address'), c.n('address') + c.n('size'));
        c.l['end'] = rangeOf(c, c.n('range')).end;
        // tlb_gather_mmu(&tlb, vma->vm_mm, address, range.end); update_hiwater_rss(vma->vm_mm);  (same step: the range is this thread's)
        tlbGatherMmu(c.s, c.t, c.n('mm'));
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_start', `${M}:zap_page_range_single`, (c) =>
      c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'unmap_single_vma'),
    ),
    localStep('unmap_single_vma', `${M}:zap_page_range_single`, (c) =>
      c.call('unmap_single_vma', { vma: c.n('vma'), start: c.n('address'), end: c.n('end') }, 'mmu_notifier_invalidate_range_end'),
    ),
    localStep('mmu_notifier_invalidate_range_end', `${M}:zap_page_range_single`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu'),
    ),
    localStep('tlb_finish_mmu', `${M}:zap_page_range_single`, (c) =>
      c.call('tlb_finish_mmu', { start: c.n('address'), end: c.n('end') }, 'return'),
    ),
    localStep('return', `${M}:zap_page_range_single`, () => DONE),
  ],
};

const iMmap = (v: StepView): string => LockName.iMmap(v.l['file'] as number);

/** mm/memory.c:unmap_mapping_pages {file, first, nr}: unmap file pages [first, first + nr) from every mm. */
export const unmapMappingPages: Program = {
  name: 'unmap_mapping_pages',
  params: ['file', 'first', 'nr'],
  locals: (a) => ({ file: a['file'] ?? null, first: a['first'] ?? null, nr: a['nr'] ?? null, i: 0 }),
  steps: [
    lockStep('i_mmap_lock_write', `${M}:unmap_mapping_pages`, iMmap, 'w'),
    {
      label: 'unmap_mapping_range_tree',
      at: `${M}:unmap_mapping_range_tree`,
      local: true, // the i_mmap tree is stable under i_mmap_rwsem
      run: (c) => {
        // vma_interval_tree_foreach(vma, root, first_index, last_index) { vba = vma->vm_pgoff; vea = vba + vma_pages(vma) - 1;
        //   zba = max(first_index, vba); zea = min(last_index, vea); unmap_mapping_range_vma(vma, start, end, details); }
        const first = c.n('first');
        const last = first + c.n('nr') - 1;
        const vmas = fileVmas(c.s, c.n('file'));
        while (c.n('i') < vmas.length) {
          const v = vmaOf(c.s, vmas[c.n('i')]!);
          c.l['i'] = c.n('i') + 1;
          const vba = v.pgoff;
          const vea = vba + (v.end - v.start) - 1;
          const zba = Math.max(first, vba);
          const zea = Math.min(last, vea);
          if (zba > zea) continue;
          const start = zba - vba + v.start;
          const end = zea - vba + 1 + v.start;
          return c.call('zap_page_range_single', { vma: v.id, address: start, size: end - start }, 'unmap_mapping_range_tree');
        }
        return 'i_mmap_unlock_write';
      },
    },
    unlockStep('i_mmap_unlock_write', `${M}:unmap_mapping_pages`, iMmap, 'w', () => DONE),
  ],
};
