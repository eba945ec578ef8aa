/**
 * Bugs in site #17: zap_page_range (via madvise_dontneed) and the zap walk
 * it calls (unmap_single_vma -> zap_pte_range).
 */
import { LockName } from '../../model/mm/locks.js';
import type { NotifierEvent } from '../../model/mm/NotifierEvent.js';
import { mutRangeOf } from '../../model/mm/notifier/rangeInit.js';
import { lockStep, unlockStep } from '../../model/mm/step/steps.js';
import type { StepView } from '../../model/mm/step/Program.js';
import { tlbFlushMmuFree } from '../../model/mm/tlb.js';
import type { Scenario } from '../../model/scenario/Scenario.js';
import type { MmMutantSpec } from './MmMutant.js';
import { editProgram, withRun } from './programEdits.js';

const ZAP = 'zap_page_range';
const SITE = '17';
const B = 'dontneed-vs-kvm-fault';
const LATE_START = 'mmu_notifier_invalidate_range_start (after the walk)';

const withEvent =
  (event: NotifierEvent) =>
  (sc: Scenario): Scenario => ({ ...sc, sites: { ...sc.sites, [SITE]: { event, vma: 'vma' } } });
const eventMutant = (id: string, event: NotifierEvent): MmMutantSpec => ({
  id,
  description: `zap_page_range passes ${event} although it unmaps and frees the pages`,
  expects: 'event-promise',
  baseline: B,
  scenario: withEvent(event),
});
const ptl = (mm: number) => (_v: StepView) => LockName.pageTable(mm);

export const ZAP_MUTANTS: readonly MmMutantSpec[] = [
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
          const r = mutRangeOf(c, c.n('range'));
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
        mmu_notifier_range_init: (s) => ({
          ...s,
          run: (c) => {
            const n = s.run(c);
            mutRangeOf(c, c.n('range')).end -= 1;
            return n;
          },
        }),
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
        unmap_single_vma: (s) => ({
          ...s,
          run: (c) => {
            const n = s.run(c);
            return n === 'mmu_notifier_invalidate_range_end' ? LATE_START : n;
          },
        }),
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
        mmu_notifier_range_init: (s) => ({
          ...s,
          run: (c) => {
            const n = s.run(c);
            mutRangeOf(c, c.n('range')).vma = c.s.mms[1]!.vmas[0]!;
            return n;
          },
        }),
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
        mmu_notifier_range_init: (s) => ({
          ...s,
          run: (c) => {
            const n = s.run(c);
            mutRangeOf(c, c.n('range')).end += 2;
            return n;
          },
        }),
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
        pte_offset_map_lock: (s) => ({
          label: s.label,
          at: s.at,
          run: (c) => {
            c.l['pte'] = c.n('addr');
            c.l['force_flush'] = false;
            return undefined;
          },
        }),
        pte_unmap_unlock: (s) => ({
          ...s,
          run: (c) => {
            c.l['addr'] = c.n('next');
            return 'zap_pmd_range';
          },
        }),
      }),
    ],
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
