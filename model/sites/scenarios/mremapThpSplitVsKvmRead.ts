/**
 * Site #25 (mm/mremap.c:move_page_tables), with site #6 inside it, litmus:
 * mremap moves half of an anonymous huge PMD, so move_page_tables splits the
 * PMD (__split_huge_pmd runs its own CLEAR range inside the UNMAP range) and
 * moves the one PTE, while a KVM guest reads the page that stays.
 * Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-thp-split-vs-kvm-read',
  description: 'mremap of half a THP -> move_page_tables (#25) splits it (#6) vs a KVM guest read of the other half',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 1, len: 1, new: 3 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
