/**
 * mm->mm_users, the references that keep an address space alive
 * (kernel/fork.c, include/linux/sched/mm.h at v5.0). The owner's reference
 * is dropped by exit's mmput; a driver that faults an mm it does not own
 * takes one with mmget_not_zero and drops it with mmput. Whoever drops the
 * last runs __mmput, and with it exit_mmap, in its own context: a fault
 * holding a reference when the owner exits tears the mm down itself at its
 * mmput, never before (Mm.users).
 */
import type { MmState } from './MmState.js';
import { mutMmCounts } from './mutate.js';
import { ModelError } from '../../src/engine/Model.js';

/**
 * include/linux/sched/mm.h:mmget {mm}: `atomic_inc(&mm->mm_users);`, by a
 * caller that knows the mm has a user (get_task_mm: the task still has it).
 */
export function mmget(s: MmState, mm: number): void {
  const users = s.mms[mm]!.users;
  if (users === 0) throw new ModelError(`mmget: mm${mm} has no user left (mmget_not_zero is for an mm that may be exiting)`);
  mutMmCounts(s, mm).users = users + 1;
}

/**
 * include/linux/sched/mm.h:mmget_not_zero {mm}: `return atomic_inc_not_zero(&mm->mm_users);`.
 * Takes a reference unless exit_mmap has begun (mm_users 0); false then.
 */
export function mmgetNotZero(s: MmState, mm: number): boolean {
  const users = s.mms[mm]!.users;
  if (users === 0) return false;
  mutMmCounts(s, mm).users = users + 1;
  return true;
}

/**
 * kernel/fork.c:mmput {mm}: `if (atomic_dec_and_test(&mm->mm_users)) __mmput(mm);`.
 * Drops a reference; true when it was the last, and the caller must run
 * __mmput (exit_mmap) now.
 */
export function mmputLast(s: MmState, mm: number): boolean {
  const users = s.mms[mm]!.users - 1;
  mutMmCounts(s, mm).users = users;
  return users === 0;
}

/**
 * What mmu_notifier_release leaves in `rv` when the exit's mmput was not the
 * last reference: nothing was released, and exit_mmap ends there (a fault's
 * mmput runs it later). A string, so that no callback's return value can be
 * mistaken for it.
 */
export const MMPUT_DEFERRED = 'mmput: mm_users not 0, __mmput deferred to the last mmput';

/**
 * mm/ksm.c:ksm_test_exit and mm/khugepaged.c:khugepaged_test_exit {mm}:
 * `return atomic_read(&mm->mm_users) == 0;`. The daemons test it under
 * mmap_sem before each walk and back out: __mmput's ksm_exit and
 * khugepaged_exit take mmap_sem for write before exit_mmap (model/sites/mmputExits.ts).
 */
export function mmTestExit(s: MmState, mm: number): boolean {
  return s.mms[mm]!.users === 0;
}
