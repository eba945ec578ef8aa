/**
 * mm_is_oom_victim (include/linux/oom.h, v5.0: MMF_OOM_VICTIM in mm->flags).
 * The OOM killer marks the victim's mm (mm/oom_kill.c:mark_oom_victim) before
 * it queues the task for the oom reaper (oom_kill_process ->
 * wake_oom_reaper), so an mm that a scenario thread reaps (`oom_reap_task`
 * {mm}) is a victim from the start. A victim whose reaper is not one of the
 * scenario's threads is not marked, and its exit_mmap does not reap: fewer
 * behaviours than the kernel's, none of them made up.
 */
import type { MmState } from './MmState.js';

/** The oom reaper's operation (model/sites/oomReapTaskMm.ts). */
export const OOM_REAP_TASK = 'oom_reap_task';

/** Whether `mm` is an OOM victim: some thread of the scenario reaps it. */
export function mmIsOomVictim(s: MmState, mm: number): boolean {
  return s.cfg.threads.some((t) => t.op === OOM_REAP_TASK && t.args['mm'] === mm);
}
