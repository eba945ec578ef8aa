/**
 * mm/memory.c (v5.0) `unmap_single_vma` {vma, start, end} with
 * unmap_page_range -> zap_pud_range -> zap_pmd_range -> zap_pte_range, and
 * mm/huge_memory.c:zap_huge_pmd. The caller owns an mmu_gather
 * (tlb_gather_mmu) and, for the notifier sites, has started its range.
 * One step per non-none PTE cleared under the PTE lock (the CPU can walk and
 * set A/D bits in between); none PTEs are skipped in the same step.
 * A partly covered huge PMD calls the `__split_huge_pmd` program (site #6);
 * a hugetlb vma calls `__unmap_hugepage_range_final` (site #8's path).
 * The gather batch fills only in scenarios that say how many pages it holds
 * (`gatherBatch`, model/mm/tlb.ts): zap_pte_range then breaks out of its
 * loop, flushes under the PTE lock, frees after the unlock and goes `again`
 * from the next address; zap_huge_pmd's tlb_remove_page_size calls
 * tlb_flush_mmu. Abstracted: no uprobes, no zap_details (all pages are
 * zapped), rss counters not kept.
 */
import { removeRmap, setPageDirty } from '../mm/frames.js';
import { pmdAddrEnd, pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { pmdAt, pmdTableOf, pteTableOf, setPmd, setPte } from '../mm/pageTable.js';
import { freeSwapAndCache } from '../mm/swap.js';
import { tlbFlushMmu, tlbFlushMmuTlbonly } from '../mm/fault/tlbPrograms.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { tlbAdjustRange, tlbFlushMmuFree, tlbRemovePage } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { pmdEntryPteWalk } from './pteWalk.js';
import { splitHugePmd } from './splitHugePmd.js';
import { unmapHugepageRangeFinal } from './unmapHugepageRange.js';

interface Args {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  start: a.start,
  end: a.end,
  addr: 0,
  next: 0,
  /** zap_pte_range: the next PTE address */
  pte: 0,
  /** zap_huge_pmd: the page to free after the unlock, or -1 */
  page: -1,
  force_flush: false,
});
type L = ReturnType<typeof locals>;

const mmOf = (v: View<L> | Ctx<L>): number => vmaOf(v.s, v.l.vma).mm;
const pmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l.addr)!);

export const unmapSingleVma = defineProgram({
  name: 'unmap_single_vma',
  params: ['vma', 'start', 'end'],
  file: 'mm/memory.c',
  locals,
  steps: ($) => {
    // start_pte = pte_offset_map_lock(mm, pmd, addr, &ptl); flush_tlb_batched_pending(mm) (not modelled: model/mm/tlb.ts); arch_enter_lazy_mmu_mode();
    const zap = pmdEntryPteWalk($, {
      at: 'zap_pte_range',
      locked: (c) => {
        c.l.force_flush = false;
      },
      // do { pte_t ptent = *pte; if (pte_none(ptent)) continue; ... } while (pte++, addr += PAGE_SIZE, addr != end);
      loop: 'ptep_get_and_clear_full',
      done: 'add_mm_rss_vec',
      setCursorAtEnd: true,
      visit: (c, a, p) => {
        const mm = mmOf(c);
        setPte(c.s, mm, a, null);
        if (p.kind === 'present') {
          // ptent = ptep_get_and_clear_full(mm, addr, pte, tlb->fullmm); tlb_remove_tlb_entry(tlb, pte, addr);
          tlbAdjustRange(c.t, a);
          const fr = c.s.frames[p.frame]!;
          // page = _vm_normal_page(vma, addr, ptent, true); ... if (unlikely(!page)) continue;  (the zero page)
          if (fr.kind === 'zero') return undefined;
          // if (!PageAnon(page)) { if (pte_dirty(ptent)) { force_flush = 1; set_page_dirty(page); } ... }
          if (fr.kind === 'file' && p.dirty) {
            c.l.force_flush = true;
            setPageDirty(c.s, p.frame);
          }
          // rss[mm_counter(page)]--; page_remove_rmap(page, false);
          removeRmap(c.s, p.frame);
          // if (unlikely(__tlb_remove_page(tlb, page))) { force_flush = 1; addr += PAGE_SIZE; break; }  (the cursor is past it)
          if (tlbRemovePage(c.s, c.t, p.frame)) {
            c.l.force_flush = true;
            return 'add_mm_rss_vec';
          }
        }
        // else: entry = pte_to_swp_entry(ptent); if (!non_swap_entry(entry)) rss[MM_SWAPENTS]--; else if (is_migration_entry(entry)) rss[mm_counter(page)]--;
        //       if (unlikely(!free_swap_and_cache(entry))) print_bad_pte(vma, addr, ptent, NULL); pte_clear_not_present_full(mm, addr, pte, tlb->fullmm);
        if (p.kind === 'swap') freeSwapAndCache(c.s, p.slot, (f) => canTake(c.s, LockName.page(f)));
        return undefined;
      },
      then: (c) => {
        // pte_unmap_unlock(start_pte, ptl); if (force_flush) { force_flush = 0; tlb_flush_mmu_free(tlb); if (addr != end) goto again; }
        if (c.l.force_flush) {
          c.l.force_flush = false;
          tlbFlushMmuFree(c.s, c.t);
          if (c.l.pte < c.l.next) {
            c.l.addr = c.l.pte; // again: start_pte = pte_offset_map_lock(mm, pmd, addr, &ptl); at the next address
            return 'pte_offset_map_lock';
          }
        }
        c.l.addr = c.l.next;
        return 'zap_pmd_range';
      },
    });
    return [
      $.step('unmap_single_vma', {
        // vma fields are stable under the caller's mmap_sem or i_mmap_rwsem, or in exit_mmap (the last mmput's alone:
        // model/mm/footprint/chainedReads.ts exitMmapClaims)
        local: true,
        run: (c) => {
          // start = max(vma->vm_start, start_addr); if (start >= vma->vm_end) return; end = min(vma->vm_end, end_addr); if (end <= vma->vm_start) return;
          const v = vmaOf(c.s, c.l.vma);
          const start = Math.max(v.start, c.l.start);
          const end = Math.min(v.end, c.l.end);
          if (start >= v.end || end <= v.start || start === end) return DONE;
          c.l.start = start;
          c.l.end = end;
          c.l.addr = start;
          // if (unlikely(is_vm_hugetlb_page(vma))) { if (vma->vm_file) { i_mmap_lock_write; __unmap_hugepage_range_final(); i_mmap_unlock_write } }
          if (v.flags.hugetlb) return c.call(unmapHugepageRangeFinal, { vma: v.id, start, end }, 'unmapped_hugetlb');
          return 'zap_pmd_range'; // unmap_page_range: tlb_start_vma (no-op on x86)
        },
      }),
      $.local('unmapped_hugetlb', () => DONE),
      $.step('zap_pmd_range', {
        at: 'zap_pmd_range',
        run: (c) => {
          // do { next = pmd_addr_end(addr, end); if (is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd)) { ... } ... } while (pmd++, addr = next, addr != end);
          const addr = c.l.addr;
          if (addr >= c.l.end) return 'tlb_end_vma';
          const next = pmdAddrEnd(c.g, addr, c.l.end);
          c.l.next = next;
          const e = pmdAt(c.s, mmOf(c), addr);
          if (e !== null && (e.kind === 'huge' || e.kind === 'migration')) {
            // if (next - addr != HPAGE_PMD_SIZE) __split_huge_pmd(vma, pmd, addr, false, NULL); else if (zap_huge_pmd(tlb, vma, pmd, addr)) goto next;
            if (next - addr !== pmdSize(c.g)) return c.call(splitHugePmd, { vma: c.l.vma, addr, freeze: false }, 'pmd_none_or_trans_huge_or_clear_bad');
            return '__pmd_trans_huge_lock';
          }
          // if (pmd_none_or_trans_huge_or_clear_bad(pmd)) goto next;  (the same read of *pmd)
          if (e === null) {
            c.l.addr = next;
            return 'zap_pmd_range';
          }
          return 'pte_offset_map_lock';
        },
      }),
      $.lock('__pmd_trans_huge_lock', pmdl, {
        at: 'mm/huge_memory.c:zap_huge_pmd',
        then: (c) => {
          // zap_huge_pmd: ptl = __pmd_trans_huge_lock(pmd, vma); if (!ptl) return 0;
          // __pmd_trans_huge_lock: ptl = pmd_lock(vma->vm_mm, pmd); if (likely(is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd))) return ptl; spin_unlock(ptl); return NULL;
          const e = pmdAt(c.s, mmOf(c), c.l.addr);
          if (e !== null && (e.kind === 'huge' || e.kind === 'migration')) return 'pmdp_huge_get_and_clear_full';
          c.unlock(pmdl(c));
          return 'pmd_none_or_trans_huge_or_clear_bad'; // split meanwhile: zap_pmd_range falls through to the PTEs
        },
      }),
      $.step('pmdp_huge_get_and_clear_full', {
        at: 'mm/huge_memory.c:zap_huge_pmd',
        run: (c) => {
          // orig_pmd = pmdp_huge_get_and_clear_full(tlb->mm, addr, pmd, tlb->fullmm); tlb_remove_pmd_tlb_entry(tlb, pmd, addr);
          // if (pmd_present(orig_pmd)) { page = pmd_page(orig_pmd); page_remove_rmap(page, true); } else if (thp_migration_supported()) { flush_needed = 0; }
          const mm = mmOf(c);
          const addr = c.l.addr;
          const e = pmdAt(c.s, mm, addr)!;
          setPmd(c.s, mm, addr, null);
          tlbAdjustRange(c.t, addr - (addr % pmdSize(c.g)), pmdSize(c.g));
          c.l.page = -1;
          if (e.kind === 'huge') {
            removeRmap(c.s, e.frame);
            c.l.page = e.frame;
          }
          return undefined;
        },
      }),
      $.unlock('spin_unlock', pmdl, {
        at: 'mm/huge_memory.c:zap_huge_pmd',
        then: (c) => {
          // zap_deposited_table(tlb->mm, pmd); spin_unlock(ptl); if (flush_needed) tlb_remove_page_size(tlb, page, HPAGE_PMD_SIZE);  (returns 1: goto next)
          // tlb_remove_page_size: if (__tlb_remove_page_size(tlb, page, page_size)) tlb_flush_mmu(tlb);
          c.l.addr = c.l.next;
          if (c.l.page >= 0 && tlbRemovePage(c.s, c.t, c.l.page)) return c.call(tlbFlushMmu, {}, 'zap_pmd_range');
          return 'zap_pmd_range';
        },
      }),
      $.step('pmd_none_or_trans_huge_or_clear_bad', {
        at: 'zap_pmd_range',
        run: (c) => {
          // if (pmd_none_or_trans_huge_or_clear_bad(pmd)) goto next; next = zap_pte_range(tlb, vma, pmd, addr, next, details);
          if (pteTableOf(c.s, mmOf(c), c.l.addr) === null) {
            c.l.addr = c.l.next;
            return 'zap_pmd_range';
          }
          return 'pte_offset_map_lock';
        },
      }),
      zap.lock,
      zap.loop,
      $.local(
        'add_mm_rss_vec',
        (c) =>
          // add_mm_rss_vec(mm, rss); arch_leave_lazy_mmu_mode(); /* Do the actual TLB flush before dropping ptl */ if (force_flush) tlb_flush_mmu_tlbonly(tlb);
          c.l.force_flush ? c.call(tlbFlushMmuTlbonly, {}, 'pte_unmap_unlock') : 'pte_unmap_unlock',
        'zap_pte_range',
      ),
      zap.unlock,
      // if (!tlb->fullmm) tlb_flush_mmu_tlbonly(tlb);
      $.local('tlb_end_vma', (c) => c.call(tlbFlushMmuTlbonly, {}, 'unmap_single_vma_done'), 'include/asm-generic/tlb.h:tlb_end_vma'),
      $.local('unmap_single_vma_done', () => DONE),
    ];
  },
});
