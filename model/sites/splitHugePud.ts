/**
 * Site #5, mm/huge_memory.c:__split_huge_pud (v5.0) {vma, addr}, and
 * operation `split_huge_pud_range` {vma, addr}: a caller holding mmap_sem
 * (zap_pud_range on a partial MADV_DONTNEED/munmap, change_pud_range) meets
 * a huge PUD (DAX devmap only: no anonymous PUD THP in v5.0).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address & HPAGE_PUD_MASK, (address & HPAGE_PUD_MASK) + HPAGE_PUD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   ptl = pud_lock(vma->vm_mm, pud);           (pud_lockptr = &mm->page_table_lock)
 *   if (unlikely(!pud_trans_huge(*pud) && !pud_devmap(*pud))) goto out;
 *   __split_huge_pud_locked(vma, pud, range.start) -> pudp_huge_clear_flush_notify(vma, haddr, pud);
 * out: spin_unlock(ptl); mmu_notifier_invalidate_range_only_end(&range);
 *
 * The split clears the PUD entry: the whole PUD range is unmapped (DAX
 * refaults later, at PMD or PTE size).
 * Representation: the core's PUD entries hold PMD tables only, so a huge PUD
 * mapping of one frame is a PMD table whose every entry maps that frame huge
 * (what the CPU and the mirrors translate is the same); pud_trans_huge is
 * "every entry huge, one frame". Clearing the PUD puts each entry's mapping
 * (removeRmap, put_page) and frees the table.
 */
import { putPage, removeRmap } from '../mm/frames.js';
import { pudIndex, pudSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import type { MmState, PmdTable } from '../mm/MmState.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { freePmdTable, pmdTableOf } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const T = 'mm/huge_memory.c';
export const SPLIT_HUGE_PUD_SITE = '5';

const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const pudLock = (v: StepView): string => LockName.pageTable(mmOf(v));

/** pud_trans_huge(*pud) || pud_devmap(*pud): the PMD table standing for the huge PUD maps one frame huge in every entry. */
function pudTransHuge(s: MmState, table: number | null): boolean {
  if (table === null) return false;
  const es = s.pmdTables[table]!.entries;
  const f = es[0];
  return !!f && f.kind === 'huge' && es.every((e) => e !== null && e.kind === 'huge' && e.frame === f.frame);
}

export const splitHugePud: Program = {
  name: '__split_huge_pud',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null, haddr: 0, range: -1 }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: `${T}:__split_huge_pud`,
      run: (c) => {
        const haddr = pudIndex(c.g, c.n('addr')) * pudSize(c.g);
        c.l['haddr'] = haddr;
        c.l['range'] = rangeInit(c, SPLIT_HUGE_PUD_SITE, mmOf(c), haddr, haddr + pudSize(c.g));
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pud_lock');
      },
    },
    lockStep('pud_lock', `${T}:__split_huge_pud`, pudLock, 'w', (c) =>
      pudTransHuge(c.s, pmdTableOf(c.s, mmOf(c), c.n('haddr'))) ? undefined : 'spin_unlock',
    ),
    {
      label: 'pudp_huge_clear_flush_notify',
      at: `${T}:__split_huge_pud_locked`,
      run: (c) => {
        // count_vm_event(THP_SPLIT_PUD); pudp_huge_clear_flush_notify(vma, haddr, pud);
        const mm = mmOf(c);
        const h = c.n('haddr');
        const id = pmdTableOf(c.s, mm, h)!;
        const t = c.s.pmdTables[id] as PmdTable & { entries: PmdTable['entries'][number][] };
        for (let i = 0; i < t.entries.length; i++) {
          const e = t.entries[i]!;
          t.entries[i] = null;
          if (e !== null && e.kind === 'huge') {
            removeRmap(c.s, e.frame);
            putPage(c.s, e.frame);
          }
        }
        (c.s.mms[mm]!.pud as (number | null)[])[pudIndex(c.g, h)] = null;
        freePmdTable(c.s, id);
        flushTlbRange(c.s, mm, h, h + pudSize(c.g));
        return c.call('mmu_notifier_invalidate_range', { mm, start: h, end: h + pudSize(c.g) }, 'spin_unlock');
      },
    },
    unlockStep('spin_unlock', `${T}:__split_huge_pud`, pudLock, 'w', (c) =>
      c.call('mmu_notifier_invalidate_range_only_end', { r: c.n('range') }, 'return'),
    ),
    localStep('return', `${T}:__split_huge_pud`, () => DONE),
  ],
};

const mmapSem = (v: StepView): string => LockName.mmapSem(mmOf(v));

/** zap_pud_range on a range that covers part of a huge PUD (madvise(MADV_DONTNEED) holds mmap_sem for read): split_huge_pud. */
export const splitHugePudRange: Program = {
  name: 'split_huge_pud_range',
  locals: (a) => ({ vma: a['vma'] ?? null, addr: a['addr'] ?? null }),
  steps: [
    lockStep('down_read', 'mm/madvise.c:madvise', mmapSem, 'r'),
    localStep('split_huge_pud', 'mm/memory.c:zap_pud_range', (c) => c.call('__split_huge_pud', { vma: c.n('vma'), addr: c.n('addr') }, 'up_read')),
    unlockStep('up_read', 'mm/madvise.c:madvise', mmapSem, 'r', () => DONE),
  ],
};
