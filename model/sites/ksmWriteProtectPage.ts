/**
 * Site #12, mm/ksm.c:write_protect_page (v5.0) {vma, page, address}.
 * Returns rv: the write-protected PTE (`*orig_pte`, as its presentPteCode, >= 0) or -EFAULT.
 *
 *   pvmw.address = page_address_in_vma(page, vma);   (the rmap_item's address: `address`)
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, pvmw.address, pvmw.address + PAGE_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   if (!page_vma_mapped_walk(&pvmw)) goto out_mn;
 *   if (pte_write(*pvmw.pte) || pte_dirty(*pvmw.pte) || (pte_protnone && pte_savedwrite) || mm_tlb_flush_pending(mm)) {
 *       swapped = PageSwapCache(page);                (no swap cache in the model: 0)
 *       entry = ptep_clear_flush(vma, pvmw.address, pvmw.pte);   (no invalidate_range: read-only, same page)
 *       if (page_mapcount(page) + 1 + swapped != page_count(page)) { set_pte_at(mm, pvmw.address, pvmw.pte, entry); goto out_unlock; }
 *       if (pte_dirty(entry)) set_page_dirty(page);
 *       entry = pte_mkclean(pte_wrprotect(entry));
 *       set_pte_at_notify(mm, pvmw.address, pvmw.pte, entry);
 *   }
 *   *orig_pte = *pvmw.pte; err = 0;
 * out_unlock: page_vma_mapped_walk_done(&pvmw);
 * out_mn:     mmu_notifier_invalidate_range_end(&range);
 */
import { EFAULT } from '../mm/errno.js';
import { setPageDirty } from '../mm/frames.js';
import { changePte, invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { onePageRangeInit } from './onePageRange.js';
import { presentPteCode, presentPteOfCode, type PresentPte } from './presentPteCode.js';
import { pvmwStep, setWalkPte, walkPte } from './pvmw.js';
import { presentWith } from '../mm/pteWith.js';

const WRITE_PROTECT_PAGE_SITE = '12';

interface Args {
  readonly vma: number;
  readonly page: number;
  readonly address: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  page: a.page,
  address: a.address,
  mm: -1,
  range: -1,
  /** the PTE lock the walk holds, '' when none */
  ptl: '',
  /** `entry`, then `*orig_pte`: a present PTE's presentPteCode; -1 before */
  entry: -1,
  err: EFAULT,
});

export const ksmWriteProtectPage = defineProgram({
  name: 'write_protect_page',
  file: 'mm/ksm.c',
  params: ['vma', 'page', 'address'],
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      onePageRangeInit(c, WRITE_PROTECT_PAGE_SITE, 'address');
      return c.call(invalidateRangeStart, { r: c.l.range }, 'page_vma_mapped_walk');
    }),
    // pvmw.ts's shared walk step (not typed yet): its goto `out_mn` is checked when it runs
    $.raw(pvmwStep('out_mn')),
    $.step('ptep_clear_flush', (c) => {
      const { mm, address: a } = c.l;
      const p = walkPte(c, mm, a) as PresentPte; // the walk found it present, mapping page, and holds its lock
      if (!p.write && !p.dirty && c.s.mms[mm]!.flushPending === 0) return '*orig_pte';
      // entry = ptep_clear_flush(vma, pvmw.address, pvmw.pte);
      setWalkPte(c, mm, a, null);
      flushTlbRange(c.s, mm, a, a + 1);
      const fr = c.s.frames[c.l.page]!;
      if (fr.map + 1 !== fr.ref) {
        // an extra reference (O_DIRECT, a gup pin): set_pte_at(mm, pvmw.address, pvmw.pte, entry); goto out_unlock;
        setWalkPte(c, mm, a, p);
        return 'out_unlock';
      }
      if (p.dirty) setPageDirty(c.s, c.l.page);
      // entry = pte_mkclean(pte_wrprotect(entry));
      const entry: PresentPte = presentWith(p, { write: false, dirty: false });
      c.l.entry = presentPteCode(entry);
      // set_pte_at_notify(mm, pvmw.address, pvmw.pte, entry): mmu_notifier_change_pte, then set_pte_at
      return c.call(changePte, { mm, addr: a, frame: entry.frame, write: false }, 'set_pte_at');
    }),
    $.step('set_pte_at', (c) => {
      setWalkPte(c, c.l.mm, c.l.address, presentPteOfCode(c.l.entry));
      return undefined;
    }),
    $.local('*orig_pte', (c) => {
      // *orig_pte = *pvmw.pte; err = 0;
      c.l.entry = presentPteCode(walkPte(c, c.l.mm, c.l.address) as PresentPte);
      c.l.err = 0;
      return undefined;
    }),
    $.unlock('out_unlock', (v) => v.l.ptl, {
      then: (c) => {
        // page_vma_mapped_walk_done(&pvmw);
        c.l.ptl = '';
        return undefined;
      },
    }),
    $.local('out_mn', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
    $.local('return', (c) => {
      c.ret(c.l.err === 0 ? c.l.entry : c.l.err);
      return DONE;
    }),
  ],
});
