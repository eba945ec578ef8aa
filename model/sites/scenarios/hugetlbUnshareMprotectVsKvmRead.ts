/**
 * Site #10 (mm/hugetlb.c:hugetlb_change_protection), litmus: mprotect(PROT_READ)
 * of a MAP_SHARED hugetlb vma whose PMD table is shared with another process
 * (the other process's first touch shares it: huge_pmd_share), racing a
 * KVM guest read of the page through its spte.
 * hugetlb_change_protection calls huge_pmd_unshare: the PUD entry of this mm
 * is cleared, i.e. the translations are removed, not re-protected.
 * With the seed's event (UNMAP) the mirrors drop their entries: ok.
 * (The v5.2 profile's PROTECTION_VMA breaks it for the event-aware mirror:
 * hugetlb-unshare-mprotect-v52-vs-aware-read.)
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-unshare-mprotect-vs-kvm-read',
  description: 'hugetlb_change_protection (#10) unsharing a shared PMD table vs a KVM guest read',
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
    { name: 'other', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
    { name: 'mprotect', op: 'mprotect_hugetlb', args: { vma: 'vma:a', write: false } },
  ],
};
