/**
 * Site #3 (mm/huge_memory.c:do_huge_pmd_wp_page_fallback), litmus: two write
 * faults race on a THP a fork left shared (COW): the CPU's, whose THP
 * allocation fails so do_huge_pmd_wp_page falls back to copying into small
 * pages under #3's range, and an IOMMU SVA device's on the THP's second page
 * (a PRI fault: handle_mm_fault -> do_huge_pmd_wp_page). Whichever comes
 * second finds the PMD changed under its lock: do_huge_pmd_wp_page's
 * out_unlock, or the fallback's `!pmd_same` -> out_free_pages (spin_unlock,
 * the range ended with nothing changed, the small pages freed), the paths
 * no other scenario runs. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'cow-thp-fallback-vs-sva-write',
  description: 'a COW THP write fault falling back to small pages (#3) vs an SVA device write fault on the same THP',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 3,
  mms: [
    { vmas: [{ start: 0, end: 2, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false }] },
    { vmas: [{ start: 0, end: 2, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  mirrors: [{ name: 'sva0', kind: 'sva', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true, thp_alloc_fail: true } },
    { name: 'dev', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};
