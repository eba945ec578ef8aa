/**
 * Site #6 (mm/huge_memory.c:__split_huge_pmd, through split_huge_pmd_address
 * as vma_adjust_trans_huge calls it), litmus: the split races a KVM guest's
 * first read of an anonymous VM_HUGEPAGE vma that was never faulted. The
 * guest's fault (hva_to_pfn -> get_user_pages -> handle_mm_fault) finds the
 * PMD none and maps a THP: create_huge_pmd -> do_huge_pmd_anonymous_page
 * (alloc_hugepage_vma, pmd_lock, set_pmd_at), the one path no other
 * scenario runs. Expected: ok. A split before the fault finds no huge PMD
 * (its range starts and ends with nothing changed); a split after it
 * splits the new THP inside #6's range, which drops the spte first.
 */
import type { Scenario } from '../../scenario/Scenario.js';

export const scenario: Scenario = {
  name: 'split-pmd-vs-thp-fault',
  description: 'split_huge_pmd_address (#6) vs a KVM guest read faulting a THP in (do_huge_pmd_anonymous_page)',
  expect: 'ok',
  geometry: { ptesPerTable: 2, pmdsPerTable: 2, puds: 1 },
  frames: 2,
  mms: [{ vmas: [{ name: 'thp', start: 0, end: 2, prot: 'rw', thp: true }], mappings: [] }],
  mirrors: [{ name: 'kvm0', kind: 'kvm', mm: 0, entries: [] }],
  threads: [
    { name: 'split_pmd', op: 'split_huge_pmd_address', args: { vma: 'vma:thp', addr: 0 } },
    { name: 'guest', op: 'device_access', args: { m: 0, addr: 0, write: false } },
  ],
};
