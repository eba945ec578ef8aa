/**
 * exit-vs-hmm50-read's control with amdgpu's userptr mirror (v5.0): its
 * fault is the command submission, amdgpu_cs_ioctl, a system call of the
 * process itself (amdgpu_cs_list_validate: `if (usermm && usermm !=
 * current->mm) return -EPERM;`), whose get_user_pages runs in a task of
 * the mm. Exit's last mmput, and with it exit_mmap, comes only after every
 * task has left the mm (model/mm/mmTasks.ts), so no submission walks the
 * mm while the teardown frees it. The submission walks only after an
 * invalidation (amdgpu_ttm_tt_userptr_needs_pages): a MADV_DONTNEED of
 * page 0 by the process comes first or races it. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as hmm50 } from './exitVsHmm50Read.js';

export const scenario: Scenario = {
  ...hmm50,
  name: 'exit-vs-gpu-read',
  description: "exit_mmap vs an amdgpu userptr read of an unmapped page: the submission's get_user_pages runs in a task of the mm",
  expect: 'ok',
  expectProperty: undefined,
  mirrors: [{ name: 'gpu0', kind: 'gpu', mm: 0, entries: [0] }],
  threads: [...hmm50.threads, { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 1 } }],
  // no device access races an invalidation of its page (a race of MADV_DONTNEED with the submission of the same page
  // is D3): the guards are a started range and every thread's end, and a test checks that the submission walks
  reach: ['reach-range-started', 'reach-all-done'],
};
