/**
 * The writeback path that reaches site #27, for one page-cache page, as an
 * operation {file, index}: mm/page-writeback.c:write_cache_pages (v5.0)
 *
 *   lock_page(page);
 *   if (unlikely(page->mapping != mapping)) goto continue_unlock;
 *   if (!PageDirty(page)) goto continue_unlock;       (someone wrote it for us)
 *   if (PageWriteback(page)) ...                      (not modelled: one writer)
 *   if (!clear_page_dirty_for_io(page)) goto continue_unlock;
 *   ret = (*writepage)(page, wbc, data);              (set_page_writeback; unlock_page; I/O)
 *
 * clear_page_dirty_for_io (mm/page-writeback.c):
 *   if (page_mkclean(page)) set_page_dirty(page);
 *   if (TestClearPageDirty(page)) ret = 1;
 * page_mkclean (mm/rmap.c): BUG_ON(!PageLocked(page)); if (!page_mapped(page)) return 0;
 *   rmap_walk(page, &rwc) with rmap_one = page_mkclean_one, invalid_vma = invalid_mkclean_vma (!VM_SHARED).
 */
import { putPage, setPageDirty } from '../mm/frames.js';
import type { Frame } from '../mm/MmState.js';
import { LockName } from '../mm/locks.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { lockStep } from '../mm/step/steps.js';
import { pageCacheLookupStep } from './pageCacheLookup.js';

const W = 'mm/page-writeback.c';
const pageLock = (v: StepView): string => LockName.page(v.l['page'] as number);
const frame = (c: StepCtx): Frame => c.s.frames[c.n('page')]!;

function unlockPut(c: StepCtx): string {
  // continue_unlock: unlock_page(page); ... pagevec_release (the lookup reference)
  c.unlock(LockName.page(c.n('page')));
  putPage(c.s, c.n('page'));
  return DONE;
}

export const writeCachePages: Program = {
  name: 'write_cache_pages',
  locals: (a) => ({ file: a['file'] ?? null, index: a['index'] ?? null, page: -1, cleaned: 0 }),
  steps: [
    // nr_pages = pagevec_lookup_range_tag(&pvec, mapping, &index, end, tag)  (takes a reference)
    pageCacheLookupStep('pagevec_lookup_range_tag', `${W}:write_cache_pages`),
    lockStep('lock_page', `${W}:write_cache_pages`, pageLock, 'w', (c) => {
      // if (unlikely(page->mapping != mapping)) goto continue_unlock; if (!PageDirty(page)) goto continue_unlock;
      const fr = frame(c);
      if (fr.kind !== 'file' || fr.file !== c.n('file') || !fr.dirty) return unlockPut(c);
      return undefined;
    }),
    {
      label: 'page_mkclean',
      at: 'mm/rmap.c:page_mkclean',
      run: (c) => {
        // if (!page_mapped(page)) return 0; rmap_walk(page, &rwc);
        if (frame(c).map === 0) return 'TestClearPageDirty';
        return c.call('rmap_walk_file', { page: c.n('page'), one: 'page_mkclean_one', shared_only: true }, 'TestClearPageDirty');
      },
    },
    {
      label: 'TestClearPageDirty',
      at: `${W}:clear_page_dirty_for_io`,
      run: (c) => {
        // if (page_mkclean(page)) set_page_dirty(page); ... if (TestClearPageDirty(page)) ret = 1;
        if (c.n('cleaned') > 0) setPageDirty(c.s, c.n('page'));
        const fr = frame(c);
        (c.s.frames as Frame[])[c.n('page')] = { ...fr, dirty: false };
        return undefined;
      },
    },
    {
      label: 'writepage',
      at: `${W}:__writepage`,
      // (*writepage)(page, wbc, data): set_page_writeback(page); unlock_page(page); submit the I/O of the page's content
      run: (c) => unlockPut(c),
    },
  ],
};
