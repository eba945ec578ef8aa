/**
 * Site #16 reached from mm/mmap.c:exit_mmap (v5.0), with HMM v5.0: the
 * process exits (its last mmput: mmu_notifier_release, then the teardown)
 * while the HMM device reads page 1, which is not mapped. hmm_release
 * marks the ranges invalid and the driver's release drops its entries,
 * but nothing stops a device fault: v5.0's hmm_vma_fault takes no
 * mm_users reference and registers a range on an hmm whose mm is going.
 * Its walk (hmm_vma_walk_pmd, then handle_mm_fault on the hole) runs
 * beside exit_mmap's unmap_vmas, free_pgtables and remove_vma. The vma
 * covers the address space, so that the teardown's [0, -1) range lies in
 * it (no F3). Expected: violation of walk-holds-mm-users (finding D6).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'exit-vs-hmm50-read',
  description: 'exit_mmap (release, then the teardown) vs an HMM v5.0 device read of an unmapped page: the fault walks the dying mm',
  expect: 'violation',
  expectProperty: 'walk-holds-mm-users',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'hmm500', kind: 'hmm50', mm: 0, entries: [0] }],
  threads: [
    { name: 'exit', op: 'exit_mmap', args: { mm: 0 } },
    { name: 'dev', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
