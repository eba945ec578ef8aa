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
import { mutFrame } from '../mm/mutate.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { readTask, taskOf } from '../mm/taskState.js';
import { pageCacheLookup } from './pageCacheLookup.js';
import { rmapWalkFile } from './rmapWalkFile.js';

interface Args {
  readonly file: number;
  readonly index: number;
}
const locals = (a: Args) => ({
  file: a.file,
  index: a.index,
  page: -1,
});
type L = ReturnType<typeof locals>;

const pageLock = (v: View<L>): string => LockName.page(v.l.page);
const frame = (c: Ctx<L>): Frame => c.s.frames[c.l.page]!;

function unlockPut(c: Ctx<L>): typeof DONE {
  // continue_unlock: unlock_page(page); ... pagevec_release (the lookup reference)
  c.unlock(LockName.page(c.l.page));
  putPage(c.s, c.l.page);
  taskOf(c).cleaned = 0; // page_mkclean's count (page_mkclean_one adds to the per-task cleaned, MmState.ts TaskState) ends with the operation
  return DONE;
}

export const writeCachePages = defineProgram({
  name: 'write_cache_pages',
  file: 'mm/page-writeback.c',
  params: ['file', 'index'],
  locals,
  steps: ($) => [
    // nr_pages = pagevec_lookup_range_tag(&pvec, mapping, &index, end, tag)  (takes a reference)
    $.step('pagevec_lookup_range_tag', pageCacheLookup),
    $.lock('lock_page', pageLock, {
      then: (c) => {
        // if (unlikely(page->mapping != mapping)) goto continue_unlock; if (!PageDirty(page)) goto continue_unlock;
        const fr = frame(c);
        if (fr.kind !== 'file' || fr.file !== c.l.file || !fr.dirty) return unlockPut(c);
        return undefined;
      },
    }),
    $.step('page_mkclean', {
      at: 'mm/rmap.c:page_mkclean',
      run: (c) => {
        // if (!page_mapped(page)) return 0; rmap_walk(page, &rwc);
        if (frame(c).map === 0) return 'TestClearPageDirty';
        return c.call(rmapWalkFile, { page: c.l.page, one: 'page_mkclean_one', shared_only: true }, 'TestClearPageDirty');
      },
    }),
    $.step('TestClearPageDirty', {
      at: 'clear_page_dirty_for_io',
      run: (c) => {
        // if (page_mkclean(page)) set_page_dirty(page); ... if (TestClearPageDirty(page)) ret = 1;
        if (readTask(c).cleaned > 0) setPageDirty(c.s, c.l.page);
        mutFrame(c.s, c.l.page).dirty = false;
        return undefined;
      },
    }),
    $.step('writepage', {
      at: '__writepage',
      // (*writepage)(page, wbc, data): set_page_writeback(page); unlock_page(page); submit the I/O of the page's content
      run: (c) => unlockPut(c),
    }),
  ],
});
