/**
 * mm/mmap.c:exit_mmap (v5.0) {mm}, from the last mmput: the exit path to
 * site #26 (the victim's own reap) and to site #16 (the teardown's
 * unmap_vmas):
 *
 *   mmu_notifier_release(mm);
 *   if (unlikely(mm_is_oom_victim(mm))) {
 *       (void)__oom_reap_task_mm(mm);          -- no mmap_sem: "Nothing can be holding mm->mmap_sem here and the
 *                                                  above call to mmu_notifier_release(mm) ensures mmu notifier
 *                                                  callbacks in __oom_reap_task_mm() will not block"
 *       set_bit(MMF_OOM_SKIP, &mm->flags);
 *       down_write(&mm->mmap_sem);             -- waits for a reaper inside oom_reap_task_mm; after it, the
 *       up_write(&mm->mmap_sem);                   reaper sees MMF_OOM_SKIP and leaves the mm alone
 *   }
 *
 * Run as an operation, it starts from exit's mmput (`put`, the default),
 * which release's first step does: when a fault still holds a reference
 * (mmget_not_zero), that mmput is not the last, release leaves
 * MMPUT_DEFERRED in `rv` and exit_mmap ends here; the fault's own mmput then
 * calls exit_mmap with `put` false (model/mm/mmUsers.ts,
 * model/mirrors/retryFault.ts).
 *
 * Then the teardown, with no lock of the mm held (mm_users is 0: nobody
 * may reach the address space any more; the subscribers are unhooked, so
 * site #16's range reaches nobody):
 *
 *   if (mm->locked_vm) { for each vma: if (vma->vm_flags & VM_LOCKED) munlock_vma_pages_all(vma); }
 *   arch_exit_mmap(mm);
 *   vma = mm->mmap; if (!vma) return;
 *   lru_add_drain(); flush_cache_mm(mm);
 *   tlb_gather_mmu(&tlb, mm, 0, -1);
 *   unmap_vmas(&tlb, vma, 0, -1);                 -- site #16
 *   free_pgtables(&tlb, vma, FIRST_USER_ADDRESS, USER_PGTABLES_CEILING);
 *   tlb_finish_mmu(&tlb, 0, -1);
 *   while (vma) { ...; vma = remove_vma(vma); }  -- the vmas are freed; mm->mmap is left dangling
 *
 * `-1` (ULONG_MAX) is the end of the model's address space (every page).
 * Abstracted: the pages' mlock state (munlock_vma_pages_all clears
 * VM_LOCKED here and nothing else), arch_exit_mmap, lru_add_drain and
 * flush_cache_mm (no-ops for the model's state), VM_ACCOUNT accounting;
 * tlb_gather_mmu's fullmm flush is the flush of every PTE the gather saw.
 * `mmu_notifier_release` alone stays an operation a scenario can run (the
 * release without the teardown).
 */
import { freePgtables } from '../mm/fault/freePgtables.js';
import { tlbFinishMmu } from '../mm/fault/tlbPrograms.js';
import { pages } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { EXIT_MMAP } from '../mm/mmTasks.js';
import { mutMmCounts } from '../mm/mutate.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { freeVma, setVmaFlags } from '../mm/vmaOps.js';
import { unmapVmas } from './unmapVmas.js';
import { release } from '../mm/notifier/dispatchPrograms.js';
import { MMPUT_DEFERRED } from '../mm/mmUsers.js';
import { mmIsOomVictim } from '../mm/oomVictim.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import type { LabelOfProgram } from '../mm/step/Program.js';
import { oomReapTaskMmInner } from './oomReapTaskMm.js';

const locals = (a: { mm: number; put?: boolean }) => ({
  mm: a.mm,
  put: a.put ?? true,
  /** `vma = mm->mmap`: the first vma, where the teardown starts */
  vma: null as number | null,
});
const mmapSem = (v: View<ReturnType<typeof locals>>): string => LockName.mmapSem(v.l.mm);

export const exitMmap = defineProgram({
  name: EXIT_MMAP,
  file: 'mm/mmap.c',
  params: ['mm'],
  locals,
  steps: ($) => [
    // /* mm's last user has gone, and its about to be pulled down */ mmu_notifier_release(mm);
    // (with put: kernel/fork.c:mmput first, in release's first step)
    $.local('mmu_notifier_release', (c) => c.call(release, { mm: c.l.mm, put: c.l.put }, 'mm_is_oom_victim')),
    // if (unlikely(mm_is_oom_victim(mm))) { (void)__oom_reap_task_mm(mm); ... }   (MMF_OOM_VICTIM: constant here, oomVictim.ts)
    // (not when the mmput was not the last: then this was not exit_mmap yet)
    $.local('mm_is_oom_victim', (c) => {
      if (c.t.rv === MMPUT_DEFERRED) return DONE;
      return mmIsOomVictim(c.s, c.l.mm) ? c.call(oomReapTaskMmInner, { mm: c.l.mm }, 'MMF_OOM_SKIP') : 'munlock_vma_pages_all';
    }),
    $.step('MMF_OOM_SKIP', (c) => {
      // set_bit(MMF_OOM_SKIP, &mm->flags);
      if (!c.s.mms[c.l.mm]!.oomSkip) mutMmCounts(c.s, c.l.mm).oomSkip = true;
    }),
    // down_write(&mm->mmap_sem);
    $.lock('down_write', mmapSem),
    // up_write(&mm->mmap_sem);
    $.unlock('up_write', mmapSem),
    $.step('munlock_vma_pages_all', (c) => {
      // if (mm->locked_vm) { vma = mm->mmap; while (vma) { if (vma->vm_flags & VM_LOCKED) munlock_vma_pages_all(vma); vma = vma->vm_next; } }
      // mm/mlock.c:munlock_vma_pages_range: vma->vm_flags &= VM_LOCKED_CLEAR_MASK; (then each page: its mlock state is not modelled)
      const mm = c.l.mm;
      // (the model's mark: from here on the teardown frees what a walk of the mm would read, MmState.Mm.tearingDown)
      mutMmCounts(c.s, mm).tearingDown = true;
      for (const id of c.s.mms[mm]!.vmas) if (c.s.vmas[id]!.flags.locked === true) setVmaFlags(c.s, id, { ...c.s.vmas[id]!.flags, locked: false });
      // arch_exit_mmap(mm); vma = mm->mmap; if (!vma) return;  /* Can happen if dup_mmap() received an OOM */
      c.l.vma = c.s.mms[mm]!.vmas[0] ?? null;
      return c.l.vma === null ? DONE : undefined;
    }),
    $.step('tlb_gather_mmu', (c) => {
      // lru_add_drain(); flush_cache_mm(mm); tlb_gather_mmu(&tlb, mm, 0, -1);
      tlbGatherMmu(c.s, c.t, c.l.mm);
      // /* Use -1 here to ensure all VMAs in the mm are unmapped */ unmap_vmas(&tlb, vma, 0, -1);
      return c.call(unmapVmas, { vma: c.l.vma!, start_addr: 0, end_addr: pages(c.g) }, 'free_pgtables');
    }),
    // free_pgtables(&tlb, vma, FIRST_USER_ADDRESS, USER_PGTABLES_CEILING);   (both 0 on x86)
    $.local('free_pgtables', (c) => c.call(freePgtables, { vma: c.l.vma, floor: 0, ceiling: 0 }, 'tlb_finish_mmu')),
    // tlb_finish_mmu(&tlb, 0, -1);
    $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: 0, end: pages(c.g) }, 'remove_vma')),
    $.step('remove_vma', (c) => {
      // while (vma) { if (vma->vm_flags & VM_ACCOUNT) nr_accounted += vma_pages(vma); vma = remove_vma(vma); }
      // (remove_vma: vm_ops->close, fput, vm_area_free; mm->mmap still points at them: the mm goes with its last mmdrop)
      for (const id of c.s.mms[c.l.mm]!.vmas) freeVma(c.s, id);
      // vm_unacct_memory(nr_accounted);
      return DONE;
    }),
  ],
});

/**
 * The steps of exit_mmap from which its frame stands in the teardown: the
 * munlock loop, which marks it (Mm.tearingDown), and every step after it,
 * where its callees (unmap_vmas, free_pgtables, tlb_finish_mmu) resume
 * (model/mm/footprint/chainedReads.ts exitMmapClaims).
 */
export const EXIT_TEARDOWN_STEPS: ReadonlySet<string> = new Set<LabelOfProgram<typeof exitMmap>>([
  'munlock_vma_pages_all',
  'tlb_gather_mmu',
  'free_pgtables',
  'tlb_finish_mmu',
  'remove_vma',
]);
