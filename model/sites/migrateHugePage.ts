/**
 * The path that reaches site #28's PageHuge branch: migration of a hugetlbfs
 * page, mm/migrate.c:unmap_and_move_huge_page (v5.0), as an operation
 * {file, index} (e.g. from soft offline or memory hot-remove: migrate_pages).
 *
 *   isolate_huge_page(hpage, &pagelist);          (get_page_unless_zero)
 *   new_hpage = get_new_page(hpage, private);
 *   if (!trylock_page(hpage)) { if (!force) goto out; lock_page(hpage); }
 *   if (page_mapped(hpage)) {
 *       try_to_unmap(hpage, TTU_MIGRATION|TTU_IGNORE_MLOCK|TTU_IGNORE_ACCESS);
 *       page_was_mapped = 1;
 *   }
 *   if (!page_mapped(hpage)) rc = move_to_new_page(new_hpage, hpage, mode);
 *   if (page_was_mapped) remove_migration_ptes(hpage, rc == MIGRATEPAGE_SUCCESS ? new_hpage : hpage, false);
 *   unlock_page(hpage);
 *   if (rc != -EAGAIN) putback_active_hugepage(hpage);
 *   putback_active_hugepage(new_hpage);
 *
 * move_to_new_page -> hugetlbfs_migrate_page -> migrate_huge_page_move_mapping:
 *   expected_count = 2 + page_has_private(page);
 *   if (page_count(page) != expected_count || radix_tree_deref_slot_protected(pslot, ...) != page) return -EAGAIN;
 *   get_page(newpage); radix_tree_replace_slot(&mapping->i_pages, pslot, newpage); page_ref_unfreeze(page, expected_count - 1);
 * An -EAGAIN ends the attempt here (migrate_pages would retry a few times).
 */
import { EAGAIN } from '../mm/errno.js';
import { allocFrame, getPage, putPage } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { pageCacheLookupStep } from './pageCacheLookup.js';
import { rmapWalkFile } from './rmapWalkFile.js';
import { TTU } from './tryToUnmapOne.js';
import { mutFile } from '../mm/mutate.js';

interface Args {
  readonly file: number;
  readonly index: number;
}
const locals = (a: Args) => ({
  file: a.file,
  index: a.index,
  /** hpage (isolate_huge_page's reference) */
  page: -1,
  new_hpage: -1,
  /** page_was_mapped */
  was_mapped: false,
  rc: EAGAIN,
});
type L = ReturnType<typeof locals>;

const pageLock = (v: View<L>): string => LockName.page(v.l.page);
const mapped = (c: Ctx<L>, f: number): boolean => c.s.frames[f]!.map > 0;

export const migrateHugePage = defineProgram({
  name: 'unmap_and_move_huge_page',
  params: ['file', 'index'],
  file: 'mm/migrate.c',
  locals,
  steps: ($) => [
    // the page-cache lookup shared with the other page-cache operations (a Step factory over the locals file, index, page)
    $.raw(pageCacheLookupStep('isolate_huge_page', 'mm/migrate.c:isolate_huge_page')),
    $.step('get_new_page', (c) => {
      // new_hpage = get_new_page(hpage, private); if (!new_hpage) return -ENOMEM;
      const fr = c.s.frames[c.l.page]!;
      if (!fr.huge) c.fail('unmap_and_move_huge_page: not a hugetlb page');
      const f = allocFrame(c.s, 'file', fr.file, fr.index, true);
      if (f < 0) {
        putPage(c.s, c.l.page);
        return DONE;
      }
      c.l.new_hpage = f;
      return undefined;
    }),
    $.lock('lock_page', pageLock, {
      then: (c) => {
        // if (page_mapped(hpage)) { try_to_unmap(hpage, TTU_MIGRATION|TTU_IGNORE_MLOCK|TTU_IGNORE_ACCESS); page_was_mapped = 1; }
        if (!mapped(c, c.l.page)) return 'move_to_new_page';
        c.l.was_mapped = true;
        return c.call(
          rmapWalkFile,
          { page: c.l.page, one: 'try_to_unmap_one', arg: TTU.MIGRATION | TTU.IGNORE_ACCESS, done_unmapped: true },
          'move_to_new_page',
        );
      },
    }),
    $.step('move_to_new_page', {
      at: 'migrate_huge_page_move_mapping',
      run: (c) => {
        // if (!page_mapped(hpage)) rc = move_to_new_page(new_hpage, hpage, mode);
        if (mapped(c, c.l.page)) return 'remove_migration_ptes';
        const f = c.l.page;
        const fr = c.s.frames[f]!;
        const cache = c.s.files[fr.file!]!.pages;
        // if (page_count(page) != expected_count || slot != page) return -EAGAIN;  expected_count = 2 (the cache and the isolation)
        if (fr.ref !== 2 || cache[fr.index] !== f) return 'remove_migration_ptes';
        // get_page(newpage); radix_tree_replace_slot(..., newpage); page_ref_unfreeze(page, expected_count - 1);
        getPage(c.s, c.l.new_hpage);
        mutFile(c.s, fr.file!).pages[fr.index] = c.l.new_hpage;
        putPage(c.s, f);
        c.l.rc = 0;
        return undefined;
      },
    }),
    $.step('remove_migration_ptes', {
      at: 'remove_migration_ptes',
      run: (c) => {
        // if (page_was_mapped) remove_migration_ptes(hpage, rc == MIGRATEPAGE_SUCCESS ? new_hpage : hpage, false);  -> rmap_walk(new, &rwc)
        if (c.l.was_mapped !== true) return 'unlock_page';
        const nw = c.l.rc === 0 ? c.l.new_hpage : c.l.page;
        return c.call(rmapWalkFile, { page: nw, one: 'remove_migration_pte', arg: c.l.page }, 'unlock_page');
      },
    }),
    $.step('unlock_page', {
      at: 'unmap_and_move_huge_page',
      run: (c) => {
        // unlock_page(hpage); if (rc != -EAGAIN) putback_active_hugepage(hpage); putback_active_hugepage(new_hpage);
        c.unlock(LockName.page(c.l.page));
        putPage(c.s, c.l.page);
        putPage(c.s, c.l.new_hpage);
        c.ret(c.l.rc);
        return DONE;
      },
    }),
  ],
});
