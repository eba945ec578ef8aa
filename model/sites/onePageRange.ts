/**
 * `mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, addr, addr + PAGE_SIZE)`
 * for the one-page sites (#2, #12, #13, and the small-page rmap_one
 * callbacks #27, #28 where min(vma->vm_end, ...) is the same page; `size`
 * pages for a compound page): sets the frame's locals `mm` and `range` and
 * returns the range index.
 */
import type { Locals } from '../mm/MmState.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import type { Ctx } from '../mm/step/defineProgram.js';
import type { StepCtx } from '../mm/step/Program.js';
import { vmaOf } from '../mm/vmas.js';

/** The locals a one-page site declares. */
export type OnePageRangeLocals = { vma: number; mm: number; range: number };

/** A typed program: `addr` is the page's address. */
export function onePageRangeInit(c: Ctx<OnePageRangeLocals>, site: string, addr: number, size?: number): number;
/**
 * A program not yet converted to defineProgram: `addr` names the local
 * holding the address (remove when ksmReplacePage, ksmWriteProtectPage,
 * replacePageUprobes, rmapOneProgram and test/sites/rmapMutants.test.ts pass a number).
 */
export function onePageRangeInit(c: StepCtx<Locals>, site: string, addr: string, size?: number): number;
export function onePageRangeInit(c: Ctx<OnePageRangeLocals> | StepCtx<Locals>, site: string, addr: number | string, size = 1): number {
  const a = typeof addr === 'number' ? addr : (c as StepCtx<Locals>).n(addr);
  const t = c as Ctx<OnePageRangeLocals>;
  const v = vmaOf(t.s, t.l.vma);
  t.l.mm = v.mm;
  const r = rangeInit(t, site, v.mm, a, Math.min(v.end, a + size));
  t.l.range = r;
  return r;
}
