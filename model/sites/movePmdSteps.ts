/**
 * The PMD-level moves of mm/mremap.c:move_page_tables (v5.0), as steps of
 * the `move_page_tables` program (locals vma, old_addr, new_addr, extent,
 * old_end, moved, rmap_next):
 *  - mm/huge_memory.c:move_huge_pmd: a huge PMD moves whole (both PMD
 *    locks, pmdp_huge_get_and_clear, move_soft_dirty_pmd, set_pmd_at, TLB
 *    flushed before the locks drop);
 *  - mm/mremap.c:move_normal_pmd (CONFIG_HAVE_MOVE_PMD, selected by x86 in
 *    v5.0, arch/x86/Kconfig): a PMD entry pointing at a PTE table moves whole
 *    under the old and new PMD locks only (pmd_clear, set_pmd_at,
 *    flush_tlb_range of the old PMD range). The PTE table, and so its split
 *    PTE lock, goes with it: a thread holding that PTE lock is not excluded.
 * And take_rmap_locks / drop_rmap_locks (i_mmap_rwsem, then the anon_vma
 * lock, both for write), taken around each move when need_rmap_locks.
 */
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { pmdAt, pmdTableOf, setPmd } from '../mm/pageTable.js';
import type { Step, StepView } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { lockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const R = 'mm/mremap.c';
const H = 'mm/huge_memory.c';
const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const oldPmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l['old_addr'] as number)!);
const newPmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l['new_addr'] as number)!);
const iMmap = (v: StepView): string | null => {
  const f = vmaOf(v.s, v.l['vma'] as number).file;
  return f === null ? null : LockName.iMmap(f);
};
const anonVma = (v: StepView): string | null => {
  const a = vmaOf(v.s, v.l['vma'] as number).anonVma;
  return a === null ? null : LockName.anonVma(a);
};

/** The checks before the lock in move_huge_pmd and move_normal_pmd: both addresses PMD aligned, a whole PMD left, the new PMD none. */
export function pmdMovable(c: StepCtx): boolean {
  const n = pmdSize(c.g);
  // if ((old_addr & ~PMD_MASK) || (new_addr & ~PMD_MASK) || old_end - old_addr < PMD_SIZE) return false;
  if (c.n('old_addr') % n !== 0 || c.n('new_addr') % n !== 0 || c.n('old_end') - c.n('old_addr') < n) return false;
  // The destination pmd shouldn't be established, free_pgtables() should have release it.  if (WARN_ON(!pmd_none(*new_pmd))) return false;
  return pmdAt(c.s, mmOf(c), c.n('new_addr')) === null;
}

/** Both PMD locks held: moves the old PMD entry to the new slot and flushes the old range. */
function movePmdEntry(c: StepCtx, huge: boolean): void {
  if (oldPmdl(c) !== newPmdl(c)) c.lock(newPmdl(c));
  const mm = mmOf(c);
  const e = pmdAt(c.s, mm, c.n('old_addr'))!;
  setPmd(c.s, mm, c.n('old_addr'), null);
  // huge: pmd = move_soft_dirty_pmd(pmd): pmd_mksoft_dirty
  setPmd(c.s, mm, c.n('new_addr'), huge && e.kind === 'huge' ? { ...e, softDirty: true } : e);
  flushTlbRange(c.s, mm, c.n('old_addr'), c.n('old_addr') + pmdSize(c.g));
  c.l['moved'] = true;
}

/** After move_huge_pmd / move_normal_pmd returned: drop_rmap_locks when taken, then `moved?`. */
const afterMove = (c: StepCtx): string => (c.l['need_rmap_locks'] === true ? 'drop_rmap_locks' : 'moved?');

function unlockBoth(c: StepCtx): string {
  if (oldPmdl(c) !== newPmdl(c)) c.unlock(newPmdl(c));
  c.unlock(oldPmdl(c));
  return afterMove(c);
}

export const MOVE_PMD_STEPS: readonly Step[] = [
  {
    label: 'take_rmap_locks',
    at: `${R}:take_rmap_locks`,
    guard: (v) => iMmap(v) === null || canTake(v.s, iMmap(v)!),
    run: (c) => {
      // if (vma->vm_file) i_mmap_lock_write(vma->vm_file->f_mapping);
      if (iMmap(c) !== null) c.lock(iMmap(c)!);
      return undefined;
    },
  },
  {
    label: 'anon_vma_lock_write',
    at: `${R}:take_rmap_locks`,
    guard: (v) => anonVma(v) === null || canTake(v.s, anonVma(v)!),
    run: (c) => {
      // if (vma->anon_vma) anon_vma_lock_write(vma->anon_vma);
      if (anonVma(c) !== null) c.lock(anonVma(c)!);
      return c.l['rmap_next'] as string;
    },
  },
  {
    label: 'move_huge_pmd',
    at: `${H}:move_huge_pmd`,
    local: true,
    run: (c) => {
      c.l['moved'] = false;
      return pmdMovable(c) ? '__pmd_trans_huge_lock' : afterMove(c);
    },
  },
  lockStep('__pmd_trans_huge_lock', `${H}:move_huge_pmd`, oldPmdl, 'w', (c) => {
    // old_ptl = __pmd_trans_huge_lock(old_pmd, vma); if (!old_ptl) return false;  (split meanwhile)
    if (pmdAt(c.s, mmOf(c), c.n('old_addr'))?.kind === 'huge') return undefined;
    c.unlock(oldPmdl(c));
    return afterMove(c);
  }),
  {
    label: 'pmdp_huge_get_and_clear',
    at: `${H}:move_huge_pmd`,
    guard: (v) => oldPmdl(v) === newPmdl(v) || canTake(v.s, newPmdl(v)),
    run: (c) => {
      // new_ptl = pmd_lockptr(mm, new_pmd); if (new_ptl != old_ptl) spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
      // pmd = pmdp_huge_get_and_clear(mm, old_addr, old_pmd); if (pmd_present(pmd)) force_flush = true; [withdraw/deposit]
      // pmd = move_soft_dirty_pmd(pmd); set_pmd_at(mm, new_addr, new_pmd, pmd); if (force_flush) flush_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
      movePmdEntry(c, true);
      return undefined;
    },
  },
  {
    label: 'spin_unlock(old_ptl) huge',
    at: `${H}:move_huge_pmd`,
    // if (new_ptl != old_ptl) spin_unlock(new_ptl); spin_unlock(old_ptl); return true;
    run: unlockBoth,
  },
  {
    label: 'move_normal_pmd',
    at: `${R}:move_normal_pmd`,
    local: true,
    run: (c) => {
      c.l['moved'] = false;
      return pmdMovable(c) ? 'pmd_lock' : afterMove(c);
    },
  },
  lockStep('pmd_lock', `${R}:move_normal_pmd`, oldPmdl),
  {
    label: 'pmd_clear',
    at: `${R}:move_normal_pmd`,
    guard: (v) => oldPmdl(v) === newPmdl(v) || canTake(v.s, newPmdl(v)),
    run: (c) => {
      // old_ptl = pmd_lock(vma->vm_mm, old_pmd); new_ptl = pmd_lockptr(mm, new_pmd); if (new_ptl != old_ptl) spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
      // pmd = *old_pmd; pmd_clear(old_pmd); VM_BUG_ON(!pmd_none(*new_pmd)); set_pmd_at(mm, new_addr, new_pmd, pmd); flush_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
      movePmdEntry(c, false);
      return undefined;
    },
  },
  {
    label: 'spin_unlock(old_ptl)',
    at: `${R}:move_normal_pmd`,
    // if (new_ptl != old_ptl) spin_unlock(new_ptl); spin_unlock(old_ptl); return true;
    run: unlockBoth,
  },
  {
    label: 'drop_rmap_locks',
    at: `${R}:drop_rmap_locks`,
    run: (c) => {
      // if (vma->anon_vma) anon_vma_unlock_write(vma->anon_vma); if (vma->vm_file) i_mmap_unlock_write(vma->vm_file->f_mapping);
      if (anonVma(c) !== null) c.unlock(anonVma(c)!);
      if (iMmap(c) !== null) c.unlock(iMmap(c)!);
      return c.l['rmap_next'] === 'pte_offset_map_lock' ? 'next_extent' : 'moved?';
    },
  },
  {
    label: 'moved?',
    at: `${R}:move_page_tables`,
    local: true,
    run: (c) => {
      // if (moved) continue;  huge: split_huge_pmd(vma, old_pmd, old_addr); normal: pte_alloc + move_ptes
      if (c.l['moved'] === true) return 'next_extent';
      return c.l['huge'] === true ? 'split_huge_pmd' : 'pte_alloc';
    },
  },
];
