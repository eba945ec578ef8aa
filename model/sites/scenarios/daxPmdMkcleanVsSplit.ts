/**
 * Site #20 (mm/memory.c:__follow_pte_pmd, PMD branch), litmus: DAX writeback
 * finds a huge PMD and starts a PMD-sized range, but a concurrent
 * MADV_DONTNEED of half the huge mapping splits the PMD (a DAX PMD split
 * just clears it) before __follow_pte_pmd takes the PMD lock: it ends the
 * PMD range itself, falls through to the PTE branch, finds the PMD none and
 * returns -EINVAL, so dax_entry_mkclean skips the vma. KVM holds an spte of
 * the huge page (no guest thread: the split race alone gives enough states).
 * Expected: ok (every start paired with its end, the spte dropped first).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dax-pmd-mkclean-vs-split',
  description: 'dax_entry_mkclean -> follow_pte_pmd: the PMD range (#20) ends inside it after a racing split; vs MADV_DONTNEED, with a KVM spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [2],
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', shared: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'writeback', op: 'dax_writeback', args: { file: 0, index: 0 } },
    { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 1, end: 2 } },
  ],
};
