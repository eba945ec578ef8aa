/**
 * The operations that reach an mm from outside its process and walk its
 * vmas and page tables under its mmap_sem: ksmd (mm/ksm.c), khugepaged
 * (mm/khugepaged.c), clear_refs written by another process
 * (fs/proc/task_mmu.c:clear_refs_write) and a uprobe's registration
 * (kernel/events/uprobes.c:register_for_each_vma). No exit waits for them
 * as it waits for the mm's own tasks (model/mm/mmTasks.ts); each keeps
 * off an mm exit_mmap tears down in its own way:
 * - ksmd and khugepaged take no mm_users reference. Once mm_users is 0
 *   they back out, testing it under mmap_sem before each walk
 *   (ksm_test_exit, khugepaged_test_exit); __mmput's ksm_exit and
 *   khugepaged_exit take mmap_sem for write once, before exit_mmap, to
 *   wait for a walk already past its test (model/sites/mmputExits.ts).
 * - clear_refs and the uprobe registration hold a reference from before
 *   their walk to after it (get_task_mm, mmget_not_zero), so exit_mmap
 *   cannot begin while they walk: their own mmput may be the last.
 *
 * For walk-holds-mm-users (properties/, model/mm/tornDownWalk.ts): the
 * steps of each that read its mm's vmas or page tables (those after its
 * exit test or its reference), and the callees whose every step does.
 * `mm` is the operation's argument.
 */
import { handleMmFault } from '../mm/fault/handleMmFault.js';
import type { LabelOfProgram, TypedProgram } from '../mm/step/Program.js';
import { clearRefsWrite } from './clearRefsWrite.js';
import { collapseHugePage } from './collapseHugePage.js';
import { ksmCmpAndMergePage } from './ksmCmpAndMergePage.js';
import { ksmReplacePage } from './ksmReplacePage.js';
import { ksmWriteProtectPage } from './ksmWriteProtectPage.js';
import { replacePageUprobes } from './replacePageUprobes.js';
import { uprobeWriteOpcode } from './uprobeWriteOpcode.js';

export interface ForeignWalk {
  /** The operation's own steps (labels of its program) that walk its mm. */
  readonly steps: ReadonlySet<string>;
  /** Callees every step of which walks the mm: a frame of one anywhere on the thread's stack. */
  readonly programs: ReadonlySet<string>;
}

/** A walk of operation `op`: `labels` are checked against its program by tsc. */
function walk<P extends TypedProgram<never>>(op: P, labels: readonly LabelOfProgram<P>[], callees: readonly TypedProgram<never>[]): [string, ForeignWalk] {
  return [op.name, { steps: new Set(labels), programs: new Set(callees.map((p) => p.name)) }];
}

/** By operation name (the thread's `op`). */
export const FOREIGN_WALKS: ReadonlyMap<string, ForeignWalk> = new Map([
  // scan_get_next_rmap_item: find_vma, follow_page; try_to_merge_one_page: write_protect_page, replace_page
  walk(ksmCmpAndMergePage, ['follow_page', 'trylock_page'], [ksmWriteProtectPage, ksmReplacePage]),
  // khugepaged_scan_pmd (mm_find_pmd, the PTE scan); collapse_huge_page after its second revalidation
  walk(
    collapseHugePage,
    [
      'khugepaged_scan_pmd',
      'anon_vma_lock_write',
      'mmu_notifier_range_init',
      'pmdp_collapse_flush',
      'spin_unlock',
      '__collapse_huge_page_isolate',
      'pmd_populate',
      'spin_unlock_populated',
      'anon_vma_unlock_write',
      '__collapse_huge_page_copy',
      'set_pmd_at',
      'spin_unlock_set',
    ],
    [],
  ),
  // the vma loop, the range over the whole mm, walk_page_range's clear_refs_pte_range
  walk(clearRefsWrite, ['tlb_gather_mmu', 'mmu_notifier_range_init', 'walk_page_range', 'clear_refs_pte_range', 'spin_unlock', 'next_pmd'], []),
  // register_for_each_vma: find_vma; uprobe_write_opcode: get_user_pages_remote (and its fault), alloc_page_vma, __replace_page
  walk(uprobeWriteOpcode, ['get_user_pages_remote', 'faultin_returned', 'alloc_page_vma'], [handleMmFault, replacePageUprobes]),
]);
