/**
 * Site #28 (mm/rmap.c:try_to_unmap_one), PageHuge branch with PMD sharing,
 * litmus: a second process maps the same hugetlbfs file and faults, sharing
 * the first one's PMD table (huge_pmd_share); a migration of one hugetlb
 * page then unshares the table in the first process (huge_pmd_unshare: the
 * whole PUD leaves that mm) while KVM of the first process holds sptes for
 * both hugetlb pages of the PUD (no guest access needed: the sptes are the
 * state mirror-coherence checks).
 * Expected: ok. The range was widened to the PUD before the start
 * (adjust_range_if_pmd_sharing_possible), so the start drops the spte of the
 * other page too; without the widening that spte would outlive the mapping.
 */
import type { Scenario } from '../../scenario/Scenario.js';

const vma = { start: 0, end: 4, prot: 'rw', shared: true, hugetlb: true, file: 0 } as const;

export const scenario: Scenario = {
  name: 'hugetlb-unshare-vs-kvm-sptes',
  description: 'unmap_and_move_huge_page/try_to_unmap_one (#28, PageHuge, huge_pmd_unshare) vs the KVM sptes of both pages of the PUD',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 3,
  files: [4],
  mms: [
    {
      vmas: [{ name: 'huge0', ...vma }],
      mappings: [
        { addr: 0, huge: true },
        { addr: 2, huge: true },
      ],
    },
    { vmas: [{ name: 'huge1', ...vma }] },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 2] }],
  threads: [
    { name: 'sharer', op: 'do_user_addr_fault', args: { mm: 1, addr: 0, write: false } },
    { name: 'migrate', op: 'unmap_and_move_huge_page', args: { file: 0, index: 0 } },
  ],
};
