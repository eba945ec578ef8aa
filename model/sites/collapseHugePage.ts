/**
 * Site #11, mm/khugepaged.c:collapse_huge_page (v5.0), as operation
 * `khugepaged_collapse` {mm, addr}: khugepaged_scan_pmd found the PMD at
 * addr worth collapsing (mmap_sem held for read), then
 *
 *   up_read(&mm->mmap_sem); new_page = khugepaged_alloc_page(...);
 *   down_read(&mm->mmap_sem); result = hugepage_vma_revalidate(mm, address, &vma); pmd = mm_find_pmd(mm, address); up_read(&mm->mmap_sem);
 *   down_write(&mm->mmap_sem); result = hugepage_vma_revalidate(mm, address, &vma); if (mm_find_pmd(mm, address) != pmd) goto out;
 *   anon_vma_lock_write(vma->anon_vma);
 *   pte = pte_offset_map(pmd, address); pte_ptl = pte_lockptr(mm, pmd);
 *   mmu_notifier_range_init(&range, <event>, <vma: the seed passes NULL>, mm, address, address + HPAGE_PMD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   pmd_ptl = pmd_lock(mm, pmd); _pmd = pmdp_collapse_flush(vma, address, pmd); spin_unlock(pmd_ptl);
 *   mmu_notifier_invalidate_range_end(&range);
 *   spin_lock(pte_ptl); isolated = __collapse_huge_page_isolate(vma, address, pte); spin_unlock(pte_ptl);
 *   if (unlikely(!isolated)) { spin_lock(pmd_ptl); pmd_populate(mm, pmd, pmd_pgtable(_pmd)); spin_unlock(pmd_ptl); anon_vma_unlock_write(); goto out; }
 *   anon_vma_unlock_write(vma->anon_vma);
 *   __collapse_huge_page_copy(pte, new_page, vma, address, pte_ptl);  (each small page: pte cleared under pte_ptl, page freed)
 *   spin_lock(pmd_ptl); page_add_new_anon_rmap(new_page); pgtable_trans_huge_deposit(); set_pmd_at(mm, address, pmd, _pmd); spin_unlock(pmd_ptl);
 *   up_write(&mm->mmap_sem);
 * The range ends before the huge PMD is installed: the PMD stays none while
 * mmap_sem is held for write (faults wait; gup_fast finds no PMD).
 * khugepaged_scan_pmd (under the PTE lock) and __collapse_huge_page_isolate
 * (under pte_ptl) check every small page: present, not compound, anonymous,
 * not locked (isolate: trylock_page), page_count == 1 + PageSwapCache (no
 * swap cache here: 1, "can't collapse if there's a gup pin"), and at least
 * one writable PTE. So a page pinned by a mirror (the GPU's BO pages) or by
 * an in-flight get_user_pages (between gup and put_page of a KVM/ODP/HMM
 * fault) is not collapsed: isolate fails and the PMD is repopulated.
 * khugepaged holds no mm_users reference: khugepaged_test_exit under
 * mmap_sem (khugepaged_scan_mm_slot, hugepage_vma_revalidate) and __mmput's
 * khugepaged_exit (model/sites/mmputExits.ts) keep it off an mm exit_mmap
 * tears down. khugepaged_scan_mm_slot's down_read_trylock is a down_read
 * here: a failed trylock moves on to the next mm and comes back on a later
 * scan, as a wait does.
 * Abstracted: swap-in, memcg, none PTEs (khugepaged_max_ptes_none: the model
 * refuses a table with a none PTE), the referenced heuristic (PageReferenced,
 * page_is_young and mmu_notifier_test_young are not modelled: assumed
 * referenced), the page lock and LRU isolation held from isolate to copy
 * (only the trylock is checked); the deposited table is freed.
 */
import { addRmap, allocFrame, putPage, removeRmap } from '../mm/frames.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { KHUGEPAGED_OP } from '../mm/mmTasks.js';
import { mmTestExit } from '../mm/mmUsers.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { freePteTable, pmdAt, pmdTableOf, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { findVma, vmaOf } from '../mm/vmas.js';
import { mutMmCounts, mutPteTable } from '../mm/mutate.js';

const COLLAPSE_HUGE_PAGE_SITE = '11';

interface Args {
  readonly mm: number;
  readonly addr: number;
}
const locals = (a: Args) => ({
  mm: a.mm,
  address: a.addr,
  /** the revalidated vma, -1 when revalidation failed */
  vma: -1,
  /** the PTE table the PMD points to (mm_find_pmd), -1 when none */
  pte: -1,
  /** the preallocated THP, -1 when none (or when it was installed) */
  new_page: -1,
  range: -1,
});
type L = ReturnType<typeof locals>;

const mmapSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);
const pmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, v.l.mm, v.l.address)!);
const ptel = (v: View<L>): string => LockName.ptl(v.l.pte);
const anonVmaLock = (v: View<L>): string => LockName.anonVma(vmaOf(v.s, v.l.vma).anonVma!);

/** out: the preallocated *hpage is freed (mem_cgroup_cancel_charge; khugepaged frees it). */
function freeNewPage(c: Ctx<L>): void {
  if (c.l.new_page >= 0) putPage(c.s, c.l.new_page);
  c.l.new_page = -1;
}

/**
 * The thread ends: khugepaged_scan_mm_slot moves its cursor off the mm
 * (`khugepaged_scan.mm_slot = list_entry(mm_slot->mm_node.next, ...)`, or
 * collect_mm_slot frees the slot of an exited mm), under khugepaged_mm_lock.
 */
function scanEnds(c: Ctx<L>): typeof DONE {
  mutMmCounts(c.s, c.l.mm).khugepagedScan = false;
  return DONE;
}

/** hugepage_vma_revalidate: the exit test, then find_vma again; the vma must still cover the aligned PMD range and be anonymous. Returns the vma or -1. */
function revalidate(c: Ctx<L>): number {
  // if (unlikely(khugepaged_test_exit(mm))) return SCAN_ANY_PROCESS;
  if (mmTestExit(c.s, c.l.mm)) return -1;
  const id = findVma(c.s, c.l.mm, c.l.address);
  if (id === null) return -1;
  const v = vmaOf(c.s, id);
  const n = pmdSize(c.g);
  const hstart = Math.ceil(v.start / n) * n;
  const hend = Math.floor(v.end / n) * n;
  if (c.l.address < hstart || c.l.address + n > hend || v.file !== null || v.anonVma === null) return -1;
  return id;
}

/**
 * The per-page checks of mm/khugepaged.c:khugepaged_scan_pmd and
 * __collapse_huge_page_isolate (v5.0) over the PTE table `pte`: true when
 * every page may be collapsed and one PTE is writable.
 */
function collapsible(c: Ctx<L>, pte: number): boolean {
  let writable = false;
  for (const p of c.s.pteTables[pte]!.ptes) {
    // if (pte_none(pteval) || is_zero_pfn(...)) { if (++none_or_zero <= khugepaged_max_ptes_none) continue; ... }  (abstracted: refused)
    if (p === null) return false;
    // if (!pte_present(pteval)) { result = SCAN_PTE_NON_PRESENT; goto out; }
    if (p.kind !== 'present') return false;
    const f = c.s.frames[p.frame]!;
    // if (PageCompound(page)) { result = SCAN_PAGE_COMPOUND; goto out; }  VM_BUG_ON_PAGE(!PageAnon(page), page) / SCAN_PAGE_ANON
    if (f.huge || f.kind !== 'anon') return false;
    // scan: if (PageLocked(page)) SCAN_PAGE_LOCK; isolate: if (!trylock_page(page)) SCAN_PAGE_LOCK
    if (!canTake(c.s, LockName.page(p.frame))) return false;
    // cannot use mapcount: can't collapse if there's a gup pin.
    // if (page_count(page) != 1 + PageSwapCache(page)) { unlock_page(page); result = SCAN_PAGE_COUNT; goto out; }
    if (f.ref !== 1) return false;
    // if (pte_write(pteval)) writable = true;
    if (p.write) writable = true;
  }
  // if (likely(writable)) { if (likely(referenced)) return 1 (SCAN_SUCCEED); } else result = SCAN_PAGE_RO;
  return writable;
}

export const collapseHugePage = defineProgram({
  name: KHUGEPAGED_OP,
  file: 'mm/khugepaged.c',
  params: ['mm'],
  locals,
  steps: ($) => [
    $.lock('down_read', mmapSem, {
      at: 'khugepaged_scan_mm_slot',
      mode: 'r',
      then: (c) => {
        // spin_lock(&khugepaged_mm_lock); ... khugepaged_scan.mm_slot = mm_slot; spin_unlock(&khugepaged_mm_lock);
        // (the cursor is on the mm from here until the thread ends: scanEnds)
        mutMmCounts(c.s, c.l.mm).khugepagedScan = true;
        // if (likely(!khugepaged_test_exit(mm))) vma = find_vma(mm, khugepaged_scan.address);  (no vma: nothing scanned)
        return mmTestExit(c.s, c.l.mm) ? 'up_read_out' : undefined;
      },
    }),
    $.step('khugepaged_scan_pmd', {
      at: 'khugepaged_scan_pmd',
      run: (c) => {
        // pmd = mm_find_pmd(mm, address); pte_offset_map_lock(); ... collapse only when every pte is present (writable & referenced heuristics abstracted)
        const t = pmdTableOf(c.s, c.l.mm, c.l.address);
        const e = t === null ? null : pmdAt(c.s, c.l.mm, c.l.address);
        if (e === null || e.kind !== 'table') return 'up_read_out';
        // pte = pte_offset_map_lock(mm, pmd, address, &ptl); for each pte: the checks of collapsible(); pte_unmap_unlock(pte, ptl); if (ret) collapse_huge_page(...)
        if (!collapsible(c, e.table)) return 'up_read_out';
        // collapse_huge_page: up_read(&mm->mmap_sem); new_page = khugepaged_alloc_page(hpage, gfp, node); if (!new_page) goto out_nolock;
        c.unlock(LockName.mmapSem(c.l.mm), 'r');
        const f = allocFrame(c.s, 'anon', null, 0, true);
        if (f < 0) return scanEnds(c);
        c.l.new_page = f;
        return undefined;
      },
    }),
    $.lock('down_read_2', mmapSem, {
      at: 'collapse_huge_page',
      mode: 'r',
      then: (c) => {
        // result = hugepage_vma_revalidate(mm, address, &vma); pmd = mm_find_pmd(mm, address); ... up_read(&mm->mmap_sem);
        const id = revalidate(c);
        c.l.vma = id;
        const e = pmdAt(c.s, c.l.mm, c.l.address);
        c.l.pte = id >= 0 && e !== null && e.kind === 'table' ? e.table : -1;
        c.unlock(LockName.mmapSem(c.l.mm), 'r');
        return c.l.pte < 0 ? 'out_nolock' : undefined;
      },
    }),
    $.lock('down_write', mmapSem, {
      at: 'collapse_huge_page',
      then: (c) => {
        // result = hugepage_vma_revalidate(mm, address, &vma); if (result) goto out; if (mm_find_pmd(mm, address) != pmd) goto out;
        const id = revalidate(c);
        c.l.vma = id;
        const e = id < 0 ? null : pmdAt(c.s, c.l.mm, c.l.address);
        return e !== null && e.kind === 'table' && e.table === c.l.pte ? undefined : 'out';
      },
    }),
    $.lock('anon_vma_lock_write', anonVmaLock, { at: 'collapse_huge_page' }),
    $.step('mmu_notifier_range_init', {
      at: 'collapse_huge_page',
      run: (c) => {
        c.l.range = rangeInit(c, COLLAPSE_HUGE_PAGE_SITE, c.l.mm, c.l.address, c.l.address + pmdSize(c.g));
        return c.call(invalidateRangeStart, { r: c.l.range }, 'pmdp_collapse_flush');
      },
    }),
    $.lock('pmdp_collapse_flush', pmdl, {
      at: 'collapse_huge_page',
      then: (c) => {
        // pmd_ptl = pmd_lock(mm, pmd); _pmd = pmdp_collapse_flush(vma, address, pmd); spin_unlock(pmd_ptl);
        const a = c.l.address;
        setPmd(c.s, c.l.mm, a, null);
        flushTlbRange(c.s, c.l.mm, a, a + pmdSize(c.g));
        return undefined;
      },
    }),
    $.unlock('spin_unlock', pmdl, { at: 'collapse_huge_page', then: (c) => c.call(invalidateRangeEnd, { r: c.l.range }, '__collapse_huge_page_isolate') }),
    $.lock('__collapse_huge_page_isolate', ptel, {
      at: '__collapse_huge_page_isolate',
      then: (c) => {
        // spin_lock(pte_ptl); isolated = __collapse_huge_page_isolate(vma, address, pte); spin_unlock(pte_ptl);
        const ok = collapsible(c, c.l.pte);
        c.unlock(LockName.ptl(c.l.pte));
        return ok ? 'anon_vma_unlock_write' : 'pmd_populate';
      },
    }),
    $.lock('pmd_populate', pmdl, {
      at: 'collapse_huge_page',
      then: (c) => {
        // spin_lock(pmd_ptl); BUG_ON(!pmd_none(*pmd)); pmd_populate(mm, pmd, pmd_pgtable(_pmd)); spin_unlock(pmd_ptl); anon_vma_unlock_write(vma->anon_vma); result = SCAN_FAIL; goto out;
        setPmd(c.s, c.l.mm, c.l.address, { kind: 'table', table: c.l.pte });
        return undefined;
      },
    }),
    $.unlock('spin_unlock_populated', pmdl, {
      at: 'collapse_huge_page',
      then: (c) => {
        c.unlock(anonVmaLock(c));
        return 'out';
      },
    }),
    $.unlock('anon_vma_unlock_write', anonVmaLock, { at: 'collapse_huge_page' }),
    $.lock('__collapse_huge_page_copy', ptel, {
      at: '__collapse_huge_page_copy',
      then: (c) => {
        // for each pte: copy_user_highpage(); spin_lock(ptl); pte_clear(vma->vm_mm, address, _pte); page_remove_rmap(src_page, false); spin_unlock(ptl); free_page_and_swap_cache(src_page);
        const t = mutPteTable(c.s, c.l.pte);
        for (let i = 0; i < t.ptes.length; i++) {
          const p = t.ptes[i]!;
          t.ptes[i] = null;
          if (p !== null && p.kind === 'present') {
            removeRmap(c.s, p.frame);
            putPage(c.s, p.frame);
          }
        }
        c.unlock(LockName.ptl(c.l.pte));
        return undefined;
      },
    }),
    $.lock('set_pmd_at', pmdl, {
      at: 'collapse_huge_page',
      then: (c) => {
        // _pmd = maybe_pmd_mkwrite(pmd_mkdirty(mk_huge_pmd(new_page, vma->vm_page_prot)), vma); smp_wmb();
        // spin_lock(pmd_ptl); page_add_new_anon_rmap(new_page, vma, address, true); pgtable_trans_huge_deposit(mm, pmd, pgtable); set_pmd_at(mm, address, pmd, _pmd); spin_unlock(pmd_ptl);
        const f = c.l.new_page;
        addRmap(c.s, f);
        freePteTable(c.s, c.l.pte);
        setPmd(c.s, c.l.mm, c.l.address, { kind: 'huge', frame: f, write: vmaOf(c.s, c.l.vma).flags.write, dirty: true, young: true, softDirty: true });
        c.l.new_page = -1;
        return undefined;
      },
    }),
    $.unlock('spin_unlock_set', pmdl, { at: 'collapse_huge_page', then: () => 'up_write' }),
    $.step('out', {
      at: 'collapse_huge_page',
      run: (c) => {
        // out: mem_cgroup_cancel_charge(new_page, memcg, true); goto out_up_write;  (the preallocated *hpage is freed)
        freeNewPage(c);
        return 'up_write';
      },
    }),
    $.unlock('up_write', mmapSem, { at: 'collapse_huge_page', then: scanEnds }),
    $.unlock('up_read_out', mmapSem, { at: 'khugepaged_scan_mm_slot', mode: 'r', then: scanEnds }),
    $.step('out_nolock', {
      at: 'collapse_huge_page',
      run: (c) => {
        // out_nolock: return;  (the preallocated *hpage is freed: a write of the page, so no local step)
        freeNewPage(c);
        return scanEnds(c);
      },
    }),
  ],
});
