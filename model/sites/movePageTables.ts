/**
 * Site #25, mm/mremap.c:move_page_tables (v5.0) {vma, old_addr, new_vma,
 * new_addr, len, need_rmap_locks}. mmap_sem is held for write by the caller.
 *
 *   old_end = old_addr + len; flush_cache_range(vma, old_addr, old_end);
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, old_addr, old_end);
 *   mmu_notifier_invalidate_range_start(&range);
 *   for (; old_addr < old_end; old_addr += extent, new_addr += extent) {
 *       extent = min(next PMD boundary of old_addr, old_end) - old_addr;
 *       old_pmd = get_old_pmd(); if (!old_pmd) continue; new_pmd = alloc_new_pmd(); if (!new_pmd) break;
 *       if (is_swap_pmd(*old_pmd) || pmd_trans_huge(*old_pmd)) {
 *           if (extent == HPAGE_PMD_SIZE) { [take_rmap_locks] moved = move_huge_pmd(); [drop_rmap_locks] if (moved) continue; }
 *           split_huge_pmd(vma, old_pmd, old_addr); if (pmd_trans_unstable(old_pmd)) continue;
 *       } else if (extent == PMD_SIZE) {   -- CONFIG_HAVE_MOVE_PMD: x86 selects it (arch/x86/Kconfig, v5.0)
 *           [take_rmap_locks] moved = move_normal_pmd(); [drop_rmap_locks] if (moved) continue;
 *       }
 *       if (pte_alloc(new_vma->vm_mm, new_pmd)) break; extent = min(extent, next PMD boundary of new_addr - new_addr);
 *       move_ptes(vma, old_pmd, old_addr, old_addr + extent, new_vma, new_pmd, new_addr, need_rmap_locks);
 *   }
 *   mmu_notifier_invalidate_range_end(&range);
 *
 * [take_rmap_locks] = if (need_rmap_locks) take_rmap_locks(vma): i_mmap_rwsem
 * and the anon_vma lock for write, so an rmap walk sees the old or the new
 * entries. mremap's copy_vma passes need_rmap_locks = false for a fresh vma,
 * true after a vma_merge with new_vma->vm_pgoff <= vma->vm_pgoff (mremap.ts)
 * and for move_vma's backwards move (not modelled: no allocation fails).
 * move_huge_pmd / move_normal_pmd (movePmdSteps.ts) move a whole PMD entry
 * when both addresses are PMD aligned, a whole PMD is left and the new PMD
 * is none; move_normal_pmd takes the PMD locks only, so the PTE table (with
 * its split PTE lock) changes address under a thread holding that lock.
 * move_ptes: [take_rmap_locks]; old PTE lock, new PTE lock nested; per PTE
 * ptep_get_and_clear(old) then set_pte_at(new) (x86 move_pte keeps the entry,
 * move_soft_dirty_pte); a present PTE forces flush_tlb_range(old) before the
 * locks drop; [drop_rmap_locks]. Both `vma` and `new_vma` are in scope;
 * `new_vma` does not contain the notified (old) range.
 * Not modelled: PMD migration entries (a ModelError), allocation failure,
 * free_pgtables of the destination (a populated new PMD makes the
 * PMD-level moves refuse, as their WARN_ON does).
 */
import { pmdAddrEnd, pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, pteAt, pteTableOf, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { mmOf, movePmdSteps, newPmdl, type RmapNext } from './movePmdSteps.js';
import { splitHugePmd } from './splitHugePmd.js';
import { presentWith } from '../mm/pteWith.js';

const MOVE_PAGE_TABLES_SITE = '25';

interface Args {
  readonly vma: number;
  readonly old_addr: number;
  readonly new_vma: number;
  readonly new_addr: number;
  readonly len: number;
  /** default false (copy_vma of a fresh vma) */
  readonly need_rmap_locks?: boolean;
}
const locals = (a: Args) => ({
  vma: a.vma,
  old_addr: a.old_addr,
  new_vma: a.new_vma,
  new_addr: a.new_addr,
  len: a.len,
  need_rmap_locks: a.need_rmap_locks ?? false,
  old_end: 0,
  extent: 0,
  range: -1,
  /** move_ptes: the next PTE's offset in the extent */
  i: 0,
  force_flush: false,
  /** the old PMD is huge */
  huge: false,
  /** move_huge_pmd / move_normal_pmd returned true */
  moved: false,
  /** where take_rmap_locks returns to (movePmdSteps.ts) */
  rmap_next: '' as RmapNext | '',
});
type L = ReturnType<typeof locals>;

const oldPtl = (v: View<L>): string => LockName.ptl(pteTableOf(v.s, mmOf(v), v.l.old_addr)!);
const newPtl = (v: View<L>): string => LockName.ptl(pteTableOf(v.s, mmOf(v), v.l.new_addr)!);

/** if (need_rmap_locks) take_rmap_locks(vma) before `next`. */
function rmapLocked<const N extends RmapNext>(c: Ctx<L>, next: N): N | 'take_rmap_locks' {
  if (!c.l.need_rmap_locks) return next;
  c.l.rmap_next = next;
  return 'take_rmap_locks';
}

export const movePageTables = defineProgram({
  name: 'move_page_tables',
  file: 'mm/mremap.c',
  params: ['vma', 'old_addr', 'new_vma', 'new_addr', 'len'],
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      c.l.old_end = c.l.old_addr + c.l.len;
      c.l.range = rangeInit(c, MOVE_PAGE_TABLES_SITE, mmOf(c), c.l.old_addr, c.l.old_end);
      return c.call(invalidateRangeStart, { r: c.l.range }, 'get_old_pmd');
    }),
    $.step('get_old_pmd', (c) => {
      // next = (old_addr + PMD_SIZE) & PMD_MASK; extent = next - old_addr; if (extent > old_end - old_addr) extent = old_end - old_addr;
      // old_pmd = get_old_pmd(vma->vm_mm, old_addr); if (!old_pmd) continue;
      const mm = mmOf(c);
      for (;;) {
        if (c.l.old_addr >= c.l.old_end) return 'mmu_notifier_invalidate_range_end';
        const o = c.l.old_addr;
        const extent = pmdAddrEnd(c.g, o, c.l.old_end) - o;
        c.l.extent = extent;
        const e = pmdAt(c.s, mm, o);
        if (e !== null && e.kind === 'migration') return c.fail('a PMD migration entry in mremap is not modelled');
        c.l.huge = e !== null && e.kind === 'huge';
        if (e !== null) return 'alloc_new_pmd';
        c.l.old_addr = o + extent;
        c.l.new_addr += extent;
      }
    }),
    $.step('alloc_new_pmd', {
      at: 'alloc_new_pmd',
      guard: (v) => canTake(v.s, LockName.pageTable(mmOf(v))),
      run: (c) => {
        // pud = pud_alloc(mm, p4d, addr); pmd = pmd_alloc(mm, pud, addr): __pmd_alloc under mm->page_table_lock
        if (pmdTableOf(c.s, mmOf(c), c.l.new_addr) === null) populatePmdTable(c.s, mmOf(c), c.l.new_addr);
        // if (is_swap_pmd(*old_pmd) || pmd_trans_huge(*old_pmd)) { if (extent == HPAGE_PMD_SIZE) { ... move_huge_pmd ... } split_huge_pmd(); ... }
        // else if (extent == PMD_SIZE) { ... move_normal_pmd ... }
        const whole = c.l.extent === pmdSize(c.g);
        if (c.l.huge) return whole ? rmapLocked(c, 'move_huge_pmd') : 'split_huge_pmd';
        return whole ? rmapLocked(c, 'move_normal_pmd') : 'pte_alloc';
      },
    }),
    ...movePmdSteps($),
    $.local('split_huge_pmd', (c) => c.call(splitHugePmd, { vma: c.l.vma, addr: c.l.old_addr, freeze: false }, 'pmd_trans_unstable')),
    $.step('pmd_trans_unstable', {
      local: true,
      // if (pmd_trans_unstable(old_pmd)) continue;
      run: (c) => (pteTableOf(c.s, mmOf(c), c.l.old_addr) !== null ? 'pte_alloc' : 'next_extent'),
    }),
    $.lock('pte_alloc', newPmdl, {
      at: 'mm/memory.c:__pte_alloc',
      then: (c) => {
        // if (pte_alloc(new_vma->vm_mm, new_pmd)) break;  (__pte_alloc: ptl = pmd_lock(mm, pmd); if (likely(pmd_none(*pmd))) pmd_populate(); spin_unlock(ptl);)
        const e = pmdAt(c.s, mmOf(c), c.l.new_addr);
        if (e === null) populatePteTable(c.s, mmOf(c), c.l.new_addr);
        else if (e.kind !== 'table') return c.fail('a huge PMD at the mremap destination is not modelled');
        return undefined;
      },
    }),
    $.unlock('spin_unlock', newPmdl, {
      at: 'mm/memory.c:__pte_alloc',
      then: (c) => {
        // next = (new_addr + PMD_SIZE) & PMD_MASK; if (extent > next - new_addr) extent = next - new_addr;
        const n = c.l.new_addr;
        c.l.extent = Math.min(c.l.extent, pmdAddrEnd(c.g, n, n + c.l.extent) - n);
        // move_ptes(): if (need_rmap_locks) take_rmap_locks(vma);
        return rmapLocked(c, 'pte_offset_map_lock');
      },
    }),
    $.lock('pte_offset_map_lock', oldPtl, {
      at: 'move_ptes',
      then: (c) => {
        // old_pte = pte_offset_map_lock(mm, old_pmd, old_addr, &old_ptl);
        c.l.i = 0;
        c.l.force_flush = false;
        return undefined;
      },
    }),
    $.step('spin_lock_nested', {
      at: 'move_ptes',
      guard: (v) => oldPtl(v) === newPtl(v) || canTake(v.s, newPtl(v)),
      run: (c) => {
        // new_pte = pte_offset_map(new_pmd, new_addr); new_ptl = pte_lockptr(mm, new_pmd); if (new_ptl != old_ptl) spin_lock_nested(new_ptl, SINGLE_DEPTH_NESTING);
        if (oldPtl(c) !== newPtl(c)) c.lock(newPtl(c));
        return undefined;
      },
    }),
    $.step('ptep_get_and_clear', {
      at: 'move_ptes',
      run: (c) => {
        // for (; old_addr < old_end; ...) { if (pte_none(*old_pte)) continue; pte = ptep_get_and_clear(mm, old_addr, old_pte);
        //   if (pte_present(pte)) force_flush = true; pte = move_pte(pte, new_vma->vm_page_prot, old_addr, new_addr); pte = move_soft_dirty_pte(pte); set_pte_at(mm, new_addr, new_pte, pte); }
        const mm = mmOf(c);
        let i = c.l.i;
        while (i < c.l.extent && pteAt(c.s, mm, c.l.old_addr + i) === null) i++;
        if (i >= c.l.extent) return 'flush_tlb_range';
        const p = pteAt(c.s, mm, c.l.old_addr + i)!;
        setPte(c.s, mm, c.l.old_addr + i, null);
        if (p.kind === 'present') c.l.force_flush = true;
        setPte(c.s, mm, c.l.new_addr + i, p.kind === 'present' ? presentWith(p, { softDirty: true }) : p);
        c.l.i = i + 1;
        return 'ptep_get_and_clear';
      },
    }),
    $.step('flush_tlb_range', {
      at: 'move_ptes',
      run: (c) => {
        // if (force_flush) flush_tlb_range(vma, old_end - len, old_end); if (new_ptl != old_ptl) spin_unlock(new_ptl); pte_unmap_unlock(old_pte - 1, old_ptl);
        if (c.l.force_flush) flushTlbRange(c.s, mmOf(c), c.l.old_addr, c.l.old_addr + c.l.extent);
        if (oldPtl(c) !== newPtl(c)) c.unlock(newPtl(c));
        c.unlock(oldPtl(c));
        // if (need_rmap_locks) drop_rmap_locks(vma);
        return c.l.need_rmap_locks ? 'drop_rmap_locks' : 'next_extent';
      },
    }),
    $.local('next_extent', (c) => {
      // for (; old_addr < old_end; old_addr += extent, new_addr += extent)
      c.l.old_addr += c.l.extent;
      c.l.new_addr += c.l.extent;
      return 'get_old_pmd';
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
    $.local('return', (c) => {
      // return len + old_addr - old_end;	/* how much done */
      c.ret(c.l.len);
      return DONE;
    }),
  ],
});
