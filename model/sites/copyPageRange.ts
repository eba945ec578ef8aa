/**
 * Site #15, mm/memory.c:copy_page_range (v5.0) {dst_mm, src_mm, vma} with
 * copy_pmd_range, copy_pte_range and copy_one_pte. `vma` is the parent's
 * vma; the range is notified on the parent (`src_mm`) only for a COW mapping.
 *
 *   if (!(vma->vm_flags & (VM_HUGETLB | VM_PFNMAP | VM_MIXEDMAP)) && !vma->anon_vma) return 0;
 *   if (is_vm_hugetlb_page(vma)) return copy_hugetlb_page_range(dst_mm, src_mm, vma);
 *   is_cow = is_cow_mapping(vma->vm_flags);
 *   if (is_cow) { mmu_notifier_range_init(&range, <event>, <vma>, src_mm, addr, end); mmu_notifier_invalidate_range_start(&range); }
 *   ... per PMD: pmd_alloc(dst), copy_pte_range: dst_pte = pte_alloc_map_lock(dst_mm); spin_lock_nested(src_ptl);
 *       copy_one_pte: if (is_cow_mapping(vm_flags) && pte_write(pte)) { ptep_set_wrprotect(src_mm, addr, src_pte); pte = pte_wrprotect(pte); }
 *                     if (vm_flags & VM_SHARED) pte = pte_mkclean(pte); pte = pte_mkold(pte); get_page(page); page_dup_rmap(page); set_pte_at(dst_mm, ...);
 *       spin_unlock(src_ptl); pte_unmap_unlock(orig_dst_pte, dst_ptl);
 *   if (is_cow) mmu_notifier_invalidate_range_end(&range);
 *
 * An anonymous huge PMD is copied by mm/huge_memory.c:copy_huge_pmd (both PMD
 * locks, pmdp_set_wrprotect on the parent); a file one is skipped (refilled
 * on fault); a PMD that stopped being huge falls through to the PTE copy.
 * The parent's CPU TLB keeps its writable entries until dup_mmap's
 * flush_tlb_mm(oldmm), after the range ended. A swap entry is duplicated
 * (swap_duplicate). Not modelled: PMD migration entries (a ModelError),
 * PFNMAP, the huge zero page.
 */
import { addRmap, getPage, isZeroPfn } from '../mm/frames.js';
import { swapDuplicate } from '../mm/swap.js';
import { pmdAddrEnd } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import type { Pte, Vma } from '../mm/MmState.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, pteTableOf, setPmd, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { copyHugetlbPageRange } from './copyHugetlbPageRange.js';
import { pteLoop } from './pteWalk.js';
import { migrationWith, presentWith } from '../mm/pteWith.js';

const COPY_PAGE_RANGE_SITE = '15';

interface Args {
  readonly dst_mm: number;
  readonly src_mm: number;
  readonly vma: number;
}
const locals = (a: Args) => ({
  dst_mm: a.dst_mm,
  src_mm: a.src_mm,
  vma: a.vma,
  addr: 0,
  end: 0,
  next: 0,
  is_cow: false,
  range: -1,
  /** copy_pte_range: the next PTE address */
  pte: 0,
  /** copy_pmd_range: the source PMD is huge (copy_huge_pmd); after it, whether it still was */
  huge: false,
});
type L = ReturnType<typeof locals>;

const dstPmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, v.l.dst_mm, v.l.addr)!);
const srcPmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, v.l.src_mm, v.l.addr)!);
const dstPtl = (v: View<L>): string => LockName.ptl(pteTableOf(v.s, v.l.dst_mm, v.l.addr)!);
const srcPtl = (v: View<L>): string => LockName.ptl(pteTableOf(v.s, v.l.src_mm, v.l.addr)!);
/** is_cow_mapping: (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE (private mappings are VM_MAYWRITE here). */
const isCow = (v: Vma): boolean => !v.flags.mayshare;

function copyOnePte(c: Ctx<L>, a: number, p: NonNullable<Pte>): void {
  const v = vmaOf(c.s, c.l.vma);
  const cow = isCow(v);
  if (p.kind === 'migration') {
    // is_write_migration_entry(entry) && is_cow_mapping(vm_flags): make_migration_entry_read(&entry); set_pte_at(src_mm, ...)
    const e = cow ? migrationWith(p, false) : p;
    if (e !== p) setPte(c.s, c.l.src_mm, a, e);
    setPte(c.s, c.l.dst_mm, a, e);
    return;
  }
  if (p.kind === 'swap') {
    // if (swap_duplicate(entry) < 0) return entry.val; ... (the child's swap PTE; a non-migration entry is not write-protected)
    swapDuplicate(c.s, p.slot);
    setPte(c.s, c.l.dst_mm, a, p);
    return;
  }
  let pte = p;
  if (cow && p.write) {
    // ptep_set_wrprotect(src_mm, addr, src_pte); pte = pte_wrprotect(pte);
    pte = presentWith(p, { write: false });
    setPte(c.s, c.l.src_mm, a, pte);
  }
  // if (vm_flags & VM_SHARED) pte = pte_mkclean(pte); pte = pte_mkold(pte);
  // page = vm_normal_page(vma, addr, pte); if (page) { get_page(page); page_dup_rmap(page, false); }  (NULL: the zero page)
  const child: Pte = presentWith(pte, { dirty: v.flags.shared ? false : pte.dirty, young: false });
  if (!isZeroPfn(c.s, p.frame)) {
    getPage(c.s, p.frame);
    addRmap(c.s, p.frame);
  }
  setPte(c.s, c.l.dst_mm, a, child); // out_set_pte: set_pte_at(dst_mm, addr, dst_pte, pte);
}

export const copyPageRange = defineProgram({
  name: 'copy_page_range',
  file: 'mm/memory.c',
  params: ['dst_mm', 'src_mm', 'vma'],
  locals,
  steps: ($) => [
    $.step('is_cow_mapping', (c) => {
      const v = vmaOf(c.s, c.l.vma);
      if (!v.flags.hugetlb && v.anonVma === null) {
        c.ret(0);
        return DONE;
      }
      if (v.flags.hugetlb) {
        // return copy_hugetlb_page_range(dst_mm, src_mm, vma);  (the model's takes the child's vma, dup_mmap's tmp, linked at the same start)
        const dst = findVma(c.s, c.l.dst_mm, v.start);
        if (dst === null) return c.fail('copy_page_range of a hugetlb vma with no child vma');
        return c.call(copyHugetlbPageRange, { vma: v.id, dst_vma: dst }, 'return');
      }
      c.l.addr = v.start;
      c.l.end = v.end;
      c.l.is_cow = isCow(v);
      if (!isCow(v)) return 'copy_pmd_range';
      c.l.range = rangeInit(c, COPY_PAGE_RANGE_SITE, c.l.src_mm, v.start, v.end);
      return c.call(invalidateRangeStart, { r: c.l.range }, 'copy_pmd_range');
    }),
    $.step('copy_pmd_range', {
      at: 'copy_pmd_range',
      run: (c) => {
        // do { next = pmd_addr_end(addr, end); ... if (pmd_none_or_clear_bad(src_pmd)) continue; ... } while (...)
        for (;;) {
          if (c.l.addr >= c.l.end) return 'mmu_notifier_invalidate_range_end';
          c.l.next = pmdAddrEnd(c.g, c.l.addr, c.l.end);
          const e = pmdAt(c.s, c.l.src_mm, c.l.addr);
          if (e !== null && e.kind === 'migration') return c.fail('copy_huge_pmd of a PMD migration entry is not modelled');
          // copy_huge_pmd: /* Skip if can be re-fill on fault */ if (!vma_is_anonymous(vma)) return 0;
          const skip = e !== null && e.kind === 'huge' && vmaOf(c.s, c.l.vma).file !== null;
          if (e !== null && !skip) {
            c.l.huge = e.kind === 'huge';
            return 'pmd_alloc';
          }
          c.l.addr = c.l.next;
        }
      },
    }),
    $.step('pmd_alloc', {
      at: '__pmd_alloc',
      guard: (v) => canTake(v.s, LockName.pageTable(v.l.dst_mm)),
      run: (c) => {
        // dst_pmd = pmd_alloc(dst_mm, dst_pud, addr);
        if (pmdTableOf(c.s, c.l.dst_mm, c.l.addr) === null) populatePmdTable(c.s, c.l.dst_mm, c.l.addr);
        return c.l.huge ? 'copy_huge_pmd' : '__pte_alloc';
      },
    }),
    $.lock('copy_huge_pmd', dstPmdl, { at: 'mm/huge_memory.c:copy_huge_pmd' }), // pgtable = pte_alloc_one(dst_mm, addr); dst_ptl = pmd_lock(dst_mm, dst_pmd);
    $.lock('spin_lock_nested(src_ptl)', srcPmdl, {
      at: 'mm/huge_memory.c:copy_huge_pmd',
      then: (c) => {
        // ret = -EAGAIN; pmd = *src_pmd; if (unlikely(!pmd_trans_huge(pmd))) { pte_free(dst_mm, pgtable); goto out_unlock; }
        const e = pmdAt(c.s, c.l.src_mm, c.l.addr);
        c.l.huge = e !== null && e.kind === 'huge';
        if (e === null || e.kind !== 'huge') return 'spin_unlock(src_ptl)';
        // get_page(src_page); page_dup_rmap(src_page, true); pgtable_trans_huge_deposit(dst_mm, dst_pmd, pgtable);
        getPage(c.s, e.frame);
        addRmap(c.s, e.frame);
        // pmdp_set_wrprotect(src_mm, addr, src_pmd); pmd = pmd_mkold(pmd_wrprotect(pmd)); set_pmd_at(dst_mm, addr, dst_pmd, pmd);
        setPmd(c.s, c.l.src_mm, c.l.addr, { ...e, write: false });
        setPmd(c.s, c.l.dst_mm, c.l.addr, { ...e, write: false, young: false });
        return undefined;
      },
    }),
    $.unlock('spin_unlock(src_ptl)', srcPmdl, { at: 'mm/huge_memory.c:copy_huge_pmd' }),
    $.unlock('spin_unlock(dst_ptl)', dstPmdl, {
      at: 'mm/huge_memory.c:copy_huge_pmd',
      then: (c) => {
        // copy_pmd_range: if (!err) continue; /* fall through */ (-EAGAIN: the PMD is no longer huge)
        // ... if (pmd_none_or_clear_bad(src_pmd)) continue; copy_pte_range(...)
        if (c.l.huge || pteTableOf(c.s, c.l.src_mm, c.l.addr) === null) {
          c.l.addr = c.l.next;
          return 'copy_pmd_range';
        }
        return '__pte_alloc';
      },
    }),
    $.lock('__pte_alloc', dstPmdl, {
      at: '__pte_alloc',
      then: (c) => {
        // dst_pte = pte_alloc_map_lock(dst_mm, dst_pmd, addr, &dst_ptl): __pte_alloc under pmd_lock
        if (pmdAt(c.s, c.l.dst_mm, c.l.addr) === null) populatePteTable(c.s, c.l.dst_mm, c.l.addr);
        return undefined;
      },
    }),
    $.unlock('pmd_unlock', dstPmdl, { at: '__pte_alloc' }),
    $.lock('pte_alloc_map_lock', dstPtl, { at: 'copy_pte_range' }),
    $.lock('spin_lock_nested', srcPtl, {
      at: 'copy_pte_range',
      then: (c) => {
        c.l.pte = c.l.addr;
        return undefined;
      },
    }),
    // do { if (pte_none(*src_pte)) { progress++; continue; } entry.val = copy_one_pte(...); } while (dst_pte++, src_pte++, addr += PAGE_SIZE, addr != end);
    pteLoop($, {
      at: 'copy_one_pte',
      loop: 'copy_one_pte',
      mm: (v) => v.l.src_mm,
      cursor: 'pte',
      end: (v) => v.l.next,
      done: 'spin_unlock',
      visit: (c, a, p) => copyOnePte(c, a, p),
    }),
    $.unlock('spin_unlock', srcPtl, { at: 'copy_pte_range' }),
    $.unlock('pte_unmap_unlock', dstPtl, {
      at: 'copy_pte_range',
      then: (c) => {
        c.l.addr = c.l.next;
        return 'copy_pmd_range';
      },
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) =>
      // if (is_cow) mmu_notifier_invalidate_range_end(&range);
      c.l.is_cow ? c.call(invalidateRangeEnd, { r: c.l.range }, 'return') : 'return',
    ),
    $.local('return', (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
});
