/**
 * Site #1, fs/proc/task_mmu.c:clear_refs_write (v5.0), type
 * CLEAR_REFS_SOFT_DIRTY ("echo 4 > /proc/PID/clear_refs"), as an operation {mm}:
 *
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
import type { MmState, Pte } from '../mm/MmState.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, pteAt, setPmd, setPte } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { tlbAdjustRange, tlbGatherMmu } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const T = 'fs/proc/task_mmu.c';
export const CLEAR_REFS_SITE = '1';
const num = (v: StepView | StepCtx, k: string): number => v.l[k] as number;
const mmSem = (v: StepView): string => LockName.mmapSem(num(v, 'mm'));

/** The lock clear_refs_pte_range takes for the PMD at addr: the PMD lock of a huge entry, the PTE table's lock, or none. */
function pmdWalkLock(s: MmState, mm: number, addr: number): string | null {
  const e = pmdAt(s, mm, addr);
  if (e === null || e.kind === 'migration') return null;
  return e.kind === 'huge' ? LockName.pmd(pmdTableOf(s, mm, addr)!) : LockName.ptl(e.table);
}

/** The next (vma index, addr) of the walk at or after the current one, or null at the end. */
function nextPmd(c: StepCtx): boolean {
  const vmas = c.s.mms[num(c, 'mm')]!.vmas;
  while (num(c, 'i') < vmas.length) {
    const v = vmaOf(c.s, vmas[num(c, 'i')]!);
    const a = Math.max(num(c, 'addr'), v.start);
    // mm/pagewalk.c:__walk_page_range: if (vma && is_vm_hugetlb_page(vma)) { if (walk->hugetlb_entry) err = walk_hugetlb_range(start, end, walk); }
    //   else err = walk_pgd_range(start, end, walk);  -- clear_refs_walk has no .hugetlb_entry: a hugetlb vma is not walked
    if (a < v.end && !v.flags.hugetlb) {
      c.l['addr'] = a;
      c.l['pmd_end'] = pmdAddrEnd(c.g, a, v.end);
      return true;
    }
    c.l['i'] = num(c, 'i') + 1;
  }
  return false;
}

export const clearRefsWrite: Program = {
  name: 'clear_refs_write',
  locals: (a) => ({ mm: a['mm'] ?? null, vma: null, range: -1, i: 0, addr: 0, pmd_end: 0, ptl: '' }),
  steps: [
    lockStep('down_read', `${T}:clear_refs_write`, mmSem, 'r'),
    {
      label: 'tlb_gather_mmu',
      at: `${T}:clear_refs_write`,
      run: (c) => {
        // tlb_gather_mmu(&tlb, mm, 0, -1): fullmm, so tlb_finish_mmu flushes the whole mm
        tlbGatherMmu(c.s, c.t, num(c, 'mm'));
        tlbAdjustRange(c.t, 0, pages(c.g));
        // for (vma = mm->mmap; vma; vma = vma->vm_next) if (!(vma->vm_flags & VM_SOFTDIRTY)) continue;  -> vma == NULL
        c.l['vma'] = null;
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: `${T}:clear_refs_write`,
      run: (c) => {
        // mmu_notifier_range_init(&range, <event>, <vma>, mm, 0, -1UL);
        c.l['range'] = rangeInit(c, CLEAR_REFS_SITE, num(c, 'mm'), 0, pages(c.g));
        return c.call('mmu_notifier_invalidate_range_start', { r: num(c, 'range') }, 'walk_page_range');
      },
    },
    {
      label: 'walk_page_range',
      at: 'mm/pagewalk.c:walk_page_range',
      local: true,
      run: (c) => (nextPmd(c) ? 'clear_refs_pte_range' : 'mmu_notifier_invalidate_range_end'),
    },
    {
      label: 'clear_refs_pte_range',
      at: `${T}:clear_refs_pte_range`,
      guard: (v) => {
        const l = pmdWalkLock(v.s, num(v, 'mm'), num(v, 'addr'));
        return l === null || canTake(v.s, l);
      },
      run: (c) => {
        const mm = num(c, 'mm');
        const l = pmdWalkLock(c.s, mm, num(c, 'addr'));
        if (l === null) return 'next_pmd'; // pmd_none: walk_pmd_range skips it (pte_hole)
        c.lock(l);
        c.l['ptl'] = l;
        const e = pmdAt(c.s, mm, num(c, 'addr'))!;
        if (e.kind === 'huge') {
          // clear_soft_dirty_pmd: old = pmdp_invalidate(vma, addr, pmdp); pmd = pmd_wrprotect(pmd); pmd_clear_soft_dirty; set_pmd_at
          setPmd(c.s, mm, num(c, 'addr'), { ...e, write: false, softDirty: false });
          return 'spin_unlock';
        }
        // pte_offset_map_lock; for (; addr != end; pte++, addr += PAGE_SIZE) clear_soft_dirty(vma, addr, pte);
        for (let a = num(c, 'addr'); a < num(c, 'pmd_end'); a++) {
          const p = pteAt(c.s, mm, a);
          if (p !== null && p.kind === 'present') setPte(c.s, mm, a, { ...(p as Extract<Pte, { kind: 'present' }>), write: false, softDirty: false });
        }
        return 'spin_unlock';
      },
    },
    {
      label: 'spin_unlock',
      at: `${T}:clear_refs_pte_range`,
      run: (c) => {
        c.unlock(String(c.l['ptl']));
        c.l['ptl'] = '';
        return 'next_pmd';
      },
    },
    localStep('next_pmd', 'mm/pagewalk.c:walk_pmd_range', (c) => {
      c.l['addr'] = num(c, 'pmd_end');
      return 'walk_page_range';
    }),
    localStep('mmu_notifier_invalidate_range_end', `${T}:clear_refs_write`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: num(c, 'range') }, 'tlb_finish_mmu'),
    ),
    localStep('tlb_finish_mmu', `${T}:clear_refs_write`, (c) => c.call('tlb_finish_mmu', { start: 0, end: pages(c.g) }, 'up_read')),
    unlockStep('up_read', `${T}:clear_refs_write`, mmSem, 'r', () => DONE),
  ],
};
