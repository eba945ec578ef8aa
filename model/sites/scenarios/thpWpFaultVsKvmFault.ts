/**
 * Site #4 (mm/huge_memory.c:do_huge_pmd_wp_page), litmus: a CPU write to a
 * THP shared copy-on-write with a fork child (the huge PMD is read-only,
 * mapcount 2) copies it into a new THP, while a KVM guest reads the same
 * huge page through its spte (faulting it in with gup when the spte is gone).
 * Expected: ok. The KVM start drops the spte and mmu_notifier_count keeps
 * the guest fault from installing the old page until the range ends; the
 * old THP stays mapped in the child.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'thp-wp-fault-vs-kvm-fault',
  description: 'do_huge_pmd_wp_page (#4) COW of a THP shared with a child vs a KVM guest read of the same THP',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [
    { vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: false }] },
    { vmas: [{ start: 0, end: 2, prot: 'rw', anonVma: 0 }], mappings: [{ addr: 0, huge: true, write: false, shareWith: { mm: 0, addr: 0 } }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
