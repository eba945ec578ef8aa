/**
 * Site #26 (mm/oom_kill.c:__oom_reap_task_mm) with HMM v5.2, litmus: the
 * victim's exit_mmap runs mmu_notifier_release (hmm_release holds
 * hmm->mirrors_sem for write) while the oom reaper, still holding mmap_sem
 * for read, starts its non-blocking range. v5.2
 * mm/hmm.c:hmm_invalidate_range_start has done notifiers++ when
 * down_read_trylock(&hmm->mirrors_sem) fails and returns -EAGAIN, and the
 * reaper calls no end: notifiers stays raised. The hmm is dead by then
 * (hmm_range_register returns -EFAULT, waiters give up), so nothing waits
 * on it. Fixed in v5.3 ("mm/hmm: Fix error flows in
 * hmm_invalidate_range_start"). The victim's exit_mmap then reaps the mm
 * itself (model/sites/exitMmap.ts). Expected: violation (finding D5).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'oom-reap-vs-exiting-hmm52',
  description: "oom reaper (#26) vs exit_mmap's mmu_notifier_release (hmm_release holds mirrors_sem): the start fails after notifiers++, no end",
  expect: 'violation',
  expectProperty: 'mirror-quiescent',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'hmm520', kind: 'hmm52', mm: 0, entries: [0] }],
  threads: [
    { name: 'oom_reaper', op: 'oom_reap_task', args: { mm: 0, retries: 1 } },
    { name: 'exit', op: 'exit_mmap', args: { mm: 0 } },
  ],
};
