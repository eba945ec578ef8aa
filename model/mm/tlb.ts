/**
 * The CPU TLB (one CPU per mm) and the mmu_gather batching of v5.0
 * (mm/mmu_gather.c: tlb_gather_mmu, __tlb_remove_page_size,
 * tlb_flush_mmu_free, tlb_finish_mmu; include/asm-generic/tlb.h:
 * __tlb_adjust_range, tlb_flush_mmu_tlbonly). The batch holds
 * `cfg.gatherBatch` pages (scenario `gatherBatch`, by default unbounded):
 * the page that fills it makes __tlb_remove_page_size return true, as when
 * tlb_next_batch cannot allocate a further batch (GFP_NOWAIT), and the
 * caller flushes and frees at once (zap_pte_range's force_flush,
 * tlb_remove_page_size's tlb_flush_mmu).
 * The multi-step parts (the flush calls mmu_notifier_invalidate_range) are
 * programs in fault/tlbPrograms.ts; these are the atomic state changes.
 *
 * Reclaim's deferred flush (mm/rmap.c v5.0, TTU_BATCH_FLUSH) is modelled in
 * the reclaim operation: set_tlb_ubc_flush_pending records the mm in
 * current->tlb_ubc, try_to_unmap_flush_dirty / try_to_unmap_flush flush it
 * (sites/shrinkPageList.ts, tryToUnmapOne.ts). `mm->tlb_flush_batched` and
 * flush_tlb_batched_pending(mm) (zap_pte_range, change_pte_range, move_ptes,
 * madvise_free_pte_range flush the whole mm under the PTE lock when a
 * batched unmap is pending) are not: they cannot change a verdict here.
 * The only CPU-TLB property, cpu-tlb-no-stale-frame, needs a TLB entry to a
 * freed or reused frame, and reclaim keeps its isolation reference to the
 * page until after its own try_to_unmap_flush, so the page a deferred entry
 * names cannot be freed while the entry lives, whatever another thread
 * does. What flush_tlb_batched_pending prevents (an mprotect or munmap that
 * returns while a CPU can still reach the old page through the reclaimer's
 * stale entry, whose PTE it found already none) is CPU-side staleness of a
 * live page, which no property checks; mirrors are not involved (#28's own
 * range and invalidate_range cover them).
 */
import { ModelError } from '../../src/engine/Model.js';
import { putPage } from './frames.js';
import type { Gather, MmState, Thread, TlbEntry } from './MmState.js';
import { mutGather, mutMm, mutMmCounts } from './mutate.js';

/** flush_tlb_range / flush_tlb_mm_range: drops the CPU TLB entries of mm in [start, end). */
export function flushTlbRange(s: MmState, mm: number, start: number, end: number): void {
  const from = Math.max(0, start);
  const to = Math.min(end, s.mms[mm]!.tlb.length);
  let tlb: (TlbEntry | null)[] | undefined;
  for (let a = from; a < to; a++) if (s.mms[mm]!.tlb[a] !== null) (tlb ??= mutMm(s, mm).tlb)[a] = null;
}

/** The CPU fills its TLB from a page-table walk. */
export function fillTlb(s: MmState, mm: number, addr: number, e: TlbEntry): void {
  mutMm(s, mm).tlb[addr] = e;
}

/** tlb_gather_mmu: a fresh gather for mm (empty flush range) and inc_tlb_flush_pending(mm). */
export function tlbGatherMmu(s: MmState, t: Thread, mm: number): void {
  if (t.gather !== null) throw new ModelError('tlb_gather_mmu: this thread already has an mmu_gather');
  (t as { gather: Gather | null }).gather = { mm, start: 0, end: 0, pages: [] };
  mutMmCounts(s, mm).flushPending += 1;
}

function gatherOf(t: Thread): Gather {
  if (t.gather === null) throw new ModelError('no mmu_gather (tlb_gather_mmu not called)');
  return t.gather;
}

/** tlb_remove_tlb_entry / __tlb_adjust_range: the gather must flush [addr, addr + n). */
export function tlbAdjustRange(t: Thread, addr: number, n = 1): void {
  gatherOf(t);
  const g = mutGather(t);
  if (g.start === g.end) {
    g.start = addr;
    g.end = addr + n;
  } else {
    g.start = Math.min(g.start, addr);
    g.end = Math.max(g.end, addr + n);
  }
}

/**
 * __tlb_remove_page_size: the page's reference moves to the gather, freed
 * after the flush. True when the page filled the batch (`batch->nr ==
 * batch->max` and no next batch): the caller must flush and free now.
 */
export function tlbRemovePage(s: MmState, t: Thread, frame: number): boolean {
  gatherOf(t);
  const g = mutGather(t);
  g.pages.push(frame);
  return g.pages.length >= s.cfg.gatherBatch;
}

/** tlb_flush (the arch part of tlb_flush_mmu_tlbonly): flushes the CPU TLB over the pending range. True when there was one. */
export function tlbFlush(s: MmState, t: Thread): boolean {
  const g = gatherOf(t);
  if (g.start === g.end) return false;
  flushTlbRange(s, g.mm, g.start, g.end);
  return true;
}

/** __tlb_reset_range */
export function tlbResetRange(t: Thread): void {
  gatherOf(t);
  const g = mutGather(t);
  g.start = 0;
  g.end = 0;
}

/** tlb_flush_mmu_free: put_page on every batched page (free_pages_and_swap_cache -> release_pages). */
export function tlbFlushMmuFree(s: MmState, t: Thread): void {
  gatherOf(t);
  const g = mutGather(t);
  for (const f of g.pages) putPage(s, f);
  g.pages = [];
}

/** The end of tlb_finish_mmu: dec_tlb_flush_pending(mm) and the gather goes away. */
export function tlbGatherDone(s: MmState, t: Thread): void {
  const g = gatherOf(t);
  if (g.pages.length > 0) throw new ModelError('tlb_finish_mmu: pages left in the batch');
  mutMmCounts(s, g.mm).flushPending -= 1;
  (t as { gather: Gather | null }).gather = null;
}
