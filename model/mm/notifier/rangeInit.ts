/**
 * include/linux/mmu_notifier.h:mmu_notifier_range_init (seed form:
 * `(range, event, vma, mm, start, end)`). The event and the vma expression
 * come from the thread's site config (the catalog or an override); the vma
 * expression is resolved by name in the site function's scope. A site
 * config's `start`/`end` override the bounds the site passes (rangeBound).
 */
import { ModelError } from '../../../src/engine/Model.js';
import type { NotifierRange } from '../MmState.js';
import { mutRange, mutRanges, type Mutable } from '../mutate.js';
import type { StepCtx } from '../step/Program.js';
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
  // Appended after the live ranges (trailing holes are trimmed when a range ends: rangeEnded), so the newest range is the last.
  mutRanges(c.t).push(r);
  return c.t.ranges.length - 1;
}

/** Removes ended range `r` of this thread: a null hole, trailing holes trimmed (Thread.ranges). */
export function rangeEnded(c: StepCtx<object>, r: number): void {
  const rs = mutRanges(c.t);
  rs[r] = null;
  while (rs.length > 0 && rs[rs.length - 1] === null) rs.pop();
}

/** A live range of this thread by index (draft); an ended or unknown index is a ModelError. */
export function rangeOf(c: StepCtx<object>, r: number): NotifierRange {
  const x = c.t.ranges[r];
  if (!x) throw new ModelError(`${c.where()}: no notifier range ${r}${x === null ? ' (it has ended)' : ''}`);
  return x;
}

/** A live range of this thread by index, writable with its subscriber list (see rangeOf). */
export function mutRangeOf(c: StepCtx<object>, r: number): Mutable<NotifierRange> {
  rangeOf(c, r);
  return mutRange(c.t, r);
}

/**
 * Writes range.start/end between init and start (adjust_range_if_pmd_sharing_possible,
 * madvise_free_single_vma). Changing a range after start is a ModelError.
 */
export function rangeAdjust(c: StepCtx, r: number, start: number, end: number): void {
  const x = mutRangeOf(c, r);
  if (x.phase !== 'init') throw new ModelError(`${c.where()}: range ${r} adjusted after start`);
  x.start = start;
  x.end = end;
}
