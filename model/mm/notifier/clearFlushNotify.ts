/**
 * include/linux/mmu_notifier.h:pmdp_huge_clear_flush_notify (v5.0): clear the
 * huge PMD entry, flush the CPU TLB over the PMD (pmdp_huge_clear_flush),
 * then mmu_notifier_invalidate_range(mm, haddr, haddr + HPAGE_PMD_SIZE).
 * hugetlb_cow's `huge_ptep_clear_flush(); mmu_notifier_invalidate_range()`
 * is the same sequence. Returns the call (the caller resumes at `ret`).
 */
import { pmdSize } from '../Geometry.js';
import { invalidateRange } from './dispatchPrograms.js';
import { setPmd } from '../pageTable.js';
import type { Called, Ctx } from '../step/defineProgram.js';
import { flushTlbRange } from '../tlb.js';

export function pmdpHugeClearFlushNotify<L extends object, const R extends string>(c: Ctx<L>, mm: number, haddr: number, ret: R): Called<R> {
  const end = haddr + pmdSize(c.g);
  setPmd(c.s, mm, haddr, null);
  flushTlbRange(c.s, mm, haddr, end);
  return c.call(invalidateRange, { mm, start: haddr, end }, ret);
}
