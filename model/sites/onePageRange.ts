/**
 * `mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, addr, addr + PAGE_SIZE)`
 * for the one-page sites (#2, #12, #13, and the small-page rmap_one
 * callbacks #27, #28 where min(vma->vm_end, ...) is the same page; `size`
 * pages for a compound page): sets the frame's locals `mm` and `range` and
 * returns the range index.
 */
import { rangeInit } from '../mm/notifier/rangeInit.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { vmaOf } from '../mm/vmas.js';

export function onePageRangeInit(c: StepCtx, site: string, addr: string, size = 1): number {
  const v = vmaOf(c.s, c.n('vma'));
  c.l['mm'] = v.mm;
  const r = rangeInit(c, site, v.mm, c.n(addr), Math.min(v.end, c.n(addr) + size));
  c.l['range'] = r;
  return r;
}
