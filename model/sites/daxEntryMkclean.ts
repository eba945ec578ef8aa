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
import { rangeOf } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf, setPmd, setPte } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { fileVmas, vmaOf } from '../mm/vmas.js';
import { FOLLOW_PMD_SITE } from './followPtePmd.js';

const D = 'fs/dax.c';
const iMmap = (v: StepView): string => LockName.iMmap(v.l['file'] as number);

/** The shared vmas mapping the file index, in the interval tree's (id) order. */
function mappers(c: StepCtx): number[] {
  return fileVmas(c.s, c.n('file')).filter((id) => {
    const v = vmaOf(c.s, id);
    return v.pgoff <= c.n('index') && c.n('index') < v.pgoff + (v.end - v.start);
  });
}

/** The last range this thread initialised: the one __follow_pte_pmd left started. */
const lastRange = (c: StepCtx): number => c.t.ranges.length - 1;

function mkclean(c: StepCtx): string {
  const v = vmaOf(c.s, c.n('vma'));
  const a = c.n('address');
  const pfn = c.s.files[c.n('file')]!.pages[c.n('index')];
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
    setPte(c.s, v.mm, a, { ...p, write: false, dirty: false });
  }
  return 'pte_unmap_unlock';
}

export const daxEntryMkclean: Program = {
  name: 'dax_writeback',
  locals: (a) => ({ file: a['file'] ?? null, index: a['index'] ?? null, i: 0, vma: -1, address: 0 }),
  steps: [
    lockStep('i_mmap_lock_read', `${D}:dax_entry_mkclean`, iMmap, 'r'),
    {
      label: 'vma_interval_tree_foreach',
      at: `${D}:dax_entry_mkclean`,
      run: (c) => {
        // if (!(vma->vm_flags & VM_SHARED)) continue; address = pgoff_address(index, vma);
        const vs = mappers(c);
        while (c.n('i') < vs.length && !vmaOf(c.s, vs[c.n('i')]!).flags.shared) c.l['i'] = c.n('i') + 1;
        if (c.n('i') >= vs.length) return 'i_mmap_unlock_read';
        const v = vmaOf(c.s, vs[c.n('i')]!);
        c.l['i'] = c.n('i') + 1;
        c.l['vma'] = v.id;
        c.l['address'] = v.start + (c.n('index') - v.pgoff);
        // if (follow_pte_pmd(vma->vm_mm, address, &range, &ptep, &pmdp, &ptl)) continue;
        return c.call('__follow_pte_pmd', { mm: v.mm, address: c.n('address') }, 'mkclean');
      },
    },
    {
      label: 'mkclean',
      at: `${D}:dax_entry_mkclean`,
      run: (c) => (c.t.rv !== 0 ? 'vma_interval_tree_foreach' : mkclean(c)),
    },
    unlockStep('pte_unmap_unlock', `${D}:dax_entry_mkclean`, (v) => LockName.ptl(pteTableOf(v.s, vmaOf(v.s, v.l['vma'] as number).mm, v.l['address'] as number)!)),
    localStep('mmu_notifier_invalidate_range_end', `${D}:dax_entry_mkclean`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: lastRange(c) }, 'vma_interval_tree_foreach'),
    ),
    unlockStep('i_mmap_unlock_read', `${D}:dax_entry_mkclean`, iMmap, 'r', (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
};
