/**
 * mm/hugetlb.c:hugetlb_fault (v5.0) {vma, addr, write}, reached from
 * handle_mm_fault for a hugetlb vma (mmap_sem held by the caller), with
 * huge_pte_alloc (huge_pmd_share for a shareable vma) and hugetlb_no_page.
 * A write to a present read-only entry calls `hugetlb_cow` (site #9) with
 * the PMD lock held.
 * The fault keeps the `ptep` it computed (local `ptep`: the PMD table holding
 * it) and takes that table's lock, as v5.0 does: a huge_pmd_unshare of this
 * mm's shared PMD table meanwhile (truncate, hole punch, munmap of another
 * vma of the file) leaves the fault working on the old table (FINDINGS.md S1).
 * The hugetlb fault mutex of the page (locks.ts) is held from after
 * huge_pte_alloc to the end, as in v5.0 ("Serialize hugepage allocation and
 * instantiation"): two faults of one page, and a fault and hole punching's
 * remove_inode_hugepages, take turns.
 * Abstracted: the page locks, reservations, userfaultfd, hwpoison;
 * hugetlb_no_page maps a fresh private page writable at once (its
 * hugetlb_cow on a page of mapcount 1 is the reuse path, done under the
 * same PMD lock).
 */
import { addRmap, allocFrame, getPage, putPage, setPageDirty } from '../mm/frames.js';
import { EFAULT, ENOMEM } from '../mm/errno.js';
import { ModelError } from '../../src/engine/Model.js';
import { findShareablePmdTable, hugeBase, hugePtepGet, setHugePte, sharePmdTable, vmaShareable } from '../mm/hugetlbPmd.js';
import { LockName, canTake } from '../mm/locks.js';
import type { PmdEntry } from '../mm/MmState.js';
import { pmdTableOf, populatePmdTable } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { hugetlbCow } from './hugetlbCow.js';
import { mutFile } from '../mm/mutate.js';

interface Args {
  readonly vma: number;
  readonly addr: number;
  readonly write?: boolean;
}
const locals = (a: Args) => ({
  vma: a.vma,
  addr: a.addr,
  write: a.write ?? false,
  /** the page hugetlb_no_page allocated or found, or the page hugetlb_cow copies (its reference) */
  page: -1,
  /** the PMD lock huge_pte_lock took */
  ptl: '',
  /** ptep: the PMD table holding the huge PTE, as huge_pte_offset / huge_pte_alloc computed it (null before) */
  ptep: null as number | null,
});
type L = ReturnType<typeof locals>;

const mmOf = (v: View<L> | Ctx<L>): number => vmaOf(v.s, v.l.vma).mm;
/** The PMD table of the fault's `ptep` (set by huge_pte_offset or huge_pte_alloc before any step reads it). */
function ptepOf(v: View<L> | Ctx<L>): number {
  if (v.l.ptep === null) throw new ModelError(`hugetlb_fault: ptep read before huge_pte_alloc`);
  return v.l.ptep;
}
/** huge_pte_lock(h, mm, ptep) for a PMD-sized page: the lock of the PMD table ptep points into (shared tables share it). */
export const hugePtl = (v: View<L> | Ctx<L>): string => LockName.pmd(ptepOf(v));
/** huge_ptep_get(ptep) */
const entryAtPtep = (c: Ctx<L>): PmdEntry => hugePtepGet(c.s, ptepOf(c), c.l.addr);

/**
 * hash = hugetlb_fault_mutex_hash(h, mm, vma, mapping, idx, haddr): (mapping, idx) for a VM_SHARED vma,
 * else (mm, haddr >> huge_page_shift).
 */
function faultMutex(v: View<L> | Ctx<L>): string {
  const vma = vmaOf(v.s, v.l.vma);
  const base = hugeBase(v.s, v.l.addr);
  return vma.flags.shared && vma.file !== null
    ? LockName.hugetlbFaultShared(vma.file, vma.pgoff + (base - vma.start))
    : LockName.hugetlbFaultPrivate(vma.mm, base);
}

/** out_mutex: mutex_unlock(&hugetlb_fault_mutex_table[hash]); return ret; */
function finish(c: Ctx<L>, rv: number): typeof DONE {
  c.unlock(faultMutex(c));
  c.ret(rv);
  return DONE;
}

export const hugetlbFault = defineProgram({
  name: 'hugetlb_fault',
  params: ['vma', 'addr'],
  file: 'mm/hugetlb.c',
  locals,
  steps: ($) => [
    $.step('huge_pte_offset', (c) => {
      // ptep = huge_pte_offset(mm, haddr, huge_page_size(h)); if (ptep) { entry = huge_ptep_get(ptep); if (is_hugetlb_entry_migration(entry)) ... } else { ptep = huge_pte_alloc(); }
      const mm = mmOf(c);
      const t = pmdTableOf(c.s, mm, c.l.addr);
      if (t !== null) {
        c.l.ptep = t;
        return 'huge_ptep_get';
      }
      const v = vmaOf(c.s, c.l.vma);
      return vmaShareable(c.s, v, c.l.addr) ? 'huge_pmd_share' : 'pmd_alloc';
    }),
    $.step('huge_pmd_share', {
      at: 'huge_pmd_share',
      // One step, so it may run only when every lock it takes is free: i_mmap_rwsem, then huge_pte_lock(spte) (the PMD lock of
      // the table found, taken around pud_populate), or, with no table to share, pmd_alloc's mm->page_table_lock while the PUD is none.
      guard: (v) => {
        if (!canTake(v.s, LockName.iMmap(vmaOf(v.s, v.l.vma).file!))) return false;
        const spte = findShareablePmdTable(v.s, v.l.vma, v.l.addr);
        if (spte !== null) return canTake(v.s, LockName.pmd(spte));
        return pmdTableOf(v.s, mmOf(v), v.l.addr) !== null || canTake(v.s, LockName.pageTable(mmOf(v)));
      },
      run: (c) => {
        // i_mmap_lock_write(mapping);
        // vma_interval_tree_foreach(...) { spte = ...; get_page(virt_to_page(spte)) } ;
        // ptl = huge_pte_lock(); if (pud_none(*pud)) pud_populate(spte) ...;
        // out: pte = pmd_alloc(mm, pud, addr); i_mmap_unlock_write(mapping);
        const mm = mmOf(c);
        const addr = c.l.addr;
        if (pmdTableOf(c.s, mm, addr) === null) {
          const t = findShareablePmdTable(c.s, c.l.vma, addr);
          if (t !== null) sharePmdTable(c.s, mm, addr, t);
          else populatePmdTable(c.s, mm, addr);
        }
        c.l.ptep = pmdTableOf(c.s, mm, addr);
        return 'huge_ptep_get';
      },
    }),
    $.step('pmd_alloc', {
      at: 'mm/memory.c:__pmd_alloc',
      guard: (v) => canTake(v.s, LockName.pageTable(mmOf(v))),
      run: (c) => {
        // spin_lock(&mm->page_table_lock); if (!pud_present(*pud)) pud_populate(mm, pud, new);
        const mm = mmOf(c);
        if (pmdTableOf(c.s, mm, c.l.addr) === null) populatePmdTable(c.s, mm, c.l.addr);
        // return pmd_offset(pud, address);  (huge_pte_alloc's ptep)
        c.l.ptep = pmdTableOf(c.s, mm, c.l.addr);
        return undefined;
      },
    }),
    $.step('huge_ptep_get', {
      guard: (v) => canTake(v.s, faultMutex(v)),
      run: (c) => {
        // hash = hugetlb_fault_mutex_hash(...); mutex_lock(&hugetlb_fault_mutex_table[hash]);
        c.lock(faultMutex(c));
        // entry = huge_ptep_get(ptep); if (huge_pte_none(entry)) { ret = hugetlb_no_page(...); goto out_mutex; } if (!pte_present(entry)) goto out_mutex;
        // (ptep still points into the table walked above, even if huge_pmd_unshare cleared this mm's PUD meanwhile)
        const e = entryAtPtep(c);
        if (e === null) return 'hugetlb_no_page';
        if (e.kind !== 'huge') return finish(c, 0);
        return 'huge_pte_lock';
      },
    }),
    $.step('hugetlb_no_page', {
      at: 'hugetlb_no_page',
      run: (c) => {
        // page = find_lock_page(mapping, idx);
        // if (!page) { page = alloc_huge_page(vma, haddr, 0); clear_huge_page();
        // if (vma->vm_flags & VM_MAYSHARE) huge_add_to_page_cache(page, mapping, idx); else anon_rmap = 1; }
        const v = vmaOf(c.s, c.l.vma);
        const base = hugeBase(c.s, c.l.addr);
        if (v.flags.mayshare && v.file !== null) {
          const idx = v.pgoff + (base - v.start);
          const cache = c.s.files[v.file]!.pages;
          if (idx >= cache.length) return finish(c, EFAULT);
          let f = cache[idx]!;
          if (f === null) {
            f = allocFrame(c.s, 'file', v.file, idx, true);
            if (f < 0) return finish(c, ENOMEM);
            mutFile(c.s, v.file).pages[idx] = f;
          }
          getPage(c.s, f);
          c.l.page = f;
        } else {
          const f = allocFrame(c.s, 'anon', null, 0, true);
          if (f < 0) return finish(c, ENOMEM);
          c.l.page = f;
        }
        return undefined;
      },
    }),
    $.step('set_huge_pte_at', {
      at: 'hugetlb_no_page',
      guard: (v) => canTake(v.s, hugePtl(v)),
      run: (c) => {
        // ptl = huge_pte_lock(h, mm, ptep); if (!huge_pte_none(huge_ptep_get(ptep))) goto backout;
        // anon: hugepage_add_new_anon_rmap; else page_dup_rmap(page, true);
        // new_pte = make_huge_pte(vma, page, ((vma->vm_flags & VM_WRITE) && (vma->vm_flags & VM_SHARED))); set_huge_pte_at();
        // if ((flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED)) ret = hugetlb_cow(mm, vma, address, ptep, page, ptl);  (mapcount 1: reuse, writable)
        // spin_unlock(ptl); unlock_page(page);
        const addr = c.l.addr;
        const v = vmaOf(c.s, c.l.vma);
        const f = c.l.page;
        c.l.ptl = hugePtl(c);
        c.lock(hugePtl(c));
        if (entryAtPtep(c) !== null) {
          putPage(c.s, f); // backout: spin_unlock(ptl); unlock_page(page); put_page(page)
          return 'spin_unlock';
        }
        const write = v.flags.write && (v.flags.shared || c.l.write === true);
        addRmap(c.s, f);
        if (write && v.flags.shared) setPageDirty(c.s, f);
        const e: PmdEntry = { kind: 'huge', frame: f, write, dirty: write, young: true, softDirty: write };
        setHugePte(c.s, ptepOf(c), addr, e);
        return 'spin_unlock';
      },
    }),
    $.step('huge_pte_lock', {
      guard: (v) => canTake(v.s, hugePtl(v)),
      run: (c) => {
        // ptl = huge_pte_lock(h, mm, ptep); if (unlikely(!pte_same(entry, huge_ptep_get(ptep)))) goto out_ptl; get_page(page);
        c.l.ptl = hugePtl(c);
        c.lock(hugePtl(c));
        const e = entryAtPtep(c);
        if (e === null || e.kind !== 'huge') return 'spin_unlock';
        const write = c.l.write === true;
        if (write && !e.write) {
          if (!vmaOf(c.s, c.l.vma).flags.write) return 'spin_unlock';
          getPage(c.s, e.frame);
          c.l.page = e.frame;
          // if (!huge_pte_write(entry)) { ret = hugetlb_cow(mm, vma, address, ptep, pagecache_page, ptl); goto out_put_page; }
          return c.call(hugetlbCow, { vma: c.l.vma, address: c.l.addr, ptep: ptepOf(c) }, 'out_put_page');
        }
        // entry = pte_mkyoung(entry) (+ huge_pte_mkdirty on write); huge_ptep_set_access_flags()
        setHugePte(c.s, ptepOf(c), c.l.addr, { ...e, young: true, dirty: e.dirty || write });
        return 'spin_unlock';
      },
    }),
    $.step('out_put_page', (c) => {
      // out_put_page: put_page(page);
      putPage(c.s, c.l.page);
      c.l.page = -1;
      return undefined;
    }),
    // spin_unlock(ptl); ... out_mutex: mutex_unlock(&hugetlb_fault_mutex_table[hash]);
    $.unlock('spin_unlock', (v) => v.l.ptl, { then: (c) => finish(c, typeof c.t.rv === 'number' && c.t.rv < 0 ? c.t.rv : 0) }),
  ],
});
