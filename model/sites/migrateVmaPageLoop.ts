/**
 * The per-page loops of mm/migrate.c:migrate_vma (v5.0) that put mappings
 * back: migrate_vma_prepare's and migrate_vma_unmap's restores and
 * migrate_vma_finalize (model/sites/migrateVma.ts), with the locals of the
 * migrate_vma program they are steps of.
 */
import { addRmap, getPage, putPage } from '../mm/frames.js';
import { pages, type Geometry } from '../mm/Geometry.js';
import type { MmState } from '../mm/MmState.js';
import { LockName, canTake } from '../mm/locks.js';
import { pteAt, setPte } from '../mm/pageTable.js';
import type { Ctx, StepBuilder, TargetsOf, TypedStep, View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { MPFN, setSrc, srcOf, type MigrateVmaArgs } from './migrateVmaState.js';
import { ptlOf } from './pvmw.js';
import { rmapWalkAnon } from './rmapWalkAnon.js';

/** The locals of the migrate_vma program. */
export const migrateVmaLocals = (a: MigrateVmaArgs) => ({
  vma: a.vma,
  start: a.start,
  end: a.end,
  /** the page the per-page loops are at */
  i: 0,
  /** the PTE lock remove_migration_pte holds ('' when none) */
  ptl: '',
});
export type MigrateVmaLocals = ReturnType<typeof migrateVmaLocals>;
type L = MigrateVmaLocals;

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

/** One page of a loop that puts mappings back (remove_migration_pte(s)); see perPage. */
export interface PageLoop {
  /** What comes before the remap (dropping a new page that will not be used). */
  readonly before?: (c: Ctx<L>, i: number) => void;
  /** remove_migration_ptes(old, new) for page i: [old, new], or null when page i is not remapped. */
  readonly remap: (c: Ctx<L>, i: number) => readonly [number, number] | null;
  /** What follows the remap of page i (only a page `remap` names): unlock_page, putback_lru_page. */
  readonly after: (c: Ctx<L>, i: number) => void;
  /**
   * remove_migration_ptes (an rmap walk) rather than remove_migration_pte at
   * the slot: the page's migration entries elsewhere (other mms, left by
   * try_to_unmap) are found by rmap_walk_anon; one only at the slot is
   * replaced in the loop's step (the walk would find just that one).
   */
  readonly walk: boolean;
}

/** Whether a migration entry for `page` is anywhere but at (mm, addr) (try_to_unmap put it there). */
function migrationEntryElsewhere(s: MmState, g: Geometry, page: number, mm: number, addr: number): boolean {
  for (let m = 0; m < s.mms.length; m++) {
    for (let a = 0; a < pages(g); a++) {
      if (m === mm && a === addr) continue;
      const p = pteAt(s, m, a);
      if (p !== null && p.kind === 'migration' && p.frame === page) return true;
    }
  }
  return false;
}

/** perPage's steps: `label`, `label:walked` (with `walk` only) and `label:next`. */
type PerPageSteps<Lb extends string, A extends string, W extends boolean> = W extends true
  ? readonly [
      TypedStep<Lb, TargetsOf<A> | `${Lb}:walked` | TargetsOf<`${Lb}:next`>>,
      TypedStep<`${Lb}:walked`, TargetsOf<`${Lb}:next`>>,
      TypedStep<`${Lb}:next`, TargetsOf<Lb>>,
    ]
  : readonly [TypedStep<Lb, TargetsOf<A> | TargetsOf<`${Lb}:next`>>, TypedStep<`${Lb}:next`, TargetsOf<Lb>>];

/**
 * A loop over the pages: for page i, `before`, the remap (removeMigrationPte
 * at the slot, which takes the PTE lock; or, with `walk` and entries elsewhere,
 * a call of rmap_walk_anon(new) with remove_migration_pte), then `after`
 * (both only for a page `remap` names);
 * then a step that drops the PTE lock and goes on with i + 1. Past the last
 * page go to `next`. Steps: `label`, `label:walked` (after the walk; only
 * with `walk`) and `label:next`.
 */
export function perPage<const Lb extends string, const A extends string, const W extends boolean>(
  $: StepBuilder<L>,
  label: Lb,
  at: string,
  next: A,
  loop: PageLoop & { readonly walk: W },
): PerPageSteps<Lb, A, W> {
  const walked = `${label}:walked` as const;
  const first = $.step(label, {
    at,
    guard: ptlFree,
    run: (c) => {
      const i = c.l.i;
      if (i >= srcOf(c).length) {
        c.l.i = 0;
        return next;
      }
      loop.before?.(c, i);
      const pair = loop.remap(c, i);
      if (pair !== null) {
        const v = vmaOf(c.s, c.l.vma);
        const a = c.l.start + i;
        if (loop.walk && migrationEntryElsewhere(c.s, c.g, pair[0], v.mm, a)) {
          if (v.anonVma === null) return c.fail('remove_migration_ptes of a file page mapped elsewhere (rmap_walk_file) is not modelled for migrate_vma');
          // remove_migration_ptes(old, new, false): rmap_walk(new, &rwc), rwc.rmap_one = remove_migration_pte, rwc.arg = old
          const args = { page: pair[1], index: v.pgoff + (a - v.start), anon_vma: v.anonVma, one: 'remove_migration_pte', arg: pair[0] };
          return c.call(rmapWalkAnon, args, walked);
        }
        removeMigrationPte(c, pair[0], pair[1]);
        loop.after(c, i);
      }
      return `${label}:next` as const;
    },
  });
  const afterWalk = $.step(walked, {
    at,
    run: (c) => {
      loop.after(c, c.l.i);
      return `${label}:next` as const;
    },
  });
  const nextPage = $.step(`${label}:next` as const, {
    at,
    run: (c) => {
      if (c.l.ptl !== '') c.unlock(c.l.ptl);
      c.l.ptl = '';
      c.l.i += 1;
      return label;
    },
  });
  // the step after the walk only where the loop walks (a restore at the slot never calls it)
  // (tsc cannot narrow W by the value of loop.walk: the first step goes to `walked` only when loop.walk holds)
  return (loop.walk ? [first, afterWalk, nextPage] : [first, nextPage]) as unknown as PerPageSteps<Lb, A, W>;
}

/**
 * The restore loops of prepare and unmap (`at`: the function the loop is in):
 * a page that lost MIGRATE gets its PTE back, is unlocked and put back.
 * Prepare's calls remove_migration_pte at the slot; unmap's
 * remove_migration_ptes, an rmap walk (`walk`).
 */
export function restore<const Lb extends string, const A extends string, const W extends boolean>($: StepBuilder<L>, label: Lb, at: string, next: A, walk: W) {
  return perPage($, label, at, next, {
    walk,
    remap: (c, i) => {
      const [page, flags] = srcOf(c)[i]!;
      return page < 0 || (flags & MPFN.MIGRATE) !== 0 ? null : [page, page];
    },
    after: (c, i) => {
      const src = srcOf(c);
      const page = src[i]![0];
      src[i] = [-1, 0];
      setSrc(c, src);
      c.unlock(LockName.page(page));
      putPage(c.s, page);
    },
  });
}
