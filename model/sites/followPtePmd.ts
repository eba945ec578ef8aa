/**
 * Sites #20 (PMD branch) and #21 (PTE branch), mm/memory.c:__follow_pte_pmd
 * (v5.0) {mm, address}, called through follow_pte_pmd with a range and
 * pmdpp (fs/dax.c:dax_entry_mkclean is the only such caller). No vma is in
 * scope. On success it returns 0 with the PMD or PTE lock held and the range
 * started: the caller ends it. rv: 0 or -22.
 *
 *   walk pgd/p4d/pud: none or bad -> goto out;
 *   if (pmd_huge(*pmd)) { if (!pmdpp) goto out;
 *       if (range) { mmu_notifier_range_init(range, <event>, <vma>, mm, address & PMD_MASK, +PMD_SIZE);
 *                    mmu_notifier_invalidate_range_start(range); }
 *       *ptlp = pmd_lock(mm, pmd); if (pmd_huge(*pmd)) { *pmdpp = pmd; return 0; }
 *       spin_unlock(*ptlp); if (range) mmu_notifier_invalidate_range_end(range); }
 *   if (pmd_none(*pmd) || unlikely(pmd_bad(*pmd))) goto out;
 *   if (range) { mmu_notifier_range_init(range, <event>, <vma>, mm, address & PAGE_MASK, +PAGE_SIZE);
 *                mmu_notifier_invalidate_range_start(range); }
 *   ptep = pte_offset_map_lock(mm, pmd, address, ptlp); if (!pte_present(*ptep)) goto unlock; *ptepp = ptep; return 0;
 * unlock: pte_unmap_unlock(ptep, *ptlp); if (range) mmu_notifier_invalidate_range_end(range);
 * out: return -EINVAL;
 */
import { pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { lockStep } from '../mm/step/steps.js';

const M = 'mm/memory.c';
export const FOLLOW_PMD_SITE = '20';
export const FOLLOW_PTE_SITE = '21';
const num = (v: StepView | StepCtx, k: string): number => v.l[k] as number;
const pmdl = (v: StepView): string => LockName.pmd(pmdTableOf(v.s, num(v, 'mm'), num(v, 'address'))!);
const ptl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, num(v, 'mm'), num(v, 'address'))!);
const huge = (c: StepView): boolean => pmdAt(c.s, num(c, 'mm'), num(c, 'address'))?.kind === 'huge';

function out(c: StepCtx): string {
  c.ret(-22);
  return DONE;
}

export const followPtePmd: Program = {
  name: '__follow_pte_pmd',
  locals: (a) => ({ mm: a['mm'] ?? null, address: a['address'] ?? null, range: -1 }),
  steps: [
    {
      label: 'pmd_huge',
      at: `${M}:__follow_pte_pmd`,
      run: (c) => {
        // pud_none(*pud) -> goto out; pmd = pmd_offset(pud, address); if (pmd_huge(*pmd)) { ... if (range) { init; start } }
        if (pmdTableOf(c.s, c.n('mm'), c.n('address')) === null) return out(c);
        if (!huge(c)) return 'pmd_none';
        const base = c.n('address') - (c.n('address') % pmdSize(c.g));
        c.l['range'] = rangeInit(c, FOLLOW_PMD_SITE, c.n('mm'), base, base + pmdSize(c.g));
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pmd_lock');
      },
    },
    lockStep('pmd_lock', `${M}:__follow_pte_pmd`, pmdl, 'w', (c) => {
      // *ptlp = pmd_lock(mm, pmd); if (pmd_huge(*pmd)) { *pmdpp = pmd; return 0; }
      if (huge(c)) {
        c.ret(0);
        return DONE;
      }
      // spin_unlock(*ptlp); if (range) mmu_notifier_invalidate_range_end(range);
      c.unlock(pmdl(c));
      return c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'pmd_none');
    }),
    {
      label: 'pmd_none',
      at: `${M}:__follow_pte_pmd`,
      run: (c) => {
        // if (pmd_none(*pmd) || unlikely(pmd_bad(*pmd))) goto out; if (range) { init; start }
        if (pteTableOf(c.s, c.n('mm'), c.n('address')) === null) return out(c);
        c.l['range'] = rangeInit(c, FOLLOW_PTE_SITE, c.n('mm'), c.n('address'), c.n('address') + 1);
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pte_offset_map_lock');
      },
    },
    lockStep('pte_offset_map_lock', `${M}:__follow_pte_pmd`, ptl, 'w', (c) => {
      // ptep = pte_offset_map_lock(mm, pmd, address, ptlp); if (!pte_present(*ptep)) goto unlock; *ptepp = ptep; return 0;
      if (pteAt(c.s, c.n('mm'), c.n('address'))?.kind === 'present') {
        c.ret(0);
        return DONE;
      }
      c.unlock(ptl(c));
      return c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'out');
    }),
    { label: 'out', at: `${M}:__follow_pte_pmd`, local: true, run: (c) => out(c) },
  ],
};
