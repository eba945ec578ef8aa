/**
 * Site #1, fs/proc/task_mmu.c:clear_refs_write (v5.0), type
 * CLEAR_REFS_SOFT_DIRTY ("echo 4 > /proc/PID/clear_refs"), as an operation {mm}:
 *
 *   task = get_proc_task(file_inode(file)); mm = get_task_mm(task); if (mm) {
 *   down_read(&mm->mmap_sem);
 *   tlb_gather_mmu(&tlb, mm, 0, -1);                  (a full-mm gather)
 *   for (vma = mm->mmap; vma; vma = vma->vm_next) {
 *       if (!(vma->vm_flags & VM_SOFTDIRTY)) continue;
 *       up_read; down_write_killable; for (vma = mm->mmap; vma; vma = vma->vm_next) { clear VM_SOFTDIRTY; vma_set_page_prot(vma); }
 *       downgrade_write(&mm->mmap_sem); break;
 *   }
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, 0, -1UL);
 *   mmu_notifier_invalidate_range_start(&range);
 *   walk_page_range(0, mm->highest_vm_end, &clear_refs_walk);
 *   mmu_notifier_invalidate_range_end(&range);
 *   tlb_finish_mmu(&tlb, 0, -1);                      (the CPU TLB flush comes after the range end)
 *   up_read(&mm->mmap_sem);
 *   out_mm: mmput(mm); }  put_task_struct(task);
 *
 * The writer is another process (a CRIU-like tracker): not a task of the
 * mm, so exit does not wait for it (model/mm/mmTasks.ts). get_task_mm
 * takes a reference (mmget) while the task still has its mm: exit_mmap
 * cannot begin while clear_refs walks, and its mmput may be the last, which
 * runs exit_mmap here. Once the owner has left its mm (exit_mm: task->mm =
 * NULL, Mm.ownerExited) get_task_mm finds none, even while another
 * reference (a uprobe registration's, another clear_refs') keeps mm_users
 * above 0.
 *
 * `vma` is the loop variable: both loops run to their end (vma == NULL) before
 * the call, so the expression `vma` denotes NULL there, like the seed's NULL.
 * The model has no VM_SOFTDIRTY flag: no vma has it (the state after an
 * earlier clear_refs), so the first loop ends without the write-lock detour.
 *
 * walk_page_range -> clear_refs_pte_range, per PMD of each vma:
 *   ptl = pmd_trans_huge_lock(pmd, vma); if (ptl) { clear_soft_dirty_pmd(vma, addr, pmd); spin_unlock(ptl); return 0; }
 *   pte = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl);
 *   for (; addr != end; pte++, addr += PAGE_SIZE) clear_soft_dirty(vma, addr, pte);
 *   pte_unmap_unlock(pte - 1, ptl);
 * clear_soft_dirty: if (pte_present(ptent)) { ptent = ptep_modify_prot_start(); ptent = pte_wrprotect(ptent);
 *   ptent = pte_clear_soft_dirty(ptent); ptep_modify_prot_commit(); }  (no TLB flush, no invalidate_range)
 * clear_refs_walk = { .pmd_entry, .test_walk, .mm, .private }: no .hugetlb_entry, so
 * mm/pagewalk.c:__walk_page_range skips hugetlb vmas (their huge PMDs keep write).
 */
import { pages, pmdAddrEnd } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { mmget, mmputLast } from '../mm/mmUsers.js';
import { exitMmap } from './exitMmap.js';
import type { MmState } from '../mm/MmState.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { tlbFinishMmu } from '../mm/fault/tlbPrograms.js';
import { pmdAt, pmdTableOf, pteAt, setPmd, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { tlbAdjustRange, tlbGatherMmu } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { presentWith } from '../mm/pteWith.js';

const CLEAR_REFS_SITE = '1';

interface Args {
  readonly mm: number;
}
/** The loop variable `vma` is a `struct vm_area_struct *`: NULL or a vma. */
const NULL_VMA: number | null = null;
const locals = (a: Args) => ({
  mm: a.mm,
  /** the loop variable `vma`: NULL after both loops (the site's vma expression) */
  vma: NULL_VMA,
  range: -1,
  /** the walk's position: the index in mm's vma list, the address, the end of its PMD */
  i: 0,
  addr: 0,
  pmd_end: 0,
  /** the lock clear_refs_pte_range holds, '' when none */
  ptl: '',
});
type L = ReturnType<typeof locals>;

const mmSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);

/** The lock clear_refs_pte_range takes for the PMD at addr: the PMD lock of a huge entry, the PTE table's lock, or none. */
function pmdWalkLock(s: MmState, mm: number, addr: number): string | null {
  const e = pmdAt(s, mm, addr);
  if (e === null || e.kind === 'migration') return null;
  return e.kind === 'huge' ? LockName.pmd(pmdTableOf(s, mm, addr)!) : LockName.ptl(e.table);
}

/** Moves the walk to the next PMD (vma index `i`, `addr`, `pmd_end`) at or after the current one; false at the end. */
function nextPmd(c: Ctx<L>): boolean {
  const vmas = c.s.mms[c.l.mm]!.vmas;
  while (c.l.i < vmas.length) {
    const v = vmaOf(c.s, vmas[c.l.i]!);
    const a = Math.max(c.l.addr, v.start);
    // mm/pagewalk.c:__walk_page_range: if (vma && is_vm_hugetlb_page(vma)) { if (walk->hugetlb_entry) err = walk_hugetlb_range(start, end, walk); }
    //   else err = walk_pgd_range(start, end, walk);  -- clear_refs_walk has no .hugetlb_entry: a hugetlb vma is not walked
    if (a < v.end && !v.flags.hugetlb) {
      c.l.addr = a;
      c.l.pmd_end = pmdAddrEnd(c.g, a, v.end);
      return true;
    }
    c.l.i += 1;
  }
  return false;
}

export const clearRefsWrite = defineProgram({
  name: 'clear_refs_write',
  file: 'fs/proc/task_mmu.c',
  params: ['mm'],
  locals,
  steps: ($) => [
    // mm = get_task_mm(task); if (mm) {   (kernel/fork.c:get_task_mm: task_lock(task); mm = task->mm; if (mm) mmget(mm); task_unlock(task);)
    $.step('get_task_mm', (c) => {
      if (c.s.mms[c.l.mm]!.ownerExited) return DONE;
      mmget(c.s, c.l.mm);
      return undefined;
    }),
    $.lock('down_read', mmSem, { mode: 'r' }),
    $.step('tlb_gather_mmu', (c) => {
      // tlb_gather_mmu(&tlb, mm, 0, -1): fullmm, so tlb_finish_mmu flushes the whole mm
      tlbGatherMmu(c.s, c.t, c.l.mm);
      tlbAdjustRange(c.t, 0, pages(c.g));
      // for (vma = mm->mmap; vma; vma = vma->vm_next) if (!(vma->vm_flags & VM_SOFTDIRTY)) continue;  -> vma == NULL
      c.l.vma = null;
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      // mmu_notifier_range_init(&range, <event>, <vma>, mm, 0, -1UL);
      c.l.range = rangeInit(c, CLEAR_REFS_SITE, c.l.mm, 0, pages(c.g));
      return c.call(invalidateRangeStart, { r: c.l.range }, 'walk_page_range');
    }),
    $.step('walk_page_range', {
      at: 'mm/pagewalk.c:walk_page_range',
      // reads mm's vma list (stable under mmap_sem, held for read here): local by that convention only (code review 2026-12 §2.4)
      local: true,
      run: (c) => (nextPmd(c) ? 'clear_refs_pte_range' : 'mmu_notifier_invalidate_range_end'),
    }),
    $.step('clear_refs_pte_range', {
      at: 'clear_refs_pte_range',
      guard: (v) => {
        const l = pmdWalkLock(v.s, v.l.mm, v.l.addr);
        return l === null || canTake(v.s, l);
      },
      run: (c) => {
        const { mm, addr } = c.l;
        const l = pmdWalkLock(c.s, mm, addr);
        if (l === null) return 'next_pmd'; // pmd_none: walk_pmd_range skips it (pte_hole)
        c.lock(l);
        c.l.ptl = l;
        const e = pmdAt(c.s, mm, addr)!;
        if (e.kind === 'huge') {
          // clear_soft_dirty_pmd: old = pmdp_invalidate(vma, addr, pmdp); pmd = pmd_wrprotect(pmd); pmd_clear_soft_dirty; set_pmd_at
          setPmd(c.s, mm, addr, { ...e, write: false, softDirty: false });
          return 'spin_unlock';
        }
        // pte_offset_map_lock; for (; addr != end; pte++, addr += PAGE_SIZE) clear_soft_dirty(vma, addr, pte);
        for (let a = addr; a < c.l.pmd_end; a++) {
          const p = pteAt(c.s, mm, a);
          if (p !== null && p.kind === 'present') setPte(c.s, mm, a, presentWith(p, { write: false, softDirty: false }));
        }
        return 'spin_unlock';
      },
    }),
    $.unlock('spin_unlock', (v) => v.l.ptl, {
      at: 'clear_refs_pte_range',
      then: (c) => {
        c.l.ptl = '';
        return 'next_pmd';
      },
    }),
    $.local(
      'next_pmd',
      (c) => {
        c.l.addr = c.l.pmd_end;
        return 'walk_page_range';
      },
      'mm/pagewalk.c:walk_pmd_range',
    ),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'tlb_finish_mmu')),
    $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: 0, end: pages(c.g) }, 'up_read')),
    $.unlock('up_read', mmSem, { mode: 'r' }),
    // out_mm: mmput(mm);   (kernel/fork.c:mmput: if (atomic_dec_and_test(&mm->mm_users)) __mmput(mm);)
    $.step('mmput', (c) => (mmputLast(c.s, c.l.mm) ? c.call(exitMmap, { mm: c.l.mm, put: false }, 'put_task_struct') : DONE)),
    // put_task_struct(task);
    $.local('put_task_struct', () => DONE),
  ],
});
