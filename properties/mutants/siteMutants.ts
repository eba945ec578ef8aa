/**
 * Bugs in other sites: the oom reaper (#26), wp_page_copy (#19), MADV_FREE
 * (#14), mremap's need_rmap_locks after a merge and wrong vmas/events at
 * mremap (#25) and reclaim (#28).
 */
import { setPte } from '../../model/mm/pageTable.js';
import { rangeInit } from '../../model/mm/notifier/rangeInit.js';
import { flushTlbRange, tlbGatherMmu } from '../../model/mm/tlb.js';
import { MADVISE_FREE_SITE } from '../../model/sites/madviseFreeSingleVma.js';
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
        start_returned: (s) => ({
          ...s,
          run: (c) => (c.t.rv !== 0 ? c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu') : s.run(c)),
        }),
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
    id: 'madv-free-without-notifier',
    description: 'madvise_free_single_vma (#14) cleans the PTEs with no invalidate_range_start/end: KVM keeps its writable spte',
    expects: 'mkclean-observed',
    baseline: 'madv-free-vs-kvm-write',
    programs: () => [
      editProgram('madvise_free_single_vma', {
        mmu_notifier_range_init: withRun((c) => {
          // mmu_notifier_range_init(); tlb_gather_mmu(); -- no mmu_notifier_invalidate_range_start
          const mm = vmaOf(c.s, c.n('vma')).mm;
          c.l['range'] = rangeInit(c, MADVISE_FREE_SITE, mm, c.n('range_start'), c.n('range_end'));
          tlbGatherMmu(c.s, c.t, mm);
          c.l['addr'] = c.n('range_start');
          return 'walk_page_range';
        }),
        mmu_notifier_invalidate_range_end: withRun(() => 'tlb_finish_mmu'),
      }),
    ],
  },
  {
    id: 'mremap-passes-new-vma',
    description: 'move_page_tables (#25) passes new_vma, the destination, for the range of the old address',
    expects: 'range-vma',
    baseline: 'mremap-vs-kvm-read',
    scenario: (sc) => ({ ...sc, sites: { ...sc.sites, '25': { event: 'MMU_NOTIFY_UNMAP', vma: 'new_vma' } } }),
  },
  {
    id: 'copy-vma-merge-no-rmap-locks',
    description:
      "copy_vma leaves need_rmap_locks false after vma_merge extended the next vma down over the target: move_normal_pmd moves the PTE table under reclaim's walker (F7 again)",
    expects: 'change-covered',
    baseline: 'mremap-merged-pmd-vs-reclaim',
    programs: () => [
      editProgram('mremap', {
        vma_merged: withRun((c) => {
          const n = c.t.rv as number;
          c.l['new_vma'] = n;
          // *need_rmap_locks = (new_vma->vm_pgoff <= vma->vm_pgoff);  -- left false
          const args = { vma: c.l['vma'], old_addr: c.l['old'], new_vma: n, new_addr: c.l['new'], len: c.l['len'], need_rmap_locks: false };
          return c.call('move_page_tables', args as Record<string, number | boolean>, 'do_munmap');
        }),
      }),
    ],
  },
  {
    id: 'reclaim-event-protection-page',
    description: 'try_to_unmap_one (#28) passes MMU_NOTIFY_PROTECTION_PAGE although reclaim unmaps the page',
    expects: 'event-promise',
    baseline: 'reclaim-vs-kvm-fault',
    scenario: (sc) => ({ ...sc, sites: { ...sc.sites, '28': { event: 'MMU_NOTIFY_PROTECTION_PAGE', vma: 'vma' } } }),
  },
];
