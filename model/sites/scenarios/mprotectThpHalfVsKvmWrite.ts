/**
 * Site #24 (mm/mprotect.c:change_pmd_range) with site #6 nested inside it,
 * litmus: mprotect(PROT_READ) of half an anonymous huge PMD splits the PMD
 * (__split_huge_pmd starts its own CLEAR range inside the started
 * PROTECTION_VMA/UNMAP range) and write-protects one PTE, while a KVM guest
 * writes the other half. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mprotect-thp-half-vs-kvm-write',
  description: 'mprotect(PROT_READ) of half a THP -> change_pmd_range (#24) splits it (#6) vs a KVM guest write of the other half',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 2, end: 4, prot: 'rw' }], mappings: [{ addr: 2, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [2, 3] }],
  threads: [
    { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 3, end: 4, prot: 'r' } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 2, write: true } },
  ],
};
