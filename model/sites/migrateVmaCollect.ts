/**
 * Site #22, mm/migrate.c:migrate_vma_collect (v5.0) {vma, start, end}: walk
 * the range, collect the pages and unmap the ones it can lock right away
 * (a migration entry replaces the PTE). Scope: `migrate->vma` and
 * `mm_walk.vma` (both the migrated vma; the seed passes NULL).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm_walk.mm, migrate->start, migrate->end);
 *   mmu_notifier_invalidate_range_start(&range);
 *   walk_page_range(migrate->start, migrate->end, &mm_walk);
 *   mmu_notifier_invalidate_range_end(&range);
 *   migrate->end = migrate->start + (migrate->npages << PAGE_SHIFT);
 *
 * migrate_vma_collect_pmd, per PMD: pmd_none -> migrate_vma_collect_hole (MIGRATE, cpages++);
 *   ptep = pte_offset_map_lock(mm, pmdp, addr, &ptl);
 *   per pte: pte_none -> hole; !pte_present (not device private) -> mpfn = 0;
 *     is_zero_pfn(pfn) -> as a hole (MIGRATE, no page, cpages++);
 *     else page = vm_normal_page(); mpfn = migrate_pfn(pfn) | MIGRATE | (pte_write ? WRITE : 0);
 *     get_page(page); migrate->cpages++;
 *     if (trylock_page(page)) { mpfn |= LOCKED; ptep_get_and_clear(mm, addr, ptep);
 *         set_pte_at(mm, addr, ptep, swp_entry_to_pte(make_migration_entry(page, mpfn & WRITE)));
 *         page_remove_rmap(page, false); put_page(page); if (pte_present(pte)) unmapped++; }
 *   pte_unmap_unlock(ptep - 1, ptl);
 *   if (unmapped) flush_tlb_range(walk->vma, start, end);   (after the lock, no invalidate_range)
 * A huge PMD (split_huge_pmd / split_huge_page in collect) is not modelled (ModelError).
 */
import { getPage, isZeroPfn, putPage, removeRmap } from '../mm/frames.js';
import { pmdAddrEnd } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pteAt, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { MPFN, addCpages, setSrc, srcOf, type SrcSlot, type MigrateVmaArgs } from './migrateVmaState.js';

const PMD_AT = 'migrate_vma_collect_pmd';
const MIGRATE_VMA_COLLECT_SITE = '22';

const locals = (a: MigrateVmaArgs) => ({
  /** `migrate->vma` */
  migrate_vma: a.vma,
  /** `mm_walk.vma` */
  mm_walk_vma: a.vma,
  mm: -1,
  start: a.start,
  end: a.end,
  range: -1,
  addr: a.start,
  pmd_end: 0,
  ptl: '',
  unmapped: 0,
});
type L = ReturnType<typeof locals>;

function ptlAt(v: View<L>): string | null {
  const e = pmdAt(v.s, v.l.mm, v.l.addr);
  return e !== null && e.kind === 'table' ? LockName.ptl(e.table) : null;
}

/** migrate_vma_collect_hole over [addr, to): MIGRATE with no page, cpages++. */
function holes(c: Ctx<L>, to: number): void {
  const src = srcOf(c);
  for (let a = c.l.addr; a < to; a++) src.push([-1, MPFN.MIGRATE]);
  setSrc(c, src);
  addCpages(c, to - c.l.addr);
}

export const migrateVmaCollect = defineProgram({
  name: 'migrate_vma_collect',
  file: 'mm/migrate.c',
  params: ['start', 'end'],
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      // mm_walk.mm = migrate->vma->vm_mm;
      c.l.mm = vmaOf(c.s, c.l.migrate_vma).mm;
      c.l.range = rangeInit(c, MIGRATE_VMA_COLLECT_SITE, c.l.mm, c.l.start, c.l.end);
      return c.call(invalidateRangeStart, { r: c.l.range }, 'walk_page_range');
    }),
    $.step('walk_page_range', {
      at: 'mm/pagewalk.c:walk_page_range',
      local: true,
      run: (c) => {
        if (c.l.addr >= c.l.end) return 'mmu_notifier_invalidate_range_end';
        c.l.pmd_end = pmdAddrEnd(c.g, c.l.addr, c.l.end);
        return undefined;
      },
    }),
    $.step('pte_offset_map_lock', {
      at: PMD_AT,
      guard: (v) => {
        const l = ptlAt(v);
        return l === null || canTake(v.s, l);
      },
      run: (c) => {
        const mm = c.l.mm;
        const e = pmdAt(c.s, mm, c.l.addr);
        if (e === null) {
          holes(c, c.l.pmd_end); // if (pmd_none(*pmdp)) return migrate_vma_collect_hole(start, end, walk);
          return 'next_pmd';
        }
        if (e.kind !== 'table') c.fail('migrate_vma_collect_pmd: a huge or migrating PMD (split_huge_pmd) is not modelled');
        const l = ptlAt(c)!;
        c.lock(l);
        c.l.ptl = l;
        const src = srcOf(c);
        for (let a = c.l.addr; a < c.l.pmd_end; a++) {
          const p = pteAt(c.s, mm, a);
          let slot: SrcSlot;
          if (p === null) {
            slot = [-1, MPFN.MIGRATE]; // pte_none: mpfn = MIGRATE_PFN_MIGRATE; migrate->cpages++;
            addCpages(c, 1);
          } else if (p.kind === 'present' && isZeroPfn(c.s, p.frame)) {
            slot = [-1, MPFN.MIGRATE]; // if (is_zero_pfn(pfn)) { mpfn = MIGRATE_PFN_MIGRATE; migrate->cpages++; pfn = 0; goto next; }
            addCpages(c, 1);
          } else if (p.kind !== 'present' || c.s.frames[p.frame]!.huge) {
            slot = [-1, 0]; // not device private / PageTransCompound: mpfn = pfn = 0
          } else {
            const f = p.frame;
            let mpfn = MPFN.MIGRATE | (p.write ? MPFN.WRITE : 0);
            getPage(c.s, f); // get_page(page); migrate->cpages++;
            addCpages(c, 1);
            if (c.tryLock(LockName.page(f))) {
              mpfn |= MPFN.LOCKED;
              setPte(c.s, mm, a, { kind: 'migration', frame: f, write: p.write }); // ptep_get_and_clear + set_pte_at(migration entry)
              removeRmap(c.s, f);
              putPage(c.s, f);
              c.l.unmapped += 1;
            }
            slot = [f, mpfn];
          }
          src.push(slot);
        }
        setSrc(c, src);
        return undefined;
      },
    }),
    $.step('pte_unmap_unlock', {
      at: PMD_AT,
      run: (c) => {
        c.unlock(c.l.ptl);
        c.l.ptl = '';
        // if (unmapped) flush_tlb_range(walk->vma, start, end);
        if (c.l.unmapped > 0) flushTlbRange(c.s, c.l.mm, c.l.addr, c.l.pmd_end);
        c.l.unmapped = 0;
        return undefined;
      },
    }),
    $.local(
      'next_pmd',
      (c) => {
        c.l.addr = c.l.pmd_end;
        return 'walk_page_range';
      },
      'mm/pagewalk.c:walk_pmd_range',
    ),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
    $.local('return', () => DONE),
  ],
});
