/**
 * Site #25 (mm/mremap.c:move_page_tables), litmus, finding F7: mremap moves
 * a whole aligned PMD of a shared file mapping to a fresh vma, so
 * need_rmap_locks is false and move_normal_pmd (x86 v5.0 selects
 * HAVE_MOVE_PMD) moves the PTE table under the PMD locks only, while
 * reclaim's try_to_unmap_one (mm/rmap.c, reached from shrink_page_list)
 * holds that table's PTE lock. The walker clears the PTE through its
 * pointer, which now maps the new address, inside a range and a TLB flush
 * that cover the old address only.
 * Expected: violation of change-covered (a finding: real in v5.0, fixed in
 * v5.14 by "mm/mremap: hold the rmap lock in write mode when moving page
 * table entries."). No mirror is needed (the CPU's own TLB flush misses the
 * new address); KVM subscribes, with an spte for the page, as a witness.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'mremap-pmd-vs-reclaim',
  description: 'mremap of a whole PMD (move_normal_pmd, #25) vs reclaim of its page (try_to_unmap_one, #28)',
  expect: 'violation',
  expectProperty: 'change-covered',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  files: [2],
  mms: [
    {
      vmas: [{ name: 'file', start: 0, end: 2, prot: 'r', shared: true, file: 0 }],
      mappings: [
        { addr: 0, young: false },
        { addr: 1, young: false },
      ],
    },
  ],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [0] }],
  threads: [
    { name: 'mremap', op: 'mremap', args: { mm: 0, old: 0, len: 2, new: 2 } },
    { name: 'kswapd', op: 'shrink_page_list', args: { file: 0, index: 0 } },
  ],
};
