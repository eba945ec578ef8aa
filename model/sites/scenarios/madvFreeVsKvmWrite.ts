/**
 * Site #14 (mm/madvise.c:madvise_free_single_vma), litmus: MADV_FREE of a
 * dirty anonymous page races a KVM guest write through its writable spte.
 * Expected: ok. The start drops the spte before the PTE is made clean; the
 * guest's re-fault pins the page again through a write gup after the end.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'madv-free-vs-kvm-write',
  description: 'madvise(MADV_FREE) -> madvise_free_single_vma (#14) vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 1, prot: 'rw' }], mappings: [{ addr: 0, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'madvise', op: 'madvise_free', args: { mm: 0, start: 0, end: 1 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
