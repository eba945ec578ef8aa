/**
 * Site #8 (mm/hugetlb.c:__unmap_hugepage_range), litmus: fallocate(PUNCH_HOLE)
 * on a hugetlbfs file (hugetlbfs_punch_hole: unmap_hugepage_range on every
 * mapping vma, then remove_inode_hugepages frees the page) races a KVM guest
 * read of the huge page through its spte in a MAP_SHARED mapping.
 * Expected: ok. The guest may refault the page back in (it is still in the
 * page cache until remove_inode_hugepages), which then unmaps it again.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-punch-hole-vs-kvm-fault',
  description: 'hugetlbfs_punch_hole -> __unmap_hugepage_range (#8) vs a KVM guest read of the huge page',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 1, puds: 1 },
  frames: 1,
  files: [2],
  mms: [{ vmas: [{ start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 }], mappings: [{ addr: 0, huge: true, write: true }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [1] }],
  threads: [
    { name: 'punch', op: 'hugetlbfs_punch_hole', args: { file: 0, start: 0, end: 2 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
  ],
};
