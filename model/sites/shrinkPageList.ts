/**
 * The reclaim path that reaches site #28: mm/vmscan.c:shrink_page_list (v5.0)
 * for one page, as an operation: a page-cache page {file, index}, or the
 * anonymous page mapped at {mm, addr}.
 *
 *   isolate_lru_page(page)                     (the isolation reference)
 *   if (!trylock_page(page)) goto keep;
 *   references = page_check_references(page, sc);   (not modelled: the scenario's PTEs start old)
 *   if (PageAnon(page) && PageSwapBacked(page) && !PageSwapCache(page)) {
 *       if (!add_to_swap(page)) goto activate_locked;      (swap cache, set_page_dirty)
 *   }
 *   if (page_mapped(page)) {
 *       if (!try_to_unmap(page, ttu_flags | TTU_BATCH_FLUSH)) goto activate_locked;
 *   }
 *   if (PageDirty(page)) {
 *       if (page_is_file_cache(page) && ...) { SetPageReclaim; goto activate_locked; }
 *       try_to_unmap_flush_dirty();
 *       switch (pageout(page, mapping, sc)) { case PAGE_KEEP: goto keep_locked;
 *       case PAGE_SUCCESS: if (PageWriteback(page) || PageDirty(page)) goto keep;
 *           if (!trylock_page(page)) goto keep; if (PageDirty(page) || PageWriteback(page)) goto keep_locked; }
 *   }
 *   if (!mapping || !__remove_mapping(mapping, page, true)) goto keep_locked;
 *   unlock_page(page);  ... list_add(&page->lru, &free_pages); continue;
 * activate_locked: if (PageSwapCache(page) && mem_cgroup_swap_full(page)) try_to_free_swap(page);
 * keep_locked: unlock_page(page);
 * keep: list_add(&page->lru, &ret_pages);
 *   (end of the list) try_to_unmap_flush(); free_unref_page_list(&free_pages);
 *   (the caller) putback_inactive_pages: the kept page's isolation reference goes back to the LRU.
 *
 * __remove_mapping: page_ref_freeze(page, 2) fails while anyone else holds a
 * reference (a fault's find_get_page, a gup pin): the page is kept. The
 * frozen page is freed only after try_to_unmap_flush: a CPU TLB entry the
 * batched unmap left behind never points at a freed page. try_to_unmap
 * (mm/rmap.c): rmap_walk with try_to_unmap_one, done when the mapcount is
 * zero; returns !page_mapcount(page). pageout of an anonymous page:
 * is_page_cache_freeable (page_count == 2), clear_page_dirty_for_io,
 * swap_writepage, synchronous (the slot gets the content version).
 */
import { getPage, putPage, setPageDirty } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { mutFile } from '../mm/mutate.js';
import { pteAt } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx } from '../mm/step/defineProgram.js';
import { addToSwapCache, deleteFromSwapCache, getSwapPage, swapWritepage, tryToFreeSwap, vmSwapFull } from '../mm/swap.js';
import { readTask, tlbUbcOf } from '../mm/taskState.js';
import { findVma } from '../mm/vmas.js';
import { trylockResult } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { pageCacheLookupStep } from './pageCacheLookup.js';
import { rmapWalkAnon } from './rmapWalkAnon.js';
import { rmapWalkFile } from './rmapWalkFile.js';
import { TTU } from './tryToUnmapOne.js';

/** A page-cache page {file, index}, or the anonymous page mapped at {mm, addr}. */
interface Args {
  readonly file?: number;
  readonly index?: number;
  readonly mm?: number;
  readonly addr?: number;
}
const locals = (a: Args) => ({
  file: a.file ?? null,
  /** page->index (the argument, or the anonymous page's linear index) */
  index: a.index ?? null,
  mm: a.mm ?? null,
  addr: a.addr ?? null,
  page: -1,
  /** page_anon_vma(page) (null: the vma has none) */
  anon_vma: -1 as number | null,
});
type L = ReturnType<typeof locals>;
type C = Ctx<L>;

const anon = (c: C): boolean => c.s.frames[c.l.page]!.kind === 'anon';
const given = (c: C, x: number | null, name: string): number => x ?? c.fail(`shrink_page_list: no ${name} given`);

/** keep: the page goes back to the LRU (putback_inactive_pages drops the isolation reference) after the list's flush. */
function keep(c: C): typeof DONE {
  tryToUnmapFlush(c);
  putPage(c.s, c.l.page);
  return DONE;
}

const isolateFile = pageCacheLookupStep('isolate_lru_page', 'mm/vmscan.c:isolate_lru_page');

export const shrinkPageList = defineProgram({
  name: 'shrink_page_list',
  file: 'mm/vmscan.c',
  locals,
  steps: ($) => [
    $.step('isolate_lru_page', {
      at: 'isolate_lru_page',
      run: (c) => {
        // the page on the LRU, isolated: __isolate_lru_page -> get_page_unless_zero()
        if (c.l.file !== null) return isolateFile.run(c) === DONE ? DONE : undefined;
        // an anonymous page: the one mapped at mm/addr (the model keeps no LRU); anything else: nothing to do
        const mm = given(c, c.l.mm, 'mm');
        const addr = given(c, c.l.addr, 'addr');
        const p = pteAt(c.s, mm, addr);
        const v = findVma(c.s, mm, addr);
        if (p === null || p.kind !== 'present' || v === null) return DONE;
        const fr = c.s.frames[p.frame]!;
        if (fr.kind !== 'anon' || fr.huge) return DONE;
        getPage(c.s, p.frame);
        c.l.page = p.frame;
        c.l.index = addr - c.s.vmas[v]!.start + c.s.vmas[v]!.pgoff; // page->index (linear_page_index at the fault)
        c.l.anon_vma = c.s.vmas[v]!.anonVma;
        return undefined;
      },
    }),
    $.step('trylock_page', {
      describe: (v) => trylockResult(v, LockName.page(v.l.page)),
      run: (c) => {
        // if (!trylock_page(page)) goto keep;
        if (c.tryLock(LockName.page(c.l.page))) return undefined;
        return keep(c);
      },
    }),
    $.step('add_to_swap', {
      at: 'mm/swap_state.c:add_to_swap',
      run: (c) => {
        // if (PageAnon(page) && PageSwapBacked(page)) { if (!PageSwapCache(page)) { ... if (!add_to_swap(page)) goto activate_locked; } }
        if (!anon(c) || c.s.frames[c.l.page]!.swap !== null) return undefined;
        const slot = getSwapPage(c.s); // entry = get_swap_page(page); if (!entry.val) return 0;
        if (slot < 0) return 'activate_locked';
        addToSwapCache(c.s, c.l.page, slot); // add_to_swap_cache(page, entry, ...)
        setPageDirty(c.s, c.l.page); // set_page_dirty(page)  ("Always setting the dirty bit for the page solves the problem")
        return undefined;
      },
    }),
    $.step('try_to_unmap', {
      at: 'mm/rmap.c:try_to_unmap',
      run: (c) => {
        // if (page_mapped(page)) { if (!try_to_unmap(page, flags)) goto activate_locked; }  -> rmap_walk(page, &rwc)
        if (c.s.frames[c.l.page]!.map === 0) return 'PageDirty';
        const args = { page: c.l.page, one: 'try_to_unmap_one', arg: TTU.BATCH_FLUSH, done_unmapped: true };
        if (anon(c))
          return c.call(rmapWalkAnon, { ...args, index: given(c, c.l.index, 'index'), anon_vma: given(c, c.l.anon_vma, 'anon_vma') }, 'page_mapcount');
        return c.call(rmapWalkFile, args, 'page_mapcount');
      },
    }),
    $.step('page_mapcount', {
      at: 'mm/rmap.c:try_to_unmap',
      // return !page_mapcount(page) ? true : false;  false: activate_locked
      run: (c) => (c.s.frames[c.l.page]!.map === 0 ? 'PageDirty' : 'activate_locked'),
    }),
    $.step('PageDirty', (c) => {
      if (!c.s.frames[c.l.page]!.dirty) return '__remove_mapping';
      // if (page_is_file_cache(page) && (!current_is_kswapd() || ...)) { SetPageReclaim(page); goto activate_locked; }
      if (!anon(c)) return 'activate_locked';
      // try_to_unmap_flush_dirty(): if (tlb_ubc->writable) try_to_unmap_flush();
      if (readTask(c).tlbUbc.writable) tryToUnmapFlush(c);
      // pageout(): if (!is_page_cache_freeable(page)) return PAGE_KEEP;  (page_count == 2: the swap cache and us)
      if (c.s.frames[c.l.page]!.ref !== 2) return 'keep_locked';
      // clear_page_dirty_for_io(page); swap_writepage(page, &wbc): __swap_writepage, synchronous; unlock_page(page)
      swapWritepage(c.s, c.l.page);
      c.unlock(LockName.page(c.l.page));
      return undefined;
    }),
    $.step('trylock_page:after_pageout', {
      describe: (v) => trylockResult(v, LockName.page(v.l.page)),
      run: (c) => {
        // case PAGE_SUCCESS: if (PageWriteback(page)) goto keep; if (PageDirty(page)) goto keep;
        //     if (!trylock_page(page)) goto keep; if (PageDirty(page) || PageWriteback(page)) goto keep_locked;
        if (c.s.frames[c.l.page]!.dirty || !c.tryLock(LockName.page(c.l.page))) return keep(c);
        if (c.s.frames[c.l.page]!.dirty) return 'keep_locked';
        return undefined;
      },
    }),
    $.step('__remove_mapping', {
      at: '__remove_mapping',
      run: (c) => {
        // xa_lock_irqsave(); if (!page_ref_freeze(page, refcount = 2)) goto cannot_free; if (unlikely(PageDirty(page))) { page_ref_unfreeze; goto cannot_free; }
        const f = c.l.page;
        const fr = c.s.frames[f]!;
        if (fr.ref !== 2 || fr.dirty || fr.map !== 0) return 'keep_locked';
        if (fr.swap !== null) {
          // if (PageSwapCache(page)) { __delete_from_swap_cache(page, swap); xa_unlock_irqrestore(); put_swap_page(page, swap); }
          deleteFromSwapCache(c.s, f);
        } else {
          // __delete_from_page_cache(page, shadow); xa_unlock_irqrestore(); mapping->a_ops->freepage
          mutFile(c.s, given(c, c.l.file, 'file')).pages[given(c, c.l.index, 'index')] = null;
          putPage(c.s, f); // the cache's half of the frozen count
        }
        c.unlock(LockName.page(f)); // unlock_page(page); list_add(&page->lru, &free_pages);
        return undefined;
      },
    }),
    $.step('try_to_unmap_flush', (c) => {
      // mem_cgroup_uncharge_list(&free_pages); try_to_unmap_flush(); free_unref_page_list(&free_pages);
      tryToUnmapFlush(c);
      putPage(c.s, c.l.page);
      return DONE;
    }),
    $.step('activate_locked', (c) => {
      // /* Not a candidate for swapping, so reclaim swap space. */ if (PageSwapCache(page) && (mem_cgroup_swap_full(page) || PageMlocked(page))) try_to_free_swap(page);
      if (c.s.frames[c.l.page]!.swap !== null && vmSwapFull(c.s)) tryToFreeSwap(c.s, c.l.page);
      return 'keep_locked';
    }),
    $.step('keep_locked', (c) => {
      // keep_locked: unlock_page(page); keep: list_add(&page->lru, &ret_pages);  ... try_to_unmap_flush(); putback
      c.unlock(LockName.page(c.l.page));
      return keep(c);
    }),
  ],
});

/**
 * mm/rmap.c:try_to_unmap_flush: arch_tlbbatch_flush for every mm batched by
 * set_tlb_ubc_flush_pending; tlb_ubc->flush_required = false; tlb_ubc->writable = false.
 * Every way out of shrink_page_list goes through it, so the operation ends with an empty batch.
 */
function tryToUnmapFlush(c: C): void {
  const pending = readTask(c).tlbUbc;
  c.s.mms.forEach((m, mm) => {
    if ((pending.mms & (1 << mm)) !== 0) flushTlbRange(c.s, mm, 0, m.tlb.length);
  });
  // an empty batch stays as it is: no writable copy of the task state
  if (pending.mms === 0 && !pending.writable) return;
  const u = tlbUbcOf(c);
  u.mms = 0;
  u.writable = false;
}
