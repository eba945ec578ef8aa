/**
 * Site #6 (mm/huge_memory.c:__split_huge_pmd), litmus: a split of an
 * anonymous writable THP into PTEs (split_huge_pmd_address, as
 * vma_adjust_trans_huge does before a partial mprotect/munmap, mmap_sem
 * held for write) races a KVM guest write through its writable spte.
 * Expected: ok. The split keeps the frame and the write bit; the spte is
 * dropped at start and refaults to the same frame.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'thp-split-vs-kvm-write',
  description: '__split_huge_pmd (#6) of an anonymous THP vs a KVM guest write through its spte',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 1,
  mms: [{ vmas: [{ name: 'anon', start: 0, end: 2, prot: 'rw' }], mappings: [{ addr: 0, huge: true, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'split', op: 'split_huge_pmd_address', args: { vma: 'vma:anon', addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: true } },
  ],
};
