/**
 * mm/migrate.c:remove_migration_pte (v5.0) as an rmap_one callback {page:
 * new, vma, address, arg: old}: where the walk finds a migration entry for
 * `old` (PVMW_MIGRATION), map `new` in its place. Used by
 * remove_migration_ptes(old, new) -> rmap_walk(new, &rwc).
 *
 *   while (page_vma_mapped_walk(&pvmw)) {
 *       get_page(new); pte = pte_mkold(mk_pte(new, READ_ONCE(vma->vm_page_prot)));
 *       if (is_write_migration_entry(entry)) pte = maybe_mkwrite(pte, vma);
 *       if (PageHuge(new)) { pte = pte_mkhuge(pte); set_huge_pte_at(vma->vm_mm, pvmw.address, pvmw.pte, pte);
 *           if (PageAnon(new)) hugepage_add_anon_rmap(new, vma, pvmw.address); else page_dup_rmap(new, true); }
 *       else { set_pte_at(...); page_add_{anon,file}_rmap(new, ...); }
 *   }
 *   return true;
 */
import { addRmap, getPage } from '../mm/frames.js';
import { pmdSize } from '../mm/Geometry.js';
import type { PmdEntry, Pte } from '../mm/MmState.js';
import { pmdAt, pteAt, setPmd, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { pvmwCanLock, pvmwDoneStep, pvmwLock } from './pvmw.js';
import type { RmapOneArgs } from './rmapOneProgram.js';

const locals = (a: RmapOneArgs) => ({
  /** the new page */
  page: a.page,
  vma: a.vma,
  address: a.address,
  /** the old page (rwc->arg) */
  arg: a.arg ?? -1,
  mm: -1,
  ptl: '',
});

export const removeMigrationPte = defineProgram({
  name: 'remove_migration_pte',
  file: 'mm/migrate.c',
  params: ['page', 'vma', 'address', 'arg'],
  locals,
  steps: ($) => [
    $.step('page_vma_mapped_walk', {
      at: 'mm/page_vma_mapped.c:page_vma_mapped_walk',
      guard: (v) => pvmwCanLock(v.s, vmaOf(v.s, v.l.vma).mm, v.l.address, v.l.arg),
      run: (c) => {
        // PVMW_SYNC | PVMW_MIGRATION on the old page
        const v = vmaOf(c.s, c.l.vma);
        c.l.mm = v.mm;
        const l = pvmwLock(c, v.mm, c.l.address, c.l.arg, true);
        if (l === null) return 'return';
        const e = c.s.frames[c.l.arg]!.huge ? pmdAt(c.s, v.mm, c.l.address) : pteAt(c.s, v.mm, c.l.address);
        if (e === null || e.kind !== 'migration') {
          c.unlock(l); // a present entry of the old page: not a migration entry, nothing to do
          return 'return';
        }
        c.l.ptl = l;
        const nw = c.l.page;
        const write = e.write && v.flags.write;
        getPage(c.s, nw);
        addRmap(c.s, nw);
        if (c.s.frames[nw]!.huge) {
          const h: PmdEntry = { kind: 'huge', frame: nw, write, dirty: false, young: false, softDirty: false };
          setPmd(c.s, v.mm, c.l.address - (c.l.address % pmdSize(c.g)), h);
        } else {
          const p: Pte = { kind: 'present', frame: nw, write, dirty: false, young: false, softDirty: false };
          setPte(c.s, v.mm, c.l.address, p);
        }
        return undefined;
      },
    }),
    pvmwDoneStep($),
    $.step('return', (c) => {
      c.ret(true);
      return DONE;
    }),
  ],
});
