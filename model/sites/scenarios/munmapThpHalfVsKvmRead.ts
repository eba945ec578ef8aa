/**
 * Site #16 (mm/memory.c:unmap_vmas), litmus: munmap of half an anonymous
 * huge PMD. __split_vma first splits the huge PMD (vma_adjust_trans_huge ->
 * __split_huge_pmd, site #6, with the whole vma as its vma), then the
 * detached half is zapped, while a KVM guest reads the half that stays.
 * Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'munmap-thp-half-vs-kvm-read',
  description: 'munmap of half a THP: vma_adjust_trans_huge splits it (#6), unmap_vmas (#16) zaps one PTE; vs a KVM guest read of the other half',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true, dirty: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'munmap', op: 'munmap', args: { mm: 0, start: 1, end: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
