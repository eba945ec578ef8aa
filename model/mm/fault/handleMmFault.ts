/**
 * The page-fault path of mm/memory.c (v5.0), minimal but lock-faithful:
 * `handle_mm_fault` {vma, addr, write} with mmap_sem held by the caller.
 * Walk: __pmd_alloc (page_table_lock), huge PMD (do_huge_pmd_wp_page is
 * site #4's program; else huge_pmd_set_accessed), __pte_alloc (pmd lock),
 * then handle_pte_fault: do_anonymous_page, the file faults
 * (do_read_fault / do_cow_fault / do_shared_fault through __do_fault and
 * alloc_set_pte), do_wp_page (reuse, or the `wp_page_copy` program of site
 * #19), migration_entry_wait, or ptep_set_access_flags.
 * Returns 0 or a negative errno in rv (-12 VM_FAULT_OOM, -14 SIGSEGV/SIGBUS).
 * Abstracted: no zero page (an anonymous read fault allocates, as with
 * mm_forbids_zeropage), no THP allocation on fault, no swap, no userfaultfd,
 * do_wp_page's trylock_page dance (the page lock is assumed taken).
 */
import { allocFrame, addRmap, getPage, putPage, setPageDirty } from '../frames.js';
import { LockName, canTake } from '../locks.js';
import type { MmState, Pte } from '../MmState.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, pteAt, pteTableOf, setPte, setPmd } from '../pageTable.js';
import type { Program, StepView } from '../step/Program.js';
import { DONE } from '../step/Program.js';
import type { StepCtx } from '../step/StepCtx.js';
import { lockStep, unlockStep } from '../step/steps.js';
import { vmaOf } from '../vmas.js';

const M = 'mm/memory.c';
const num = (v: StepView, k: string): number => v.l[k] as number;
const mmOf = (s: MmState, vma: number): number => vmaOf(s, vma).mm;
const ptl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, mmOf(v.s, num(v, 'vma')), num(v, 'addr'))!);
const pmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, mmOf(v.s, num(v, 'vma')), num(v, 'addr'))!);
const pageLock = (v: StepView): string => LockName.page(num(v, 'page'));

function here(c: StepCtx): { mm: number; addr: number; write: boolean } {
  return { mm: mmOf(c.s, c.n('vma')), addr: c.n('addr'), write: c.l['write'] === true };
}

function finish(c: StepCtx, rv: number): string {
  c.ret(rv);
  return DONE;
}

export const handleMmFault: Program = {
  name: 'handle_mm_fault',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, page: -1, cow: -1 }),
  steps: [
    {
      label: '__pmd_alloc',
      at: `${M}:__pmd_alloc`,
      guard: (v) => canTake(v.s, LockName.pageTable(mmOf(v.s, num(v, 'vma')))),
      run: (c) => {
        // if (unlikely(is_vm_hugetlb_page(vma))) ret = hugetlb_fault(vma->vm_mm, vma, address, flags);  (program of sites g2)
        if (vmaOf(c.s, c.n('vma')).flags.hugetlb) return c.call('hugetlb_fault', { vma: c.n('vma'), addr: c.n('addr'), write: c.l['write'] ?? false }, 'huge_fault_returned');
        // pud_alloc: new = pmd_alloc_one(); spin_lock(&mm->page_table_lock); if (!pud_present(*pud)) pud_populate(mm, pud, new); spin_unlock
        const { mm, addr } = here(c);
        if (pmdTableOf(c.s, mm, addr) === null) populatePmdTable(c.s, mm, addr);
        return undefined;
      },
    },
    {
      label: '__handle_mm_fault',
      at: `${M}:__handle_mm_fault`,
      run: (c) => {
        // vmf.pmd = pmd_alloc(); if (pmd_trans_huge(orig_pmd) || pmd_devmap(orig_pmd)) { ... }
        const { mm, addr, write } = here(c);
        const e = pmdAt(c.s, mm, addr);
        if (e === null || e.kind === 'table') return '__pte_alloc';
        if (e.kind === 'migration') return 'pmd_migration_entry_wait';
        if (write && !e.write) return c.call('do_huge_pmd_wp_page', { vma: c.n('vma'), addr }, 'huge_fault_returned');
        return 'huge_pmd_set_accessed';
      },
    },
    {
      label: 'pmd_migration_entry_wait',
      at: `${M}:__handle_mm_fault`,
      guard: (v) => pmdAt(v.s, mmOf(v.s, num(v, 'vma')), num(v, 'addr'))?.kind !== 'migration',
      local: true,
      run: () => '__handle_mm_fault',
    },
    {
      label: 'huge_pmd_set_accessed',
      at: 'mm/huge_memory.c:huge_pmd_set_accessed',
      guard: (v) => canTake(v.s, pmdl(v)),
      run: (c) => {
        // vmf->ptl = pmd_lock(); if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto unlock; pmdp_set_access_flags(...young, dirty if write)
        const { mm, addr, write } = here(c);
        const e = pmdAt(c.s, mm, addr);
        if (e !== null && e.kind === 'huge') setPmd(c.s, mm, addr, { ...e, young: true, dirty: e.dirty || (write && e.write) });
        return finish(c, 0);
      },
    },
    { label: 'huge_fault_returned', at: `${M}:__handle_mm_fault`, local: true, run: (c) => finish(c, typeof c.t.rv === 'number' ? c.t.rv : 0) },
    {
      label: '__pte_alloc',
      at: `${M}:__pte_alloc`,
      guard: (v) => canTake(v.s, pmdl(v)),
      run: (c) => {
        // new = pte_alloc_one(); ptl = pmd_lock(mm, pmd); if (likely(pmd_none(*pmd))) { mm_inc_nr_ptes(mm); pmd_populate(mm, pmd, new); } spin_unlock(ptl);
        const { mm, addr } = here(c);
        const e = pmdAt(c.s, mm, addr);
        if (e === null) populatePteTable(c.s, mm, addr);
        else if (e.kind !== 'table') return '__handle_mm_fault'; // raced with a huge mapping
        return undefined;
      },
    },
    {
      label: 'handle_pte_fault',
      at: `${M}:handle_pte_fault`,
      run: (c) => {
        // vmf->orig_pte = *vmf->pte (no lock); dispatch on it
        const { mm, addr, write } = here(c);
        if (pteTableOf(c.s, mm, addr) === null) return '__handle_mm_fault'; // pmd_devmap_trans_unstable: retry the walk
        const p = pteAt(c.s, mm, addr);
        const v = vmaOf(c.s, c.n('vma'));
        if (p === null) {
          if (v.file === null) return 'alloc_zeroed_user_highpage_movable';
          if (!write) return '__do_fault'; // do_read_fault
          if (!v.flags.shared) return 'alloc_page_vma'; // do_cow_fault
          return '__do_fault'; // do_shared_fault
        }
        if (p.kind === 'migration') return 'migration_entry_wait';
        return 'spin_lock';
      },
    },
    {
      label: 'migration_entry_wait',
      at: 'mm/migrate.c:__migration_entry_wait',
      // pte still a migration entry: get_page + wait_on_page_locked until remove_migration_ptes
      guard: (v) => pteAt(v.s, mmOf(v.s, num(v, 'vma')), num(v, 'addr'))?.kind !== 'migration',
      local: true,
      run: () => 'handle_pte_fault',
    },
    // ---- do_anonymous_page ----
    {
      label: 'alloc_zeroed_user_highpage_movable',
      at: `${M}:do_anonymous_page`,
      run: (c) => {
        const f = allocFrame(c.s, 'anon');
        if (f < 0) return finish(c, -12); // VM_FAULT_OOM
        c.l['page'] = f;
        return undefined;
      },
    },
    lockStep('pte_offset_map_lock', `${M}:do_anonymous_page`, ptl),
    {
      label: 'set_pte_at',
      at: `${M}:do_anonymous_page`,
      run: (c) => {
        // if (!pte_none(*vmf->pte)) goto release; page_add_new_anon_rmap(); entry = mk_pte(); if (vma->vm_flags & VM_WRITE) entry = pte_mkwrite(pte_mkdirty(entry)); set_pte_at()
        const { mm, addr } = here(c);
        const f = c.n('page');
        if (pteAt(c.s, mm, addr) !== null) {
          putPage(c.s, f);
          c.l['page'] = -1;
          return 'pte_unmap_unlock';
        }
        const w = vmaOf(c.s, c.n('vma')).flags.write;
        addRmap(c.s, f);
        setPte(c.s, mm, addr, { kind: 'present', frame: f, write: w, dirty: w, young: true, softDirty: true });
        return 'pte_unmap_unlock';
      },
    },
    // ---- file faults: __do_fault (filemap_fault) then alloc_set_pte ----
    {
      label: 'alloc_page_vma',
      at: `${M}:do_cow_fault`,
      run: (c) => {
        // vmf->cow_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vmf->address);
        const f = allocFrame(c.s, 'anon');
        if (f < 0) return finish(c, -12);
        c.l['cow'] = f;
        return undefined;
      },
    },
    {
      label: '__do_fault',
      at: 'mm/filemap.c:filemap_fault',
      run: (c) => {
        // page = find_get_page(mapping, offset); if (!page) page_cache_read(); (the page-cache reference stays; get_page for the fault)
        const v = vmaOf(c.s, c.n('vma'));
        const idx = v.pgoff + (c.n('addr') - v.start);
        const file = c.s.files[v.file!]!;
        if (idx >= file.pages.length) return finish(c, -14); // VM_FAULT_SIGBUS beyond EOF
        let f = file.pages[idx]!;
        if (f === null) {
          f = allocFrame(c.s, 'file', v.file, idx);
          if (f < 0) return finish(c, -12);
          (file.pages as (number | null)[])[idx] = f;
        }
        getPage(c.s, f);
        c.l['page'] = f;
        return undefined;
      },
    },
    lockStep('lock_page', 'mm/filemap.c:filemap_fault', pageLock, 'w', (c) => (c.n('cow') >= 0 ? 'copy_user_highpage' : 'alloc_set_pte')),
    {
      label: 'copy_user_highpage',
      at: `${M}:do_cow_fault`,
      local: true,
      run: () => 'alloc_set_pte',
    },
    lockStep('alloc_set_pte', `${M}:alloc_set_pte`, ptl, 'w', (c) => {
      // finish_fault -> alloc_set_pte: pte_offset_map_lock; if (!pte_none(*vmf->pte)) return VM_FAULT_NOPAGE;
      const { mm, addr, write } = here(c);
      const v = vmaOf(c.s, c.n('vma'));
      if (pteAt(c.s, mm, addr) !== null) {
        if (c.n('cow') >= 0) {
          putPage(c.s, c.n('cow'));
          c.l['cow'] = -1;
        }
        return 'unlock_page';
      }
      const cow = c.n('cow');
      if (cow >= 0) {
        // entry = maybe_mkwrite(pte_mkdirty(mk_pte(cow_page))); page_add_new_anon_rmap(cow_page)
        addRmap(c.s, cow);
        setPte(c.s, mm, addr, { kind: 'present', frame: cow, write: v.flags.write, dirty: true, young: true, softDirty: true });
        c.l['cow'] = -1;
        return 'unlock_page';
      }
      // page_add_file_rmap(page); if (write) entry = maybe_mkwrite(pte_mkdirty(entry), vma) (do_shared_fault)
      const w = write && v.flags.write && v.flags.shared;
      getPage(c.s, c.n('page'));
      addRmap(c.s, c.n('page'));
      if (w) setPageDirty(c.s, c.n('page'));
      setPte(c.s, mm, addr, { kind: 'present', frame: c.n('page'), write: w, dirty: w, young: true, softDirty: true });
      return 'unlock_page';
    }),
    unlockStep('unlock_page', `${M}:__do_fault`, ptl, 'w', (c) => {
      // pte_unmap_unlock(vmf->pte, vmf->ptl); unlock_page(vmf->page); put_page(vmf->page) (the fault's reference)
      c.unlock(LockName.page(c.n('page')));
      putPage(c.s, c.n('page'));
      c.l['page'] = -1;
      return finish(c, 0);
    }),
    // ---- present PTE: do_wp_page or ptep_set_access_flags, under the PTE lock ----
    lockStep('spin_lock', `${M}:handle_pte_fault`, ptl, 'w', (c) => {
      // vmf->ptl = pte_lockptr(); spin_lock(vmf->ptl); if (unlikely(!pte_same(*vmf->pte, entry))) goto unlock;
      const { mm, addr, write } = here(c);
      const p = pteAt(c.s, mm, addr);
      if (p === null || p.kind !== 'present') return 'pte_unmap_unlock';
      if (write && !p.write) return 'do_wp_page';
      // entry = pte_mkyoung(entry); if (write) entry = pte_mkdirty(entry); ptep_set_access_flags()
      setPte(c.s, mm, addr, { ...p, young: true, dirty: p.dirty || write });
      return 'pte_unmap_unlock';
    }),
    {
      label: 'do_wp_page',
      at: `${M}:do_wp_page`,
      run: (c) => {
        const { mm, addr } = here(c);
        const p = pteAt(c.s, mm, addr) as Extract<Pte, { kind: 'present' }>;
        const v = vmaOf(c.s, c.n('vma'));
        const fr = c.s.frames[p.frame]!;
        const shared = v.flags.write && v.flags.shared; // (VM_WRITE|VM_SHARED) == (VM_WRITE|VM_SHARED): wp_page_shared
        const reuse = fr.kind === 'anon' && fr.map === 1; // PageAnon && reuse_swap_page: the only mapper
        if (v.flags.write && (shared || reuse)) {
          // wp_page_reuse: entry = maybe_mkwrite(pte_mkdirty(pte_mkyoung(vmf->orig_pte)), vma); ptep_set_access_flags
          if (shared) setPageDirty(c.s, p.frame);
          setPte(c.s, mm, addr, { ...p, write: true, dirty: true, young: true });
          return 'pte_unmap_unlock';
        }
        if (!v.flags.write) return 'pte_unmap_unlock';
        // get_page(vmf->page); pte_unmap_unlock(vmf->pte, vmf->ptl); return wp_page_copy(vmf);
        getPage(c.s, p.frame);
        c.l['page'] = p.frame;
        c.unlock(ptl(c));
        return c.call('wp_page_copy', { vma: c.n('vma'), addr, page: p.frame }, 'wp_page_copy_returned');
      },
    },
    { label: 'wp_page_copy_returned', at: `${M}:do_wp_page`, local: true, run: (c) => finish(c, typeof c.t.rv === 'number' ? c.t.rv : 0) },
    unlockStep('pte_unmap_unlock', `${M}:handle_pte_fault`, ptl, 'w', (c) => finish(c, 0)),
  ],
};
