/**
 * THP on fault, mm/huge_memory.c:do_huge_pmd_anonymous_page (v5.0)
 * {vma, addr, write}, called by handle_mm_fault (mm/memory.c:__handle_mm_fault
 * -> create_huge_pmd) for an anonymous vma with VM_HUGEPAGE when the PMD is
 * none. rv = 0 (mapped, or lost the race), -12 (VM_FAULT_OOM) or
 * THP_FALLBACK (VM_FAULT_FALLBACK: the caller goes on with PTEs).
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
 * allocates its PTE table), memcg charge failure, userfaultfd, the
 * check_stable_address_space of an oom victim.
 */
import { addRmap, allocFrame, putPage } from '../frames.js';
import { pmdSize } from '../Geometry.js';
import { pmdAt, setPmd } from '../pageTable.js';
import type { Program } from '../step/Program.js';
import { lockStep, unlockStep } from '../step/steps.js';
import { vmaOf } from '../vmas.js';
import { finish, here, pmdl } from './faultHelpers.js';

const H = 'mm/huge_memory.c';
/** VM_FAULT_FALLBACK as this model's return value. */
export const THP_FALLBACK = 1;

export const doHugePmdAnonymousPage: Program = {
  name: 'do_huge_pmd_anonymous_page',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, page: -1 }),
  steps: [
    {
      label: 'alloc_hugepage_vma',
      at: `${H}:do_huge_pmd_anonymous_page`,
      run: (c) => {
        // unsigned long haddr = vmf->address & HPAGE_PMD_MASK; if (haddr < vma->vm_start || haddr + HPAGE_PMD_SIZE > vma->vm_end) return VM_FAULT_FALLBACK;
        const v = vmaOf(c.s, c.n('vma'));
        const haddr = c.n('addr') - (c.n('addr') % pmdSize(c.g));
        if (haddr < v.start || haddr + pmdSize(c.g) > v.end) return finish(c, THP_FALLBACK);
        // anon_vma_prepare(vma) (the model's anonymous vmas have one); khugepaged_enter(vma, vma->vm_flags);
        // page = alloc_hugepage_vma(gfp, vma, haddr, HPAGE_PMD_ORDER); if (unlikely(!page)) { count_vm_event(THP_FAULT_FALLBACK); return VM_FAULT_FALLBACK; }
        const f = allocFrame(c.s, 'anon', null, 0, true);
        if (f < 0) return finish(c, THP_FALLBACK);
        // __do_huge_pmd_anonymous_page: pgtable = pte_alloc_one(vma->vm_mm); clear_huge_page(page, vmf->address, HPAGE_PMD_NR); __SetPageUptodate(page);
        c.l['page'] = f;
        return undefined;
      },
    },
    lockStep('pmd_lock', `${H}:__do_huge_pmd_anonymous_page`, pmdl, 'w', (c) => {
      // vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd); if (unlikely(!pmd_none(*vmf->pmd))) goto unlock_release;
      const { mm, addr } = here(c);
      if (pmdAt(c.s, mm, addr) !== null) {
        // unlock_release: spin_unlock(vmf->ptl); release: pte_free(vma->vm_mm, pgtable); put_page(page); return ret (0);
        putPage(c.s, c.n('page'));
        c.l['page'] = -1;
        return 'spin_unlock';
      }
      // entry = mk_huge_pmd(page, vma->vm_page_prot); entry = maybe_pmd_mkwrite(pmd_mkdirty(entry), vma);  (x86 pmd_mkdirty: _PAGE_DIRTY | _PAGE_SOFT_DIRTY)
      // page_add_new_anon_rmap(page, vma, haddr, true); pgtable_trans_huge_deposit(vma->vm_mm, vmf->pmd, pgtable); set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry);
      addRmap(c.s, c.n('page'));
      setPmd(c.s, mm, addr, { kind: 'huge', frame: c.n('page'), write: vmaOf(c.s, c.n('vma')).flags.write, dirty: true, young: true, softDirty: true });
      return undefined;
    }),
    unlockStep('spin_unlock', `${H}:__do_huge_pmd_anonymous_page`, pmdl, 'w', (c) => finish(c, 0)),
  ],
};
