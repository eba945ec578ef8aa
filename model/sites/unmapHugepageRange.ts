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
import { LockName } from '../mm/locks.js';
import { rangeAdjust, rangeInit } from '../mm/notifier/rangeInit.js';
import type { Vma } from '../mm/MmState.js';
import { pmdAt, setPmd } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { hugePteLockStep, hugePteOffsetStep } from '../mm/hugetlbWalk.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { tlbAdjustRange, tlbGatherMmu, tlbRemovePage } from '../mm/tlb.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';

const H = 'mm/hugetlb.c';
const F = 'fs/hugetlbfs/inode.c';
export const UNMAP_HUGEPAGE_RANGE_SITE = '8';

const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;

export const unmapHugepageRangeInner: Program = {
  name: '__unmap_hugepage_range',
  locals: (a) => ({ vma: a['vma'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, address: 0, range: -1, ptl: '', page: -1 }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: `${H}:__unmap_hugepage_range`,
      run: (c) => {
        // tlb_remove_check_page_size_change(tlb, sz); tlb_start_vma(tlb, vma);
        // mmu_notifier_range_init(&range, <event>, <vma>, mm, start, end);
        c.l['range'] = rangeInit(c, UNMAP_HUGEPAGE_RANGE_SITE, mmOf(c), c.n('start'), c.n('end'));
        return undefined;
      },
    },
    {
      label: 'adjust_range_if_pmd_sharing_possible',
      at: `${H}:__unmap_hugepage_range`,
      run: (c) => {
        const r = c.t.ranges[c.n('range')]!;
        const w = adjustRangeIfPmdSharingPossible(c.s, vmaOf(c.s, c.n('vma')), r.start, r.end);
        rangeAdjust(c, c.n('range'), w.start, w.end);
        c.l['address'] = c.n('start');
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'huge_pte_offset');
      },
    },
    hugePteOffsetStep(`${H}:__unmap_hugepage_range`, 'mmu_notifier_invalidate_range_end'),
    hugePteLockStep(`${H}:__unmap_hugepage_range`, (c) => {
        const mm = mmOf(c);
        const a = c.n('address');
        // if (huge_pmd_unshare(mm, &address, ptep)) { spin_unlock(ptl); continue; }
        const last = hugePmdUnshare(c.s, mm, a);
        if (last >= 0) {
          c.l['address'] = last;
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
        c.l['page'] = e.frame;
        return 'tlb_remove_page_size';
    }),
    unlockStep('tlb_remove_page_size', `${H}:__unmap_hugepage_range`, (v) => v.l['ptl'] as string, 'w', (c) => {
      // spin_unlock(ptl); tlb_remove_page_size(tlb, page, huge_page_size(h));
      tlbRemovePage(c.t, c.n('page'));
      c.l['page'] = -1;
      c.l['address'] = c.n('address') + pmdSize(c.g);
      return 'huge_pte_offset';
    }),
    unlockStep('spin_unlock', `${H}:__unmap_hugepage_range`, (v) => v.l['ptl'] as string, 'w', (c) => {
      c.l['address'] = c.n('address') + pmdSize(c.g);
      return 'huge_pte_offset';
    }),
    localStep('mmu_notifier_invalidate_range_end', `${H}:__unmap_hugepage_range`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_end_vma'),
    ),
    // tlb_end_vma(tlb, vma): if (!tlb->fullmm) tlb_flush_mmu_tlbonly(tlb);
    localStep('tlb_end_vma', 'include/asm-generic/tlb.h:tlb_end_vma', (c) => c.call('tlb_flush_mmu_tlbonly', {}, 'return')),
    localStep('return', `${H}:__unmap_hugepage_range`, () => DONE),
  ],
};

const iMmapOfVma = (v: StepView): string => LockName.iMmap(vmaOf(v.s, v.l['vma'] as number).file!);

export const unmapHugepageRangeFinal: Program = {
  name: '__unmap_hugepage_range_final',
  locals: (a) => ({ vma: a['vma'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null }),
  steps: [
    lockStep('i_mmap_lock_write', 'mm/memory.c:unmap_single_vma', iMmapOfVma),
    localStep('__unmap_hugepage_range', `${H}:__unmap_hugepage_range_final`, (c) =>
      c.call('__unmap_hugepage_range', { vma: c.n('vma'), start: c.n('start'), end: c.n('end') }, 'vm_flags'),
    ),
    {
      label: 'vm_flags',
      at: `${H}:__unmap_hugepage_range_final`,
      run: (c) => {
        // vma->vm_flags &= ~VM_MAYSHARE;  (x86's page_table_shareable test fails on a vma being torn down)
        const v = c.s.vmas[c.n('vma')]! as Vma & { flags: Vma['flags'] & { mayshare: boolean } };
        v.flags.mayshare = false;
        return undefined;
      },
    },
    unlockStep('i_mmap_unlock_write', 'mm/memory.c:unmap_single_vma', iMmapOfVma, 'w', () => DONE),
  ],
};

export const unmapHugepageRange: Program = {
  name: 'unmap_hugepage_range',
  locals: (a) => ({ vma: a['vma'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, tlb_start: 0, tlb_end: 0 }),
  steps: [
    {
      label: 'tlb_gather_mmu',
      at: `${H}:unmap_hugepage_range`,
      run: (c) => {
        // adjust_range_if_pmd_sharing_possible(vma, &tlb_start, &tlb_end); tlb_gather_mmu(&tlb, mm, tlb_start, tlb_end);
        const w = adjustRangeIfPmdSharingPossible(c.s, vmaOf(c.s, c.n('vma')), c.n('start'), c.n('end'));
        c.l['tlb_start'] = w.start;
        c.l['tlb_end'] = w.end;
        tlbGatherMmu(c.s, c.t, mmOf(c));
        return c.call('__unmap_hugepage_range', { vma: c.n('vma'), start: c.n('start'), end: c.n('end') }, 'tlb_finish_mmu');
      },
    },
    localStep('tlb_finish_mmu', `${H}:unmap_hugepage_range`, (c) => c.call('tlb_finish_mmu', { start: c.n('tlb_start'), end: c.n('tlb_end') }, 'return')),
    localStep('return', `${H}:unmap_hugepage_range`, () => DONE),
  ],
};

const iMmapOfFile = (v: StepView): string => LockName.iMmap(v.l['file'] as number);

/** The vmas of `file` overlapping file pages [start, end), after `after` (vma id order), as hugetlb_vmdelete_list walks them. */
function nextOverlap(c: StepCtx, after: number): number | null {
  for (const id of fileVmas(c.s, c.n('file'))) {
    if (id <= after) continue;
    const v = vmaOf(c.s, id);
    if (v.pgoff < c.n('end') && c.n('start') < v.pgoff + (v.end - v.start)) return id;
  }
  return null;
}

export const hugetlbfsPunchHole: Program = {
  name: 'hugetlbfs_punch_hole',
  locals: (a) => ({ file: a['file'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, vma: -1, index: 0, pass: 0 }),
  steps: [
    lockStep('i_mmap_lock_write', `${F}:hugetlbfs_punch_hole`, iMmapOfFile, 'w', (c) => {
      c.l['vma'] = -1;
      return undefined;
    }),
    {
      label: 'hugetlb_vmdelete_list',
      at: `${F}:hugetlb_vmdelete_list`,
      local: true,
      run: (c) => {
        // vma_interval_tree_foreach(vma, root, start, end ? end : ULONG_MAX) { v_offset = ...; unmap_hugepage_range(vma, vma->vm_start + v_offset, v_end, NULL); }
        const id = nextOverlap(c, c.n('vma'));
        if (id === null) return 'i_mmap_unlock_write';
        c.l['vma'] = id;
        const v = vmaOf(c.s, id);
        const vs = v.start + Math.max(0, c.n('start') - v.pgoff);
        const ve = Math.min(v.end, v.start + (c.n('end') - v.pgoff));
        return c.call('unmap_hugepage_range', { vma: id, start: vs, end: ve }, 'hugetlb_vmdelete_list');
      },
    },
    unlockStep('i_mmap_unlock_write', `${F}:hugetlbfs_punch_hole`, iMmapOfFile, 'w', (c) => {
      if (c.n('pass') > 0) return 'remove_from_page_cache';
      c.l['index'] = c.n('start');
      return undefined;
    }),
    {
      label: 'remove_inode_hugepages',
      at: `${F}:remove_inode_hugepages`,
      run: (c) => {
        // for each page in [start, end): lock_page(page); if (unlikely(page_mapped(page))) { i_mmap_lock_write(mapping); hugetlb_vmdelete_list(...); i_mmap_unlock_write(mapping); }
        const cache = c.s.files[c.n('file')]!.pages;
        let i = c.n('index');
        while (i < c.n('end') && cache[i] === null) i += pmdSize(c.g);
        c.l['index'] = i;
        if (i >= c.n('end')) return DONE;
        if (c.s.frames[cache[i]!]!.map > 0) {
          c.l['pass'] = 1;
          c.l['vma'] = -1;
          return 'i_mmap_lock_write';
        }
        return 'remove_from_page_cache';
      },
    },
    {
      label: 'remove_from_page_cache',
      at: `${F}:remove_inode_hugepages`,
      run: (c) => {
        // ClearPageDirty(page); ClearPagePrivate(page); delete_from_page_cache(page) (drops the page-cache reference); unlock_page(page);
        c.l['pass'] = 0;
        const cache = c.s.files[c.n('file')]!.pages as (number | null)[];
        const f = cache[c.n('index')];
        if (f !== null && f !== undefined) {
          cache[c.n('index')] = null;
          putPage(c.s, f);
        }
        c.l['index'] = c.n('index') + pmdSize(c.g);
        return 'remove_inode_hugepages';
      },
    },
  ],
};
