/**
 * kernel/fork.c:__mmput (v5.0) {mm} before exit_mmap, its two exits of
 * the daemons that walk an mm from outside its process:
 *
 *   uprobe_clear_state(mm); exit_aio(mm);       (nothing of the model's state)
 *   ksm_exit(mm);                               (if MMF_VM_MERGEABLE: __ksm_exit)
 *   khugepaged_exit(mm);  -- must run before exit_mmap   (if MMF_VM_HUGEPAGE: __khugepaged_exit)
 *   exit_mmap(mm);
 *
 * mm/ksm.c:__ksm_exit: an mm_slot neither at ksmd's cursor nor with
 * rmap_items is freed at once; otherwise `down_write(&mm->mmap_sem);
 * up_write(&mm->mmap_sem);` waits for a ksmd walk past its ksm_test_exit
 * ("use mmap_sem to synchronize with any break_cows before pagetables are
 * freed"). An mm that a scenario's ksmd merges in (its `mm`, or the `kmm`
 * of its KSM page) has a slot with rmap_items: the page ksmd merges was
 * scanned before (its checksum), the KSM page is on the stable tree. So it
 * always waits.
 *
 * mm/khugepaged.c:__khugepaged_exit: a slot not at khugepaged's cursor
 * (khugepaged_scan.mm_slot) is freed and khugepaged never visits the mm
 * again; at the cursor, `down_write; up_write` ("Stop here ... until
 * khugepaged has finished working on the pagetables under the mmap_sem").
 * The model's cursor is on the mm (Mm.khugepagedScan) from the khugepaged
 * thread's first step until its end. Before that step the slot is freed
 * and the thread is left to run: its first step takes mmap_sem for read
 * and backs out at khugepaged_test_exit, which is what a thread that never
 * visits the mm does to the state (nothing but the cursor, set and
 * cleared).
 *
 * Called from release's first step (model/mm/notifier/dispatchPrograms.ts),
 * where the model's mmput is, when the mm has such a slot (mmputExitsWait).
 */
import { LockName } from '../mm/locks.js';
import type { MmState } from '../mm/MmState.js';
import { KHUGEPAGED_OP, KSMD_OP, scenarioHasThread } from '../mm/mmTasks.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';

/** Whether ksmd merges in mm (a scenario thread's `mm` or `kmm`): its mm_slot has rmap_items. */
function ksmSlot(s: MmState, mm: number): boolean {
  return scenarioHasThread(s, KSMD_OP, (a) => a['mm'] === mm || a['kmm'] === mm);
}

/** Whether khugepaged collapses in mm (a scenario thread's `mm`): MMF_VM_HUGEPAGE, an mm_slot. */
function khugepagedSlot(s: MmState, mm: number): boolean {
  return scenarioHasThread(s, KHUGEPAGED_OP, (a) => a['mm'] === mm);
}

/** Whether __mmput's exits have anything to do on mm (release calls mmputExits only then). */
export function mmputExitsWait(s: MmState, mm: number): boolean {
  return ksmSlot(s, mm) || khugepagedSlot(s, mm);
}

const locals = (a: { mm: number }) => ({ mm: a.mm });
const mmapSem = (v: View<ReturnType<typeof locals>>): string => LockName.mmapSem(v.l.mm);

export const mmputExits = defineProgram({
  name: '__mmput',
  file: 'kernel/fork.c',
  params: ['mm'],
  locals,
  steps: ($) => [
    // ksm_exit(mm): if (test_bit(MMF_VM_MERGEABLE, &mm->flags)) __ksm_exit(mm);  (a slot with rmap_items: it waits)
    // (the scenario's threads are its configuration: a read of nothing that changes)
    $.local('ksm_exit', (c) => (ksmSlot(c.s, c.l.mm) ? undefined : 'khugepaged_exit')),
    // down_write(&mm->mmap_sem);
    $.lock('ksm_exit_down_write', mmapSem, { at: 'mm/ksm.c:__ksm_exit' }),
    // up_write(&mm->mmap_sem);
    // khugepaged_exit(mm): if (test_bit(MMF_VM_HUGEPAGE, &mm->flags)) __khugepaged_exit(mm);
    $.unlock('ksm_exit_up_write', mmapSem, { at: 'mm/ksm.c:__ksm_exit', then: (c) => (khugepagedSlot(c.s, c.l.mm) ? undefined : DONE) }),
    $.step('khugepaged_exit', {
      at: 'mm/khugepaged.c:__khugepaged_exit',
      // spin_lock(&khugepaged_mm_lock); mm_slot = get_mm_slot(mm); if (mm_slot && khugepaged_scan.mm_slot != mm_slot) { ...; free = 1; }
      // spin_unlock(&khugepaged_mm_lock); if (free) { ...; free_mm_slot(mm_slot); mmdrop(mm); } else if (mm_slot) { down_write; up_write; }
      run: (c) => (c.s.mms[c.l.mm]!.khugepagedScan ? undefined : DONE),
    }),
    // down_write(&mm->mmap_sem);
    $.lock('khugepaged_exit_down_write', mmapSem, { at: 'mm/khugepaged.c:__khugepaged_exit' }),
    // up_write(&mm->mmap_sem);
    $.unlock('khugepaged_exit_up_write', mmapSem, { at: 'mm/khugepaged.c:__khugepaged_exit', then: () => DONE }),
  ],
});
