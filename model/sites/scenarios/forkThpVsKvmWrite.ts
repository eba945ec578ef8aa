/**
 * Site #15 (mm/memory.c:copy_page_range -> mm/huge_memory.c:copy_huge_pmd),
 * litmus: fork write-protects the parent's anonymous huge PMD for COW while
 * a KVM guest writes the second half through its writable spte (a write
 * re-fault then COWs the huge page: do_huge_pmd_wp_page, site #4).
 * Expected: ok. The start drops the sptes before the PMD loses its write bit.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'fork-thp-vs-kvm-write',
  description: 'fork -> copy_page_range (#15) -> copy_huge_pmd on a THP vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }, { vmas: [] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'fork', op: 'fork', args: { mm: 0, child: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};
