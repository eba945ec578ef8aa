/**
 * Site #10 (mm/hugetlb.c:hugetlb_change_protection), litmus: mprotect(PROT_READ)
 * of a MAP_SHARED hugetlb vma (mmap_sem held for write, i_mmap_rwsem for
 * write around the walk) races a KVM guest read of the page through its spte.
 * Expected: ok, with the seed's UNMAP and with v5.2's PROTECTION_VMA (the
 * page stays mapped read-only; an event-aware mirror may keep a read-only entry).
 * With a PMD table shared with another process, huge_pmd_unshare unmaps
 * instead: see hugetlb-unshare-mprotect-v52-vs-aware-read (a finding).
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-mprotect-vs-kvm-read',
  description: 'hugetlb_change_protection (#10) write-protecting a shared hugetlb mapping vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 1, puds: 1 },
  frames: 1,
  files: [1],
  mms: [
    { vmas: [{ name: 'a', start: 0, end: 1, prot: 'rw', shared: true, hugetlb: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true }] },
    { vmas: [{ name: 'b', start: 0, end: 1, prot: 'rw', shared: true, hugetlb: true, file: 0 }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
    { name: 'mprotect', op: 'mprotect_hugetlb', args: { vma: 'vma:a', write: false } },
  ],
};

/** The same race while another process first shares the PMD table (its first touch: huge_pmd_share). */
export const sharedPmd: Scenario = {
  ...scenario,
  name: 'hugetlb-unshare-mprotect-vs-kvm-read',
  description: 'hugetlb_change_protection (#10) unsharing a shared PMD table (huge_pmd_unshare) vs a KVM guest read',
  threads: [{ name: 'other', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } }, ...scenario.threads],
};
