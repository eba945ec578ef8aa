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
import { pteAt } from '../mm/pageTable.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { addToSwapCache, deleteFromSwapCache, getSwapPage, swapWritepage, tryToFreeSwap, vmSwapFull } from '../mm/swap.js';
import { findVma } from '../mm/vmas.js';
import { trylockResult } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { pageCacheLookupStep } from './pageCacheLookup.js';
import { TTU } from './tryToUnmapOne.js';

const V = 'mm/vmscan.c';
const page = (c: StepCtx): number => c.n('page');
const anon = (c: StepCtx): boolean => c.s.frames[page(c)]!.kind === 'anon';

/** keep: the page goes back to the LRU (putback_inactive_pages drops the isolation reference) after the list's flush. */
function keep(c: StepCtx): string {
  tryToUnmapFlush(c);
  putPage(c.s, page(c));
  return DONE;
}

const isolateFile = pageCacheLookupStep('isolate_lru_page', `${V}:isolate_lru_page`);

export const shrinkPageList: Program = {
  name: 'shrink_page_list',
  locals: (a) => ({
    file: a['file'] ?? null,
    index: a['index'] ?? null,
    mm: a['mm'] ?? null,
    addr: a['addr'] ?? null,
    page: -1,
    anon_vma: -1,
    tlb_ubc: 0,
    tlb_ubc_writable: 0,
  }),
  steps: [
    {
      ...isolateFile,
      run: (c) => {
        // the page on the LRU, isolated: __isolate_lru_page -> get_page_unless_zero()
        if (c.l['file'] !== null) return isolateFile.run(c);
        // an anonymous page: the one mapped at mm/addr (the model keeps no LRU); anything else: nothing to do
        const p = pteAt(c.s, c.n('mm'), c.n('addr'));
        const v = findVma(c.s, c.n('mm'), c.n('addr'));
        if (p === null || p.kind !== 'present' || v === null) return DONE;
        const fr = c.s.frames[p.frame]!;
        if (fr.kind !== 'anon' || fr.huge) return DONE;
        getPage(c.s, p.frame);
        c.l['page'] = p.frame;
        c.l['index'] = c.n('addr') - c.s.vmas[v]!.start + c.s.vmas[v]!.pgoff; // page->index (linear_page_index at the fault)
        c.l['anon_vma'] = c.s.vmas[v]!.anonVma;
        return undefined;
      },
    },
    {
      label: 'trylock_page',
      at: `${V}:shrink_page_list`,
      describe: (v) => trylockResult(v, LockName.page(v.l['page'] as number)),
      run: (c) => {
        // if (!trylock_page(page)) goto keep;
        if (c.tryLock(LockName.page(page(c)))) return undefined;
        return keep(c);
      },
    },
    {
      label: 'add_to_swap',
      at: 'mm/swap_state.c:add_to_swap',
      run: (c) => {
        // if (PageAnon(page) && PageSwapBacked(page)) { if (!PageSwapCache(page)) { ... if (!add_to_swap(page)) goto activate_locked; } }
        if (!anon(c) || c.s.frames[page(c)]!.swap !== null) return undefined;
        const slot = getSwapPage(c.s); // entry = get_swap_page(page); if (!entry.val) return 0;
        if (slot < 0) return 'activate_locked';
        addToSwapCache(c.s, page(c), slot); // add_to_swap_cache(page, entry, ...)
        setPageDirty(c.s, page(c)); // set_page_dirty(page)  ("Always setting the dirty bit for the page solves the problem")
        return undefined;
      },
    },
    {
      label: 'try_to_unmap',
      at: 'mm/rmap.c:try_to_unmap',
      run: (c) => {
        // if (page_mapped(page)) { if (!try_to_unmap(page, flags)) goto activate_locked; }  -> rmap_walk(page, &rwc)
        if (c.s.frames[page(c)]!.map === 0) return 'PageDirty';
        const args = { page: page(c), one: 'try_to_unmap_one', arg: TTU.BATCH_FLUSH, done_unmapped: true };
        if (anon(c)) return c.call('rmap_walk_anon', { ...args, index: c.n('index'), anon_vma: c.n('anon_vma') }, 'page_mapcount');
        return c.call('rmap_walk_file', args, 'page_mapcount');
      },
    },
    {
      label: 'page_mapcount',
      at: 'mm/rmap.c:try_to_unmap',
      // return !page_mapcount(page) ? true : false;  false: activate_locked
      run: (c) => (c.s.frames[page(c)]!.map === 0 ? 'PageDirty' : 'activate_locked'),
    },
    {
      label: 'PageDirty',
      at: `${V}:shrink_page_list`,
      run: (c) => {
        if (!c.s.frames[page(c)]!.dirty) return '__remove_mapping';
        // if (page_is_file_cache(page) && (!current_is_kswapd() || ...)) { SetPageReclaim(page); goto activate_locked; }
        if (!anon(c)) return 'activate_locked';
        // try_to_unmap_flush_dirty(): if (tlb_ubc->writable) try_to_unmap_flush();
        if (c.n('tlb_ubc_writable') !== 0) tryToUnmapFlush(c);
        // pageout(): if (!is_page_cache_freeable(page)) return PAGE_KEEP;  (page_count == 2: the swap cache and us)
        if (c.s.frames[page(c)]!.ref !== 2) return 'keep_locked';
        // clear_page_dirty_for_io(page); swap_writepage(page, &wbc): __swap_writepage, synchronous; unlock_page(page)
        swapWritepage(c.s, page(c));
        c.unlock(LockName.page(page(c)));
        return undefined;
      },
    },
    {
      label: 'trylock_page:after_pageout',
      at: `${V}:shrink_page_list`,
      describe: (v) => trylockResult(v, LockName.page(v.l['page'] as number)),
      run: (c) => {
        // case PAGE_SUCCESS: if (PageWriteback(page)) goto keep; if (PageDirty(page)) goto keep;
        //     if (!trylock_page(page)) goto keep; if (PageDirty(page) || PageWriteback(page)) goto keep_locked;
        if (c.s.frames[page(c)]!.dirty || !c.tryLock(LockName.page(page(c)))) return keep(c);
        if (c.s.frames[page(c)]!.dirty) return 'keep_locked';
        return undefined;
      },
    },
    {
      label: '__remove_mapping',
      at: `${V}:__remove_mapping`,
      run: (c) => {
        // xa_lock_irqsave(); if (!page_ref_freeze(page, refcount = 2)) goto cannot_free; if (unlikely(PageDirty(page))) { page_ref_unfreeze; goto cannot_free; }
        const f = page(c);
        const fr = c.s.frames[f]!;
        if (fr.ref !== 2 || fr.dirty || fr.map !== 0) return 'keep_locked';
        if (fr.swap !== null) {
          // if (PageSwapCache(page)) { __delete_from_swap_cache(page, swap); xa_unlock_irqrestore(); put_swap_page(page, swap); }
          deleteFromSwapCache(c.s, f);
        } else {
          // __delete_from_page_cache(page, shadow); xa_unlock_irqrestore(); mapping->a_ops->freepage
          (c.s.files[c.n('file')]!.pages as (number | null)[])[c.n('index')] = null;
          putPage(c.s, f); // the cache's half of the frozen count
        }
        c.unlock(LockName.page(f)); // unlock_page(page); list_add(&page->lru, &free_pages);
        return undefined;
      },
    },
    {
      label: 'try_to_unmap_flush',
      at: `${V}:shrink_page_list`,
      run: (c) => {
        // mem_cgroup_uncharge_list(&free_pages); try_to_unmap_flush(); free_unref_page_list(&free_pages);
        tryToUnmapFlush(c);
        putPage(c.s, page(c));
        return DONE;
      },
    },
    {
      label: 'activate_locked',
      at: `${V}:shrink_page_list`,
      run: (c) => {
        // /* Not a candidate for swapping, so reclaim swap space. */ if (PageSwapCache(page) && (mem_cgroup_swap_full(page) || PageMlocked(page))) try_to_free_swap(page);
        if (c.s.frames[page(c)]!.swap !== null && vmSwapFull(c.s)) tryToFreeSwap(c.s, page(c));
        return 'keep_locked';
      },
    },
    {
      label: 'keep_locked',
      at: `${V}:shrink_page_list`,
      run: (c) => {
        // keep_locked: unlock_page(page); keep: list_add(&page->lru, &ret_pages);  ... try_to_unmap_flush(); putback
        c.unlock(LockName.page(page(c)));
        return keep(c);
      },
    },
  ],
};

/** mm/rmap.c:try_to_unmap_flush: arch_tlbbatch_flush for every mm batched by set_tlb_ubc_flush_pending. */
function tryToUnmapFlush(c: StepCtx): void {
  const mask = c.n('tlb_ubc');
  c.s.mms.forEach((m, mm) => {
    if ((mask & (1 << mm)) !== 0) flushTlbRange(c.s, mm, 0, m.tlb.length);
  });
  c.l['tlb_ubc'] = 0;
  c.l['tlb_ubc_writable'] = 0;
}
