/**
 * Site #10, mm/hugetlb.c:hugetlb_change_protection (v5.0) {vma, start, end},
 * and operation `mprotect_hugetlb` {vma, write}: mprotect of a whole hugetlb
 * vma (mm/mprotect.c:do_mprotect_pkey -> mprotect_fixup -> change_protection
 * -> hugetlb_change_protection) under mmap_sem held for write; the vma's
 * flags change first (vma->vm_flags = newflags; vma_set_page_prot).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, start, end);
 *   adjust_range_if_pmd_sharing_possible(vma, &range.start, &range.end);
 *   flush_cache_range(vma, range.start, range.end);
 *   mmu_notifier_invalidate_range_start(&range);
 *   i_mmap_lock_write(vma->vm_file->f_mapping);
 *   for (; address < end; address += huge_page_size(h)) {
 *       ptep = huge_pte_offset(); if (!ptep) continue; ptl = huge_pte_lock(h, mm, ptep);
 *       if (huge_pmd_unshare(mm, &address, ptep)) { pages++; spin_unlock(ptl); shared_pmd = true; continue; }
 *       ... migration entries made read ...
 *       if (!huge_pte_none(pte)) { pte = huge_ptep_get_and_clear(); pte = pte_mkhuge(huge_pte_modify(pte, newprot)); set_huge_pte_at(); pages++; }
 *       spin_unlock(ptl); }
 *   if (shared_pmd) flush_hugetlb_tlb_range(vma, range.start, range.end); else flush_hugetlb_tlb_range(vma, start, end);
 *   i_mmap_unlock_write(vma->vm_file->f_mapping);
 *   mmu_notifier_invalidate_range_end(&range);
 * A successful huge_pmd_unshare removes this mm's whole PUD of translations
 * (it unmaps, not only re-protects).
 */
import { pmdSize } from '../mm/Geometry.js';
import { adjustRangeIfPmdSharingPossible, hugePmdUnshare } from '../mm/hugetlbPmd.js';
import { hugePteLockStep, hugePteOffsetStep } from './hugetlbWalk.js';
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeAdjust, rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { mutVma } from '../mm/mutate.js';

const H = 'mm/hugetlb.c:hugetlb_change_protection';
const HUGETLB_CHANGE_PROTECTION_SITE = '10';

interface Args {
  readonly vma: number;
  readonly start: number;
  readonly end: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  start: a.start,
  end: a.end,
  address: 0,
  /** the range's index (rangeInit) */
  range: -1,
  shared_pmd: false,
  /** the PMD lock huge_pte_lock took */
  ptl: '',
});
type L = ReturnType<typeof locals>;

const mmOf = (v: View<{ vma: number }> | Ctx<{ vma: number }>): number => vmaOf(v.s, v.l.vma).mm;
const iMmap = (v: View<L>): string => LockName.iMmap(vmaOf(v.s, v.l.vma).file!);

export const hugetlbChangeProtection = defineProgram({
  name: 'hugetlb_change_protection',
  params: ['vma', 'start', 'end'],
  file: 'mm/hugetlb.c',
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      c.l.range = rangeInit(c, HUGETLB_CHANGE_PROTECTION_SITE, mmOf(c), c.l.start, c.l.end);
      c.l.address = c.l.start;
      return undefined;
    }),
    $.step('adjust_range_if_pmd_sharing_possible', (c) => {
      const r = c.t.ranges[c.l.range]!;
      const w = adjustRangeIfPmdSharingPossible(c.s, vmaOf(c.s, c.l.vma), r.start, r.end);
      rangeAdjust(c, c.l.range, w.start, w.end);
      // flush_cache_range(vma, range.start, range.end): no-op on x86
      return c.call(invalidateRangeStart, { r: c.l.range }, 'i_mmap_lock_write');
    }),
    $.lock('i_mmap_lock_write', iMmap),
    hugePteOffsetStep($, H, 'flush_hugetlb_tlb_range'),
    hugePteLockStep($, H, (c: Ctx<L>): 'spin_unlock' => {
      const mm = mmOf(c);
      const a = c.l.address;
      const last = hugePmdUnshare(c.s, mm, a);
      if (last >= 0) {
        c.l.address = last;
        c.l.shared_pmd = true;
        return 'spin_unlock';
      }
      const e = pmdAt(c.s, mm, a);
      if (e !== null && e.kind === 'migration' && e.write) setPmd(c.s, mm, a, { ...e, write: false });
      if (e !== null && e.kind === 'huge') {
        // pte = huge_ptep_get_and_clear(); pte = pte_mkhuge(huge_pte_modify(pte, newprot)); set_huge_pte_at();
        const v = vmaOf(c.s, c.l.vma);
        // newprot = vma->vm_page_prot: PAGE_SHARED for a writable shared mapping (hugetlbfs wants no write notify),
        // PAGE_COPY (read-only) for a private one, which stays read-only until its COW fault
        setPmd(c.s, mm, a, { ...e, write: v.flags.write && v.flags.shared });
      }
      return 'spin_unlock';
    }),
    $.unlock('spin_unlock', (v) => v.l.ptl, {
      then: (c) => {
        c.l.address += pmdSize(c.g);
        return 'huge_pte_offset';
      },
    }),
    $.step('flush_hugetlb_tlb_range', (c) => {
      // if (shared_pmd) flush_hugetlb_tlb_range(vma, range.start, range.end); else flush_hugetlb_tlb_range(vma, start, end);
      const r = c.t.ranges[c.l.range]!;
      if (c.l.shared_pmd) flushTlbRange(c.s, mmOf(c), r.start, r.end);
      else flushTlbRange(c.s, mmOf(c), c.l.start, c.l.end);
      return undefined;
    }),
    $.unlock('i_mmap_unlock_write', iMmap),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
    $.local('return', () => DONE),
  ],
});

const mmapSem = (v: View<{ vma: number }>): string => LockName.mmapSem(vmaOf(v.s, v.l.vma).mm);

export const mprotectHugetlb = defineProgram({
  name: 'mprotect_hugetlb',
  params: ['vma'],
  file: 'mm/mprotect.c',
  locals: (a: { readonly vma: number; readonly write?: boolean }) => ({ vma: a.vma, write: a.write ?? false }),
  steps: ($) => [
    $.lock('down_write', mmapSem, { at: 'do_mprotect_pkey' }),
    $.step('vma_set_page_prot', {
      at: 'mprotect_fixup',
      run: (c) => {
        // vma->vm_flags = newflags; vma_set_page_prot(vma);  (the whole vma: no split or merge)
        const v = mutVma(c.s, c.l.vma);
        v.flags = { ...v.flags, write: c.l.write };
        // change_protection(vma, start, end, vma->vm_page_prot, dirty_accountable, 0) -> hugetlb_change_protection()
        return c.call(hugetlbChangeProtection, { vma: v.id, start: v.start, end: v.end }, 'up_write');
      },
    }),
    $.unlock('up_write', mmapSem, { at: 'do_mprotect_pkey', then: () => DONE }),
  ],
});
