/**
 * Site #28 (mm/rmap.c:try_to_unmap_one), PageHuge branch, litmus: migration
 * of a shared hugetlbfs page (unmap_and_move_huge_page -> try_to_unmap with
 * TTU_MIGRATION: a PMD migration entry, then remove_migration_ptes maps the
 * new page) races a KVM guest read of the page through its spte (a
 * re-fault waits on the migration entry in hugetlb_fault).
 * The vma may share PMDs and spans the whole PUD, so the range is widened
 * to the PUD (adjust_range_if_pmd_sharing_possible).
 * Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-migrate-vs-kvm-read',
  description: 'unmap_and_move_huge_page/try_to_unmap_one (#28, PageHuge) on a shared hugetlbfs page vs a KVM guest read',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 3,
  files: [4],
  mms: [
    {
      vmas: [{ name: 'huge', start: 0, end: 4, prot: 'rw', shared: true, hugetlb: true, file: 0 }],
      mappings: [
        { addr: 0, huge: true },
        { addr: 2, huge: true },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0, 2] }],
  threads: [
    { name: 'migrate', op: 'unmap_and_move_huge_page', args: { file: 0, index: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
