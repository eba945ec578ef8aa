/**
 * Site #21 (mm/memory.c:__follow_pte_pmd, PTE branch), litmus: DAX
 * writeback (dax_entry_mkclean) of a dirty shared file page races
 * MADV_DONTNEED (#17) zapping that page's PTE, with a KVM guest's spte on
 * it. When the zap is first, follow_pte_pmd starts #21's range, finds the
 * PTE not present under its lock and returns -EINVAL (`goto unlock`:
 * pte_unmap_unlock, the range ended, `out`), the path no other scenario
 * runs; dax_entry_mkclean goes on to the next vma. Expected: ok.
 */
import type { Scenario } from '../../scenario/Scenario.js';
import { scenario as daxMkcleanVsKvmWrite } from './daxMkcleanVsKvmWrite.js';

/** dax-mkclean-vs-kvm-write's layout (a dirty shared DAX file page, the guest's writable spte on it), the zap in the guest's place. */
export const scenario: Scenario = {
  ...daxMkcleanVsKvmWrite,
  name: 'dax-mkclean-vs-dontneed',
  description: 'dax_entry_mkclean -> follow_pte_pmd (#21) vs MADV_DONTNEED (#17) zapping the PTE first',
  threads: [daxMkcleanVsKvmWrite.threads[0]!, { name: 'dontneed', op: 'madvise_dontneed', args: { mm: 0, start: 0, end: 1 } }],
};
