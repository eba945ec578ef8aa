/**
 * Site #8, mm/hugetlb.c:__unmap_hugepage_range (v5.0) {vma, start, end},
 * with the caller's mmu_gather, and its callers:
 *  - `__unmap_hugepage_range_final` {vma, start, end}: from
 *    mm/memory.c:unmap_single_vma (munmap/exit: i_mmap_lock_write around it;
 *    then VM_MAYSHARE is cleared so the dying vma is never shared again);
 *  - `unmap_hugepage_range` {vma, start, end}: own gather over the range
 *    widened by adjust_range_if_pmd_sharing_possible;
 *  - operation `hugetlbfs_punch_hole` {file, start, end} (fs/hugetlbfs/inode.c,
 *    fallocate(FALLOC_FL_PUNCH_HOLE), file page indices): i_mmap_lock_write,
 *    hugetlb_vmdelete_list -> unmap_hugepage_range on every vma, unlock, then
 *    remove_inode_hugepages drops the page-cache pages (re-unmapping a page a
 *    racing fault mapped again).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, start, end);
 *   adjust_range_if_pmd_sharing_possible(vma, &range.start, &range.end);
 *   mmu_notifier_invalidate_range_start(&range);
 *   for (address = start; address < end; address += sz) {
 *       ptep = huge_pte_offset(); if (!ptep) continue; ptl = huge_pte_lock(h, mm, ptep);
 *       if (huge_pmd_unshare(mm, &address, ptep)) { spin_unlock(ptl); continue; }
 *       pte = huge_ptep_get(ptep); if (huge_pte_none(pte)) { spin_unlock(ptl); continue; }
 *       if (!pte_present(pte)) { huge_pte_clear(); spin_unlock(ptl); continue; }
 *       pte = huge_ptep_get_and_clear(mm, address, ptep); tlb_remove_huge_tlb_entry(h, tlb, ptep, address);
 *       if (huge_pte_dirty(pte)) set_page_dirty(page); page_remove_rmap(page, true);
 *       spin_unlock(ptl); tlb_remove_page_size(tlb, page, huge_page_size(h)); }
 *   mmu_notifier_invalidate_range_end(&range); tlb_end_vma(tlb, vma);
 * Faithful to v5.0: a successful huge_pmd_unshare does not widen the
 * gather's flush range (fixed only in v5.16, "hugetlbfs: flush TLBs
 * correctly after huge_pmd_unshare").
 * Abstracted: ref_page (unmap_ref_private) is not modelled.
 */
import { putPage, removeRmap, setPageDirty } from '../mm/frames.js';
import { pmdSize } from '../mm/Geometry.js';
import { adjustRangeIfPmdSharingPossible, hugePmdUnshare } from '../mm/hugetlbPmd.js';
import { hugePteLockStep, hugePteOffsetStep } from './hugetlbWalk.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeAdjust, rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { tlbAdjustRange, tlbGatherMmu, tlbRemovePage } from '../mm/tlb.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';
import { mutFile, mutVma } from '../mm/mutate.js';
import { tlbFinishMmu, tlbFlushMmu, tlbFlushMmuTlbonly } from '../mm/fault/tlbPrograms.js';

const UNMAP_HUGEPAGE_RANGE_SITE = '8';

interface RangeArgs {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
}

const innerLocals = (a: RangeArgs) => ({
  vma: a.vma,
  start: a.start,
  end: a.end,
  address: 0,
  /** the range's index (rangeInit) */
  range: -1,
  /** the PMD lock huge_pte_lock took */
  ptl: '',
  /** the page just unmapped, for tlb_remove_page_size */
  page: -1,
});
type Inner = ReturnType<typeof innerLocals>;

const mmOf = (v: View<{ vma: number }> | Ctx<{ vma: number }>): number => vmaOf(v.s, v.l.vma).mm;

export const unmapHugepageRangeInner = defineProgram({
  name: '__unmap_hugepage_range',
  params: ['vma', 'start', 'end'],
  file: 'mm/hugetlb.c',
  locals: innerLocals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      // tlb_remove_check_page_size_change(tlb, sz); tlb_start_vma(tlb, vma);
      // mmu_notifier_range_init(&range, <event>, <vma>, mm, start, end);
      c.l.range = rangeInit(c, UNMAP_HUGEPAGE_RANGE_SITE, mmOf(c), c.l.start, c.l.end);
      return undefined;
    }),
    $.step('adjust_range_if_pmd_sharing_possible', (c) => {
      const r = c.t.ranges[c.l.range]!;
      const w = adjustRangeIfPmdSharingPossible(c.s, vmaOf(c.s, c.l.vma), r.start, r.end);
      rangeAdjust(c, c.l.range, w.start, w.end);
      c.l.address = c.l.start;
      return c.call(invalidateRangeStart, { r: c.l.range }, 'huge_pte_offset');
    }),
    hugePteOffsetStep($, 'mm/hugetlb.c:__unmap_hugepage_range', 'mmu_notifier_invalidate_range_end'),
    hugePteLockStep($, 'mm/hugetlb.c:__unmap_hugepage_range', (c: Ctx<Inner>) => {
      const mm = mmOf(c);
      const a = c.l.address;
      // if (huge_pmd_unshare(mm, &address, ptep)) { spin_unlock(ptl); continue; }
      const last = hugePmdUnshare(c.s, mm, a);
      if (last >= 0) {
        c.l.address = last;
        return 'spin_unlock';
      }
      const e = pmdAt(c.s, mm, a);
      if (e === null) return 'spin_unlock';
      // if (unlikely(!pte_present(pte))) { huge_pte_clear(mm, address, ptep, sz); spin_unlock(ptl); continue; }
      setPmd(c.s, mm, a, null);
      if (e.kind !== 'huge') return 'spin_unlock';
      // pte = huge_ptep_get_and_clear(mm, address, ptep); tlb_remove_huge_tlb_entry(h, tlb, ptep, address);
      tlbAdjustRange(c.t, a, pmdSize(c.g));
      // if (huge_pte_dirty(pte)) set_page_dirty(page); hugetlb_count_sub(); page_remove_rmap(page, true);
      if (e.dirty) setPageDirty(c.s, e.frame);
      removeRmap(c.s, e.frame);
      c.l.page = e.frame;
      return 'tlb_remove_page_size';
    }),
    $.unlock('tlb_remove_page_size', (v) => v.l.ptl, {
      then: (c) => {
        // spin_unlock(ptl); tlb_remove_page_size(tlb, page, huge_page_size(h));  (if (__tlb_remove_page_size(...)) tlb_flush_mmu(tlb);)
        const full = tlbRemovePage(c.s, c.t, c.l.page);
        c.l.page = -1;
        c.l.address += pmdSize(c.g);
        return full ? c.call(tlbFlushMmu, {}, 'huge_pte_offset') : 'huge_pte_offset';
      },
    }),
    $.unlock('spin_unlock', (v) => v.l.ptl, {
      then: (c) => {
        c.l.address += pmdSize(c.g);
        return 'huge_pte_offset';
      },
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'tlb_end_vma')),
    // tlb_end_vma(tlb, vma): if (!tlb->fullmm) tlb_flush_mmu_tlbonly(tlb);
    $.local('tlb_end_vma', (c) => c.call(tlbFlushMmuTlbonly, {}, 'return'), 'include/asm-generic/tlb.h:tlb_end_vma'),
    $.local('return', () => DONE),
  ],
});

const iMmapOfVma = (v: View<{ vma: number }>): string => LockName.iMmap(vmaOf(v.s, v.l.vma).file!);

export const unmapHugepageRangeFinal = defineProgram({
  name: '__unmap_hugepage_range_final',
  params: ['vma', 'start', 'end'],
  file: 'mm/hugetlb.c',
  locals: (a: RangeArgs) => ({ vma: a.vma, start: a.start, end: a.end }),
  steps: ($) => [
    $.lock('i_mmap_lock_write', iMmapOfVma, { at: 'mm/memory.c:unmap_single_vma' }),
    $.local('__unmap_hugepage_range', (c) => c.call(unmapHugepageRangeInner, { vma: c.l.vma, start: c.l.start, end: c.l.end }, 'vm_flags')),
    $.step('vm_flags', (c) => {
      // vma->vm_flags &= ~VM_MAYSHARE;  (x86's page_table_shareable test fails on a vma being torn down)
      const v = mutVma(c.s, c.l.vma);
      v.flags = { ...v.flags, mayshare: false };
      return undefined;
    }),
    $.unlock('i_mmap_unlock_write', iMmapOfVma, { at: 'mm/memory.c:unmap_single_vma', then: () => DONE }),
  ],
});

export const unmapHugepageRange = defineProgram({
  name: 'unmap_hugepage_range',
  params: ['vma', 'start', 'end'],
  file: 'mm/hugetlb.c',
  locals: (a: RangeArgs) => ({ vma: a.vma, start: a.start, end: a.end, tlb_start: 0, tlb_end: 0 }),
  steps: ($) => [
    $.step('tlb_gather_mmu', (c) => {
      // adjust_range_if_pmd_sharing_possible(vma, &tlb_start, &tlb_end); tlb_gather_mmu(&tlb, mm, tlb_start, tlb_end);
      const w = adjustRangeIfPmdSharingPossible(c.s, vmaOf(c.s, c.l.vma), c.l.start, c.l.end);
      c.l.tlb_start = w.start;
      c.l.tlb_end = w.end;
      tlbGatherMmu(c.s, c.t, mmOf(c));
      return c.call(unmapHugepageRangeInner, { vma: c.l.vma, start: c.l.start, end: c.l.end }, 'tlb_finish_mmu');
    }),
    $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: c.l.tlb_start, end: c.l.tlb_end }, 'return')),
    $.local('return', () => DONE),
  ],
});

interface PunchArgs {
  readonly file: number;
  readonly start: number;
  readonly end: number;
}
const punchLocals = (a: PunchArgs) => ({ file: a.file, start: a.start, end: a.end, vma: -1, index: 0, pass: 0 });
type Punch = ReturnType<typeof punchLocals>;

const iMmapOfFile = (v: View<Punch>): string => LockName.iMmap(v.l.file);
const inodeOfFile = (v: View<Punch>): string => LockName.inode(v.l.file);

/** The next page-cache index from `index` on that holds a page (remove_inode_hugepages' pagevec lookup), or one at or past `end`. */
function nextCachedIndex(v: View<Punch>): number {
  const cache = v.s.files[v.l.file]!.pages;
  let i = v.l.index;
  while (i < v.l.end && cache[i] === null) i += pmdSize(v.s.cfg.geometry);
  return i;
}

/** The vmas of `file` overlapping file pages [start, end), after `after` (vma id order), as hugetlb_vmdelete_list walks them. */
function nextOverlap(c: Ctx<Punch>, after: number): number | null {
  for (const id of fileVmas(c.s, c.l.file)) {
    if (id <= after) continue;
    const v = vmaOf(c.s, id);
    if (v.pgoff < c.l.end && c.l.start < v.pgoff + (v.end - v.start)) return id;
  }
  return null;
}

export const hugetlbfsPunchHole = defineProgram({
  name: 'hugetlbfs_punch_hole',
  params: ['file', 'start', 'end'],
  file: 'fs/hugetlbfs/inode.c',
  locals: punchLocals,
  steps: ($) => [
    // inode_lock(inode); (hole punch: hugetlbfs_punch_hole; truncate: do_truncate's caller) if (info->seals & F_SEAL_WRITE) ...; i_mmap_lock_write(mapping);
    // as one step: nothing between the two (the model has no seals)
    $.step('i_mmap_lock_write', {
      guard: (v) => (v.l.pass > 0 || canTake(v.s, inodeOfFile(v))) && canTake(v.s, iMmapOfFile(v)),
      run: (c) => {
        if (c.l.pass === 0) c.lock(inodeOfFile(c));
        c.lock(iMmapOfFile(c));
        c.l.vma = -1;
        return undefined;
      },
    }),
    $.step('hugetlb_vmdelete_list', {
      at: 'hugetlb_vmdelete_list',
      local: true,
      run: (c) => {
        // vma_interval_tree_foreach(vma, root, start, end ? end : ULONG_MAX) { v_offset = ...; unmap_hugepage_range(vma, vma->vm_start + v_offset, v_end, NULL); }
        const id = nextOverlap(c, c.l.vma);
        if (id === null) return 'i_mmap_unlock_write';
        c.l.vma = id;
        const v = vmaOf(c.s, id);
        const vs = v.start + Math.max(0, c.l.start - v.pgoff);
        const ve = Math.min(v.end, v.start + (c.l.end - v.pgoff));
        return c.call(unmapHugepageRange, { vma: id, start: vs, end: ve }, 'hugetlb_vmdelete_list');
      },
    }),
    $.unlock('i_mmap_unlock_write', iMmapOfFile, {
      then: (c) => {
        if (c.l.pass > 0) return 'remove_from_page_cache';
        c.l.index = c.l.start;
        return undefined;
      },
    }),
    $.step('remove_inode_hugepages', {
      at: 'remove_inode_hugepages',
      // the next page's fault mutex (the step takes it), or, past the last page, none
      guard: (v) => {
        const i = nextCachedIndex(v);
        return i >= v.l.end || canTake(v.s, LockName.hugetlbFaultShared(v.l.file, i));
      },
      run: (c) => {
        // for each page in [start, end): hash = hugetlb_fault_mutex_hash(h, current->mm, &pseudo_vma, mapping, index, 0); mutex_lock(&hugetlb_fault_mutex_table[hash]);
        // if (unlikely(page_mapped(page))) { i_mmap_lock_write(mapping); hugetlb_vmdelete_list(...); i_mmap_unlock_write(mapping); } lock_page(page); ...
        const cache = c.s.files[c.l.file]!.pages;
        const i = nextCachedIndex(c);
        c.l.index = i;
        if (i >= c.l.end) {
          // (hugetlbfs_punch_hole) inode_unlock(inode); return 0;
          c.unlock(inodeOfFile(c));
          return DONE;
        }
        c.lock(LockName.hugetlbFaultShared(c.l.file, i));
        if (c.s.frames[cache[i]!]!.map > 0) {
          c.l.pass = 1;
          c.l.vma = -1;
          return 'i_mmap_lock_write';
        }
        return 'remove_from_page_cache';
      },
    }),
    $.step('remove_from_page_cache', {
      at: 'remove_inode_hugepages',
      run: (c) => {
        // ClearPageDirty(page); ClearPagePrivate(page); delete_from_page_cache(page) (drops the page-cache reference); unlock_page(page);
        // mutex_unlock(&hugetlb_fault_mutex_table[hash]);
        c.l.pass = 0;
        const f = c.s.files[c.l.file]!.pages[c.l.index];
        if (f !== null && f !== undefined) {
          mutFile(c.s, c.l.file).pages[c.l.index] = null;
          putPage(c.s, f);
        }
        c.unlock(LockName.hugetlbFaultShared(c.l.file, c.l.index));
        c.l.index += pmdSize(c.g);
        return 'remove_inode_hugepages';
      },
    }),
  ],
});
