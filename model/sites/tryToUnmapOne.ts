/**
 * Site #28, mm/rmap.c:try_to_unmap_one (v5.0):
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address,
 *                           min(vma->vm_end, address + (PAGE_SIZE << compound_order(page))));
 *   if (PageHuge(page)) adjust_range_if_pmd_sharing_possible(vma, &range.start, &range.end);
 *   mmu_notifier_invalidate_range_start(&range);
 *   while (page_vma_mapped_walk(&pvmw)) {
 *       if (!(flags & TTU_IGNORE_ACCESS) && ptep_clear_flush_young_notify(vma, address, pvmw.pte))
 *           { ret = false; page_vma_mapped_walk_done(&pvmw); break; }
 *       if (should_defer_flush(mm, flags)) { pteval = ptep_get_and_clear(); set_tlb_ubc_flush_pending(mm, pte_dirty(pteval)); }
 *       else pteval = ptep_clear_flush(vma, address, pvmw.pte);
 *       if (pte_dirty(pteval)) set_page_dirty(page);
 *       ... TTU_MIGRATION: set_pte_at(migration entry)  (no invalidate_range: the migration pte synchronises)
 *       ... file page: dec_mm_counter only  (the locked page cannot leave the page cache before range_end)
 *   discard:
 *       page_remove_rmap(subpage, PageHuge(page)); put_page(page);
 *   }
 *   mmu_notifier_invalidate_range_end(&range);
 *
 * (range, start, walk and end: rmapOneProgram.)
 * A hugetlb page (migration only: hugetlb pages are not reclaimed) runs the
 * PageHuge path: the range is widened by adjust_range_if_pmd_sharing_possible
 * (rmapOneProgram), and when this mm shares the PMD table,
 *   if (huge_pmd_unshare(mm, &address, pvmw.pte)) { flush_tlb_range(vma, range.start, range.end);
 *       mmu_notifier_invalidate_range(mm, range.start, range.end); page_vma_mapped_walk_done(&pvmw); break; }
 * (the whole PUD leaves this mm; ret stays true).
 * Arguments {page, vma, address, arg = TTU flags}. Returns rv true/false
 * (false stops the rmap walk). Not modelled: PMD-mapped THP (TTU_SPLIT_HUGE_PMD),
 * VM_LOCKED / TTU_MUNLOCK, HWPoison, and lazyfree (MADV_FREE) anonymous
 * pages: those are a ModelError, never a silent skip. An anonymous page
 * reclaimed to swap (in the swap cache since add_to_swap) gets a swap entry:
 *       swap_duplicate(entry); set_pte_at(swp_entry_to_pte(entry)); mmu_notifier_invalidate_range(mm, address, address + PAGE_SIZE); A mirror's own accessed bit
 * (mmu_notifier_clear_flush_young) is not modelled: only the CPU PTE's.
 */
import { putPage, removeRmap, setPageDirty } from '../mm/frames.js';
import { swapDuplicate } from '../mm/swap.js';
import { pmdSize } from '../mm/Geometry.js';
import { hugePmdUnshare } from '../mm/hugetlbPmd.js';
import type { PmdEntry, Pte } from '../mm/MmState.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { pmdAt, setPmd } from '../mm/pageTable.js';
import type { Ctx } from '../mm/step/defineProgram.js';
import { tlbUbcOf } from '../mm/taskState.js';
import { flushTlbRange } from '../mm/tlb.js';
import { setWalkPte, walkPte } from './pvmw.js';
import { rmapOneProgram, type RmapOneLocals } from './rmapOneProgram.js';
import { invalidateRange } from '../mm/notifier/dispatchPrograms.js';

const TRY_TO_UNMAP_ONE_SITE = '28';

/** enum ttu_flags (include/linux/rmap.h), the bits the model uses. */
export const TTU = { MIGRATION: 1, BATCH_FLUSH: 2, IGNORE_ACCESS: 4 } as const;

type C = Ctx<RmapOneLocals>;
const flags = (c: C): number => c.l.arg;

/**
 * set_tlb_ubc_flush_pending(mm, writable): remembers mm in the reclaimer's batch
 * (current->tlb_ubc, the thread's per-task tlbUbc: its mms, and writable
 * when the cleared PTE was dirty, for try_to_unmap_flush_dirty).
 */
function setTlbUbcFlushPending(c: C, mm: number, writable: boolean): void {
  const u = tlbUbcOf(c);
  u.mms |= 1 << mm;
  if (writable) u.writable = true;
}

const isHuge = (c: C): boolean => c.s.frames[c.l.page]!.huge;
type Present = Extract<Pte, { kind: 'present' }>;
type HugePmd = Extract<PmdEntry, { kind: 'huge' }>;
const wrongEntry = (c: C, kind: string | undefined, want: string): never =>
  c.fail(`try_to_unmap_one: pvmw.pte at ${c.l.address} of mm ${c.l.mm} is ${kind ?? 'none'}, not the ${want} mapping page ${c.l.page}`);

/**
 * The entry pvmw.pte points at: the present PTE, or the huge PMD entry of a hugetlb page
 * (page_vma_mapped_walk found it mapping the page, under its lock); anything else is a ModelError.
 */
function entryOf(c: C): Present | HugePmd {
  if (isHuge(c)) {
    const e = pmdAt(c.s, c.l.mm, c.l.address);
    return e?.kind === 'huge' ? e : wrongEntry(c, e?.kind, 'huge PMD');
  }
  const e = walkPte(c, c.l.mm, c.l.address);
  return e?.kind === 'present' ? e : wrongEntry(c, e?.kind, 'present PTE');
}

export const tryToUnmapOne = rmapOneProgram({
  name: 'try_to_unmap_one',
  site: TRY_TO_UNMAP_ONE_SITE,
  hugetlb: true,
  body: ($) => [
    $.step('huge_pmd_unshare', (c) => {
      // if (PageHuge(page)) { if (huge_pmd_unshare(mm, &address, pvmw.pte)) {
      //     flush_cache_range(vma, range.start, range.end); flush_tlb_range(vma, range.start, range.end);
      //     mmu_notifier_invalidate_range(mm, range.start, range.end); page_vma_mapped_walk_done(&pvmw); break; } }
      if (!isHuge(c) || hugePmdUnshare(c.s, c.l.mm, c.l.address) < 0) return undefined;
      const r = rangeOf(c, c.l.range);
      flushTlbRange(c.s, c.l.mm, r.start, r.end);
      return c.call(invalidateRange, { mm: c.l.mm, start: r.start, end: r.end }, 'page_vma_mapped_walk_done');
    }),
    $.step('ptep_clear_flush_young_notify', (c) => {
      // if (!(flags & TTU_IGNORE_ACCESS)) { if (ptep_clear_flush_young_notify(vma, address, pvmw.pte)) { ret = false; ... break; } }
      if ((flags(c) & TTU.IGNORE_ACCESS) !== 0) return undefined;
      const e = entryOf(c);
      if (!e.young) return undefined;
      // x86 ptep_clear_flush_young: test-and-clear, no flush
      if (e.kind === 'huge') setPmd(c.s, c.l.mm, c.l.address, { ...e, young: false });
      else setWalkPte(c, c.l.mm, c.l.address, { ...e, young: false });
      c.l.ret = false;
      return 'page_vma_mapped_walk_done';
    }),
    $.step('ptep_get_and_clear', (c) => {
      const mm = c.l.mm;
      const a = c.l.address;
      const p = entryOf(c);
      const migration = (flags(c) & TTU.MIGRATION) !== 0;
      const fr = c.s.frames[c.l.page]!;
      if (!migration && isHuge(c)) c.fail('try_to_unmap_one: hugetlb pages are only unmapped for migration (or hwpoison, not modelled)');
      if (isHuge(c)) {
        // pteval = ptep_clear_flush(vma, address, pvmw.pte): the hugetlb entry is the PMD; the TLB flush covers the huge page
        setPmd(c.s, mm, a, null);
        flushTlbRange(c.s, mm, a, a + pmdSize(c.g));
      } else {
        setWalkPte(c, mm, a, null);
        // should_defer_flush(mm, flags): TTU_BATCH_FLUSH and the mm may run on another CPU (the model's CPU is not the reclaimer's)
        if ((flags(c) & TTU.BATCH_FLUSH) !== 0)
          setTlbUbcFlushPending(c, mm, p.dirty); // set_tlb_ubc_flush_pending(mm, pte_dirty(pteval))
        else flushTlbRange(c.s, mm, a, a + 1); // ptep_clear_flush
      }
      // if (pte_dirty(pteval)) set_page_dirty(page);
      if (p.dirty) setPageDirty(c.s, c.l.page);
      if (migration) {
        // entry = make_migration_entry(subpage, pte_write(pteval)); set_pte_at(mm, address, pvmw.pte, swp_pte);  (no invalidate_range)
        if (isHuge(c)) setPmd(c.s, mm, a, { kind: 'migration', frame: c.l.page, write: p.write });
        else setWalkPte(c, mm, a, { kind: 'migration', frame: c.l.page, write: p.write });
      } else if (fr.kind === 'anon') {
        // } else if (PageAnon(page)) { swp_entry_t entry = { .val = page_private(subpage) };
        //     if (unlikely(PageSwapBacked(page) != PageSwapCache(page))) { WARN_ON_ONCE(1); ... }   (no lazyfree pages in the model)
        //     if (swap_duplicate(entry) < 0) { set_pte_at(mm, address, pvmw.pte, pteval); ret = false; ... }
        //     swp_pte = swp_entry_to_pte(entry); set_pte_at(mm, address, pvmw.pte, swp_pte);
        //     /* Invalidate as we cleared the pte */ mmu_notifier_invalidate_range(mm, address, address + PAGE_SIZE);
        const slot = fr.swap;
        if (slot === null) return c.fail('try_to_unmap_one: an anonymous page outside the swap cache (MADV_FREE lazyfree pages are not modelled)');
        swapDuplicate(c.s, slot);
        setWalkPte(c, mm, a, { kind: 'swap', slot });
        return c.call(invalidateRange, { mm, start: a, end: a + 1 }, 'page_remove_rmap');
      }
      // else: file page, dec_mm_counter(mm, mm_counter_file(page)) only
      return undefined;
    }),
    $.step('page_remove_rmap', (c) => {
      // discard: page_remove_rmap(subpage, PageHuge(page)); put_page(page);
      removeRmap(c.s, c.l.page);
      putPage(c.s, c.l.page);
      return undefined;
    }),
  ],
});
