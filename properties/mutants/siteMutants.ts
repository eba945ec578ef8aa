/**
 * Bugs in a site: zap_page_range (#17, via madvise_dontneed) and the zap
 * walk it calls (unmap_single_vma -> zap_pte_range), the oom reaper (#26),
 * wp_page_copy (#19), and wrong events/vmas at mremap (#25) and reclaim (#28).
 */
import { LockName } from '../../model/mm/locks.js';
import type { MmuNotifyEvent } from '../../model/sites/catalog.js';
import { rangeOf } from '../../model/mm/notifier/rangeInit.js';
import { lockStep, unlockStep } from '../../model/mm/step/steps.js';
import type { StepView } from '../../model/mm/step/Program.js';
import { setPte } from '../../model/mm/pageTable.js';
import { flushTlbRange, tlbFlushMmuFree } from '../../model/mm/tlb.js';
import { vmaOf } from '../../model/mm/vmas.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import type { MmMutantSpec } from './MmMutant.js';
import { editProgram, withRun } from './programEdits.js';

const ZAP = 'zap_page_range';
const SITE = '17';
const B = 'dontneed-vs-kvm-fault';
const LATE_START = 'mmu_notifier_invalidate_range_start (after the walk)';

const withEvent = (event: MmuNotifyEvent) => (sc: Scenario): Scenario => ({ ...sc, sites: { ...sc.sites, [SITE]: { event, vma: 'vma' } } });
const eventMutant = (id: string, event: MmuNotifyEvent): MmMutantSpec => ({
  id,
  description: `zap_page_range passes ${event} although it unmaps and frees the pages`,
  expects: 'event-promise',
  baseline: B,
  scenario: withEvent(event),
});
const ptl = (mm: number) => (_v: StepView) => LockName.pageTable(mm);

export const SITE_MUTANTS: readonly MmMutantSpec[] = [
  {
    id: 'zap-missing-end',
    description: 'zap_page_range never calls mmu_notifier_invalidate_range_end',
    expects: 'thread-ends-closed',
    baseline: B,
    programs: () => [editProgram(ZAP, { mmu_notifier_invalidate_range_end: withRun(() => 'tlb_finish_mmu') })],
  },
  {
    id: 'zap-end-other-range',
    description: 'zap_page_range shrinks range.end between start and end (the end carries another range)',
    expects: 'range-pairing',
    baseline: B,
    programs: () => [
      editProgram(ZAP, {
        mmu_notifier_invalidate_range_end: withRun((c) => {
          const r = rangeOf(c, c.n('range')) as { start: number; end: number };
          r.end = r.start + 1;
          return c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu');
        }),
      }),
    ],
  },
  {
    id: 'zap-end-without-start',
    description: 'zap_page_range skips mmu_notifier_invalidate_range_start but still ends the range',
    expects: 'range-pairing',
    baseline: B,
    programs: () => [editProgram(ZAP, { mmu_notifier_invalidate_range_start: withRun(() => 'unmap_single_vma') })],
  },
  {
    id: 'zap-double-end',
    description: 'zap_page_range calls mmu_notifier_invalidate_range_end twice',
    expects: 'range-pairing',
    baseline: B,
    programs: () => [
      editProgram(
        ZAP,
        {
          mmu_notifier_invalidate_range_end: withRun((c) => {
            const again = c.l['ended'] !== true;
            c.l['ended'] = true;
            return c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, again ? 'mmu_notifier_invalidate_range_end' : 'tlb_finish_mmu');
          }),
        },
        { ended: false },
      ),
    ],
  },
  {
    id: 'zap-range-misses-address',
    description: 'zap_page_range initialises the range one page short of the zapped area',
    expects: 'change-covered',
    baseline: B,
    programs: () => [
      editProgram(ZAP, {
        mmu_notifier_range_init: (s) => ({ ...s, run: (c) => { const n = s.run(c); (rangeOf(c, c.n('range')) as { end: number }).end -= 1; return n; } }),
      }),
    ],
  },
  {
    id: 'zap-start-after-clear',
    description: 'zap_page_range clears the page tables first and calls invalidate_range_start afterwards',
    expects: 'change-covered',
    baseline: B,
    programs: () => [
      editProgram(ZAP, {
        mmu_notifier_invalidate_range_start: withRun(() => 'unmap_single_vma'),
        unmap_single_vma: (s) => ({ ...s, run: (c) => { const n = s.run(c); return n === 'mmu_notifier_invalidate_range_end' ? LATE_START : n; } }),
        mmu_notifier_invalidate_range_end: (s) => [
          { label: LATE_START, at: s.at, run: (c) => c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, s.label) },
          s,
        ],
      }),
    ],
  },
  eventMutant('zap-event-protection-vma', 'MMU_NOTIFY_PROTECTION_VMA'),
  eventMutant('zap-event-protection-page', 'MMU_NOTIFY_PROTECTION_PAGE'),
  eventMutant('zap-event-soft-dirty', 'MMU_NOTIFY_SOFT_DIRTY'),
  {
    id: 'zap-vma-other-mm',
    description: "zap_page_range passes a vma of another mm (mm1's) as range.vma",
    expects: 'range-vma',
    baseline: B,
    programs: () => [
      editProgram(ZAP, {
        mmu_notifier_range_init: (s) => ({ ...s, run: (c) => { const n = s.run(c); (rangeOf(c, c.n('range')) as { vma: number | null }).vma = c.s.mms[1]!.vmas[0]!; return n; } }),
      }),
    ],
  },
  {
    id: 'zap-range-beyond-vma',
    description: 'zap_page_range widens the range past the end of its vma',
    expects: 'range-vma',
    baseline: B,
    programs: () => [
      editProgram(ZAP, {
        mmu_notifier_range_init: (s) => ({ ...s, run: (c) => { const n = s.run(c); (rangeOf(c, c.n('range')) as { end: number }).end += 2; return n; } }),
      }),
    ],
  },
  {
    id: 'zap-start-under-spinlock',
    description: 'zap_page_range calls the blocking invalidate_range_start holding mm->page_table_lock',
    expects: 'no-sleep-under-spinlock',
    baseline: B,
    programs: () => [
      editProgram(ZAP, {
        mmu_notifier_invalidate_range_start: (s) => [
          lockStep('spin_lock(&mm->page_table_lock)', s.at, ptl(0)),
          { ...s, run: (c) => c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'spin_unlock(&mm->page_table_lock)') },
          unlockStep('spin_unlock(&mm->page_table_lock)', s.at, ptl(0), 'w', () => 'unmap_single_vma'),
        ],
      }),
    ],
  },
  {
    id: 'zap-pte-without-ptl',
    description: 'zap_pte_range clears PTEs without taking the page-table lock',
    expects: 'pte-under-ptl',
    baseline: B,
    programs: () => [
      editProgram('unmap_single_vma', {
        pte_offset_map_lock: (s) => ({ label: s.label, at: s.at, run: (c) => { c.l['pte'] = c.n('addr'); c.l['force_flush'] = false; return undefined; } }),
        pte_unmap_unlock: (s) => ({ ...s, run: (c) => { c.l['addr'] = c.n('next'); return 'zap_pmd_range'; } }),
      }),
    ],
  },
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
  {
    id: 'zap-frees-before-flush',
    description: 'zap_pte_range frees each page as it clears the PTE, before the TLB flush (put_page instead of __tlb_remove_page)',
    expects: 'cpu-tlb-no-stale-frame',
    baseline: 'dontneed-vs-cpu-write',
    programs: () => [
      editProgram('unmap_single_vma', {
        ptep_get_and_clear_full: (s) => ({
          ...s,
          run: (c) => {
            const n = s.run(c);
            tlbFlushMmuFree(c.s, c.t);
            return n;
          },
        }),
      }),
    ],
  },
];
