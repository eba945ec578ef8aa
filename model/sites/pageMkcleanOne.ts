/**
 * Site #27, mm/rmap.c:page_mkclean_one (v5.0), for a PTE-mapped page
 * (range, start, walk and end: rmapOneProgram). The loop body:
 *
 *   if (!pte_dirty(*pte) && !pte_write(*pte)) continue;
 *   flush_cache_page(vma, address, pte_pfn(*pte));
 *   entry = ptep_clear_flush(vma, address, pte);
 *   entry = pte_wrprotect(entry); entry = pte_mkclean(entry);
 *   set_pte_at(vma->vm_mm, address, pte, entry);
 *   ret = 1;
 *   (no mmu_notifier_invalidate_range(): downgrading protection, same page)
 *   if (ret) (*cleaned)++;
 *
 * `cleaned` is page_mkclean's count (rmap_walk's arg points at it): the
 * thread's per-task `cleaned` (MmState.ts TaskState).
 */
import type { Pte } from '../mm/MmState.js';
import { taskOf } from '../mm/taskState.js';
import { flushTlbRange } from '../mm/tlb.js';
import { setWalkPte, walkPte } from './pvmw.js';
import { rmapOneProgram } from './rmapOneProgram.js';
import { presentWith } from '../mm/pteWith.js';

const PAGE_MKCLEAN_ONE_SITE = '27';

export const pageMkcleanOne = rmapOneProgram({
  name: 'page_mkclean_one',
  site: PAGE_MKCLEAN_ONE_SITE,
  body: ($) => [
    $.step('ptep_clear_flush', (c) => {
      const mm = c.l.mm;
      const a = c.l.address;
      const p = walkPte(c, mm, a) as Extract<Pte, { kind: 'present' }>;
      // if (!pte_dirty(*pte) && !pte_write(*pte)) continue;
      if (!p.dirty && !p.write) return 'page_vma_mapped_walk_done';
      // entry = ptep_clear_flush(vma, address, pte); entry = pte_mkclean(pte_wrprotect(entry)); set_pte_at(...)
      flushTlbRange(c.s, mm, a, a + 1);
      setWalkPte(c, mm, a, presentWith(p, { write: false, dirty: false }));
      taskOf(c).cleaned += 1; // if (ret) (*cleaned)++;
      return undefined;
    }),
  ],
});
