/**
 * Site #26, mm/oom_kill.c:__oom_reap_task_mm (v5.0) {mm}, and the oom
 * reaper kthread's path to it: `oom_reap_task` {mm, retries}
 * (MAX_OOM_REAP_RETRIES = 10 in the kernel; `retries` bounds the model).
 *
 *   oom_reap_task: while (attempts++ < MAX_OOM_REAP_RETRIES && !oom_reap_task_mm(tsk, mm)) schedule_timeout_idle(HZ/10);
 *                  set_bit(MMF_OOM_SKIP, &mm->flags);   -- gives up
 *   oom_reap_task_mm: if (!down_read_trylock(&mm->mmap_sem)) return false; ret = __oom_reap_task_mm(mm); up_read(&mm->mmap_sem);
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
 * vma without uprobes). Not modelled: MMF_OOM_SKIP set by exit_mmap.
 */
import { LockName } from '../mm/locks.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, trylockResult } from '../mm/step/steps.js';
import { tlbGatherMmu } from '../mm/tlb.js';
import { canMadvDontneedVma, nextVma, vmaOf } from '../mm/vmas.js';

const O = 'mm/oom_kill.c';
export const OOM_REAP_SITE = '26';

export const oomReapTaskMmInner: Program = {
  name: '__oom_reap_task_mm',
  locals: (a) => ({ mm: a['mm'] ?? null, vma: null, range: -1, ret: true }),
  steps: [
    {
      label: 'vma = mm->mmap',
      at: `${O}:__oom_reap_task_mm`,
      run: (c) => {
        // set_bit(MMF_UNSTABLE, &mm->flags); for (vma = mm->mmap ; vma; vma = vma->vm_next)
        c.l['vma'] = c.s.mms[c.n('mm')]!.vmas[0] ?? null;
        return 'can_madv_dontneed_vma';
      },
    },
    {
      label: 'vma->vm_next',
      at: `${O}:__oom_reap_task_mm`,
      run: (c) => {
        c.l['vma'] = nextVma(c.s, c.n('vma'));
        return undefined;
      },
    },
    {
      label: 'can_madv_dontneed_vma',
      at: `${O}:__oom_reap_task_mm`,
      run: (c) => {
        // if (!can_madv_dontneed_vma(vma)) continue; if (vma_is_anonymous(vma) || !(vma->vm_flags & VM_SHARED)) { ...
        if (c.l['vma'] === null) {
          c.ret(c.l['ret'] as boolean);
          return DONE;
        }
        const v = vmaOf(c.s, c.n('vma'));
        if (!canMadvDontneedVma(v)) return 'vma->vm_next'; // mm/internal.h:can_madv_dontneed_vma: VM_LOCKED|VM_HUGETLB|VM_PFNMAP
        if (v.file !== null && v.flags.shared) return 'vma->vm_next';
        c.l['range'] = rangeInit(c, OOM_REAP_SITE, c.n('mm'), v.start, v.end);
        tlbGatherMmu(c.s, c.t, c.n('mm'));
        return c.call('mmu_notifier_invalidate_range_start_nonblock', { r: c.n('range') }, 'start_returned');
      },
    },
    {
      label: 'start_returned',
      at: `${O}:__oom_reap_task_mm`,
      local: true,
      run: (c) => {
        const v = vmaOf(c.s, c.n('vma'));
        if (c.t.rv !== 0) {
          // tlb_finish_mmu(&tlb, range.start, range.end); ret = false; continue;
          c.l['ret'] = false;
          return c.call('tlb_finish_mmu', { start: v.start, end: v.end }, 'vma->vm_next');
        }
        // unmap_page_range(&tlb, vma, range.start, range.end, NULL);
        return c.call('unmap_single_vma', { vma: v.id, start: v.start, end: v.end }, 'mmu_notifier_invalidate_range_end');
      },
    },
    localStep('mmu_notifier_invalidate_range_end', `${O}:__oom_reap_task_mm`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu'),
    ),
    localStep('tlb_finish_mmu', `${O}:__oom_reap_task_mm`, (c) => {
      const v = vmaOf(c.s, c.n('vma'));
      return c.call('tlb_finish_mmu', { start: v.start, end: v.end }, 'vma->vm_next');
    }),
  ],
};

const mmapSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

export const oomReapTask: Program = {
  name: 'oom_reap_task',
  locals: (a) => ({ mm: a['mm'] ?? null, retries: a['retries'] ?? 10, attempts: 0 }),
  steps: [
    {
      label: 'down_read_trylock',
      at: `${O}:oom_reap_task_mm`,
      describe: (v) => ((v.l['attempts'] as number) >= (v.l['retries'] as number) ? 'retries used up' : trylockResult(v, mmapSem(v), 0, 'r')),
      run: (c) => {
        // while (attempts++ < MAX_OOM_REAP_RETRIES && !oom_reap_task_mm(tsk, mm)) schedule_timeout_idle(HZ/10);
        if (c.n('attempts') >= c.n('retries')) return 'MMF_OOM_SKIP';
        c.l['attempts'] = c.n('attempts') + 1;
        // if (!down_read_trylock(&mm->mmap_sem)) { trace_skip_task_reaping(tsk->pid); return false; }
        if (!c.tryLock(mmapSem(c), 'r')) return 'down_read_trylock';
        return c.call('__oom_reap_task_mm', { mm: c.n('mm') }, 'up_read');
      },
    },
    {
      label: 'up_read',
      at: `${O}:oom_reap_task_mm`,
      run: (c) => {
        // up_read(&mm->mmap_sem); return ret;
        c.unlock(mmapSem(c), 'r');
        return c.t.rv === true ? 'MMF_OOM_SKIP' : 'down_read_trylock';
      },
    },
    {
      label: 'MMF_OOM_SKIP',
      at: `${O}:oom_reap_task`,
      run: (c) => {
        // done: tsk->oom_reaper_list = NULL; set_bit(MMF_OOM_SKIP, &mm->flags);
        c.ret(c.n('attempts'));
        return DONE;
      },
    },
  ],
};
