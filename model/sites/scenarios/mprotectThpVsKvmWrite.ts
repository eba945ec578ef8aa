/**
 * Site #24 (mm/mprotect.c:change_pmd_range -> mm/huge_memory.c:change_huge_pmd),
 * litmus: mprotect(PROT_READ) of a whole anonymous huge PMD races a KVM
 * guest write through its writable spte. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mprotect-thp-vs-kvm-write',
  description: 'mprotect(PROT_READ) of a whole THP -> change_pmd_range (#24) -> change_huge_pmd vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 2, end: 4, prot: 'rw' }], mappings: [{ addr: 2, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [2, 3] }],
  threads: [
    { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 2, end: 4, prot: 'r' } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 3, write: true } },
  ],
};
