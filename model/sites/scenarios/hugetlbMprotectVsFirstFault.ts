/**
 * Site #10 (mm/hugetlb.c:hugetlb_change_protection), litmus: mprotect(2)
 * of a private hugetlb mapping (do_mprotect_pkey -> mprotect_fixup ->
 * change_protection; then the loop's next vma), while a KVM guest's first
 * read faults the huge page in. A private mapping does not share PMD
 * tables: hugetlb_fault's huge_pte_alloc allocates one (pmd_alloc, under
 * mm->page_table_lock). Both are paths no other scenario runs (the other
 * #10 scenarios call hugetlb_change_protection directly, on shareable
 * mappings). Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'hugetlb-mprotect-vs-first-fault',
  description: 'mprotect(2) -> hugetlb_change_protection (#10) on a private hugetlb vma vs a KVM guest read faulting it in',
  expect: 'ok',
  geometry: { ptesPerTable: 1, pmdsPerTable: 2, puds: 1 },
  frames: 1,
  files: [1],
  mms: [{ vmas: [{ start: 1, end: 2, prot: 'rw', hugetlb: true, file: 0 }] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [] }],
  threads: [
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 1, write: false } },
    { name: 'mprotect', op: 'mprotect', args: { mm: 0, start: 1, end: 2, prot: 'r' } },
  ],
};
