/**
 * The munmap path to site #16 (mm/mmap.c, v5.0):
 *  - `munmap` {mm, start, end}: SYSCALL munmap -> __vm_munmap(start, len, downgrade = true):
 *    down_write_killable(mmap_sem); __do_munmap(); up_read or up_write.
 *  - `do_munmap` {mm, start, end, downgrade}: __do_munmap with mmap_sem held for write:
 *    split the vmas at start and end, detach_vmas_to_be_unmapped (faults on
 *    the range now find no vma), downgrade_write when asked (v5.0 munmap),
 *    unmap_region: lru_add_drain, tlb_gather_mmu, update_hiwater_rss,
 *    unmap_vmas (#16), free_pgtables, tlb_finish_mmu; remove_vma_list.
 *    rv = 1 when it downgraded (the caller then does up_read), else 0, or
 *    -EINVAL when a split is refused (hugetlb_vm_op_split: a hugetlb
 *    vma cut at an address that is not huge-page aligned).
 * free_pgtables (model/mm/fault/freePgtables.ts) hides each detached vma
 * from rmap (unlink_anon_vmas, unlink_file_vma, under their locks) and frees
 * the page tables only the run used, before remove_vma_list frees the vmas.
 * Abstracted: userfaultfd unmap prep, mlock accounting.
 */
import { LockName } from '../mm/locks.js';
import { freePgtables } from '../mm/fault/freePgtables.js';
import { tlbFinishMmu } from '../mm/fault/tlbPrograms.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { detachVmas, freeVma, splitVma, straddlingHugePmdAt, vmaSplitAt, vmasIn, vmOpsSplit } from '../mm/vmaOps.js';
import { splitHugePmd } from './splitHugePmd.js';
import { unmapVmas } from './unmapVmas.js';

interface Args {
  readonly mm: number;
  readonly start: number;
  readonly end: number;
  readonly downgrade?: boolean;
}
const locals = (a: Args) => ({
  mm: a.mm,
  start: a.start,
  end: a.end,
  downgrade: a.downgrade ?? false,
  /** the first detached vma */
  vma: null as number | null,
});

export const doMunmap = defineProgram({
  name: 'do_munmap',
  params: ['mm', 'start', 'end'],
  file: 'mm/mmap.c',
  locals,
  steps: ($) => [
    $.step('detach_vmas_to_be_unmapped', {
      at: '__do_munmap',
      run: (c) => {
        // vma = find_vma(mm, start); if (!vma) return 0; if (vma->vm_start >= end) return 0;
        // if (start > vma->vm_start) { error = __split_vma(mm, vma, start, 0); if (error) return error; prev = vma; }
        // last = find_vma(mm, end); if (last && end > last->vm_start) { int error = __split_vma(mm, last, end, 1); if (error) return error; }
        // (re-entered after a __split_huge_pmd call: a boundary already split no longer cuts a vma)
        const mm = c.l.mm;
        for (const b of [c.l.start, c.l.end]) {
          const id = vmaSplitAt(c.s, mm, b);
          if (id === null) continue;
          // __split_vma: err = vma->vm_ops->split(vma, addr) (hugetlb_vm_op_split: -EINVAL unless huge-page aligned); if (err) return err;
          // __do_munmap returns it: nothing unmapped (a split at start already done stays, as in the kernel)
          const err = vmOpsSplit(c.s, id, b);
          if (err !== 0) {
            c.ret(err);
            return DONE;
          }
          // __split_vma -> __vma_adjust -> vma_adjust_trans_huge: a huge PMD across the new boundary is split first
          const straddle = straddlingHugePmdAt(c.s, mm, b);
          if (straddle) return c.call(splitHugePmd, { vma: straddle.vma, addr: straddle.addr, freeze: false }, 'detach_vmas_to_be_unmapped');
          splitVma(c.s, id, b);
        }
        const ids = vmasIn(c.s, mm, c.l.start, c.l.end);
        if (ids.length === 0) {
          c.ret(0);
          return DONE;
        }
        detachVmas(c.s, mm, ids);
        c.l.vma = ids[0]!;
        return undefined;
      },
    }),
    $.step('downgrade_write', {
      at: '__do_munmap',
      run: (c) => {
        // if (downgrade) downgrade_write(&mm->mmap_sem);
        if (c.l.downgrade) {
          c.unlock(LockName.mmapSem(c.l.mm), 'w');
          c.lock(LockName.mmapSem(c.l.mm), 'r');
        }
        return undefined;
      },
    }),
    $.step('tlb_gather_mmu', {
      at: 'unmap_region',
      run: (c) => {
        // lru_add_drain(); tlb_gather_mmu(&tlb, mm, start, end); update_hiwater_rss(mm);
        tlbGatherMmu(c.s, c.t, c.l.mm);
        return c.call(unmapVmas, { vma: c.l.vma!, start_addr: c.l.start, end_addr: c.l.end }, 'free_pgtables');
      },
    }),
    $.local(
      'free_pgtables',
      (c) => {
        // free_pgtables(&tlb, vma, prev ? prev->vm_end : FIRST_USER_ADDRESS, next ? next->vm_start : USER_PGTABLES_CEILING);
        // (prev and next: the tree's neighbours of the detached run; FIRST_USER_ADDRESS and USER_PGTABLES_CEILING are 0 on x86)
        const tree = c.s.mms[c.l.mm]!.vmas.map((id) => c.s.vmas[id]!);
        const prev = tree.filter((v) => v.end <= c.l.start).pop();
        const next = tree.find((v) => v.start >= c.l.end);
        return c.call(freePgtables, { vma: c.l.vma!, floor: prev ? prev.end : 0, ceiling: next ? next.start : 0 }, 'tlb_finish_mmu');
      },
      'unmap_region',
    ),
    $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: c.l.start, end: c.l.end }, 'remove_vma_list'), 'unmap_region'),
    $.step('remove_vma_list', {
      at: 'remove_vma_list',
      run: (c) => {
        // do { vma = remove_vma(vma); } while (vma);
        const mm = c.l.mm;
        for (const v of c.s.vmas) if (v.live && v.mm === mm && !c.s.mms[mm]!.vmas.includes(v.id)) freeVma(c.s, v.id);
        c.ret(c.l.downgrade ? 1 : 0);
        return DONE;
      },
    }),
  ],
});

interface MunmapArgs {
  readonly mm: number;
  readonly start: number;
  readonly end: number;
}
const munmapLocals = (a: MunmapArgs) => ({ mm: a.mm, start: a.start, end: a.end });
const mmapSem = (v: View<ReturnType<typeof munmapLocals>>): string => LockName.mmapSem(v.l.mm);

export const munmap = defineProgram({
  name: 'munmap',
  params: ['mm', 'start', 'end'],
  file: 'mm/mmap.c',
  locals: munmapLocals,
  steps: ($) => [
    $.lock('down_write_killable', mmapSem, {
      at: '__vm_munmap',
      then: (c) => c.call(doMunmap, { mm: c.l.mm, start: c.l.start, end: c.l.end, downgrade: true }, 'up_read'),
    }),
    $.step('up_read', {
      at: '__vm_munmap',
      run: (c) => {
        // if (ret == 1) { up_read(&mm->mmap_sem); ret = 0; } else up_write(&mm->mmap_sem); return ret;
        const ret = c.t.rv === 1 ? 0 : (c.t.rv as number);
        c.unlock(LockName.mmapSem(c.l.mm), c.t.rv === 1 ? 'r' : 'w');
        c.ret(ret);
        return DONE;
      },
    }),
  ],
});
