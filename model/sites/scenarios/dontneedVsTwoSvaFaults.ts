/**
 * Site #17 (mm/memory.c:zap_page_range via madvise(MADV_DONTNEED)), litmus,
 * finding S5: the baseline `dontneed-vs-sva-fault` with its IOMMU SVA fault
 * doubled. One device access fills the IOTLB with page 1 (the IOMMU walks
 * the CPU page table); the zap clears the PTE under the PTE lock and drops
 * the lock; the other device access misses, faults (amd_iommu_v2 do_fault:
 * handle_mm_fault under mmap_sem read, as the zap holds it) and
 * do_anonymous_page maps a new page at address 1, all before the zap's
 * mmu_notifier_invalidate_range_end calls ->invalidate_range.
 * Expected: violation of tlb-mirror-coherence (real in v5.0 under these
 * conditions; page 1 stays held by the mmu_gather until tlb_finish_mmu, after
 * ->invalidate_range, so no freed page is reachable: FINDINGS.md S5).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'dontneed-vs-two-sva-faults',
  description:
    'madvise_dontneed (#17) zaps pages 0-1 while two IOMMU SVA accesses hit page 1: one keeps page 1 in the IOTLB, the other faults a new page in before invalidate_range',
  expect: 'violation',
  expectProperty: 'tlb-mirror-coherence',
  geometry: { ptesPerTable: 4, pmdsPerTable: 1, puds: 1 },
  frames: 4,
  mms: [
    {
      vmas: [{ start: 0, end: 2, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
    { vmas: [{ start: 2, end: 4, prot: 'rw' }] },
  ],
  mirrors: [{ name: 'sva0', kind: 'sva', mm: 0, entries: [0] }],
  threads: [
    { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 2 } },
    { name: 'dev', op: 'device_access', args: { m: 0, addr: 1, write: true } },
    { name: 'dev2', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};
