/**
 * Bugs in other sites: the oom reaper (#26), wp_page_copy (#19), and wrong
 * vmas/events at mremap (#25) and reclaim (#28).
 */
import { setPte } from '../../model/mm/pageTable.js';
import { flushTlbRange } from '../../model/mm/tlb.js';
import { vmaOf } from '../../model/mm/vmas.js';
import type { MmMutantSpec } from './MmMutant.js';
import { editProgram, withRun } from './programEdits.js';

export const SITE_MUTANTS: readonly MmMutantSpec[] = [
  {
    id: 'oom-reap-ends-after-failure',
    description: '__oom_reap_task_mm calls invalidate_range_end after invalidate_range_start_nonblock failed',
    expects: 'nonblock-failure-no-end',
    baseline: 'oom-reap-vs-gpu',
    programs: () => [
      editProgram('__oom_reap_task_mm', {
        start_returned: (s) => ({ ...s, run: (c) => (c.t.rv !== 0 ? c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu') : s.run(c)) }),
      }),
    ],
  },
  {
    id: 'cow-clear-without-notify',
    description: 'wp_page_copy uses ptep_clear_flush without _notify: the new page is mapped before the secondary TLB is flushed',
    expects: 'tlb-mirror-coherence',
    baseline: 'cow-fault-vs-sva-read',
    programs: () => [
      editProgram('wp_page_copy', {
        ptep_clear_flush_notify: withRun((c) => {
          // ptep_clear_flush(vma, vmf->address, vmf->pte) -- no mmu_notifier_invalidate_range
          const mm = vmaOf(c.s, c.n('vma')).mm;
          setPte(c.s, mm, c.n('addr'), null);
          flushTlbRange(c.s, mm, c.n('addr'), c.n('addr') + 1);
          return 'page_add_new_anon_rmap';
        }),
      }),
    ],
  },
  {
    id: 'mremap-passes-new-vma',
    description: "move_page_tables (#25) passes new_vma, the destination, for the range of the old address",
    expects: 'range-vma',
    baseline: 'mremap-vs-kvm-read',
    scenario: (sc) => ({ ...sc, sites: { ...sc.sites, '25': { event: 'MMU_NOTIFY_UNMAP', vma: 'new_vma' } } }),
  },
  {
    id: 'reclaim-event-protection-page',
    description: 'try_to_unmap_one (#28) passes MMU_NOTIFY_PROTECTION_PAGE although reclaim unmaps the page',
    expects: 'event-promise',
    baseline: 'reclaim-vs-kvm-fault',
    scenario: (sc) => ({ ...sc, sites: { ...sc.sites, '28': { event: 'MMU_NOTIFY_PROTECTION_PAGE', vma: 'vma' } } }),
  },
];
