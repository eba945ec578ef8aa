/**
 * The page-fault path of mm/memory.c (v5.0), minimal but lock-faithful:
 * `handle_mm_fault` {vma, addr, write} with mmap_sem held by the caller.
 * Walk: __pmd_alloc (page_table_lock), huge PMD (do_huge_pmd_wp_page is
 * site #4's program; else huge_pmd_set_accessed), __pte_alloc (pmd lock),
 * then handle_pte_fault: do_anonymous_page, the file faults
 * (do_read_fault / do_cow_fault / do_shared_fault through __do_fault and
 * alloc_set_pte), do_wp_page (reuse, or the `wp_page_copy` program of site
 * #19), migration_entry_wait, do_swap_page (swapFaultSteps.ts), or
 * ptep_set_access_flags.
 * Returns 0 or a negative errno in rv (-12 VM_FAULT_OOM, -14 SIGSEGV/SIGBUS).
 * THP on fault: a none PMD of an anonymous VM_HUGEPAGE vma goes to
 * create_huge_pmd -> do_huge_pmd_anonymous_page (its own program), which may
 * fall back to PTEs. An anonymous read fault maps the zero page
 * (anonFaultSteps.ts).
 * Abstracted: no huge zero page, no userfaultfd,
 * do_wp_page's trylock_page dance (the page lock is assumed taken).
 */
import { LockName } from '../locks.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, pteAt, pteTableOf, setPmd } from '../pageTable.js';
import { defineProgram, type View } from '../step/defineProgram.js';
import { vmaOf } from '../vmas.js';
import { doHugePmdWpPage } from '../../sites/doHugePmdWpPage.js';
import { hugetlbFault } from '../../sites/hugetlbFault.js';
import { anonFaultSteps } from './anonFaultSteps.js';
import { THP_FALLBACK, doHugePmdAnonymousPage } from './doHugePmdAnonymousPage.js';
import { finish, here, mmOf, pmdl, type FaultL } from './faultHelpers.js';
import { fileFaultSteps } from './fileFaultSteps.js';
import { presentPteSteps } from './presentPteSteps.js';
import { swapFaultSteps } from './swapFaultSteps.js';

const pageTableLock = (v: View<FaultL>): string => LockName.pageTable(mmOf(v.s, v.l.vma));

/** `handle_mm_fault(vma, address, flags)` {vma, addr, write}: rv 0 or a negative errno. */
export const handleMmFault = defineProgram({
  name: 'handle_mm_fault',
  file: 'mm/memory.c',
  locals: (a: { vma: number; addr: number; write: boolean }): FaultL => ({
    vma: a.vma ?? null,
    addr: a.addr ?? null,
    write: a.write ?? false,
    page: -1,
    cow: -1,
    slot: -1,
  }),
  steps: ($) => [
    $.step('pud_alloc', {
      at: '__handle_mm_fault',
      run: (c) => {
        // if (unlikely(is_vm_hugetlb_page(vma))) ret = hugetlb_fault(vma->vm_mm, vma, address, flags);  (program of the huge-page sites, model/sites/hugePrograms.ts)
        if (vmaOf(c.s, c.l.vma).flags.pfnmap) return c.fail('a fault on a VM_PFNMAP vma (vm_ops->fault of a driver) is not modelled');
        if (vmaOf(c.s, c.l.vma).flags.hugetlb) return c.call(hugetlbFault, { vma: c.l.vma, addr: c.l.addr, write: c.l.write }, 'huge_fault_returned');
        // pud_alloc(): pud_none(*pud)? -> __pmd_alloc (mm/memory.c): new = pmd_alloc_one(mm, address)
        const { mm, addr } = here(c);
        return pmdTableOf(c.s, mm, addr) === null ? '__pmd_alloc' : '__handle_mm_fault';
      },
    }),
    $.lock('__pmd_alloc', pageTableLock, {
      at: '__pmd_alloc',
      then: (c) => {
        // spin_lock(&mm->page_table_lock); if (!pud_present(*pud)) { mm_inc_nr_pmds(mm); pud_populate(mm, pud, new); } else pmd_free(mm, new);
        const { mm, addr } = here(c);
        if (pmdTableOf(c.s, mm, addr) === null) populatePmdTable(c.s, mm, addr);
        return undefined;
      },
    }),
    $.unlock('spin_unlock(&mm->page_table_lock)', pageTableLock, { at: '__pmd_alloc' }),
    $.step('__handle_mm_fault', {
      at: '__handle_mm_fault',
      run: (c) => {
        // vmf.pmd = pmd_alloc(); if (pmd_trans_huge(orig_pmd) || pmd_devmap(orig_pmd)) { ... }
        const { mm, addr, write } = here(c);
        const e = pmdAt(c.s, mm, addr);
        // if (pmd_none(*vmf.pmd) && __transparent_hugepage_enabled(vma)) { ret = create_huge_pmd(&vmf); if (!(ret & VM_FAULT_FALLBACK)) return ret; }
        // create_huge_pmd: if (vma_is_anonymous(vmf->vma)) return do_huge_pmd_anonymous_page(vmf);  (enabled = madvise: VM_HUGEPAGE)
        const v = vmaOf(c.s, c.l.vma);
        if (e === null && v.flags.hugepage && v.file === null) return c.call(doHugePmdAnonymousPage, { vma: v.id, addr, write }, 'create_huge_pmd_returned');
        if (e === null) return '__pte_alloc';
        if (e.kind === 'table') return 'handle_pte_fault';
        if (e.kind === 'migration') return 'pmd_migration_entry_wait';
        if (write && !e.write) return c.call(doHugePmdWpPage, { vma: c.l.vma, addr }, 'huge_fault_returned');
        return 'huge_pmd_set_accessed';
      },
    }),
    $.step('pmd_migration_entry_wait', {
      at: '__handle_mm_fault',
      // not `local`: the guard reads the PMD, which other threads write (review P7)
      guard: (v) => pmdAt(v.s, mmOf(v.s, v.l.vma), v.l.addr)?.kind !== 'migration',
      run: () => '__handle_mm_fault',
    }),
    $.lock('huge_pmd_set_accessed', pmdl, {
      at: 'mm/huge_memory.c:huge_pmd_set_accessed',
      then: (c) => {
        // vmf->ptl = pmd_lock(); if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto unlock; pmdp_set_access_flags(...young, dirty if write)
        const { mm, addr, write } = here(c);
        const e = pmdAt(c.s, mm, addr);
        if (e !== null && e.kind === 'huge')
          setPmd(c.s, mm, addr, { ...e, young: true, dirty: e.dirty || (write && e.write), softDirty: e.softDirty || (write && e.write) });
        return undefined;
      },
    }),
    $.unlock('spin_unlock(vmf->ptl)', pmdl, { at: 'mm/huge_memory.c:huge_pmd_set_accessed', then: (c) => finish(c, 0) }),
    $.local(
      'create_huge_pmd_returned',
      // if (!(ret & VM_FAULT_FALLBACK)) return ret;  else handle_pte_fault(&vmf) (whose pmd_none path is __pte_alloc)
      (c) => (c.t.rv === THP_FALLBACK ? '__pte_alloc' : finish(c, typeof c.t.rv === 'number' ? c.t.rv : 0)),
      '__handle_mm_fault',
    ),
    $.local('huge_fault_returned', (c) => finish(c, typeof c.t.rv === 'number' ? c.t.rv : 0), '__handle_mm_fault'),
    $.lock('__pte_alloc', pmdl, {
      at: '__pte_alloc',
      then: (c) => {
        // new = pte_alloc_one(); ptl = pmd_lock(mm, pmd); if (likely(pmd_none(*pmd))) { mm_inc_nr_ptes(mm); pmd_populate(mm, pmd, new); new = NULL; }
        const { mm, addr } = here(c);
        if (pmdAt(c.s, mm, addr) === null) populatePteTable(c.s, mm, addr);
        return undefined;
      },
    }),
    $.unlock('spin_unlock(ptl)', pmdl, {
      at: '__pte_alloc',
      then: (c) => {
        // spin_unlock(ptl); if (new) pte_free(mm, new);  -- a huge PMD raced in: walk again
        const { mm, addr } = here(c);
        return pmdAt(c.s, mm, addr)?.kind === 'table' ? 'handle_pte_fault' : '__handle_mm_fault';
      },
    }),
    $.step('handle_pte_fault', {
      at: 'handle_pte_fault',
      run: (c) => {
        // vmf->orig_pte = *vmf->pte (no lock); dispatch on it
        const { mm, addr, write } = here(c);
        if (pteTableOf(c.s, mm, addr) === null) return '__handle_mm_fault'; // pmd_devmap_trans_unstable: retry the walk
        const p = pteAt(c.s, mm, addr);
        const v = vmaOf(c.s, c.l.vma);
        if (p === null) {
          if (v.file === null) return 'alloc_zeroed_user_highpage_movable';
          if (!write) return '__do_fault'; // do_read_fault
          if (!v.flags.shared) return 'alloc_page_vma'; // do_cow_fault
          return '__do_fault'; // do_shared_fault
        }
        if (p.kind === 'migration') return 'migration_entry_wait';
        if (p.kind === 'swap') {
          c.l.slot = p.slot; // if (!pte_present(vmf->orig_pte)) return do_swap_page(vmf);
          return 'swapin_readahead';
        }
        return 'spin_lock';
      },
    }),
    $.step('migration_entry_wait', {
      at: 'mm/migrate.c:__migration_entry_wait',
      // pte still a migration entry: get_page + wait_on_page_locked until remove_migration_ptes
      // not `local`: the guard reads the PTE, which other threads write (review P7)
      guard: (v) => pteAt(v.s, mmOf(v.s, v.l.vma), v.l.addr)?.kind !== 'migration',
      run: () => 'handle_pte_fault',
    }),
    ...anonFaultSteps($),
    ...fileFaultSteps($),
    ...presentPteSteps($),
    ...swapFaultSteps($),
  ],
});
