/**
 * Site #26, mm/oom_kill.c:__oom_reap_task_mm (v5.0) {mm}, and the oom
 * reaper kthread's path to it: `oom_reap_task` {mm, retries}
 * (MAX_OOM_REAP_RETRIES = 10 in the kernel; `retries` bounds the model).
 *
 *   oom_reap_task: while (attempts++ < MAX_OOM_REAP_RETRIES && !oom_reap_task_mm(tsk, mm)) schedule_timeout_idle(HZ/10);
 *                  set_bit(MMF_OOM_SKIP, &mm->flags);   -- gives up
 *   oom_reap_task_mm: if (!down_read_trylock(&mm->mmap_sem)) return false;
 *                     if (test_bit(MMF_OOM_SKIP, &mm->flags)) goto out_unlock;   -- exit_mmap has taken over (ret true)
 *                     ret = __oom_reap_task_mm(mm); out_unlock: up_read(&mm->mmap_sem); return ret;
 *   __oom_reap_task_mm: set_bit(MMF_UNSTABLE); for (vma = mm->mmap; vma; vma = vma->vm_next) {
 *       if (!can_madv_dontneed_vma(vma)) continue;
 *       if (vma_is_anonymous(vma) || !(vma->vm_flags & VM_SHARED)) {
 *           mmu_notifier_range_init(&range, <event>, <vma>, mm, vma->vm_start, vma->vm_end);
 *           tlb_gather_mmu(&tlb, mm, range.start, range.end);
 *           if (mmu_notifier_invalidate_range_start_nonblock(&range)) {
 *               tlb_finish_mmu(&tlb, range.start, range.end); ret = false; continue;   -- no end
 *           }
 *           unmap_page_range(&tlb, vma, range.start, range.end, NULL);
 *           mmu_notifier_invalidate_range_end(&range);
 *           tlb_finish_mmu(&tlb, range.start, range.end);
 *   } } return ret;
 *
 * unmap_page_range is the core's unmap_single_vma (same zap for a non-hugetlb
 * vma without uprobes). An OOM victim's exit_mmap runs __oom_reap_task_mm
 * itself, without mmap_sem, then sets MMF_OOM_SKIP and takes mmap_sem for
 * write once, so the reaper, which tests the bit under mmap_sem for read,
 * leaves the mm alone from then on (exitMmap.ts).
 */
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStartNonblock } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { tlbFinishMmu } from '../mm/fault/tlbPrograms.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { forLoop } from '../mm/step/forLoop.js';
import { trylockResult } from '../mm/step/steps.js';
import { mutMm, mutMmCounts } from '../mm/mutate.js';
import { OOM_REAP_TASK } from '../mm/oomVictim.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { canMadvDontneedVma, nextVma, vmaOf } from '../mm/vmas.js';
import { unmapSingleVma } from './unmapSingleVma.js';

const OOM_REAP_SITE = '26';

interface Args {
  readonly mm: number;
}
const locals = (a: Args) => ({
  mm: a.mm,
  /** the loop's vma (null at the end of the list) */
  vma: null as number | null,
  range: -1,
  ret: true,
});

export const oomReapTaskMmInner = defineProgram({
  name: '__oom_reap_task_mm',
  params: ['mm'],
  file: 'mm/oom_kill.c',
  locals,
  steps: ($) => [
    // set_bit(MMF_UNSTABLE, &mm->flags); for (vma = mm->mmap ; vma; vma = vma->vm_next) { ... } return ret;
    ...forLoop($, {
      init: {
        label: 'vma = mm->mmap',
        run: (c) => {
          // set_bit(MMF_UNSTABLE, &mm->flags): faults that would map a new page in a private mapping fail from now on
          if (!c.s.mms[c.l.mm]!.unstable) mutMm(c.s, c.l.mm).unstable = true;
          c.l.vma = c.s.mms[c.l.mm]!.vmas[0] ?? null;
        },
      },
      head: 'can_madv_dontneed_vma',
      cond: (c) => c.l.vma !== null,
      exit: (c) => {
        c.ret(c.l.ret);
        return DONE;
      },
      run: (c) => {
        // if (!can_madv_dontneed_vma(vma)) continue; if (vma_is_anonymous(vma) || !(vma->vm_flags & VM_SHARED)) { ...
        const v = vmaOf(c.s, c.l.vma!);
        if (!canMadvDontneedVma(v)) return 'vma->vm_next'; // mm/internal.h:can_madv_dontneed_vma: VM_LOCKED|VM_HUGETLB|VM_PFNMAP
        if (v.file !== null && v.flags.shared) return 'vma->vm_next';
        c.l.range = rangeInit(c, OOM_REAP_SITE, c.l.mm, v.start, v.end);
        tlbGatherMmu(c.s, c.t, c.l.mm);
        return c.call(invalidateRangeStartNonblock, { r: c.l.range }, 'start_returned');
      },
      body: [
        $.local('start_returned', (c) => {
          const v = vmaOf(c.s, c.l.vma!);
          if (c.t.rv !== 0) {
            // tlb_finish_mmu(&tlb, range.start, range.end); ret = false; continue;
            c.l.ret = false;
            return c.call(tlbFinishMmu, { start: v.start, end: v.end }, 'vma->vm_next');
          }
          // unmap_page_range(&tlb, vma, range.start, range.end, NULL);
          return c.call(unmapSingleVma, { vma: v.id, start: v.start, end: v.end }, 'mmu_notifier_invalidate_range_end');
        }),
        $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'tlb_finish_mmu')),
        $.local('tlb_finish_mmu', (c) => {
          const v = vmaOf(c.s, c.l.vma!);
          return c.call(tlbFinishMmu, { start: v.start, end: v.end }, 'vma->vm_next');
        }),
      ],
      next: {
        label: 'vma->vm_next',
        advance: (c) => {
          c.l.vma = nextVma(c.s, c.l.vma!);
        },
      },
    }),
  ],
});

interface ReapArgs {
  readonly mm: number;
  /** MAX_OOM_REAP_RETRIES (10 in the kernel) */
  readonly retries?: number;
}
const reapLocals = (a: ReapArgs) => ({ mm: a.mm, retries: a.retries ?? 10, attempts: 0 });
type R = ReturnType<typeof reapLocals>;
const mmapSem = (v: View<R>): string => LockName.mmapSem(v.l.mm);

export const oomReapTask = defineProgram({
  name: OOM_REAP_TASK,
  params: ['mm'],
  file: 'mm/oom_kill.c',
  locals: reapLocals,
  steps: ($) => [
    $.step('down_read_trylock', {
      at: 'oom_reap_task_mm',
      describe: (v) => {
        if (v.l.attempts >= v.l.retries) return 'retries used up';
        const r = trylockResult(v, mmapSem(v), 0, 'r');
        return r === 'trylock ok' && v.s.mms[v.l.mm]!.oomSkip ? 'trylock ok, MMF_OOM_SKIP set: skip' : r;
      },
      run: (c) => {
        // while (attempts++ < MAX_OOM_REAP_RETRIES && !oom_reap_task_mm(tsk, mm)) schedule_timeout_idle(HZ/10);
        if (c.l.attempts >= c.l.retries) return 'MMF_OOM_SKIP';
        c.l.attempts = c.l.attempts + 1;
        // if (!down_read_trylock(&mm->mmap_sem)) { trace_skip_task_reaping(tsk->pid); return false; }
        if (!c.tryLock(mmapSem(c), 'r')) return 'down_read_trylock';
        // if (test_bit(MMF_OOM_SKIP, &mm->flags)) { trace_skip_task_reaping(tsk->pid); goto out_unlock; }   (ret = true)
        if (c.s.mms[c.l.mm]!.oomSkip) {
          c.ret(true);
          return 'up_read';
        }
        // ret = __oom_reap_task_mm(mm);
        return c.call(oomReapTaskMmInner, { mm: c.l.mm }, 'up_read');
      },
    }),
    $.step('up_read', {
      at: 'oom_reap_task_mm',
      run: (c) => {
        // out_unlock: up_read(&mm->mmap_sem); return ret;
        c.unlock(mmapSem(c), 'r');
        return c.t.rv === true ? 'MMF_OOM_SKIP' : 'down_read_trylock';
      },
    }),
    $.step('MMF_OOM_SKIP', {
      at: 'oom_reap_task',
      run: (c) => {
        // done: tsk->oom_reaper_list = NULL; set_bit(MMF_OOM_SKIP, &mm->flags);
        if (!c.s.mms[c.l.mm]!.oomSkip) mutMmCounts(c.s, c.l.mm).oomSkip = true;
        c.ret(c.l.attempts);
        return DONE;
      },
    }),
  ],
});
