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
import type { MmState } from '../mm/MmState.js';
import { invalidateRangeOnlyEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { freePmdTable, pmdTableOf } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { mutMm, mutPmdTable } from '../mm/mutate.js';
import { invalidateRange } from '../mm/notifier/dispatchPrograms.js';

const SPLIT_HUGE_PUD_SITE = '5';

interface Args {
  readonly vma: number;
  readonly addr: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  addr: a.addr,
  /** address & HPAGE_PUD_MASK (range.start) */
  haddr: 0,
  range: -1,
});
type L = ReturnType<typeof locals>;
/** The operation's locals: its arguments. */
const rangeLocals = (a: Args) => ({ vma: a.vma, addr: a.addr });

const mmOf = (v: View<Args> | Ctx<L>): number => vmaOf(v.s, v.l.vma).mm;
const pudLock = (v: View<L>): string => LockName.pageTable(mmOf(v));

/** pud_trans_huge(*pud) || pud_devmap(*pud): the PMD table standing for the huge PUD maps one frame huge in every entry. */
function pudTransHuge(s: MmState, table: number | null): boolean {
  if (table === null) return false;
  const es = s.pmdTables[table]!.entries;
  const f = es[0];
  return !!f && f.kind === 'huge' && es.every((e) => e !== null && e.kind === 'huge' && e.frame === f.frame);
}

export const splitHugePud = defineProgram({
  name: '__split_huge_pud',
  file: 'mm/huge_memory.c',
  params: ['vma', 'addr'],
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      const haddr = pudIndex(c.g, c.l.addr) * pudSize(c.g);
      c.l.haddr = haddr;
      c.l.range = rangeInit(c, SPLIT_HUGE_PUD_SITE, mmOf(c), haddr, haddr + pudSize(c.g));
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pud_lock');
    }),
    $.lock('pud_lock', pudLock, { then: (c) => (pudTransHuge(c.s, pmdTableOf(c.s, mmOf(c), c.l.haddr)) ? undefined : 'spin_unlock') }),
    $.step('pudp_huge_clear_flush_notify', {
      at: '__split_huge_pud_locked',
      run: (c) => {
        // count_vm_event(THP_SPLIT_PUD); pudp_huge_clear_flush_notify(vma, haddr, pud);
        const mm = mmOf(c);
        const h = c.l.haddr;
        const id = pmdTableOf(c.s, mm, h)!;
        const t = mutPmdTable(c.s, id);
        for (let i = 0; i < t.entries.length; i++) {
          const e = t.entries[i]!;
          t.entries[i] = null;
          if (e !== null && e.kind === 'huge') {
            removeRmap(c.s, e.frame);
            putPage(c.s, e.frame);
          }
        }
        mutMm(c.s, mm).pud[pudIndex(c.g, h)] = null;
        freePmdTable(c.s, id);
        flushTlbRange(c.s, mm, h, h + pudSize(c.g));
        return c.call(invalidateRange, { mm, start: h, end: h + pudSize(c.g) }, 'spin_unlock');
      },
    }),
    $.unlock('spin_unlock', pudLock, { then: (c) => c.call(invalidateRangeOnlyEnd, { r: c.l.range }, 'return') }),
    $.local('return', () => DONE),
  ],
});

const mmapSem = (v: View<Args>): string => LockName.mmapSem(mmOf(v));

/** zap_pud_range on a range that covers part of a huge PUD (madvise(MADV_DONTNEED) holds mmap_sem for read): split_huge_pud. */
export const splitHugePudRange = defineProgram({
  name: 'split_huge_pud_range',
  file: 'mm/memory.c',
  params: ['vma', 'addr'],
  locals: rangeLocals,
  steps: ($) => [
    $.lock('down_read', mmapSem, { at: 'mm/madvise.c:madvise', mode: 'r' }),
    $.local('split_huge_pud', (c) => c.call(splitHugePud, { vma: c.l.vma, addr: c.l.addr }, 'up_read'), 'zap_pud_range'),
    $.unlock('up_read', mmapSem, { at: 'mm/madvise.c:madvise', mode: 'r', then: () => DONE }),
  ],
});
