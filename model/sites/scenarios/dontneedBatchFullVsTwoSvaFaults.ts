/**
 * Site #17 (mm/memory.c:zap_page_range via madvise(MADV_DONTNEED)), litmus,
 * the control of S5 (dontneed-vs-two-sva-faults): the same race with an
 * mmu_gather that is full at each page it gathers (`gatherBatch: 1`: in
 * v5.0 the local batch holds MMU_GATHER_BUNDLE = 8 pages and fills when
 * tlb_next_batch's GFP_NOWAIT allocation fails, under memory pressure).
 * zap_pte_range then breaks out of its loop at the page
 * (__tlb_remove_page returns true), calls tlb_flush_mmu_tlbonly before
 * pte_unmap_unlock (the CPU flush and ->invalidate_range, which flushes the
 * IOTLB), frees the page with tlb_flush_mmu_free after the unlock, and
 * goes `again` from the next address. The IOTLB no longer holds page 1 when
 * the other device access can fault: expected ok. For a PTE-mapped page S5
 * needs the batch not to fill at the zapped page, which is the common case;
 * a THP's zap_huge_pmd flushes after its unlock, so a full batch leaves S5's
 * window open there (FINDINGS.md S5).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as s5 } from './dontneedVsTwoSvaFaults.js';

export const scenario: Scenario = {
  ...s5,
  name: 'dontneed-batch-full-vs-two-sva-faults',
  description: "dontneed-vs-two-sva-faults (S5) with a full mmu_gather batch: zap_pte_range flushes under the PTE lock, S5's window closes",
  expect: 'ok',
  expectProperty: undefined,
  gatherBatch: 1,
};
