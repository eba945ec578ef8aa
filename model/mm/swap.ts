/**
 * Swap (mm/swapfile.c, mm/swap_state.c at v5.0), one swap device: slot
 * allocation, the swap map counts, the swap cache, and abstract I/O (a slot
 * holds the content version its last pageout wrote; a swap-in gives the
 * new page that version). No readahead, no swap cgroup, no cluster lists.
 */
import { ModelError } from '../../src/engine/Model.js';
import { allocFrame, putPage, setPageDirty } from './frames.js';
import type { Frame, MmState, SwapSlot } from './MmState.js';
import { mutPool } from './mutate.js';
import { pageWith } from './pageWith.js';

const slots = (s: MmState): SwapSlot[] => mutPool(s, 'swap');
const frames = (s: MmState): Frame[] => mutPool(s, 'frames');

function slotOf(s: MmState, slot: number): SwapSlot {
  const x = s.swap[slot];
  if (!x) throw new ModelError(`no swap slot ${slot}`);
  return x;
}

/** get_swap_page: the lowest free slot, taken with SWAP_HAS_CACHE, or -1 (no swap space). */
export function getSwapPage(s: MmState): number {
  return s.swap.findIndex((x) => x.count === 0 && x.cache === null);
}

/** add_to_swap_cache(page, entry): page_ref_add(page, 1); SetPageSwapCache(page); set_page_private(page, entry). */
export function addToSwapCache(s: MmState, f: number, slot: number): void {
  const fr = s.frames[f]!;
  if (fr.swap !== null || slotOf(s, slot).cache !== null) throw new ModelError(`add_to_swap_cache: frame ${f} or slot ${slot} already in the swap cache`);
  frames(s)[f] = pageWith(fr, { ref: fr.ref + 1, swap: slot });
  slots(s)[slot] = { ...slotOf(s, slot), cache: f };
}

/** delete_from_swap_cache(page): __delete_from_swap_cache; put_swap_page (clears SWAP_HAS_CACHE); page_ref_sub(page, 1). */
export function deleteFromSwapCache(s: MmState, f: number): void {
  const slot = s.frames[f]!.swap;
  if (slot === null) throw new ModelError(`delete_from_swap_cache: frame ${f} is not in the swap cache`);
  frames(s)[f] = pageWith(s.frames[f]!, { swap: null });
  slots(s)[slot] = { ...slotOf(s, slot), cache: null };
  putPage(s, f);
}

/** swap_duplicate(entry): one more swap PTE refers to the slot. */
export function swapDuplicate(s: MmState, slot: number): void {
  const x = slotOf(s, slot);
  slots(s)[slot] = { ...x, count: x.count + 1 };
}

/** swap_free(entry) / __swap_entry_free: one swap PTE fewer. */
export function swapFree(s: MmState, slot: number): void {
  const x = slotOf(s, slot);
  if (x.count <= 0) throw new ModelError(`swap_free: slot ${slot} has no swap PTE left (bad swap entry)`);
  slots(s)[slot] = { ...x, count: x.count - 1 };
}

/**
 * free_swap_and_cache(entry): swap_free, and when only the cache is left
 * (count == SWAP_HAS_CACHE), __try_to_reclaim_swap(TTRS_UNMAPPED): the
 * cached page, if its lock is free (trylock_page) and it is not mapped, is
 * deleted from the swap cache and dirtied (try_to_free_swap).
 */
export function freeSwapAndCache(s: MmState, slot: number, pageLockFree: (f: number) => boolean): void {
  swapFree(s, slot);
  const x = slotOf(s, slot);
  if (x.count > 0 || x.cache === null) return;
  const f = x.cache;
  if (!pageLockFree(f) || s.frames[f]!.map > 0) return;
  deleteFromSwapCache(s, f);
  setPageDirty(s, f); // try_to_free_swap: SetPageDirty(page)
}

/** swap_writepage -> __swap_writepage, synchronous: clear_page_dirty_for_io, the slot gets the page's content. */
export function swapWritepage(s: MmState, f: number): void {
  const fr = s.frames[f]!;
  if (fr.swap === null) throw new ModelError(`swap_writepage: frame ${f} is not in the swap cache`);
  frames(s)[f] = pageWith(fr, { dirty: false });
  slots(s)[fr.swap] = { ...slotOf(s, fr.swap), ver: fr.ver };
}

/**
 * lookup_swap_cache / read_swap_cache_async for one slot: the cached page
 * with a reference, else a new page in the swap cache (the cache's and our
 * reference) read synchronously (swap_readpage: the slot's version). -1: no
 * free frame (the fault returns VM_FAULT_OOM).
 */
export function swapinPage(s: MmState, slot: number): number {
  const x = slotOf(s, slot);
  if (x.cache !== null) {
    const fr = s.frames[x.cache]!;
    frames(s)[x.cache] = pageWith(fr, { ref: fr.ref + 1 });
    return x.cache;
  }
  const f = allocFrame(s, 'anon');
  if (f < 0) return -1;
  addToSwapCache(s, f, slot);
  frames(s)[f] = pageWith(s.frames[f]!, { ver: x.ver });
  return f;
}

/** page_swapcount(page) (the swap PTEs of its slot) for reuse_swap_page. */
export function pageSwapcount(s: MmState, f: number): number {
  const slot = s.frames[f]!.swap;
  return slot === null ? 0 : slotOf(s, slot).count;
}

/** vm_swap_full(): nr_swap_pages * 2 < total_swap_pages (mem_cgroup_swap_full without a memcg swap limit). */
export function vmSwapFull(s: MmState): boolean {
  const free = s.swap.filter((x) => x.count === 0 && x.cache === null).length;
  return free * 2 < s.swap.length;
}

/** try_to_free_swap(page) (page locked): a swap-cache page no swap PTE refers to leaves the cache, dirty. */
export function tryToFreeSwap(s: MmState, f: number): boolean {
  if (s.frames[f]!.swap === null || pageSwapcount(s, f) > 0) return false;
  deleteFromSwapCache(s, f);
  setPageDirty(s, f);
  return true;
}

/**
 * reuse_swap_page(page) (page locked): never for a KSM page (`if
 * (unlikely(PageKsm(page))) return false`); else true when page_mapcount +
 * the swap count is at most 1, and a page with count 1 in the swap cache then
 * leaves it (delete_from_swap_cache; SetPageDirty).
 */
export function reuseSwapPage(s: MmState, f: number): boolean {
  if (s.frames[f]!.ksm) return false;
  const count = s.frames[f]!.map + pageSwapcount(s, f);
  if (count === 1 && s.frames[f]!.swap !== null) {
    deleteFromSwapCache(s, f);
    setPageDirty(s, f);
  }
  return count <= 1;
}
