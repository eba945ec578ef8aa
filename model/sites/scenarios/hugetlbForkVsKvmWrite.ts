/**
 * Site #7 (mm/hugetlb.c:copy_hugetlb_page_range, cow), litmus: fork of a
 * process with a private writable hugetlb page (the parent's entry is
 * write-protected and the page shared with the child) races a KVM guest
 * write through its writable spte of the parent.
 * Expected: ok. The start drops the spte; the guest's re-fault (gup with
 * FOLL_WRITE) waits for mmap_sem, then breaks COW in the parent.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-fork-vs-kvm-write',
  description: 'copy_hugetlb_page_range (#7) write-protects the parent for COW vs a KVM guest write',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [1],
  mms: [
    { vmas: [{ name: 'parent', start: 0, end: 1, prot: 'rw', hugetlb: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true }] },
    { vmas: [{ name: 'child', start: 0, end: 1, prot: 'rw', hugetlb: true, file: 0, anonVma: 0 }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'fork', op: 'fork_hugetlb', args: { vma: 'vma:parent', dst_vma: 'vma:child' } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: true } },
  ],
};
