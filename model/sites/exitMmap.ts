/**
 * The exit path to site #26: mm/mmap.c:exit_mmap (v5.0) {mm}, from the last
 * mmput, as far as the mmu notifiers and the oom reaper see it:
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
 * Not modelled: the rest (munlock_vma_pages_all, unmap_vmas, free_pgtables,
 * remove_vma). `mmu_notifier_release` alone stays an operation a scenario
 * can run for an mm that is no OOM victim (there exit_mmap is the release
 * and then what is not modelled).
 */
import { LockName } from '../mm/locks.js';
import { EXIT_MMAP } from '../mm/mmTasks.js';
import { mutMm } from '../mm/mutate.js';
import { release } from '../mm/notifier/dispatchPrograms.js';
import { mmIsOomVictim } from '../mm/oomVictim.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { oomReapTaskMmInner } from './oomReapTaskMm.js';

const locals = (a: { mm: number }) => ({ mm: a.mm });
const mmapSem = (v: View<ReturnType<typeof locals>>): string => LockName.mmapSem(v.l.mm);

export const exitMmap = defineProgram({
  name: EXIT_MMAP,
  file: 'mm/mmap.c',
  params: ['mm'],
  locals,
  steps: ($) => [
    // /* mm's last user has gone, and its about to be pulled down */ mmu_notifier_release(mm);
    $.local('mmu_notifier_release', (c) => c.call(release, { mm: c.l.mm }, 'mm_is_oom_victim')),
    // if (unlikely(mm_is_oom_victim(mm))) { (void)__oom_reap_task_mm(mm); ... }   (MMF_OOM_VICTIM: constant here, oomVictim.ts)
    $.local('mm_is_oom_victim', (c) => (mmIsOomVictim(c.s, c.l.mm) ? c.call(oomReapTaskMmInner, { mm: c.l.mm }, 'MMF_OOM_SKIP') : DONE)),
    $.step('MMF_OOM_SKIP', (c) => {
      // set_bit(MMF_OOM_SKIP, &mm->flags);
      if (!c.s.mms[c.l.mm]!.oomSkip) mutMm(c.s, c.l.mm).oomSkip = true;
    }),
    // down_write(&mm->mmap_sem);
    $.lock('down_write', mmapSem),
    // up_write(&mm->mmap_sem);   (then munlock, unmap_vmas, free_pgtables: not modelled)
    $.unlock('up_write', mmapSem, { then: () => DONE }),
  ],
});
