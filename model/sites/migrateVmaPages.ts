/**
 * Site #23, mm/migrate.c:migrate_vma_pages (v5.0) {vma, start, end}, with
 * migrate_vma_insert_page. The range starts lazily at the first hole that
 * gets a new page. Scope: `migrate->vma` (the seed passes NULL).
 *
 *   for (i = 0, addr = start; i < npages; addr += PAGE_SIZE, i++) {
 *       if (!newpage) { migrate->src[i] &= ~MIGRATE_PFN_MIGRATE; continue; }
 *       if (!page) {
 *           if (!(migrate->src[i] & MIGRATE_PFN_MIGRATE)) continue;
 *           if (!notified) { notified = true;
 *               mmu_notifier_range_init(&range, <event>, <vma>, migrate->vma->vm_mm, addr, migrate->end);
 *               mmu_notifier_invalidate_range_start(&range); }
 *           migrate_vma_insert_page(migrate, addr, newpage, &migrate->src[i], &migrate->dst[i]);
 *           continue;
 *       }
 *       r = migrate_page(mapping, newpage, page, MIGRATE_SYNC_NO_COPY);
 *       if (r != MIGRATEPAGE_SUCCESS) migrate->src[i] &= ~MIGRATE_PFN_MIGRATE;
 *   }
 *   if (notified) mmu_notifier_invalidate_range_only_end(&range);
 *
 * migrate_vma_insert_page: anonymous vma only; pte_alloc; ptep = pte_offset_map_lock();
 *   if (pte_present(*ptep)) { if (!is_zero_pfn(pfn)) abort; flush = true; }
 *   else if (!pte_none(*ptep)) abort;
 *   page_add_new_anon_rmap(page); get_page(page);
 *   if (flush) { ptep_clear_flush_notify(vma, addr, ptep); set_pte_at_notify(mm, addr, ptep, entry); }
 *   else set_pte_at(mm, addr, ptep, entry)  ("No need to invalidate - it was non-present before");
 *   entry = mk_pte(page, vma->vm_page_prot); if (vma->vm_flags & VM_WRITE) entry = pte_mkwrite(pte_mkdirty(entry));
 * abort: *src &= ~MIGRATE_PFN_MIGRATE;
 * migrate_page (anonymous, no mapping): migrate_page_move_mapping: page_count(page) != 1 -> -EAGAIN.
 */
import { addRmap, getPage, isZeroPfn } from '../mm/frames.js';
import type { Pte } from '../mm/MmState.js';
import { flushTlbRange } from '../mm/tlb.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeOnlyEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, populatePmdTable, populatePteTable, pteAt, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { isAnon, vmaOf } from '../mm/vmas.js';
import { MPFN, dstOf, setSrc, srcOf, type MigrateVmaArgs } from './migrateVmaState.js';
import { unlockPtlStep } from './pvmw.js';
import { changePte, invalidateRange } from '../mm/notifier/dispatchPrograms.js';

const INS = 'migrate_vma_insert_page';
const MIGRATE_VMA_PAGES_SITE = '23';

const locals = (a: MigrateVmaArgs) => ({
  /** `migrate->vma` */
  migrate_vma: a.vma,
  mm: -1,
  start: a.start,
  end: a.end,
  i: 0,
  notified: false,
  range: -1,
  ptl: '',
});
type L = ReturnType<typeof locals>;

const addr = (v: View<L>): number => v.l.start + v.l.i;

function clearMigrate(c: Ctx<L>): 'next' {
  const src = srcOf(c);
  src[c.l.i]![1] &= ~MPFN.MIGRATE;
  setSrc(c, src);
  return 'next';
}

function ptlAt(v: View<L>): string | null {
  const e = pmdAt(v.s, v.l.mm, addr(v));
  return e !== null && e.kind === 'table' ? LockName.ptl(e.table) : null;
}

/** entry = mk_pte(page, vma->vm_page_prot); if (vma->vm_flags & VM_WRITE) entry = pte_mkwrite(pte_mkdirty(entry)); */
function newPte(c: Ctx<L>): Extract<Pte, { kind: 'present' }> {
  const w = vmaOf(c.s, c.l.migrate_vma).flags.write;
  return { kind: 'present', frame: dstOf(c)[c.l.i]!, write: w, dirty: w, young: true, softDirty: w };
}

export const migrateVmaPages = defineProgram({
  name: 'migrate_vma_pages',
  file: 'mm/migrate.c',
  params: ['start', 'end'],
  locals,
  steps: ($) => [
    $.step('for_each_page', (c) => {
      c.l.mm = vmaOf(c.s, c.l.migrate_vma).mm;
      const src = srcOf(c);
      const i = c.l.i;
      if (i >= src.length) return 'mmu_notifier_invalidate_range_only_end';
      const [page, flags] = src[i]!;
      const newpage = dstOf(c)[i]!;
      if (newpage < 0) return clearMigrate(c);
      if (page < 0) {
        if ((flags & MPFN.MIGRATE) === 0) return 'next';
        if (c.l.notified) return 'pmd_alloc';
        c.l.notified = true;
        c.l.range = rangeInit(c, MIGRATE_VMA_PAGES_SITE, c.l.mm, addr(c), c.l.end);
        return c.call(invalidateRangeStart, { r: c.l.range }, 'pmd_alloc');
      }
      if ((flags & MPFN.MIGRATE) === 0) return 'next';
      // r = migrate_page(NULL, newpage, page, MIGRATE_SYNC_NO_COPY): page_count(page) must be 1 (our isolation reference)
      if (c.s.frames[page]!.ref !== 1) return clearMigrate(c);
      return 'next';
    }),
    $.step('pmd_alloc', {
      at: INS,
      guard: (v) => pmdTableOf(v.s, v.l.mm, addr(v)) !== null || canTake(v.s, LockName.pageTable(v.l.mm)),
      run: (c) => {
        // if (!vma_is_anonymous(vma)) goto abort; pmdp = pmd_alloc(mm, pudp, addr): spin_lock(&mm->page_table_lock); pud_populate(); spin_unlock
        if (!isAnon(vmaOf(c.s, c.l.migrate_vma))) return clearMigrate(c);
        const mm = c.l.mm;
        if (pmdTableOf(c.s, mm, addr(c)) !== null) return '__pte_alloc';
        c.lock(LockName.pageTable(mm));
        c.l.ptl = LockName.pageTable(mm);
        populatePmdTable(c.s, mm, addr(c));
        return undefined;
      },
    }),
    unlockPtlStep($, 'pmd_alloc:spin_unlock', 'mm/memory.c:__pmd_alloc'),
    $.step('__pte_alloc', {
      at: 'mm/memory.c:__pte_alloc',
      guard: (v) => pmdAt(v.s, v.l.mm, addr(v)) !== null || canTake(v.s, LockName.pmd(pmdTableOf(v.s, v.l.mm, addr(v))!)),
      run: (c) => {
        // if (pmd_trans_huge(*pmdp) || pmd_devmap(*pmdp)) goto abort; if (pte_alloc(mm, pmdp)) goto abort:
        //   ptl = pmd_lock(mm, pmd); if (likely(pmd_none(*pmd))) pmd_populate(mm, pmd, new); spin_unlock(ptl);
        const mm = c.l.mm;
        const e = pmdAt(c.s, mm, addr(c));
        if (e !== null) return e.kind === 'table' ? 'pte_offset_map_lock' : clearMigrate(c);
        const l = LockName.pmd(pmdTableOf(c.s, mm, addr(c))!);
        c.lock(l);
        c.l.ptl = l;
        populatePteTable(c.s, mm, addr(c));
        return undefined;
      },
    }),
    unlockPtlStep($, '__pte_alloc:spin_unlock', 'mm/memory.c:__pte_alloc'),
    $.step('pte_offset_map_lock', {
      at: INS,
      guard: (v) => {
        const l = ptlAt(v);
        return l !== null && canTake(v.s, l);
      },
      run: (c) => {
        const l = ptlAt(c)!;
        c.lock(l);
        c.l.ptl = l;
        const mm = c.l.mm;
        const i = c.l.i;
        const src = srcOf(c);
        // if (pte_present(*ptep)) { if (!is_zero_pfn(pfn)) abort; flush = true; } else if (!pte_none(*ptep)) abort;
        const p = pteAt(c.s, mm, addr(c));
        const flush = p !== null && p.kind === 'present' && isZeroPfn(c.s, p.frame);
        if (p !== null && !flush) {
          src[i]![1] &= ~MPFN.MIGRATE;
          setSrc(c, src);
          return 'pte_unmap_unlock';
        }
        const page = dstOf(c)[i]!;
        addRmap(c.s, page); // page_add_new_anon_rmap(page, vma, addr, false); get_page(page);
        getPage(c.s, page);
        src[i] = [-1, MPFN.MIGRATE]; // *src = MIGRATE_PFN_MIGRATE;
        setSrc(c, src);
        if (!flush) {
          // /* No need to invalidate - it was non-present before */ set_pte_at(mm, addr, ptep, entry);
          setPte(c.s, mm, addr(c), newPte(c));
          return 'pte_unmap_unlock';
        }
        // if (flush) { flush_cache_page(); ptep_clear_flush_notify(vma, addr, ptep); set_pte_at_notify(mm, addr, ptep, entry); }
        setPte(c.s, mm, addr(c), null);
        flushTlbRange(c.s, mm, addr(c), addr(c) + 1);
        return c.call(invalidateRange, { mm, start: addr(c), end: addr(c) + 1 }, 'set_pte_at_notify');
      },
    }),
    $.step('set_pte_at_notify', {
      at: INS,
      local: true,
      run: (c) => {
        const e = newPte(c);
        return c.call(changePte, { mm: c.l.mm, addr: addr(c), frame: e.frame, write: e.write }, 'set_pte_at');
      },
    }),
    $.step('set_pte_at', {
      at: INS,
      run: (c) => {
        setPte(c.s, c.l.mm, addr(c), newPte(c));
        return undefined;
      },
    }),
    unlockPtlStep($, 'pte_unmap_unlock', INS),
    $.local('next', (c) => {
      c.l.i += 1;
      return 'for_each_page';
    }),
    $.local('mmu_notifier_invalidate_range_only_end', (c) => {
      // "No need to double call mmu_notifier->invalidate_range() callback as the above ptep_clear_flush_notify() ... did already call it."
      if (!c.l.notified) return DONE;
      return c.call(invalidateRangeOnlyEnd, { r: c.l.range }, 'return');
    }),
    $.local('return', () => DONE),
  ],
});
