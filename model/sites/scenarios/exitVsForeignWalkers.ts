/**
 * exit_mmap against each walker that reaches an mm from outside its
 * process (model/sites/foreignWalks.ts), on the layouts of their base
 * litmus tests with the mm's whole address space in one vma (a narrower
 * vma meets F3 at the teardown's unmap_vmas first):
 * - ksmd (#12, #13): ksm_test_exit under mmap_sem, and __mmput's
 *   ksm_exit, which takes mmap_sem for write once (model/sites/mmputExits.ts);
 * - khugepaged (#11): khugepaged_test_exit, and khugepaged_exit;
 * - clear_refs written by another process (#1): get_task_mm's reference;
 * - a uprobe's registration (#2): build_map_info's mmget_not_zero.
 * And beside an rmap walker, which reaches the mm's vmas through the
 * file's i_mmap tree, not through the mm:
 * - reclaim's try_to_unmap_one (#28): exit_mmap's free_pgtables unlinks
 *   the vma under i_mmap_rwsem for write (unlink_file_vma) before its
 *   tables go, so a walker that found the vma under the lock for read
 *   finishes first, and a later one no longer finds it.
 * Expected: ok, with no walk of a torn-down mm (walk-holds-mm-users).
 * Before Session 26 the model had none of these, and the first two failed
 * it; test/sites/exitVsForeignWalkers.test.ts checks that each walker
 * still walks, that the exit waits or defers where the kernel does, and
 * that the mutants in properties/mutants/exitMutants.ts are caught.
 */
import type { Scenario, ThreadSpec } from '../../scenario/Scenario.js';
import { scenario as clearRefs } from './clearRefsVsKvmWrite.js';
import { scenario as collapse } from './khugepagedCollapseVsKvmFault.js';
import { scenario as ksmMerge } from './ksmMergeVsKvmWrite.js';
import { scenario as reclaim } from './reclaimVsKvmFault.js';
import { scenario as uprobe } from './uprobeVsKvmRead.js';

const EXIT: ThreadSpec = { name: 'exit', op: 'exit_mmap', args: { mm: 0 } };

/** The base test's site operation (its first thread) against exit, the mirror kept (release calls it). */
function vsExit(base: Scenario, name: string, description: string, patch: Partial<Scenario> = {}): Scenario {
  return { ...base, name, description, expect: 'ok', expectProperty: undefined, threads: [base.threads[0]!, EXIT], ...patch };
}

export const exitVsKsmMerge: Scenario = vsExit(
  ksmMerge,
  'exit-vs-ksm-merge',
  'exit_mmap vs ksmd merging a page of the exiting mm (#12, #13): ksm_test_exit under mmap_sem, and ksm_exit takes mmap_sem for write before the teardown',
);

export const exitVsKhugepagedCollapse: Scenario = vsExit(
  collapse,
  'exit-vs-khugepaged-collapse',
  'exit_mmap vs khugepaged collapsing a PMD of the exiting mm (#11): khugepaged_test_exit, and khugepaged_exit waits while the cursor is on the mm',
);

export const exitVsClearRefs: Scenario = vsExit(
  clearRefs,
  'exit-vs-clear-refs',
  "exit_mmap vs another process's clear_refs (#1): get_task_mm holds mm_users across the walk, and its mmput may be the last",
  { mms: [{ vmas: [{ name: 'anon', start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true }] }] },
);

export const exitVsUprobeRegister: Scenario = vsExit(
  uprobe,
  'exit-vs-uprobe-register',
  "exit_mmap vs a uprobe's registration writing the breakpoint (#2): build_map_info's mmget_not_zero holds mm_users across it",
  { files: [2], mms: [{ vmas: [{ name: 'text', start: 0, end: 2, prot: 'r', file: 0 }], mappings: [{ addr: 0 }] }] },
);

export const exitVsReclaim: Scenario = vsExit(
  reclaim,
  'exit-vs-reclaim',
  "exit_mmap vs reclaim unmapping a shared file page of the exiting mm (#28): free_pgtables' unlink_file_vma waits for the rmap walk under i_mmap_rwsem",
  { files: [2], mms: [{ vmas: [{ name: 'file', start: 0, end: 2, prot: 'r', shared: true, file: 0 }], mappings: [{ addr: 0, young: false }] }] },
);
