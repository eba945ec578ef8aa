/**
 * Site #16 (mm/memory.c:unmap_vmas, via munmap), litmus: munmap of a whole
 * THP with an mmu_gather that is full at the page it gathers
 * (`gatherBatch: 1`, dontneedBatchFullVsTwoSvaFaults.ts says when v5.0's
 * batch fills), while a KVM guest reads the THP through its sptes.
 * zap_huge_pmd clears the huge PMD and, after spin_unlock,
 * tlb_remove_page_size finds the batch full and calls tlb_flush_mmu (the
 * CPU flush, ->invalidate_range, then the page freed), inside #16's range:
 * the THP is freed before invalidate_range_end. Expected: ok. The start
 * dropped the sptes, and the guest's re-fault waits for the end
 * (mmu_notifier_count).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'munmap-thp-batch-full-vs-kvm-read',
  description: 'munmap of a THP (#16) whose zap_huge_pmd fills the mmu_gather (tlb_flush_mmu frees it inside the range) vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  gatherBatch: 1,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
