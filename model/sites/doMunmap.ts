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
 *    -EINVAL (-22) when a split is refused (hugetlb_vm_op_split: a hugetlb
 *    vma cut at an address that is not huge-page aligned).
 * Abstracted: free_pgtables (empty page tables stay allocated: invisible to
 * the mirrors and the CPU), userfaultfd unmap prep, mlock accounting.
 */
import { LockName } from '../mm/locks.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, lockStep } from '../mm/step/steps.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { detachVmas, freeVma, splitVma, straddlingHugePmdAt, vmaSplitAt, vmasIn, vmOpsSplit } from '../mm/vmaOps.js';

const MM = 'mm/mmap.c';
const mmapSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

export const doMunmap: Program = {
  name: 'do_munmap',
  locals: (a) => ({ mm: a['mm'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, downgrade: a['downgrade'] ?? false, vma: null }),
  steps: [
    {
      label: 'detach_vmas_to_be_unmapped',
      at: `${MM}:__do_munmap`,
      run: (c) => {
        // vma = find_vma(mm, start); if (!vma) return 0; if (vma->vm_start >= end) return 0;
        // if (start > vma->vm_start) { error = __split_vma(mm, vma, start, 0); if (error) return error; prev = vma; }
        // last = find_vma(mm, end); if (last && end > last->vm_start) { int error = __split_vma(mm, last, end, 1); if (error) return error; }
        // (re-entered after a __split_huge_pmd call: a boundary already split no longer cuts a vma)
        const mm = c.n('mm');
        for (const b of [c.n('start'), c.n('end')]) {
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
          if (straddle) return c.call('__split_huge_pmd', { vma: straddle.vma, addr: straddle.addr, freeze: false }, 'detach_vmas_to_be_unmapped');
          splitVma(c.s, id, b);
        }
        const ids = vmasIn(c.s, mm, c.n('start'), c.n('end'));
        if (ids.length === 0) {
          c.ret(0);
          return DONE;
        }
        detachVmas(c.s, mm, ids);
        c.l['vma'] = ids[0]!;
        return undefined;
      },
    },
    {
      label: 'downgrade_write',
      at: `${MM}:__do_munmap`,
      run: (c) => {
        // if (downgrade) downgrade_write(&mm->mmap_sem);
        if (c.l['downgrade'] === true) {
          c.unlock(LockName.mmapSem(c.n('mm')), 'w');
          c.lock(LockName.mmapSem(c.n('mm')), 'r');
        }
        return undefined;
      },
    },
    {
      label: 'tlb_gather_mmu',
      at: `${MM}:unmap_region`,
      run: (c) => {
        // lru_add_drain(); tlb_gather_mmu(&tlb, mm, start, end); update_hiwater_rss(mm);
        tlbGatherMmu(c.s, c.t, c.n('mm'));
        return c.call('unmap_vmas', { vma: c.n('vma'), start_addr: c.n('start'), end_addr: c.n('end') }, 'free_pgtables');
      },
    },
    // free_pgtables(&tlb, vma, prev ? prev->vm_end : FIRST_USER_ADDRESS, next ? next->vm_start : USER_PGTABLES_CEILING): not modelled
    localStep('free_pgtables', `${MM}:unmap_region`, (c) => c.call('tlb_finish_mmu', { start: c.n('start'), end: c.n('end') }, 'remove_vma_list')),
    {
      label: 'remove_vma_list',
      at: `${MM}:remove_vma_list`,
      run: (c) => {
        // do { vma = remove_vma(vma); } while (vma);
        const mm = c.n('mm');
        for (const v of c.s.vmas) if (v.live && v.mm === mm && !c.s.mms[mm]!.vmas.includes(v.id)) freeVma(c.s, v.id);
        c.ret(c.l['downgrade'] === true ? 1 : 0);
        return DONE;
      },
    },
  ],
};

export const munmap: Program = {
  name: 'munmap',
  locals: (a) => ({ mm: a['mm'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null }),
  steps: [
    lockStep('down_write_killable', `${MM}:__vm_munmap`, mmapSem, 'w', (c) =>
      c.call('do_munmap', { mm: c.n('mm'), start: c.n('start'), end: c.n('end'), downgrade: true }, 'up_read'),
    ),
    {
      label: 'up_read',
      at: `${MM}:__vm_munmap`,
      run: (c) => {
        // if (ret == 1) { up_read(&mm->mmap_sem); ret = 0; } else up_write(&mm->mmap_sem); return ret;
        const ret = c.t.rv === 1 ? 0 : (c.t.rv as number);
        c.unlock(LockName.mmapSem(c.n('mm')), c.t.rv === 1 ? 'r' : 'w');
        c.ret(ret);
        return DONE;
      },
    },
  ],
};
