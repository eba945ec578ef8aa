/**
 * Site #24 (mm/mprotect.c:change_pmd_range), litmus: mprotect(PROT_READ) of
 * a written anonymous page races a KVM guest write through its writable
 * spte (which re-faults with a write gup when the spte is gone or read-only).
 * Expected: ok. The start drops the spte before the PTE loses its write bit;
 * a write fault after mprotect finds a read-only vma (-EFAULT).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mprotect-vs-kvm-write',
  description: 'mprotect(PROT_READ) -> change_pmd_range (#24) vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 1, end: 2, prot: 'rw' }], mappings: [{ addr: 1, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 1, end: 2, prot: 'r' } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};
