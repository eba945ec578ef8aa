/**
 * The path that reaches sites #22 and #23: mm/migrate.c:migrate_vma (v5.0),
 * as an operation {vma, start, end} of a device driver that holds mmap_sem
 * for read and migrates the range to new pages (the driver's callbacks
 * allocate, lock and copy: alloc_and_copy; finalize_and_map does nothing
 * the CPU sees).
 *
 *   migrate_vma_collect(&migrate);  if (!migrate.cpages) return 0;     (#22)
 *   migrate_vma_prepare(&migrate);  if (!migrate.cpages) return 0;
 *   migrate_vma_unmap(&migrate);    if (!migrate.cpages) return 0;
 *   ops->alloc_and_copy(vma, src, dst, start, end, private);
 *   migrate_vma_pages(&migrate);                                         (#23)
 *   ops->finalize_and_map(vma, src, dst, start, end, private);
 *   migrate_vma_finalize(&migrate);
 *
 * prepare: lock what collect could not (trylock, else drop it), isolate from
 *   the LRU (its reference replaces collect's), and migrate_vma_check_page:
 *   (page_count(page) - 1) > page_mapcount(page) means pinned: drop it; a page
 *   collect had unmapped is restored with remove_migration_pte(page, vma, addr, page).
 * unmap: a page still mapped (collect could not lock it, or another mm maps
 *   it too: after fork) goes through try_to_unmap(TTU_MIGRATION): the anon
 *   rmap walk with try_to_unmap_one (#28). Then the pin check again
 *   (restore: remove_migration_ptes(page, page), unlock_page, putback_lru_page).
 * finalize: remove_migration_ptes(page, newpage or page); unlock_page(page);
 *   putback_lru_page(page); for a new page: unlock_page(newpage); putback_lru_page(newpage).
 * remove_migration_ptes is rmap_walk_anon(new) with remove_migration_pte
 * when a migration entry of the page lies outside its slot; one only at the
 * slot is replaced in the loop's own step (what the walk would find: it
 * leaves out the walk's anon_vma lock). A file page that try_to_unmap or the
 * walk would have to reach through rmap_walk_file is a ModelError.
 */
import { allocFrame, putPage } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { MPFN, addCpages, cpagesOf, dstOf, migrateVmaBegin, migrateVmaEnd, setDst, setSrc, srcOf } from './migrateVmaState.js';
import { migrateVmaCollect } from './migrateVmaCollect.js';
import { migrateVmaPages } from './migrateVmaPages.js';
import { migrateVmaLocals, perPage, restore, type MigrateVmaLocals } from './migrateVmaPageLoop.js';
import { rmapWalkAnon } from './rmapWalkAnon.js';
import { TTU } from './tryToUnmapOne.js';

type L = MigrateVmaLocals;

const mmSem = (v: View<L>): string => LockName.mmapSem(vmaOf(v.s, v.l.vma).mm);
const pinned = (c: Ctx<L>, f: number): boolean => c.s.frames[f]!.ref - 1 > c.s.frames[f]!.map; // migrate_vma_check_page

/** migrate_vma_finalize's `newpage` for slot i: the new page, or the page itself when it did not migrate. */
function finalNewpage(c: Ctx<L>, i: number): number {
  const flags = srcOf(c)[i]![1];
  const newpage = dstOf(c)[i]!;
  return (flags & MPFN.MIGRATE) === 0 || newpage < 0 ? srcOf(c)[i]![0] : newpage;
}

/** migrate_vma_unmap's restore: migrate->src[i] &= ~MIGRATE_PFN_MIGRATE; migrate->cpages--; restore++; (the loop after undoes it) */
function unmapRestore(c: Ctx<L>, i: number): void {
  const src = srcOf(c);
  src[i]![1] &= ~MPFN.MIGRATE;
  setSrc(c, src);
  addCpages(c, -1);
}

/**
 * try_to_unmap(page, TTU_MIGRATION | TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS) on
 * the page of slot i that is still mapped (collect could not lock it, or
 * another mm maps it): the anon rmap walk over the vmas of the slot's
 * anon_vma, try_to_unmap_one putting a migration entry wherever the page is
 * mapped (#28); the restore and migrate_vma_finalize walk again to undo them.
 */
function tryToUnmap(c: Ctx<L>, page: number) {
  const v = vmaOf(c.s, c.l.vma);
  const addr = c.l.start + c.l.i;
  if (v.anonVma === null || c.s.frames[page]!.kind !== 'anon') {
    return c.fail('migrate_vma_unmap: try_to_unmap of a file page (rmap_walk_file) is not modelled for migrate_vma');
  }
  const args = {
    page,
    index: v.pgoff + (addr - v.start),
    anon_vma: v.anonVma,
    one: 'try_to_unmap_one',
    arg: TTU.MIGRATION | TTU.IGNORE_ACCESS,
    done_unmapped: true,
  };
  return c.call(rmapWalkAnon, args, 'try_to_unmap_returned');
}

export const migrateVma = defineProgram({
  name: 'migrate_vma',
  file: 'mm/migrate.c',
  params: ['vma', 'start', 'end'],
  locals: migrateVmaLocals,
  steps: ($) => [
    $.lock('down_read', mmSem, {
      at: 'migrate_vma (caller)',
      mode: 'r',
      then: (c) => {
        // if (start < vma->vm_start || start >= vma->vm_end) return -EINVAL; if (end <= vma->vm_start || end > vma->vm_end) return -EINVAL;
        const v = vmaOf(c.s, c.l.vma);
        if (c.l.start < v.start || c.l.end > v.end || c.l.start >= c.l.end || v.flags.hugetlb) return 'up_read';
        // memset(src, 0, ...); migrate.src = src; migrate.dst = dst; migrate.start = start; migrate.npages = 0; migrate.cpages = 0; ...
        migrateVmaBegin(c);
        return c.call(migrateVmaCollect, { vma: c.l.vma, start: c.l.start, end: c.l.end }, 'migrate_vma_prepare');
      },
    }),
    $.step('migrate_vma_prepare', {
      at: 'migrate_vma_prepare',
      run: (c) => {
        if (cpagesOf(c) === 0) return 'up_read';
        const src = srcOf(c);
        src.forEach((slot, i) => {
          const [page, flags] = slot;
          if (page < 0) return;
          let remap = true;
          if ((flags & MPFN.LOCKED) === 0) {
            if (!c.tryLock(LockName.page(page))) {
              src[i] = [-1, 0]; // migrate->src[i] = 0; migrate->cpages--; put_page(page);
              addCpages(c, -1);
              putPage(c.s, page);
              return;
            }
            remap = false;
            slot[1] |= MPFN.LOCKED;
          }
          // isolate_lru_page(page) ... put_page(page) (the collect reference): the isolation reference replaces it
          if (!pinned(c, page)) return;
          addCpages(c, -1);
          if (remap)
            slot[1] &= ~MPFN.MIGRATE; // restored below
          else {
            src[i] = [-1, 0]; // migrate->src[i] = 0; unlock_page(page); putback_lru_page(page);
            c.unlock(LockName.page(page));
            putPage(c.s, page);
          }
        });
        setSrc(c, src);
        return undefined;
      },
    }),
    ...restore($, 'remove_migration_pte', 'migrate_vma_prepare', 'migrate_vma_unmap', false),
    $.step('migrate_vma_unmap', {
      at: 'migrate_vma_unmap',
      run: (c) => {
        // for (i = 0; i < npages; i++) { page = migrate_pfn_to_page(migrate->src[i]); if (!page || !(migrate->src[i] & MIGRATE_PFN_MIGRATE)) continue;
        const src = srcOf(c);
        for (; c.l.i < src.length; c.l.i++) {
          const [page, flags] = src[c.l.i]!;
          if (page < 0 || (flags & MPFN.MIGRATE) === 0) continue;
          // if (page_mapped(page)) { try_to_unmap(page, TTU_MIGRATION | TTU_IGNORE_MLOCK | TTU_IGNORE_ACCESS); if (page_mapped(page)) goto restore; }
          if (c.s.frames[page]!.map > 0) return tryToUnmap(c, page);
          // if (migrate_vma_check_page(page)) continue;  restore: ...
          if (pinned(c, page)) unmapRestore(c, c.l.i);
        }
        c.l.i = 0;
        return 'remove_migration_ptes';
      },
    }),
    $.step('try_to_unmap_returned', {
      at: 'migrate_vma_unmap',
      run: (c) => {
        // if (page_mapped(page)) goto restore; if (migrate_vma_check_page(page)) continue; restore: ...
        const page = srcOf(c)[c.l.i]![0];
        if (c.s.frames[page]!.map > 0 || pinned(c, page)) unmapRestore(c, c.l.i);
        c.l.i += 1;
        return 'migrate_vma_unmap';
      },
    }),
    ...restore($, 'remove_migration_ptes', 'migrate_vma_unmap', 'alloc_and_copy', true),
    $.step('alloc_and_copy', {
      at: 'migrate_vma (ops->alloc_and_copy)',
      run: (c) => {
        if (cpagesOf(c) === 0) return 'up_read';
        // the driver: for each src with MIGRATE_PFN_MIGRATE, allocate a page, lock_page() it, copy, dst[i] = migrate_pfn(page) | MIGRATE_PFN_LOCKED
        const dst = srcOf(c).map(([, flags]) => {
          if ((flags & MPFN.MIGRATE) === 0) return -1;
          const f = allocFrame(c.s, 'anon');
          if (f >= 0) c.lock(LockName.page(f));
          return f;
        });
        setDst(c, dst);
        return c.call(migrateVmaPages, { vma: c.l.vma, start: c.l.start, end: c.l.end }, 'migrate_vma_finalize');
      },
    }),
    ...perPage($, 'migrate_vma_finalize', 'migrate_vma_finalize', 'up_read', {
      walk: true,
      before: (c, i) => {
        // if (!page) { if (newpage) { unlock_page(newpage); put_page(newpage); } continue; }
        // if (!(migrate->src[i] & MIGRATE_PFN_MIGRATE) || !newpage) { if (newpage) { unlock_page(newpage); put_page(newpage); } newpage = page; }
        const [page, flags] = srcOf(c)[i]!;
        const newpage = dstOf(c)[i]!;
        if (newpage >= 0 && (page < 0 || (flags & MPFN.MIGRATE) === 0)) {
          c.unlock(LockName.page(newpage));
          putPage(c.s, newpage);
        }
      },
      // remove_migration_ptes(page, newpage, false);
      remap: (c, i) => (srcOf(c)[i]![0] < 0 ? null : [srcOf(c)[i]![0], finalNewpage(c, i)]),
      after: (c, i) => {
        const page = srcOf(c)[i]![0];
        const newpage = finalNewpage(c, i);
        c.unlock(LockName.page(page)); // unlock_page(page); migrate->cpages--; putback_lru_page(page);
        addCpages(c, -1);
        putPage(c.s, page);
        if (newpage !== page) {
          c.unlock(LockName.page(newpage)); // unlock_page(newpage); putback_lru_page(newpage);
          putPage(c.s, newpage);
        }
      },
    }),
    $.unlock('up_read', mmSem, {
      at: 'migrate_vma (caller)',
      mode: 'r',
      then: (c) => {
        // migrate_vma has returned: its struct migrate_vma (a stack variable) is gone; the operation ends here
        migrateVmaEnd(c);
        return DONE;
      },
    }),
  ],
});
