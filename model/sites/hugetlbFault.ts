/**
 * mm/hugetlb.c:hugetlb_fault (v5.0) {vma, addr, write}, reached from
 * handle_mm_fault for a hugetlb vma (mmap_sem held by the caller), with
 * huge_pte_alloc (huge_pmd_share for a shareable vma) and hugetlb_no_page.
 * A write to a present read-only entry calls `hugetlb_cow` (site #9) with
 * the PMD lock held.
 * Abstracted: the hugetlb_fault_mutex and the page locks (no two faults of
 * one scenario race on the same file index), reservations, userfaultfd,
 * hwpoison; hugetlb_no_page maps a fresh private page writable at once
 * (its hugetlb_cow on a page of mapcount 1 is the reuse path, done under
 * the same PMD lock).
 */
import { addRmap, allocFrame, getPage, putPage, setPageDirty } from '../mm/frames.js';
import { findShareablePmdTable, hugeBase, sharePmdTable, vmaShareable } from '../mm/hugetlbPmd.js';
import { LockName, canTake } from '../mm/locks.js';
import type { MmState, PmdEntry } from '../mm/MmState.js';
import { pmdAt, pmdTableOf, populatePmdTable, setPmd } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { unlockStep } from '../mm/step/steps.js';
import { vmaOf } from '../mm/vmas.js';

const H = 'mm/hugetlb.c';
const mmOf = (s: MmState, l: Record<string, unknown>): number => vmaOf(s, l['vma'] as number).mm;
/** huge_pte_lock for a PMD-sized page: the PMD table's lock (shared tables share it). */
export const hugePtl = (v: StepView | StepCtx): string => LockName.pmd(pmdTableOf(v.s, mmOf(v.s, v.l), v.l['addr'] as number)!);

function finish(c: StepCtx, rv: number): string {
  c.ret(rv);
  return DONE;
}

export const hugetlbFault: Program = {
  name: 'hugetlb_fault',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null, write: a['write'] ?? false, page: -1, ptl: '' }),
  steps: [
    {
      label: 'huge_pte_offset',
      at: `${H}:hugetlb_fault`,
      run: (c) => {
        // ptep = huge_pte_offset(mm, haddr, huge_page_size(h)); if (ptep) { entry = huge_ptep_get(ptep); if (is_hugetlb_entry_migration(entry)) ... } else { ptep = huge_pte_alloc(); }
        const mm = mmOf(c.s, c.l);
        if (pmdTableOf(c.s, mm, c.n('addr')) !== null) return 'huge_ptep_get';
        const v = vmaOf(c.s, c.n('vma'));
        return vmaShareable(c.s, v, c.n('addr')) ? 'huge_pmd_share' : 'pmd_alloc';
      },
    },
    {
      label: 'huge_pmd_share',
      at: `${H}:huge_pmd_share`,
      guard: (v) => canTake(v.s, LockName.iMmap(vmaOf(v.s, v.l['vma'] as number).file!)),
      run: (c) => {
        // i_mmap_lock_write(mapping); vma_interval_tree_foreach(...) { spte = ...; get_page(virt_to_page(spte)) } ; ptl = huge_pte_lock(); if (pud_none(*pud)) pud_populate(spte) ...; out: pte = pmd_alloc(mm, pud, addr); i_mmap_unlock_write(mapping);
        const mm = mmOf(c.s, c.l);
        const addr = c.n('addr');
        if (pmdTableOf(c.s, mm, addr) === null) {
          const t = findShareablePmdTable(c.s, c.n('vma'), addr);
          if (t !== null) sharePmdTable(c.s, mm, addr, t);
          else populatePmdTable(c.s, mm, addr);
        }
        return 'huge_ptep_get';
      },
    },
    {
      label: 'pmd_alloc',
      at: 'mm/memory.c:__pmd_alloc',
      guard: (v) => canTake(v.s, LockName.pageTable(mmOf(v.s, v.l))),
      run: (c) => {
        // spin_lock(&mm->page_table_lock); if (!pud_present(*pud)) pud_populate(mm, pud, new);
        const mm = mmOf(c.s, c.l);
        if (pmdTableOf(c.s, mm, c.n('addr')) === null) populatePmdTable(c.s, mm, c.n('addr'));
        return undefined;
      },
    },
    {
      label: 'huge_ptep_get',
      at: `${H}:hugetlb_fault`,
      run: (c) => {
        // entry = huge_ptep_get(ptep); if (huge_pte_none(entry)) { ret = hugetlb_no_page(...); goto out_mutex; } if (!pte_present(entry)) goto out_mutex;
        const mm = mmOf(c.s, c.l);
        if (pmdTableOf(c.s, mm, c.n('addr')) === null) return 'huge_pte_offset'; // unshared meanwhile: walk again
        const e = pmdAt(c.s, mm, c.n('addr'));
        if (e === null) return 'hugetlb_no_page';
        if (e.kind !== 'huge') return finish(c, 0);
        return 'huge_pte_lock';
      },
    },
    {
      label: 'hugetlb_no_page',
      at: `${H}:hugetlb_no_page`,
      run: (c) => {
        // page = find_lock_page(mapping, idx); if (!page) { page = alloc_huge_page(vma, haddr, 0); clear_huge_page(); if (vma->vm_flags & VM_MAYSHARE) huge_add_to_page_cache(page, mapping, idx); else anon_rmap = 1; }
        const v = vmaOf(c.s, c.n('vma'));
        const base = hugeBase(c.s, c.n('addr'));
        if (v.flags.mayshare && v.file !== null) {
          const idx = v.pgoff + (base - v.start);
          const cache = c.s.files[v.file]!.pages as (number | null)[];
          if (idx >= cache.length) return finish(c, -14);
          let f = cache[idx]!;
          if (f === null) {
            f = allocFrame(c.s, 'file', v.file, idx, true);
            if (f < 0) return finish(c, -12);
            cache[idx] = f;
          }
          getPage(c.s, f);
          c.l['page'] = f;
        } else {
          const f = allocFrame(c.s, 'anon', null, 0, true);
          if (f < 0) return finish(c, -12);
          c.l['page'] = f;
        }
        return undefined;
      },
    },
    {
      label: 'set_huge_pte_at',
      at: `${H}:hugetlb_no_page`,
      guard: (v) => canTake(v.s, hugePtl(v)),
      run: (c) => {
        // ptl = huge_pte_lock(h, mm, ptep); if (!huge_pte_none(huge_ptep_get(ptep))) goto backout;
        // anon: hugepage_add_new_anon_rmap; else page_dup_rmap(page, true);
        // new_pte = make_huge_pte(vma, page, ((vma->vm_flags & VM_WRITE) && (vma->vm_flags & VM_SHARED))); set_huge_pte_at();
        // if ((flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED)) ret = hugetlb_cow(mm, vma, address, ptep, page, ptl);  (mapcount 1: reuse, writable)
        // spin_unlock(ptl); unlock_page(page);
        const mm = mmOf(c.s, c.l);
        const addr = c.n('addr');
        const v = vmaOf(c.s, c.n('vma'));
        const f = c.n('page');
        if (pmdTableOf(c.s, mm, addr) === null) {
          putPage(c.s, f); // unshared meanwhile: backout
          return finish(c, 0);
        }
        c.l['ptl'] = hugePtl(c);
        c.lock(hugePtl(c));
        if (pmdAt(c.s, mm, addr) !== null) {
          putPage(c.s, f); // backout: spin_unlock(ptl); unlock_page(page); put_page(page)
          return 'spin_unlock';
        }
        const write = v.flags.write && (v.flags.shared || c.l['write'] === true);
        addRmap(c.s, f);
        if (write && v.flags.shared) setPageDirty(c.s, f);
        const e: PmdEntry = { kind: 'huge', frame: f, write, dirty: write, young: true, softDirty: write };
        setPmd(c.s, mm, addr, e);
        return 'spin_unlock';
      },
    },
    {
      label: 'huge_pte_lock',
      at: `${H}:hugetlb_fault`,
      guard: (v) => canTake(v.s, hugePtl(v)),
      run: (c) => {
        // ptl = huge_pte_lock(h, mm, ptep); if (unlikely(!pte_same(entry, huge_ptep_get(ptep)))) goto out_ptl; get_page(page);
        c.l['ptl'] = hugePtl(c);
        c.lock(hugePtl(c));
        const mm = mmOf(c.s, c.l);
        const e = pmdAt(c.s, mm, c.n('addr'));
        if (e === null || e.kind !== 'huge') return 'spin_unlock';
        const write = c.l['write'] === true;
        if (write && !e.write) {
          if (!vmaOf(c.s, c.n('vma')).flags.write) return 'spin_unlock';
          getPage(c.s, e.frame);
          c.l['page'] = e.frame;
          // if (!huge_pte_write(entry)) { ret = hugetlb_cow(mm, vma, address, ptep, pagecache_page, ptl); goto out_put_page; }
          return c.call('hugetlb_cow', { vma: c.n('vma'), address: c.n('addr') }, 'out_put_page');
        }
        // entry = pte_mkyoung(entry) (+ huge_pte_mkdirty on write); huge_ptep_set_access_flags()
        setPmd(c.s, mm, c.n('addr'), { ...e, young: true, dirty: e.dirty || write });
        return 'spin_unlock';
      },
    },
    {
      label: 'out_put_page',
      at: `${H}:hugetlb_fault`,
      run: (c) => {
        // out_put_page: put_page(page);
        putPage(c.s, c.n('page'));
        c.l['page'] = -1;
        return undefined;
      },
    },
    unlockStep('spin_unlock', `${H}:hugetlb_fault`, (v) => v.l['ptl'] as string, 'w', (c) => finish(c, typeof c.t.rv === 'number' && c.t.rv < 0 ? c.t.rv : 0)),
  ],
};
