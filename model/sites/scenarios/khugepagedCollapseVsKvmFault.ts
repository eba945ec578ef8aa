/**
 * Site #11 (mm/khugepaged.c:collapse_huge_page), litmus: khugepaged collapses
 * two small anonymous pages into a THP (the range ends right after
 * pmdp_collapse_flush, before the huge PMD is set) while a KVM guest reads
 * the first page through its spte.
 * Expected: ok. mmap_sem held for write keeps the guest's gup out until the
 * huge PMD is installed; the start dropped the spte to the old small page.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'khugepaged-collapse-vs-kvm-fault',
  description: 'collapse_huge_page (#11) of two small pages into a THP vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 3,
  mms: [
    {
      vmas: [{ start: 0, end: 2, prot: 'rw' }],
      mappings: [
        { addr: 0, write: true },
        { addr: 1, write: true },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'khugepaged', op: 'khugepaged_collapse', args: { mm: 0, addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
