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
 * Run as an operation, it starts from exit's mmput (`put`, the default),
 * which release's first step does: when a fault still holds a reference
 * (mmget_not_zero), that mmput is not the last, release leaves
 * MMPUT_DEFERRED in `rv` and exit_mmap ends here; the fault's own mmput then
 * calls exit_mmap with `put` false (model/mm/mmUsers.ts,
 * model/mirrors/retryFault.ts).
 *
 * Not modelled: the rest (munlock_vma_pages_all, unmap_vmas, free_pgtables,
 * remove_vma). `mmu_notifier_release` alone stays an operation a scenario
 * can run for an mm that is no OOM victim (there exit_mmap is the release
 * and then what is not modelled).
 */
import { LockName } from '../mm/locks.js';
import { EXIT_MMAP } from '../mm/mmTasks.js';
import { mutMmCounts } from '../mm/mutate.js';
import { release } from '../mm/notifier/dispatchPrograms.js';
import { MMPUT_DEFERRED } from '../mm/mmUsers.js';
import { mmIsOomVictim } from '../mm/oomVictim.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { oomReapTaskMmInner } from './oomReapTaskMm.js';

const locals = (a: { mm: number; put?: boolean }) => ({ mm: a.mm, put: a.put ?? true });
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
    $.local('mm_is_oom_victim', (c) =>
      c.t.rv !== MMPUT_DEFERRED && mmIsOomVictim(c.s, c.l.mm) ? c.call(oomReapTaskMmInner, { mm: c.l.mm }, 'MMF_OOM_SKIP') : DONE,
    ),
    $.step('MMF_OOM_SKIP', (c) => {
      // set_bit(MMF_OOM_SKIP, &mm->flags);
      if (!c.s.mms[c.l.mm]!.oomSkip) mutMmCounts(c.s, c.l.mm).oomSkip = true;
    }),
    // down_write(&mm->mmap_sem);
    $.lock('down_write', mmapSem),
    // up_write(&mm->mmap_sem);   (then munlock, unmap_vmas, free_pgtables: not modelled)
    $.unlock('up_write', mmapSem, { then: () => DONE }),
  ],
});
