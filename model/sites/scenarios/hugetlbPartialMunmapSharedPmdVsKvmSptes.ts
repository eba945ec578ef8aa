/**
 * Site #8 (mm/hugetlb.c:__unmap_hugepage_range) reached from munmap
 * (unmap_vmas #16 -> unmap_single_vma -> __unmap_hugepage_range_final),
 * litmus: a second process maps the same hugetlbfs file and faults, sharing
 * the first one's PMD table (huge_pmd_share); the first process then munmaps
 * only the first huge page of its vma. __split_vma leaves [1,2) in place and
 * the unmapped vma [0,1) no longer covers the PUD, so
 * adjust_range_if_pmd_sharing_possible does not widen the range, but
 * huge_pmd_unshare still clears the whole PUD entry of this mm: the
 * translation of page 1 (still mapped by the remaining vma) disappears
 * outside every notifier range, and KVM keeps its spte for page 1.
 * Expected (v5.0 as written): violation of change-covered (the first found;
 * mirror-coherence follows): a FINDING. Later kernels unshare before the split
 * (mm/hugetlb.c:hugetlb_vm_op_split -> hugetlb_unshare_pmds(vma, floor, ceil):
 * "We will need to unshare PMDs in the old and new VMAs, so let's unshare
 * before we split.").
 */
import type { Scenario } from '../../scenario/Scenario.js';

const vma = { start: 0, end: 2, prot: 'rw', shared: true, hugetlb: true, file: 0 } as const;

export const scenario: Scenario = {
  name: 'hugetlb-partial-munmap-shared-pmd-vs-kvm-sptes',
  description: 'munmap of half a hugetlb vma whose PMD table is shared: __unmap_hugepage_range (#8) unshares the whole PUD vs the KVM sptes',
  expect: 'violation',
  expectProperty: 'change-covered',
  geometry: { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  files: [2],
  mms: [
    {
      vmas: [{ name: 'huge0', ...vma }],
      mappings: [
        { addr: 0, huge: true, write: true },
        { addr: 1, huge: true, write: true },
      ],
    },
    { vmas: [{ name: 'huge1', ...vma }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 1] }],
  threads: [
    { name: 'sharer', op: 'do_user_addr_fault', args: { mm: 1, addr: 0, write: false } },
    { name: 'munmap', op: 'munmap', args: { mm: 0, start: 0, end: 1 } },
  ],
};
