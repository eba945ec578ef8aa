/**
 * Site #3 (mm/huge_memory.c:do_huge_pmd_wp_page_fallback), litmus: a CPU
 * write to a THP shared copy-on-write with a fork child when no new THP can
 * be allocated: the fault copies it into HPAGE_PMD_NR small pages and
 * replaces the huge PMD by a PTE table, while a KVM guest reads the THP
 * through its spte.
 * Expected: ok (the start drops the spte; mmu_notifier_count holds off the
 * guest's re-fault until only_end).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'thp-wp-fallback-vs-kvm-fault',
  description: 'do_huge_pmd_wp_page_fallback (#3) copies a COW THP into small pages vs a KVM guest read of the THP',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [
    { vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: false }] },
    { vmas: [{ start: 0, end: 2, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true, thp_alloc_fail: true } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
