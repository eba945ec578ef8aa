/**
 * Bugs in how the walkers from outside a process keep off an mm that
 * exit_mmap tears down (model/sites/foreignWalks.ts): a daemon that does
 * not test mm_users under mmap_sem, an __mmput that does not wait for it,
 * a /proc writer or a uprobe registration without its reference. Each
 * lets a walk meet the teardown: walk-holds-mm-users. And an rmap walker's
 * (reclaim): free_pgtables unlinking the file vma without i_mmap_rwsem, so
 * that reclaim goes on with a vma remove_vma frees: range-vma.
 */
import { LockName } from '../../model/mm/locks.js';
import { DONE } from '../../model/mm/step/control.js';
import { lockStep } from '../../model/mm/step/steps.js';
import { KSMD_OP } from '../../model/mm/mmTasks.js';
import { unlinkFileVma } from '../../model/mm/vmaOps.js';
import type { MmMutantSpec } from './MmMutant.js';
import { editProgram, withRun } from './programEdits.js';

export const EXIT_MUTANTS: readonly MmMutantSpec[] = [
  {
    id: 'ksm-no-exit-test',
    description: 'scan_get_next_rmap_item calls find_vma without ksm_test_exit: ksmd walks an mm whose mm_users is 0 after ksm_exit let the teardown go',
    expects: 'walk-holds-mm-users',
    baseline: 'exit-vs-ksm-merge',
    // down_read(&mm->mmap_sem); vma = find_vma(mm, ksm_scan.address);
    programs: () => [editProgram(KSMD_OP, { down_read: (s) => lockStep(s.label, s.at, (v) => LockName.mmapSem(v.l['mm'] as number), 'r') })],
  },
  {
    id: 'ksm-exit-no-wait',
    description: "__ksm_exit frees the mm_slot at once: no down_write/up_write of mmap_sem, so exit_mmap tears down under ksmd's walk",
    expects: 'walk-holds-mm-users',
    baseline: 'exit-vs-ksm-merge',
    programs: () => [editProgram('__mmput', { ksm_exit: withRun(() => 'khugepaged_exit') })],
  },
  {
    id: 'khugepaged-exit-no-wait',
    description: "__khugepaged_exit frees the mm_slot even at khugepaged's cursor: exit_mmap tears down under collapse_huge_page",
    expects: 'walk-holds-mm-users',
    baseline: 'exit-vs-khugepaged-collapse',
    programs: () => [editProgram('__mmput', { khugepaged_exit: withRun(() => DONE) })],
  },
  {
    id: 'clear-refs-no-mmget',
    description: 'clear_refs_write walks the mm without get_task_mm (and without its mmput): exit_mmap tears it down under the walk',
    expects: 'walk-holds-mm-users',
    baseline: 'exit-vs-clear-refs',
    programs: () => [editProgram('clear_refs_write', { get_task_mm: withRun(() => undefined), mmput: withRun(() => DONE) })],
  },
  {
    id: 'exit-unlinks-file-vma-unlocked',
    description:
      "free_pgtables' unlink_file_vma removes the vma from i_mmap without i_mmap_rwsem: reclaim's rmap walk goes on with it, and its range names the vma remove_vma freed",
    expects: 'range-vma',
    baseline: 'exit-vs-reclaim',
    programs: () => [
      editProgram('free_pgtables', {
        i_mmap_lock_write: (s) => ({
          label: s.label,
          at: s.at,
          run: (c) => {
            // __remove_shared_vm_struct(vma, file, mapping);  -- no i_mmap_lock_write(mapping)
            unlinkFileVma(c.s, c.l['vma'] as number);
            return 'gather';
          },
        }),
      }),
    ],
  },
  {
    id: 'uprobe-no-mmget',
    description: "build_map_info takes no mm_users reference (and register_for_each_vma drops none): the breakpoint's get_user_pages walks a torn-down mm",
    expects: 'walk-holds-mm-users',
    baseline: 'exit-vs-uprobe-register',
    programs: () => [editProgram('uprobe_write_opcode', { mmget_not_zero: withRun(() => undefined), mmput: withRun(() => 'free_map_info') })],
  },
];
