/**
 * Site #8 (mm/hugetlb.c:__unmap_hugepage_range) reached from hole punching
 * (fs/hugetlbfs/inode.c:hugetlbfs_punch_hole -> hugetlb_vmdelete_list ->
 * unmap_hugepage_range), litmus, finding F8: a second process maps the same
 * hugetlbfs file and faults, sharing the first one's PMD table
 * (huge_pmd_share); a CPU of the first process has the huge page in its TLB.
 * The punch unmaps the first process's vma: huge_pmd_unshare clears its PUD
 * entry, and v5.0 neither flushes the TLB there nor widens the mmu_gather's
 * range ("The caller's TLB flush range should cover this area"), so
 * tlb_finish_mmu flushes nothing for this mm. The second vma's pass frees the
 * page through its gather, remove_inode_hugepages drops the page cache's
 * reference, and the first process's TLB still maps the freed page.
 * Expected (v5.0 as written): violation of cpu-tlb-no-stale-frame, a FINDING
 * (CVE-2021-4002; fixed in v5.16 by a4a118f2eead "hugetlbfs: flush TLBs
 * correctly after huge_pmd_unshare": tlb_flush_pmd_range over the PUD and a
 * forced flush, before i_mmap_rwsem is released).
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as partialMunmap } from './hugetlbPartialMunmapSharedPmdVsKvmSptes.js';

/** F4's layout (two mms map one hugetlbfs file over a whole PUD), with its own threads. */
export const scenario: Scenario = {
  ...partialMunmap,
  name: 'hugetlb-punch-hole-shared-pmd-vs-cpu-tlb',
  description:
    'hugetlbfs_punch_hole -> __unmap_hugepage_range (#8) unshares a PMD table shared with a second process: no TLB flush for the unsharing mm, whose CPU keeps the freed huge page',
  expect: 'violation',
  expectProperty: 'cpu-tlb-no-stale-frame',
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [] }],
  threads: [
    { name: 'sharer', op: 'cpu_access', args: { mm: 1, addr: 0, write: false } },
    { name: 'punch', op: 'hugetlbfs_punch_hole', args: { file: 0, start: 0, end: 2 } },
    { name: 'cpu0', op: 'cpu_access', args: { mm: 0, addr: 0, write: false } },
  ],
};
