/**
 * THP on fault, mm/huge_memory.c:do_huge_pmd_anonymous_page (v5.0)
 * {vma, addr, write}, called by handle_mm_fault (mm/memory.c:__handle_mm_fault
 * -> create_huge_pmd) for an anonymous vma with VM_HUGEPAGE when the PMD is
 * none. rv = 0 (mapped, or lost the race) or THP_FALLBACK
 * (VM_FAULT_FALLBACK: the caller goes on with PTEs); the VM_FAULT_OOM of a
 * failed pte_alloc_one is not modelled.
 *
 *   if (haddr < vma->vm_start || haddr + HPAGE_PMD_SIZE > vma->vm_end) return VM_FAULT_FALLBACK;
 *   anon_vma_prepare(vma); khugepaged_enter(vma, vma->vm_flags);
 *   [read fault && transparent_hugepage_use_zero_page(): the huge zero page]
 *   page = alloc_hugepage_vma(...); if (!page) return VM_FAULT_FALLBACK;
 *   __do_huge_pmd_anonymous_page: pgtable = pte_alloc_one(); clear_huge_page(); __SetPageUptodate(page);
 *     vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd);
 *     if (!pmd_none(*vmf->pmd)) goto unlock_release;   -- spin_unlock; pte_free; put_page; return 0
 *     entry = maybe_pmd_mkwrite(pmd_mkdirty(mk_huge_pmd(page, vma->vm_page_prot)), vma);
 *     page_add_new_anon_rmap(page, vma, haddr, true); pgtable_trans_huge_deposit(); set_pmd_at(); spin_unlock(vmf->ptl);
 *
 * Assumed sysfs settings: transparent_hugepage/enabled = madvise (only a
 * VM_HUGEPAGE vma, scenario `thp: true`, gets THP on fault, so scenarios
 * without it keep their meaning) and use_zero_page = 0 (no huge zero page: a
 * read fault allocates too). Not modelled: the deposited page table (a split
 * allocates its PTE table), memcg charge failure, userfaultfd. An oom
 * victim's mm (MMF_UNSTABLE) fails the fault: check_stable_address_space,
 * VM_FAULT_SIGBUS (-EFAULT here).
 */
import { addRmap, allocFrame, putPage } from '../frames.js';
import { pmdSize } from '../Geometry.js';
import { pmdAt, setPmd } from '../pageTable.js';
import { DONE, defineProgram, type Ctx } from '../step/defineProgram.js';
import { vmaOf } from '../vmas.js';
import { pmdl } from './faultHelpers.js';
import { EFAULT } from '../errno.js';

/** VM_FAULT_FALLBACK as this model's return value. */
export const THP_FALLBACK = 1;

interface Args {
  readonly vma: number;
  readonly addr: number;
  /** default false */
  readonly write?: boolean;
}
const locals = (a: Args) => ({ vma: a.vma, addr: a.addr, write: a.write ?? false, page: -1 });
type L = ReturnType<typeof locals>;

/** return ret; */
function finish(c: Ctx<L>, rv: number): typeof DONE {
  c.ret(rv);
  return DONE;
}

export const doHugePmdAnonymousPage = defineProgram({
  name: 'do_huge_pmd_anonymous_page',
  file: 'mm/huge_memory.c',
  params: ['vma', 'addr'],
  locals,
  steps: ($) => [
    $.step('alloc_hugepage_vma', (c) => {
      // unsigned long haddr = vmf->address & HPAGE_PMD_MASK; if (haddr < vma->vm_start || haddr + HPAGE_PMD_SIZE > vma->vm_end) return VM_FAULT_FALLBACK;
      const v = vmaOf(c.s, c.l.vma);
      const haddr = c.l.addr - (c.l.addr % pmdSize(c.g));
      if (haddr < v.start || haddr + pmdSize(c.g) > v.end) return finish(c, THP_FALLBACK);
      // anon_vma_prepare(vma) (the model's anonymous vmas have one); khugepaged_enter(vma, vma->vm_flags);
      // page = alloc_hugepage_vma(gfp, vma, haddr, HPAGE_PMD_ORDER); if (unlikely(!page)) { count_vm_event(THP_FAULT_FALLBACK); return VM_FAULT_FALLBACK; }
      const f = allocFrame(c.s, 'anon', null, 0, true);
      if (f < 0) return finish(c, THP_FALLBACK);
      // __do_huge_pmd_anonymous_page: pgtable = pte_alloc_one(vma->vm_mm); clear_huge_page(page, vmf->address, HPAGE_PMD_NR); __SetPageUptodate(page);
      c.l.page = f;
      return undefined;
    }),
    $.lock('pmd_lock', pmdl, {
      at: '__do_huge_pmd_anonymous_page',
      then: (c) => {
        // vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd); if (unlikely(!pmd_none(*vmf->pmd))) goto unlock_release;
        const mm = vmaOf(c.s, c.l.vma).mm;
        if (pmdAt(c.s, mm, c.l.addr) !== null) {
          // unlock_release: spin_unlock(vmf->ptl); release: pte_free(vma->vm_mm, pgtable); put_page(page); return ret (0);
          putPage(c.s, c.l.page);
          c.l.page = -1;
          return 'spin_unlock';
        }
        // ret = check_stable_address_space(vma->vm_mm); if (ret) goto unlock_release;  (VM_FAULT_SIGBUS: -EFAULT here)
        if (c.s.mms[mm]!.unstable) {
          putPage(c.s, c.l.page);
          c.l.page = -1;
          c.unlock(pmdl(c));
          return finish(c, EFAULT);
        }
        // entry = mk_huge_pmd(page, vma->vm_page_prot); entry = maybe_pmd_mkwrite(pmd_mkdirty(entry), vma);  (x86 pmd_mkdirty: _PAGE_DIRTY | _PAGE_SOFT_DIRTY)
        // page_add_new_anon_rmap(page, vma, haddr, true); pgtable_trans_huge_deposit(vma->vm_mm, vmf->pmd, pgtable); set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry);
        addRmap(c.s, c.l.page);
        setPmd(c.s, mm, c.l.addr, { kind: 'huge', frame: c.l.page, write: vmaOf(c.s, c.l.vma).flags.write, dirty: true, young: true, softDirty: true });
        return undefined;
      },
    }),
    $.unlock('spin_unlock', pmdl, { at: '__do_huge_pmd_anonymous_page', then: (c) => finish(c, 0) }),
  ],
});
