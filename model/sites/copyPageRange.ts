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
 * flush_tlb_mm(oldmm), after the range ended. Not modelled: PMD migration
 * entries (a ModelError), swap entries, PFNMAP, the huge zero page.
 */
import { addRmap, getPage, isZeroPfn } from '../mm/frames.js';
import { swapDuplicate } from '../mm/swap.js';
import { pmdAddrEnd } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import type { Pte, Vma } from '../mm/MmState.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, pteAt, pteTableOf, setPmd, setPte } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { vmaOf } from '../mm/vmas.js';

const M = 'mm/memory.c';
const H = 'mm/huge_memory.c';
export const COPY_PAGE_RANGE_SITE = '15';
const num = (v: StepView | StepCtx, k: string): number => v.l[k] as number;
const dstPmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, num(v, 'dst_mm'), num(v, 'addr'))!);
const srcPmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, num(v, 'src_mm'), num(v, 'addr'))!);
const dstPtl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, num(v, 'dst_mm'), num(v, 'addr'))!);
const srcPtl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, num(v, 'src_mm'), num(v, 'addr'))!);
/** is_cow_mapping: (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE (private mappings are VM_MAYWRITE here). */
const isCow = (v: Vma): boolean => !v.flags.mayshare;

function copyOnePte(c: StepCtx, a: number, p: NonNullable<Pte>): void {
  const v = vmaOf(c.s, c.n('vma'));
  const cow = isCow(v);
  if (p.kind === 'migration') {
    // is_write_migration_entry(entry) && is_cow_mapping(vm_flags): make_migration_entry_read(&entry); set_pte_at(src_mm, ...)
    const e = cow ? { ...p, write: false } : p;
    if (e !== p) setPte(c.s, c.n('src_mm'), a, e);
    setPte(c.s, c.n('dst_mm'), a, e);
    return;
  }
  if (p.kind === 'swap') {
    // if (swap_duplicate(entry) < 0) return entry.val; ... (the child's swap PTE; a non-migration entry is not write-protected)
    swapDuplicate(c.s, p.slot);
    setPte(c.s, c.n('dst_mm'), a, p);
    return;
  }
  let pte = p;
  if (cow && p.write) {
    // ptep_set_wrprotect(src_mm, addr, src_pte); pte = pte_wrprotect(pte);
    pte = { ...p, write: false };
    setPte(c.s, c.n('src_mm'), a, pte);
  }
  // if (vm_flags & VM_SHARED) pte = pte_mkclean(pte); pte = pte_mkold(pte);
  // page = vm_normal_page(vma, addr, pte); if (page) { get_page(page); page_dup_rmap(page, false); }  (NULL: the zero page)
  const child: Pte = { ...pte, dirty: v.flags.shared ? false : pte.dirty, young: false };
  if (!isZeroPfn(c.s, p.frame)) {
    getPage(c.s, p.frame);
    addRmap(c.s, p.frame);
  }
  setPte(c.s, c.n('dst_mm'), a, child); // out_set_pte: set_pte_at(dst_mm, addr, dst_pte, pte);
}

export const copyPageRange: Program = {
  name: 'copy_page_range',
  locals: (a) => ({ dst_mm: a['dst_mm'] ?? null, src_mm: a['src_mm'] ?? null, vma: a['vma'] ?? null, addr: 0, end: 0, next: 0, is_cow: false, range: -1, pte: 0, huge: false }),
  steps: [
    {
      label: 'is_cow_mapping',
      at: `${M}:copy_page_range`,
      run: (c) => {
        const v = vmaOf(c.s, c.n('vma'));
        if (!v.flags.hugetlb && v.anonVma === null) {
          c.ret(0);
          return DONE;
        }
        if (v.flags.hugetlb) return c.call('copy_hugetlb_page_range', { dst_mm: c.n('dst_mm'), src_mm: c.n('src_mm'), vma: v.id }, 'return');
        c.l['addr'] = v.start;
        c.l['end'] = v.end;
        c.l['is_cow'] = isCow(v);
        if (!isCow(v)) return 'copy_pmd_range';
        c.l['range'] = rangeInit(c, COPY_PAGE_RANGE_SITE, c.n('src_mm'), v.start, v.end);
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'copy_pmd_range');
      },
    },
    {
      label: 'copy_pmd_range',
      at: `${M}:copy_pmd_range`,
      run: (c) => {
        // do { next = pmd_addr_end(addr, end); ... if (pmd_none_or_clear_bad(src_pmd)) continue; ... } while (...)
        for (;;) {
          if (c.n('addr') >= c.n('end')) return 'mmu_notifier_invalidate_range_end';
          c.l['next'] = pmdAddrEnd(c.g, c.n('addr'), c.n('end'));
          const e = pmdAt(c.s, c.n('src_mm'), c.n('addr'));
          if (e !== null && e.kind === 'migration') return c.fail('copy_huge_pmd of a PMD migration entry is not modelled');
          // copy_huge_pmd: /* Skip if can be re-fill on fault */ if (!vma_is_anonymous(vma)) return 0;
          const skip = e !== null && e.kind === 'huge' && vmaOf(c.s, c.n('vma')).file !== null;
          if (e !== null && !skip) {
            c.l['huge'] = e.kind === 'huge';
            return 'pmd_alloc';
          }
          c.l['addr'] = c.n('next');
        }
      },
    },
    {
      label: 'pmd_alloc',
      at: `${M}:__pmd_alloc`,
      guard: (v) => canTake(v.s, LockName.pageTable(num(v, 'dst_mm'))),
      run: (c) => {
        // dst_pmd = pmd_alloc(dst_mm, dst_pud, addr);
        if (pmdTableOf(c.s, c.n('dst_mm'), c.n('addr')) === null) populatePmdTable(c.s, c.n('dst_mm'), c.n('addr'));
        return c.l['huge'] === true ? 'copy_huge_pmd' : '__pte_alloc';
      },
    },
    lockStep('copy_huge_pmd', `${H}:copy_huge_pmd`, dstPmdl), // pgtable = pte_alloc_one(dst_mm, addr); dst_ptl = pmd_lock(dst_mm, dst_pmd);
    lockStep('spin_lock_nested(src_ptl)', `${H}:copy_huge_pmd`, srcPmdl, 'w', (c) => {
      // ret = -EAGAIN; pmd = *src_pmd; if (unlikely(!pmd_trans_huge(pmd))) { pte_free(dst_mm, pgtable); goto out_unlock; }
      const e = pmdAt(c.s, c.n('src_mm'), c.n('addr'));
      c.l['huge'] = e !== null && e.kind === 'huge';
      if (e === null || e.kind !== 'huge') return 'spin_unlock(src_ptl)';
      // get_page(src_page); page_dup_rmap(src_page, true); pgtable_trans_huge_deposit(dst_mm, dst_pmd, pgtable);
      getPage(c.s, e.frame);
      addRmap(c.s, e.frame);
      // pmdp_set_wrprotect(src_mm, addr, src_pmd); pmd = pmd_mkold(pmd_wrprotect(pmd)); set_pmd_at(dst_mm, addr, dst_pmd, pmd);
      setPmd(c.s, c.n('src_mm'), c.n('addr'), { ...e, write: false });
      setPmd(c.s, c.n('dst_mm'), c.n('addr'), { ...e, write: false, young: false });
      return undefined;
    }),
    unlockStep('spin_unlock(src_ptl)', `${H}:copy_huge_pmd`, srcPmdl),
    unlockStep('spin_unlock(dst_ptl)', `${H}:copy_huge_pmd`, dstPmdl, 'w', (c) => {
      // copy_pmd_range: if (!err) continue; /* fall through */ (-EAGAIN: the PMD is no longer huge)
      // ... if (pmd_none_or_clear_bad(src_pmd)) continue; copy_pte_range(...)
      if (c.l['huge'] === true || pteTableOf(c.s, c.n('src_mm'), c.n('addr')) === null) {
        c.l['addr'] = c.n('next');
        return 'copy_pmd_range';
      }
      return '__pte_alloc';
    }),
    lockStep('__pte_alloc', `${M}:__pte_alloc`, dstPmdl, 'w', (c) => {
      // dst_pte = pte_alloc_map_lock(dst_mm, dst_pmd, addr, &dst_ptl): __pte_alloc under pmd_lock
      if (pmdAt(c.s, c.n('dst_mm'), c.n('addr')) === null) populatePteTable(c.s, c.n('dst_mm'), c.n('addr'));
      return undefined;
    }),
    unlockStep('pmd_unlock', `${M}:__pte_alloc`, dstPmdl),
    lockStep('pte_alloc_map_lock', `${M}:copy_pte_range`, dstPtl),
    lockStep('spin_lock_nested', `${M}:copy_pte_range`, srcPtl, 'w', (c) => {
      c.l['pte'] = c.n('addr');
      return undefined;
    }),
    {
      label: 'copy_one_pte',
      at: `${M}:copy_one_pte`,
      run: (c) => {
        // do { if (pte_none(*src_pte)) { progress++; continue; } entry.val = copy_one_pte(...); } while (dst_pte++, src_pte++, addr += PAGE_SIZE, addr != end);
        let a = c.n('pte');
        while (a < c.n('next') && pteAt(c.s, c.n('src_mm'), a) === null) a++;
        if (a >= c.n('next')) return 'spin_unlock';
        copyOnePte(c, a, pteAt(c.s, c.n('src_mm'), a)!);
        c.l['pte'] = a + 1;
        return 'copy_one_pte';
      },
    },
    unlockStep('spin_unlock', `${M}:copy_pte_range`, srcPtl),
    unlockStep('pte_unmap_unlock', `${M}:copy_pte_range`, dstPtl, 'w', (c) => {
      c.l['addr'] = c.n('next');
      return 'copy_pmd_range';
    }),
    localStep('mmu_notifier_invalidate_range_end', `${M}:copy_page_range`, (c) =>
      // if (is_cow) mmu_notifier_invalidate_range_end(&range);
      c.l['is_cow'] === true ? c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return') : 'return',
    ),
    localStep('return', `${M}:copy_page_range`, (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
};
