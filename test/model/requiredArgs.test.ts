/**
 * Typed programs no longer default their arguments to null, so a program
 * says which arguments a scenario thread must give through `params`
 * (programArgs). Each operation a scenario can run keeps the required
 * arguments it had before the conversion (a typed locals default must not
 * make a missing argument silently 0 or undefined).
 */
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../../model/scenario/defaultRegistry.js';
import { programArgs } from '../../model/scenario/programArgs.js';

/** The required arguments of every program, as a9891b7 (before typed programs) derived them. */
const REQUIRED: Record<string, readonly string[]> = {
  munmap: ['mm', 'start', 'end'],
  do_munmap: ['mm', 'start', 'end'],
  madvise_free: ['mm', 'start', 'end'],
  madvise_free_single_vma: ['vma', 'start_addr', 'end_addr'],
  unmap_vmas: ['vma', 'start_addr', 'end_addr'],
  unmap_single_vma: ['vma', 'start', 'end'],
  change_pmd_range: ['vma', 'addr', 'end'],
  __oom_reap_task_mm: ['mm'],
  oom_reap_task: ['mm'],
  copy_hugetlb_page_range: ['vma', 'dst_vma'],
  fork_hugetlb: ['vma', 'dst_vma'],
  __unmap_hugepage_range: ['vma', 'start', 'end'],
  __unmap_hugepage_range_final: ['vma', 'start', 'end'],
  unmap_hugepage_range: ['vma', 'start', 'end'],
  hugetlbfs_punch_hole: ['file', 'start', 'end'],
  hugetlb_fault: ['vma', 'addr'],
  hugetlb_cow: ['vma', 'address'],
  hugetlb_change_protection: ['vma', 'start', 'end'],
  mprotect_hugetlb: ['vma'],
  khugepaged_collapse: ['mm'],
  try_to_unmap_one: ['page', 'vma', 'address'],
  page_mkclean_one: ['page', 'vma', 'address'],
  migrate_vma_collect: ['start', 'end'],
  migrate_vma_pages: ['start', 'end'],
  unmap_and_move_huge_page: ['file', 'index'],
};

describe('required arguments of typed programs', () => {
  const reg = defaultRegistry([]);
  for (const [name, want] of Object.entries(REQUIRED)) {
    it(name, () => {
      expect(
        programArgs(reg.get(name))
          .filter((a) => a.required)
          .map((a) => a.name),
      ).toEqual(want);
    });
  }
});
