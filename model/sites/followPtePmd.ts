/**
 * Sites #20 (PMD branch) and #21 (PTE branch), mm/memory.c:__follow_pte_pmd
 * (v5.0) {mm, address}, called through follow_pte_pmd with a range and
 * pmdpp (fs/dax.c:dax_entry_mkclean is the only such caller). No vma is in
 * scope. On success it returns 0 with the PMD or PTE lock held and the range
 * started: the caller ends it. rv: 0 or -EINVAL.
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
import { EINVAL } from '../mm/errno.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, pteAt, pteTableOf } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';

export const FOLLOW_PMD_SITE = '20';
const FOLLOW_PTE_SITE = '21';

interface Args {
  readonly mm: number;
  readonly address: number;
}
const locals = (a: Args) => ({ mm: a.mm, address: a.address, range: -1 });
type L = ReturnType<typeof locals>;

const pmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, v.l.mm, v.l.address)!);
const ptl = (v: View<L>): string => LockName.ptl(pteTableOf(v.s, v.l.mm, v.l.address)!);
const huge = (v: View<L>): boolean => pmdAt(v.s, v.l.mm, v.l.address)?.kind === 'huge';

/** out: return -EINVAL; */
function out(c: Ctx<L>): typeof DONE {
  c.ret(EINVAL);
  return DONE;
}

export const followPtePmd = defineProgram({
  name: '__follow_pte_pmd',
  file: 'mm/memory.c',
  params: ['mm', 'address'],
  locals,
  steps: ($) => [
    $.step('pmd_huge', (c) => {
      // pud_none(*pud) -> goto out; pmd = pmd_offset(pud, address); if (pmd_huge(*pmd)) { ... if (range) { init; start } }
      if (pmdTableOf(c.s, c.l.mm, c.l.address) === null) return out(c);
      if (!huge(c)) return 'pmd_none';
      const base = c.l.address - (c.l.address % pmdSize(c.g));
      c.l.range = rangeInit(c, FOLLOW_PMD_SITE, c.l.mm, base, base + pmdSize(c.g));
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pmd_lock');
    }),
    $.lock('pmd_lock', pmdl, {
      then: (c) => {
        // *ptlp = pmd_lock(mm, pmd); if (pmd_huge(*pmd)) { *pmdpp = pmd; return 0; }
        if (huge(c)) {
          c.ret(0);
          return DONE;
        }
        // spin_unlock(*ptlp); if (range) mmu_notifier_invalidate_range_end(range);
        c.unlock(pmdl(c));
        return c.call(invalidateRangeEnd, { r: c.l.range }, 'pmd_none');
      },
    }),
    $.step('pmd_none', (c) => {
      // if (pmd_none(*pmd) || unlikely(pmd_bad(*pmd))) goto out; if (range) { init; start }
      if (pteTableOf(c.s, c.l.mm, c.l.address) === null) return out(c);
      c.l.range = rangeInit(c, FOLLOW_PTE_SITE, c.l.mm, c.l.address, c.l.address + 1);
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pte_offset_map_lock');
    }),
    $.lock('pte_offset_map_lock', ptl, {
      then: (c) => {
        // ptep = pte_offset_map_lock(mm, pmd, address, ptlp); if (!pte_present(*ptep)) goto unlock; *ptepp = ptep; return 0;
        if (pteAt(c.s, c.l.mm, c.l.address)?.kind === 'present') {
          c.ret(0);
          return DONE;
        }
        // unlock: pte_unmap_unlock(ptep, *ptlp); if (range) mmu_notifier_invalidate_range_end(range);
        c.unlock(ptl(c));
        return c.call(invalidateRangeEnd, { r: c.l.range }, 'out');
      },
    }),
    $.local('out', (c) => out(c)),
  ],
});
