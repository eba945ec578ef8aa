/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus: mremap moves a mapped
 * anonymous page to another PMD while a KVM guest reads the old address
 * through its spte (re-faulting through gup when the spte is gone).
 * Expected: ok. The start drops the spte before the PTE moves; afterwards
 * the old address has no vma and the fault fails.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-vs-kvm-read',
  description: 'mremap(MREMAP_FIXED) -> move_page_tables (#25) vs a KVM guest read of the old address',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 1, end: 2, prot: 'rw' }], mappings: [{ addr: 1, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 1, len: 1, new: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
