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
 * unmap: a page still mapped (collect could not lock it) goes through
 *   try_to_unmap(TTU_MIGRATION): the anon rmap walk with try_to_unmap_one
 *   (#28); only for a page mapped once, at its slot (else a ModelError: the
 *   restores undo migration entries by address). Then the pin check again
 *   (restore: remove_migration_ptes(page, page), unlock_page, putback_lru_page).
 * finalize: remove_migration_ptes(page, newpage or page); unlock_page(page);
 *   putback_lru_page(page); for a new page: unlock_page(newpage); putback_lru_page(newpage).
 */
import { addRmap, allocFrame, getPage, putPage } from '../mm/frames.js';
import { LockName, canTake } from '../mm/locks.js';
import { pteAt, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type StepBuilder, type TargetsOf, type TypedStep, type View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { MPFN, addCpages, cpagesOf, dstOf, migrateVmaBegin, migrateVmaEnd, setDst, setSrc, srcOf, type MigrateVmaArgs } from './migrateVmaState.js';
import { migrateVmaCollect } from './migrateVmaCollect.js';
import { migrateVmaPages } from './migrateVmaPages.js';
import { ptlOf } from './pvmw.js';
import { rmapWalkAnon } from './rmapWalkAnon.js';
import { TTU } from './tryToUnmapOne.js';

const locals = (a: MigrateVmaArgs) => ({
  vma: a.vma,
  start: a.start,
  end: a.end,
  /** the page the per-page loops are at */
  i: 0,
  /** the PTE lock remove_migration_pte holds ('' when none) */
  ptl: '',
});
type L = ReturnType<typeof locals>;

const mmSem = (v: View<L>): string => LockName.mmapSem(vmaOf(v.s, v.l.vma).mm);
const pinned = (c: Ctx<L>, f: number): boolean => c.s.frames[f]!.ref - 1 > c.s.frames[f]!.map; // migrate_vma_check_page

/** The PTE lock a per-page step of `i` needs when the PTE holds a migration entry, or null. */
function migrationPtl(v: View<L>): string | null {
  const mm = vmaOf(v.s, v.l.vma).mm;
  const a = v.l.start + v.l.i;
  return pteAt(v.s, mm, a)?.kind === 'migration' ? ptlOf(v.s, mm, a) : null;
}

const ptlFree = (v: View<L>): boolean => {
  const l = migrationPtl(v);
  return l === null || canTake(v.s, l);
};

/**
 * mm/migrate.c:remove_migration_pte: the migration entry for `page` at addr
 * becomes a PTE of `newpage`, under the PTE lock (taken here, kept in local
 * `ptl`, dropped by the loop's next step: page_vma_mapped_walk_done).
 */
function removeMigrationPte(c: Ctx<L>, page: number, newpage: number): void {
  const v = vmaOf(c.s, c.l.vma);
  const a = c.l.start + c.l.i;
  const p = pteAt(c.s, v.mm, a);
  if (p === null || p.kind !== 'migration' || p.frame !== page) return;
  const l = ptlOf(c.s, v.mm, a)!;
  c.lock(l);
  c.l.ptl = l;
  // get_page(new); pte = pte_mkold(mk_pte(new, vma->vm_page_prot)); if (is_write_migration_entry(entry)) pte = maybe_mkwrite(pte, vma);
  getPage(c.s, newpage);
  addRmap(c.s, newpage);
  setPte(c.s, v.mm, a, { kind: 'present', frame: newpage, write: p.write && v.flags.write, dirty: false, young: false, softDirty: false });
}

/**
 * A loop over the pages: `body` for page i (it may take the PTE lock, see
 * removeMigrationPte), then a step that drops it and goes on with i + 1;
 * past the last page go to `after`. Two steps: `label` and `label:next`.
 */
function perPage<const Lb extends string, const A extends string>(
  $: StepBuilder<L>,
  label: Lb,
  at: string,
  after: A,
  body: (c: Ctx<L>, i: number) => void,
): readonly [TypedStep<Lb, TargetsOf<A>>, TypedStep<`${Lb}:next`, TargetsOf<Lb>>] {
  return [
    $.step(label, {
      at,
      guard: ptlFree,
      run: (c) => {
        const i = c.l.i;
        if (i >= srcOf(c).length) {
          c.l.i = 0;
          return after;
        }
        body(c, i);
        return undefined;
      },
    }),
    $.step(`${label}:next` as const, {
      at,
      run: (c) => {
        if (c.l.ptl !== '') c.unlock(c.l.ptl);
        c.l.ptl = '';
        c.l.i += 1;
        return label;
      },
    }),
  ];
}

/** The restore loops of prepare and unmap: a page that lost MIGRATE gets its PTE back, is unlocked and put back. */
function restore<const Lb extends string, const A extends string>(
  $: StepBuilder<L>,
  label: Lb,
  after: A,
): readonly [TypedStep<Lb, TargetsOf<A>>, TypedStep<`${Lb}:next`, TargetsOf<Lb>>] {
  return perPage($, label, 'migrate_vma_unmap', after, (c, i) => {
    const src = srcOf(c);
    const [page, flags] = src[i]!;
    if (page < 0 || (flags & MPFN.MIGRATE) !== 0) return;
    removeMigrationPte(c, page, page);
    src[i] = [-1, 0];
    setSrc(c, src);
    c.unlock(LockName.page(page));
    putPage(c.s, page);
  });
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
 * the page of slot i that collect left mapped (it could not lock it): the
 * anon rmap walk, try_to_unmap_one putting a migration entry where the page
 * was mapped (#28). Only a page mapped once, at this address: the restore
 * and migrate_vma_finalize undo migration entries at the slot's address,
 * where the kernel's remove_migration_ptes walks the rmap again (a page
 * mapped elsewhere too is a ModelError).
 */
function tryToUnmap(c: Ctx<L>, page: number) {
  const v = vmaOf(c.s, c.l.vma);
  const addr = c.l.start + c.l.i;
  const p = pteAt(c.s, v.mm, addr);
  if (c.s.frames[page]!.map !== 1 || p === null || p.kind !== 'present' || p.frame !== page || v.anonVma === null) {
    return c.fail('migrate_vma_unmap: try_to_unmap of a page mapped elsewhere than at its slot (remove_migration_ptes by rmap walk) is not modelled');
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
  locals,
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
    ...restore($, 'remove_migration_pte', 'migrate_vma_unmap'),
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
    ...restore($, 'remove_migration_ptes', 'alloc_and_copy'),
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
    ...perPage($, 'migrate_vma_finalize', 'migrate_vma_finalize', 'up_read', (c, i) => {
      const [page, flags] = srcOf(c)[i]!;
      let newpage = dstOf(c)[i]!;
      if (page < 0) {
        if (newpage >= 0) {
          c.unlock(LockName.page(newpage)); // unlock_page(newpage); put_page(newpage);
          putPage(c.s, newpage);
        }
        return;
      }
      if ((flags & MPFN.MIGRATE) === 0 || newpage < 0) {
        if (newpage >= 0) {
          c.unlock(LockName.page(newpage));
          putPage(c.s, newpage);
        }
        newpage = page;
      }
      removeMigrationPte(c, page, newpage); // remove_migration_ptes(page, newpage, false);
      c.unlock(LockName.page(page)); // unlock_page(page); migrate->cpages--; putback_lru_page(page);
      addCpages(c, -1);
      putPage(c.s, page);
      if (newpage !== page) {
        c.unlock(LockName.page(newpage)); // unlock_page(newpage); putback_lru_page(newpage);
        putPage(c.s, newpage);
      }
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
