/**
 * The DAX writeback path to sites #20/#21: fs/dax.c:dax_entry_mkclean (v5.0)
 * as the operation `dax_writeback` {file, index} (dax_writeback_one ->
 * dax_entry_mkclean(mapping, index, pfn)); the DAX pfn is the file page's
 * frame. The range that __follow_pte_pmd started is ended here.
 *
 *   i_mmap_lock_read(mapping);
 *   vma_interval_tree_foreach(vma, &mapping->i_mmap, index, index) {
 *       if (!(vma->vm_flags & VM_SHARED)) continue;
 *       address = pgoff_address(index, vma);
 *       if (follow_pte_pmd(vma->vm_mm, address, &range, &ptep, &pmdp, &ptl)) continue;
 *       if (pmdp) { if (pfn != pmd_pfn(*pmdp)) goto unlock_pmd; if (!pmd_dirty(*pmdp) && !pmd_write(*pmdp)) goto unlock_pmd;
 *                   pmd = pmdp_invalidate(vma, address, pmdp); pmd = pmd_wrprotect(pmd); pmd = pmd_mkclean(pmd); set_pmd_at(); unlock_pmd: spin_unlock(ptl); }
 *       else { if (pfn != pte_pfn(*ptep)) goto unlock_pte; if (!pte_dirty(*ptep) && !pte_write(*ptep)) goto unlock_pte;
 *              pte = ptep_clear_flush(vma, address, ptep); pte = pte_wrprotect(pte); pte = pte_mkclean(pte); set_pte_at(); unlock_pte: pte_unmap_unlock(ptep, ptl); }
 *       mmu_notifier_invalidate_range_end(&range);
 *   }
 *   i_mmap_unlock_read(mapping);
 *
 * `ptep_clear_flush` is not the `_notify` variant: the secondary TLBs are
 * flushed by the `invalidate_range` that the (full) range end calls.
 */
import { pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd } from '../mm/notifier/dispatchPrograms.js';
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf, setPmd, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';
import { FOLLOW_PMD_SITE } from './followPtePmd.js';
import { followPtePmd } from './followPtePmd.js';
import { presentWith } from '../mm/pteWith.js';

/** {file, index}: the DAX entry's mapping and page index */
const locals = (a: { readonly file: number; readonly index: number }) => ({
  file: a.file,
  index: a.index,
  i: 0, // the interval-tree loop's position among the mappers
  vma: -1,
  address: 0,
});
type L = ReturnType<typeof locals>;

const iMmap = (v: View<L>): string => LockName.iMmap(v.l.file);

/** The shared vmas mapping the file index, in the interval tree's (id) order. */
function mappers(c: Ctx<L>): number[] {
  return fileVmas(c.s, c.l.file).filter((id) => {
    const v = vmaOf(c.s, id);
    return v.pgoff <= c.l.index && c.l.index < v.pgoff + (v.end - v.start);
  });
}

/** The last range this thread initialised: the one __follow_pte_pmd left started. */
const lastRange = (c: Ctx<L>): number => c.t.ranges.length - 1;

function mkclean(c: Ctx<L>): 'mmu_notifier_invalidate_range_end' | 'pte_unmap_unlock' {
  const v = vmaOf(c.s, c.l.vma);
  const a = c.l.address;
  const pfn = c.s.files[c.l.file]!.pages[c.l.index];
  if (rangeOf(c, lastRange(c)).site === FOLLOW_PMD_SITE) {
    const e = pmdAt(c.s, v.mm, a);
    if (e !== null && e.kind === 'huge' && e.frame === pfn && (e.dirty || e.write)) {
      // pmd = pmdp_invalidate(vma, address, pmdp); pmd = pmd_wrprotect(pmd); pmd = pmd_mkclean(pmd); set_pmd_at(vma->vm_mm, address, pmdp, pmd);
      const base = a - (a % pmdSize(c.g));
      flushTlbRange(c.s, v.mm, base, base + pmdSize(c.g));
      setPmd(c.s, v.mm, a, { ...e, write: false, dirty: false });
    }
    c.unlock(LockName.pmd(pmdTableOf(c.s, v.mm, a)!)); // unlock_pmd: spin_unlock(ptl);
    return 'mmu_notifier_invalidate_range_end';
  }
  const p = pteAt(c.s, v.mm, a);
  if (p !== null && p.kind === 'present' && p.frame === pfn && (p.dirty || p.write)) {
    // pte = ptep_clear_flush(vma, address, ptep); pte = pte_wrprotect(pte); pte = pte_mkclean(pte); set_pte_at(vma->vm_mm, address, ptep, pte);
    flushTlbRange(c.s, v.mm, a, a + 1);
    setPte(c.s, v.mm, a, presentWith(p, { write: false, dirty: false }));
  }
  return 'pte_unmap_unlock';
}

export const daxEntryMkclean = defineProgram({
  name: 'dax_writeback',
  file: 'fs/dax.c',
  params: ['file', 'index'],
  locals,
  steps: ($) => [
    $.lock('i_mmap_lock_read', iMmap, { at: 'dax_entry_mkclean', mode: 'r' }),
    $.step('vma_interval_tree_foreach', {
      at: 'dax_entry_mkclean',
      run: (c) => {
        // if (!(vma->vm_flags & VM_SHARED)) continue; address = pgoff_address(index, vma);
        const vs = mappers(c);
        while (c.l.i < vs.length && !vmaOf(c.s, vs[c.l.i]!).flags.shared) c.l.i += 1;
        if (c.l.i >= vs.length) return 'i_mmap_unlock_read';
        const v = vmaOf(c.s, vs[c.l.i]!);
        c.l.i += 1;
        c.l.vma = v.id;
        c.l.address = v.start + (c.l.index - v.pgoff);
        // if (follow_pte_pmd(vma->vm_mm, address, &range, &ptep, &pmdp, &ptl)) continue;
        return c.call(followPtePmd, { mm: v.mm, address: c.l.address }, 'mkclean');
      },
    }),
    $.step('mkclean', {
      at: 'dax_entry_mkclean',
      run: (c) => (c.t.rv !== 0 ? 'vma_interval_tree_foreach' : mkclean(c)),
    }),
    $.unlock('pte_unmap_unlock', (v) => LockName.ptl(pteTableOf(v.s, vmaOf(v.s, v.l.vma).mm, v.l.address)!), { at: 'dax_entry_mkclean' }),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: lastRange(c) }, 'vma_interval_tree_foreach'), 'dax_entry_mkclean'),
    $.unlock('i_mmap_unlock_read', iMmap, {
      at: 'dax_entry_mkclean',
      mode: 'r',
      then: (c) => {
        c.ret(0);
        return DONE;
      },
    }),
  ],
});
