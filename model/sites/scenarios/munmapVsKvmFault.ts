/**
 * Site #16 (mm/memory.c:unmap_vmas), litmus: munmap of an anonymous page
 * (downgraded to mmap_sem read in v5.0) races a KVM guest read through its
 * spte, which re-faults through gup when the spte is gone.
 * Expected: ok. The vmas are detached before the range starts, so the fault
 * finds no vma; an spte installed before the start is dropped by it.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'munmap-vs-kvm-fault',
  description: 'munmap -> unmap_region -> unmap_vmas (#16) vs a KVM guest read of the page',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
