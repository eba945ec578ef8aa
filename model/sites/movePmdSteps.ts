/**
 * The PMD-level moves of mm/mremap.c:move_page_tables (v5.0), as typed steps
 * of the `move_page_tables` program (its locals include MovePmdLocals):
 *  - mm/huge_memory.c:move_huge_pmd: a huge PMD moves whole (both PMD
 *    locks, pmdp_huge_get_and_clear, move_soft_dirty_pmd, set_pmd_at, TLB
 *    flushed before the locks drop);
 *  - mm/mremap.c:move_normal_pmd (CONFIG_HAVE_MOVE_PMD, selected by x86 in
 *    v5.0, arch/x86/Kconfig): a PMD entry pointing at a PTE table moves whole
 *    under the old and new PMD locks only (pmd_clear, set_pmd_at,
 *    flush_tlb_range of the old PMD range). The PTE table, and so its split
 *    PTE lock, goes with it: a thread holding that PTE lock is not excluded.
 * Both are one run of four steps (movable? / lock old / move / unlock),
 * built by pmdMoveRun. And take_rmap_locks / drop_rmap_locks (i_mmap_rwsem, then the anon_vma
 * lock, both for write), taken around each move when need_rmap_locks.
 */
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { pmdAt, pmdTableOf, setPmd } from '../mm/pageTable.js';
import type { Ctx, StepBuilder, View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

/** Where take_rmap_locks returns to: the move it was taken for. */
export type RmapNext = 'move_huge_pmd' | 'move_normal_pmd' | 'pte_offset_map_lock';

/** The locals of move_page_tables these steps read and write. */
export interface MovePmdLocals {
  vma: number;
  old_addr: number;
  new_addr: number;
  old_end: number;
  /** the old PMD is huge (move_huge_pmd, else split_huge_pmd) */
  huge: boolean;
  /** move_huge_pmd / move_normal_pmd returned true */
  moved: boolean;
  need_rmap_locks: boolean;
  /** where take_rmap_locks returns to; '' before the first take */
  rmap_next: RmapNext | '';
}
type L = MovePmdLocals;
type V = View<L> | Ctx<L>;

export const mmOf = (v: V): number => vmaOf(v.s, v.l.vma).mm;
const oldPmdl = (v: V): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l.old_addr)!);
export const newPmdl = (v: V): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l.new_addr)!);
const iMmap = (v: V): string | null => {
  const f = vmaOf(v.s, v.l.vma).file;
  return f === null ? null : LockName.iMmap(f);
};
const anonVma = (v: V): string | null => {
  const a = vmaOf(v.s, v.l.vma).anonVma;
  return a === null ? null : LockName.anonVma(a);
};

/** The checks before the lock in move_huge_pmd and move_normal_pmd: both addresses PMD aligned, a whole PMD left, the new PMD none. */
export function pmdMovable(c: Ctx<L>): boolean {
  const n = pmdSize(c.g);
  // if ((old_addr & ~PMD_MASK) || (new_addr & ~PMD_MASK) || old_end - old_addr < PMD_SIZE) return false;
  if (c.l.old_addr % n !== 0 || c.l.new_addr % n !== 0 || c.l.old_end - c.l.old_addr < n) return false;
  // The destination pmd shouldn't be established, free_pgtables() should have release it.  if (WARN_ON(!pmd_none(*new_pmd))) return false;
  return pmdAt(c.s, mmOf(c), c.l.new_addr) === null;
}

/** Both PMD locks held: moves the old PMD entry to the new slot and flushes the old range. */
function movePmdEntry(c: Ctx<L>, huge: boolean): void {
  if (oldPmdl(c) !== newPmdl(c)) c.lock(newPmdl(c));
  const mm = mmOf(c);
  const e = pmdAt(c.s, mm, c.l.old_addr)!;
  setPmd(c.s, mm, c.l.old_addr, null);
  // huge: pmd = move_soft_dirty_pmd(pmd): pmd_mksoft_dirty
  setPmd(c.s, mm, c.l.new_addr, huge && e.kind === 'huge' ? { ...e, softDirty: true } : e);
  flushTlbRange(c.s, mm, c.l.old_addr, c.l.old_addr + pmdSize(c.g));
  c.l.moved = true;
}

/** After move_huge_pmd / move_normal_pmd returned: drop_rmap_locks when taken, then `moved?`. */
const afterMove = (c: Ctx<L>): 'drop_rmap_locks' | 'moved?' => (c.l.need_rmap_locks ? 'drop_rmap_locks' : 'moved?');

/** The labels of one PMD move (move_huge_pmd or move_normal_pmd) and its function. */
interface PmdMove<E extends string, K extends string, M extends string, U extends string> {
  /** the function's entry: the checks of pmdMovable */
  readonly entry: E;
  /** takes the old PMD lock */
  readonly lock: K;
  /** takes the new PMD lock and moves the entry */
  readonly move: M;
  /** drops both locks */
  readonly unlock: U;
  /** `file:function` */
  readonly at: string;
  /** move_huge_pmd: the old PMD must still be huge under its lock; the moved entry is marked soft dirty */
  readonly huge: boolean;
}

/**
 * One PMD move: move_huge_pmd (mm/huge_memory.c) and move_normal_pmd
 * (mm/mremap.c) have the same shape:
 *   if (!pmdMovable) return false;
 *   old_ptl = <lock the old PMD>;   huge: __pmd_trans_huge_lock(old_pmd, vma), if (!old_ptl) return false;  normal: pmd_lock(vma->vm_mm, old_pmd)
 *   new_ptl = pmd_lockptr(mm, new_pmd); if (new_ptl != old_ptl) spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
 *   <move the entry, flush the old PMD range>; if (new_ptl != old_ptl) spin_unlock(new_ptl); spin_unlock(old_ptl); return true;
 */
function pmdMoveRun<const E extends string, const K extends string, const M extends string, const U extends string>($: StepBuilder<L>, m: PmdMove<E, K, M, U>) {
  return [
    $.step(m.entry, {
      at: m.at,
      local: true,
      run: (c): K | 'drop_rmap_locks' | 'moved?' => {
        c.l.moved = false;
        return pmdMovable(c) ? m.lock : afterMove(c);
      },
    }),
    $.lock(m.lock, oldPmdl, {
      at: m.at,
      then: (c) => {
        // huge: old_ptl = __pmd_trans_huge_lock(old_pmd, vma); if (!old_ptl) return false;  (split meanwhile)
        if (!m.huge || pmdAt(c.s, mmOf(c), c.l.old_addr)?.kind === 'huge') return undefined;
        c.unlock(oldPmdl(c));
        return afterMove(c);
      },
    }),
    $.step(m.move, {
      at: m.at,
      guard: (v) => oldPmdl(v) === newPmdl(v) || canTake(v.s, newPmdl(v)),
      run: (c) => {
        // new_ptl = pmd_lockptr(mm, new_pmd); if (new_ptl != old_ptl) spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
        // huge: pmd = pmdp_huge_get_and_clear(mm, old_addr, old_pmd); if (pmd_present(pmd)) force_flush = true; [withdraw/deposit]
        //       pmd = move_soft_dirty_pmd(pmd); set_pmd_at(mm, new_addr, new_pmd, pmd); if (force_flush) flush_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
        // normal: pmd = *old_pmd; pmd_clear(old_pmd); VM_BUG_ON(!pmd_none(*new_pmd)); set_pmd_at(mm, new_addr, new_pmd, pmd); flush_tlb_range(vma, old_addr, old_addr + PMD_SIZE);
        movePmdEntry(c, m.huge);
        return undefined;
      },
    }),
    $.step(m.unlock, {
      at: m.at,
      run: (c) => {
        // if (new_ptl != old_ptl) spin_unlock(new_ptl); spin_unlock(old_ptl); return true;
        if (oldPmdl(c) !== newPmdl(c)) c.unlock(newPmdl(c));
        c.unlock(oldPmdl(c));
        return afterMove(c);
      },
    }),
  ] as const;
}

/** take_rmap_locks, move_huge_pmd, move_normal_pmd, drop_rmap_locks and `moved?` (move_page_tables after a PMD move). */
export function movePmdSteps($: StepBuilder<L>) {
  return [
    $.step('take_rmap_locks', {
      at: 'mm/mremap.c:take_rmap_locks',
      guard: (v) => iMmap(v) === null || canTake(v.s, iMmap(v)!),
      run: (c) => {
        // if (vma->vm_file) i_mmap_lock_write(vma->vm_file->f_mapping);
        if (iMmap(c) !== null) c.lock(iMmap(c)!);
        return undefined;
      },
    }),
    $.step('anon_vma_lock_write', {
      at: 'mm/mremap.c:take_rmap_locks',
      guard: (v) => anonVma(v) === null || canTake(v.s, anonVma(v)!),
      run: (c) => {
        // if (vma->anon_vma) anon_vma_lock_write(vma->anon_vma);
        if (anonVma(c) !== null) c.lock(anonVma(c)!);
        const next = c.l.rmap_next;
        return next === '' ? c.fail('take_rmap_locks with no move to return to') : next;
      },
    }),
    ...pmdMoveRun($, {
      entry: 'move_huge_pmd',
      lock: '__pmd_trans_huge_lock',
      move: 'pmdp_huge_get_and_clear',
      unlock: 'spin_unlock(old_ptl) huge',
      at: 'mm/huge_memory.c:move_huge_pmd',
      huge: true,
    }),
    ...pmdMoveRun($, {
      entry: 'move_normal_pmd',
      lock: 'pmd_lock',
      move: 'pmd_clear',
      unlock: 'spin_unlock(old_ptl)',
      at: 'mm/mremap.c:move_normal_pmd',
      huge: false,
    }),
    $.step('drop_rmap_locks', {
      at: 'mm/mremap.c:drop_rmap_locks',
      run: (c) => {
        // if (vma->anon_vma) anon_vma_unlock_write(vma->anon_vma); if (vma->vm_file) i_mmap_unlock_write(vma->vm_file->f_mapping);
        if (anonVma(c) !== null) c.unlock(anonVma(c)!);
        if (iMmap(c) !== null) c.unlock(iMmap(c)!);
        return c.l.rmap_next === 'pte_offset_map_lock' ? 'next_extent' : 'moved?';
      },
    }),
    $.step('moved?', {
      at: 'mm/mremap.c:move_page_tables',
      local: true,
      run: (c) => {
        // if (moved) continue;  huge: split_huge_pmd(vma, old_pmd, old_addr); normal: pte_alloc + move_ptes
        if (c.l.moved) return 'next_extent';
        return c.l.huge ? 'split_huge_pmd' : 'pte_alloc';
      },
    }),
  ] as const;
}
