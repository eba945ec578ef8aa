/**
 * Site #9 (mm/hugetlb.c:hugetlb_cow), litmus: a CPU write to a private
 * hugetlb page shared with a fork child (read-only, mapcount 2) copies it
 * (hugetlb_fault -> hugetlb_cow), while a KVM guest reads it through its spte.
 * Expected: ok (start drops the spte; the guest's re-fault is held off by
 * mmu_notifier_count and installs the new page after the end).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-cow-vs-kvm-fault',
  description: 'hugetlb_cow (#9) of a private huge page shared with a child vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 2,
  files: [1],
  mms: [
    { vmas: [{ start: 0, end: 1, prot: 'rw', hugetlb: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: false }] },
    {
      vmas: [{ start: 0, end: 1, prot: 'rw', hugetlb: true, file: 0, anonVma: 0 }],
      mappings: [{ addr: 0, huge: true, write: false, shareWith: { mm: 0, addr: 0 } }],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'cpu', op: 'cpu_access', args: { mm: 0, addr: 0, write: true } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
