/**
 * include/linux/mmu_notifier.h:mmu_notifier_range_init (seed form:
 * `(range, event, vma, mm, start, end)`). The event and the vma expression
 * come from the thread's site config (the catalog or an override); the vma
 * expression is resolved by name in the site function's scope. A site
 * config's `start`/`end` override the bounds the site passes (rangeBound).
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { NotifierRange } from '../MmState.js';
import type { StepCtx } from '../step/StepCtx.js';
import { rangeBound } from './rangeBound.js';

/** Initialises a new range of this thread for site `site`; returns its index (keep it in a local, e.g. `range`). */
export function rangeInit(c: StepCtx, site: string, mm: number, start: number, end: number): number {
  const sc = c.site(site);
  const r: NotifierRange = {
    site,
    mm,
    start: sc.start !== undefined ? rangeBound(c, sc.start) : start,
    end: sc.end !== undefined ? rangeBound(c, sc.end) : end,
    event: sc.event,
    vma: c.vma(sc.vma),
    blockable: true,
    phase: 'init',
    err: 0,
    subs: [],
  };
  (c.t.ranges as NotifierRange[]).push(r);
  return c.t.ranges.length - 1;
}

/** A range of this thread by index (draft). */
export function rangeOf(c: StepCtx, r: number): NotifierRange {
  const x = c.t.ranges[r];
  if (!x) throw new ModelError(`${c.where()}: no notifier range ${r}`);
  return x;
}

/**
 * Writes range.start/end between init and start (adjust_range_if_pmd_sharing_possible,
 * madvise_free_single_vma). Changing a range after start is a ModelError.
 */
export function rangeAdjust(c: StepCtx, r: number, start: number, end: number): void {
  const x = rangeOf(c, r) as { start: number; end: number; phase: string };
  if (x.phase !== 'init') throw new ModelError(`${c.where()}: range ${r} adjusted after start`);
  x.start = start;
  x.end = end;
}
