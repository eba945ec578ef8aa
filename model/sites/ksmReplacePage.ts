/**
 * Site #13, mm/ksm.c:replace_page (v5.0) {vma, page, kpage, address, orig_pte}.
 * Returns rv 0 or -EFAULT. `orig_pte` is write_protect_page's `*orig_pte` (its presentPteCode).
 *
 *   addr = page_address_in_vma(page, vma);           (`address`)
 *   pmd = mm_find_pmd(mm, addr); if (!pmd) goto out;
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, addr, addr + PAGE_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   ptep = pte_offset_map_lock(mm, pmd, addr, &ptl);
 *   if (!pte_same(*ptep, orig_pte)) { pte_unmap_unlock(ptep, ptl); goto out_mn; }
 *   get_page(kpage); page_add_anon_rmap(kpage, vma, addr, false);
 *   newpte = mk_pte(kpage, vma->vm_page_prot);
 *   flush_cache_page(vma, addr, pte_pfn(*ptep));
 *   ptep_clear_flush(vma, addr, ptep);               (no invalidate_range: read-only page, same content)
 *   set_pte_at_notify(mm, addr, ptep, newpte);
 *   page_remove_rmap(page, false); if (!page_mapped(page)) try_to_free_swap(page); put_page(page);
 *   pte_unmap_unlock(ptep, ptl); err = 0;
 * out_mn: mmu_notifier_invalidate_range_end(&range);
 *
 * pte_same compares the whole entry (frame and every bit, as x86 does).
 * vm_page_prot of a private mapping: read-only, accessed, clean.
 */
import { EFAULT } from '../mm/errno.js';
import { addRmap, getPage, putPage, removeRmap } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import type { Pte } from '../mm/MmState.js';
import { changePte, invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { pmdAt, pteAt, pteTableOf, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { onePageRangeInit } from './onePageRange.js';
import { presentPteOfCode, type PresentPte } from './presentPteCode.js';

const REPLACE_PAGE_KSM_SITE = '13';

interface Args {
  readonly vma: number;
  readonly page: number;
  readonly kpage: number;
  readonly address: number;
  /** presentPteCode of the PTE write_protect_page left */
  readonly orig_pte: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  page: a.page,
  kpage: a.kpage,
  address: a.address,
  orig_pte: a.orig_pte,
  mm: -1,
  range: -1,
  /** the PTE table's lock (mm_find_pmd's table) */
  ptl: '',
  err: EFAULT,
});

/** pte_same(pte, orig) (arch/x86/include/asm/pgtable.h: a.pte == b.pte): the same frame and every bit. */
function pteSame(p: Pte, o: PresentPte): boolean {
  return (
    p !== null &&
    p.kind === 'present' &&
    p.frame === o.frame &&
    p.write === o.write &&
    p.dirty === o.dirty &&
    p.young === o.young &&
    p.softDirty === o.softDirty
  );
}

export const ksmReplacePage = defineProgram({
  name: 'replace_page',
  file: 'mm/ksm.c',
  params: ['vma', 'page', 'kpage', 'address', 'orig_pte'],
  locals,
  steps: ($) => [
    $.step('mm_find_pmd', {
      at: 'mm/rmap.c:mm_find_pmd',
      run: (c) => {
        // pmd = mm_find_pmd(mm, addr); if (!pmd) goto out;   (present and not a huge PMD)
        const mm = vmaOf(c.s, c.l.vma).mm;
        c.l.mm = mm;
        const e = pmdAt(c.s, mm, c.l.address);
        if (e === null || e.kind !== 'table') {
          c.ret(EFAULT);
          return DONE;
        }
        c.l.ptl = LockName.ptl(e.table);
        return undefined;
      },
    }),
    $.step('mmu_notifier_range_init', (c) => {
      onePageRangeInit(c, REPLACE_PAGE_KSM_SITE, 'address');
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pte_offset_map_lock');
    }),
    $.lock('pte_offset_map_lock', (v) => v.l.ptl, {
      then: (c) => {
        const { mm, address: a } = c.l;
        // if (!pte_same(*ptep, orig_pte)) { pte_unmap_unlock(ptep, ptl); goto out_mn; }
        if (pteTableOf(c.s, mm, a) === null || !pteSame(pteAt(c.s, mm, a), presentPteOfCode(c.l.orig_pte))) return 'pte_unmap_unlock';
        // get_page(kpage); page_add_anon_rmap(kpage, vma, addr, false); ptep_clear_flush(vma, addr, ptep);
        getPage(c.s, c.l.kpage);
        addRmap(c.s, c.l.kpage);
        setPte(c.s, mm, a, null);
        flushTlbRange(c.s, mm, a, a + 1);
        // set_pte_at_notify(mm, addr, ptep, newpte): mmu_notifier_change_pte, then set_pte_at
        return c.call(changePte, { mm, addr: a, frame: c.l.kpage, write: false }, 'set_pte_at');
      },
    }),
    $.step('set_pte_at', (c) => {
      const newpte: Pte = { kind: 'present', frame: c.l.kpage, write: false, dirty: false, young: true, softDirty: false };
      setPte(c.s, c.l.mm, c.l.address, newpte);
      // page_remove_rmap(page, false); put_page(page); err = 0;
      removeRmap(c.s, c.l.page);
      putPage(c.s, c.l.page);
      c.l.err = 0;
      return undefined;
    }),
    $.unlock('pte_unmap_unlock', (v) => v.l.ptl),
    $.local('out_mn', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'return')),
    $.local('return', (c) => {
      c.ret(c.l.err);
      return DONE;
    }),
  ],
});
