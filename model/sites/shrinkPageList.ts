/**
 * The reclaim path that reaches site #28: mm/vmscan.c:shrink_page_list (v5.0)
 * for one clean page-cache page, as an operation {file, index}.
 *
 *   isolate_lru_page(page)                     (the isolation reference)
 *   if (!trylock_page(page)) goto keep;
 *   references = page_check_references(page, sc);   (not modelled: the scenario's PTEs start old)
 *   if (page_mapped(page)) {
 *       if (!try_to_unmap(page, ttu_flags | TTU_BATCH_FLUSH)) goto activate_locked;
 *   }
 *   if (PageDirty(page)) { ... file pages from reclaim: SetPageReclaim; goto activate_locked; }
 *   ...
 *   if (!mapping || !__remove_mapping(mapping, page, true)) goto keep_locked;
 *   unlock_page(page);
 *   ... try_to_unmap_flush(); free_unref_page_list(&free_pages);
 *
 * __remove_mapping: page_ref_freeze(page, 2) fails while anyone else holds a
 * reference (a fault's find_get_page, a gup pin): the page is kept.
 * try_to_unmap (mm/rmap.c): rmap_walk with try_to_unmap_one, done when the
 * mapcount is zero; returns !page_mapcount(page).
 */
import { putPage } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { trylockResult } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { pageCacheLookupStep } from './pageCacheLookup.js';
import { TTU } from './tryToUnmapOne.js';

const V = 'mm/vmscan.c';
const page = (c: StepCtx): number => c.n('page');

function release(c: StepCtx): string {
  // keep_locked: unlock_page(page); keep: putback_lru_page(page) (drops the isolation reference)
  c.unlock(LockName.page(page(c)));
  putPage(c.s, page(c));
  return DONE;
}

export const shrinkPageList: Program = {
  name: 'shrink_page_list',
  locals: (a) => ({ file: a['file'] ?? null, index: a['index'] ?? null, page: -1, tlb_ubc: 0 }),
  steps: [
    // the page on the LRU, isolated: __isolate_lru_page -> get_page_unless_zero()
    pageCacheLookupStep('isolate_lru_page', `${V}:isolate_lru_page`),
    {
      label: 'trylock_page',
      at: `${V}:shrink_page_list`,
      describe: (v) => trylockResult(v, LockName.page(v.l['page'] as number)),
      run: (c) => {
        // if (!trylock_page(page)) goto keep;
        if (c.tryLock(LockName.page(page(c)))) return undefined;
        putPage(c.s, page(c));
        return DONE;
      },
    },
    {
      label: 'try_to_unmap',
      at: 'mm/rmap.c:try_to_unmap',
      run: (c) => {
        // if (page_mapped(page)) { if (!try_to_unmap(page, flags)) goto activate_locked; }  -> rmap_walk(page, &rwc)
        if (c.s.frames[page(c)]!.map === 0) return 'PageDirty';
        return c.call('rmap_walk_file', { page: page(c), one: 'try_to_unmap_one', arg: TTU.BATCH_FLUSH, done_unmapped: true }, 'page_mapcount');
      },
    },
    {
      label: 'page_mapcount',
      at: 'mm/rmap.c:try_to_unmap',
      // return !page_mapcount(page) ? true : false;  false: activate_locked
      run: (c) => (c.s.frames[page(c)]!.map === 0 ? 'PageDirty' : 'try_to_unmap_flush_keep'),
    },
    {
      label: 'try_to_unmap_flush_keep',
      at: `${V}:shrink_page_list`,
      run: (c) => {
        // activate_locked ... keep: the batch is flushed before shrink_page_list returns (try_to_unmap_flush())
        tryToUnmapFlush(c);
        return release(c);
      },
    },
    {
      label: 'PageDirty',
      at: `${V}:shrink_page_list`,
      run: (c) => {
        // if (PageDirty(page)) { if (page_is_file_cache(page) && (!current_is_kswapd() || ...)) goto activate_locked; }
        if (c.s.frames[page(c)]!.dirty) return 'try_to_unmap_flush_keep';
        return undefined;
      },
    },
    {
      label: 'try_to_unmap_flush',
      at: 'mm/rmap.c:try_to_unmap_flush',
      run: (c) => {
        tryToUnmapFlush(c);
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
        // __delete_from_page_cache(page, shadow); xa_unlock_irqrestore(); mapping->a_ops->freepage
        (c.s.files[c.n('file')]!.pages as (number | null)[])[c.n('index')] = null;
        // unlock_page(page); ... free_unref_page_list(&free_pages)  (the frozen count: the cache's and ours)
        c.unlock(LockName.page(f));
        putPage(c.s, f);
        putPage(c.s, f);
        return DONE;
      },
    },
    { label: 'keep_locked', at: `${V}:shrink_page_list`, run: (c) => release(c) },
  ],
};

/** mm/rmap.c:try_to_unmap_flush: arch_tlbbatch_flush for every mm batched by set_tlb_ubc_flush_pending. */
function tryToUnmapFlush(c: StepCtx): void {
  const mask = c.n('tlb_ubc');
  c.s.mms.forEach((m, mm) => {
    if ((mask & (1 << mm)) !== 0) flushTlbRange(c.s, mm, 0, m.tlb.length);
  });
  c.l['tlb_ubc'] = 0;
}
