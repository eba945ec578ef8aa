/**
 * Page frames (struct page): allocation from a fixed pool (alloc_pages:
 * the lowest free frame, `gen` bumps so a reuse is visible), reference
 * counting (get_page / put_page, freeing at zero as __put_page does),
 * mapcount (page_add_*_rmap / page_remove_rmap) and content writes.
 */
import { ModelError } from '../../src/engine/Model.js';
import type { Frame, MmState } from './MmState.js';
import { mutPool } from './mutate.js';
import { pageWith } from './pageWith.js';

export const FREE_FRAME: Frame = pageWith(
  { kind: 'free', ref: 0, map: 0, gen: 0, ver: 0, dirty: false, file: null, index: 0, huge: false, swap: null, ksm: false },
  {},
);

/** The shared zero page (ZERO_PAGE(0)), appended after the scenario's pool: reserved, so its counts never change. */
export const ZERO_FRAME: Frame = pageWith(FREE_FRAME, { kind: 'zero', ref: 1, gen: 1 });

/** my_zero_pfn(addr): the zero page's frame (the last of the pool; x86 has one zero page). */
export function zeroPfn(s: MmState): number {
  return s.frames.length - 1;
}

/** is_zero_pfn(pfn) */
export function isZeroPfn(s: MmState, f: number): boolean {
  return s.frames[f]?.kind === 'zero';
}

function frameOf(s: MmState, f: number): Frame {
  const fr = s.frames[f];
  if (!fr) throw new ModelError(`no frame ${f}`);
  return fr;
}

/** mm/page_alloc.c:__alloc_pages: the lowest free frame with one reference, or -1 when none is free (OOM). */
export function allocFrame(s: MmState, kind: 'anon' | 'file', file: number | null = null, index = 0, huge = false): number {
  const f = s.frames.findIndex((x) => x.kind === 'free');
  if (f < 0) return -1;
  const old = s.frames[f]!;
  mutPool(s, 'frames')[f] = pageWith(FREE_FRAME, { kind, ref: 1, gen: old.gen + 1, file, index, huge });
  return f;
}

/** include/linux/mm.h:get_page */
export function getPage(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind === 'free') throw new ModelError(`get_page on free frame ${f}`);
  if (fr.kind === 'zero') return; // a reserved page: its count never reaches zero, not tracked
  mutPool(s, 'frames')[f] = pageWith(fr, { ref: fr.ref + 1 });
}

/** include/linux/mm.h:put_page: drops a reference, frees the frame at zero (mm/swap.c:__put_page). */
export function putPage(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind === 'zero') return;
  if (fr.kind === 'free' || fr.ref <= 0) throw new ModelError(`put_page on free frame ${f}`);
  if (fr.ref === 1) {
    if (fr.map > 0) throw new ModelError(`frame ${f} freed while still mapped ${fr.map} times`);
    mutPool(s, 'frames')[f] = pageWith(FREE_FRAME, { gen: fr.gen, ver: fr.ver });
  } else {
    mutPool(s, 'frames')[f] = pageWith(fr, { ref: fr.ref - 1 });
  }
}

/** mm/rmap.c:page_add_new_anon_rmap / page_add_anon_rmap / page_add_file_rmap: mapcount + 1. */
export function addRmap(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind === 'free') throw new ModelError(`mapping free frame ${f}`);
  if (fr.kind === 'zero') throw new ModelError('page_add_*_rmap on the zero page (a special PTE has no rmap)');
  mutPool(s, 'frames')[f] = pageWith(fr, { map: fr.map + 1 });
}

/** mm/rmap.c:page_remove_rmap: mapcount - 1 (a negative mapcount is the kernel's print_bad_pte). */
export function removeRmap(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind === 'zero') throw new ModelError('page_remove_rmap on the zero page (vm_normal_page() is NULL for it)');
  if (fr.map <= 0) throw new ModelError(`page_remove_rmap: frame ${f} mapcount would go negative`);
  mutPool(s, 'frames')[f] = pageWith(fr, { map: fr.map - 1 });
}

/** mm/page-writeback.c:set_page_dirty */
export function setPageDirty(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind === 'zero') throw new ModelError('set_page_dirty on the zero page');
  if (!fr.dirty) mutPool(s, 'frames')[f] = pageWith(fr, { dirty: true });
}

/** mm/ksm.c:set_page_stable_node (an anonymous page becomes a KSM page: PageKsm). */
export function setPageKsm(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind !== 'anon') throw new ModelError(`set_page_stable_node on ${fr.kind} frame ${f}`);
  if (!fr.ksm) mutPool(s, 'frames')[f] = pageWith(fr, { ksm: true });
}

/** A write to the frame's content (CPU store or device DMA): bumps the content version. */
export function writeFrame(s: MmState, f: number): void {
  const fr = frameOf(s, f);
  if (fr.kind === 'zero') throw new ModelError('a write to the zero page (it is only ever mapped read-only)');
  mutPool(s, 'frames')[f] = pageWith(fr, { ver: fr.ver + 1 });
}
