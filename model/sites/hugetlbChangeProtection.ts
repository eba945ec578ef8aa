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
import { LockName } from '../mm/locks.js';
import { rangeAdjust, rangeInit } from '../mm/notifier/rangeInit.js';
import type { Vma } from '../mm/MmState.js';
import { pmdAt, setPmd } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { hugePteLockStep, hugePteOffsetStep } from '../mm/hugetlbWalk.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const H = 'mm/hugetlb.c:hugetlb_change_protection';
const P = 'mm/mprotect.c';
export const HUGETLB_CHANGE_PROTECTION_SITE = '10';

const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const iMmap = (v: StepView): string => LockName.iMmap(vmaOf(v.s, v.l['vma'] as number).file!);

export const hugetlbChangeProtection: Program = {
  name: 'hugetlb_change_protection',
  locals: (a) => ({ vma: a['vma'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, address: 0, range: -1, shared_pmd: false, ptl: '' }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: H,
      run: (c) => {
        c.l['range'] = rangeInit(c, HUGETLB_CHANGE_PROTECTION_SITE, mmOf(c), c.n('start'), c.n('end'));
        c.l['address'] = c.n('start');
        return undefined;
      },
    },
    {
      label: 'adjust_range_if_pmd_sharing_possible',
      at: H,
      run: (c) => {
        const r = c.t.ranges[c.n('range')]!;
        const w = adjustRangeIfPmdSharingPossible(c.s, vmaOf(c.s, c.n('vma')), r.start, r.end);
        rangeAdjust(c, c.n('range'), w.start, w.end);
        // flush_cache_range(vma, range.start, range.end): no-op on x86
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'i_mmap_lock_write');
      },
    },
    lockStep('i_mmap_lock_write', H, iMmap),
    hugePteOffsetStep(H, 'flush_hugetlb_tlb_range'),
    hugePteLockStep(H, (c) => {
        const mm = mmOf(c);
        const a = c.n('address');
        const last = hugePmdUnshare(c.s, mm, a);
        if (last >= 0) {
          c.l['address'] = last;
          c.l['shared_pmd'] = true;
          return 'spin_unlock';
        }
        const e = pmdAt(c.s, mm, a);
        if (e !== null && e.kind === 'migration' && e.write) setPmd(c.s, mm, a, { ...e, write: false });
        if (e !== null && e.kind === 'huge') {
          // pte = huge_ptep_get_and_clear(); pte = pte_mkhuge(huge_pte_modify(pte, newprot)); set_huge_pte_at();
          const v = vmaOf(c.s, c.n('vma'));
          // newprot = vma->vm_page_prot: PAGE_SHARED for a writable shared mapping (hugetlbfs wants no write notify),
          // PAGE_COPY (read-only) for a private one, which stays read-only until its COW fault
          setPmd(c.s, mm, a, { ...e, write: v.flags.write && v.flags.shared });
        }
        return 'spin_unlock';
    }),
    unlockStep('spin_unlock', H, (v) => v.l['ptl'] as string, 'w', (c) => {
      c.l['address'] = c.n('address') + pmdSize(c.g);
      return 'huge_pte_offset';
    }),
    {
      label: 'flush_hugetlb_tlb_range',
      at: H,
      run: (c) => {
        // if (shared_pmd) flush_hugetlb_tlb_range(vma, range.start, range.end); else flush_hugetlb_tlb_range(vma, start, end);
        const r = c.t.ranges[c.n('range')]!;
        if (c.l['shared_pmd'] === true) flushTlbRange(c.s, mmOf(c), r.start, r.end);
        else flushTlbRange(c.s, mmOf(c), c.n('start'), c.n('end'));
        return undefined;
      },
    },
    unlockStep('i_mmap_unlock_write', H, iMmap),
    localStep('mmu_notifier_invalidate_range_end', H, (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return')),
    localStep('return', H, () => DONE),
  ],
};

const mmapSem = (v: StepView): string => LockName.mmapSem(vmaOf(v.s, v.l['vma'] as number).mm);

export const mprotectHugetlb: Program = {
  name: 'mprotect_hugetlb',
  locals: (a) => ({ vma: a['vma'] ?? null, write: a['write'] ?? false }),
  steps: [
    lockStep('down_write', `${P}:do_mprotect_pkey`, mmapSem),
    {
      label: 'vma_set_page_prot',
      at: `${P}:mprotect_fixup`,
      run: (c) => {
        // vma->vm_flags = newflags; vma_set_page_prot(vma);  (the whole vma: no split or merge)
        const v = c.s.vmas[c.n('vma')]! as Vma & { flags: Vma['flags'] & { write: boolean } };
        v.flags.write = c.l['write'] === true;
        // change_protection(vma, start, end, vma->vm_page_prot, dirty_accountable, 0) -> hugetlb_change_protection()
        return c.call('hugetlb_change_protection', { vma: v.id, start: v.start, end: v.end }, 'up_write');
      },
    },
    unlockStep('up_write', `${P}:do_mprotect_pkey`, mmapSem, 'w', () => DONE),
  ],
};
