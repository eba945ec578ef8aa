/**
 * Site #13, mm/ksm.c:replace_page (v5.0) {vma, page, kpage, address, orig_pte}.
 * Returns rv 0 or -14 (-EFAULT).
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
import { addRmap, getPage, putPage, removeRmap } from '../mm/frames.js';
import { LockName, canTake } from '../mm/locks.js';
import type { Pte } from '../mm/MmState.js';
import { pmdAt, pteAt, pteTableOf, setPte } from '../mm/pageTable.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { onePageRangeInit } from './onePageRange.js';

const AT = 'mm/ksm.c:replace_page';
export const REPLACE_PAGE_KSM_SITE = '13';

export const ksmReplacePage: Program = {
  name: 'replace_page',
  locals: (a) => ({
    vma: a['vma'] ?? null,
    page: a['page'] ?? null,
    kpage: a['kpage'] ?? null,
    address: a['address'] ?? null,
    orig_pte: a['orig_pte'] ?? null,
    mm: -1,
    range: -1,
    ptl: '',
    err: -14,
  }),
  steps: [
    {
      label: 'mm_find_pmd',
      at: 'mm/rmap.c:mm_find_pmd',
      run: (c) => {
        // pmd = mm_find_pmd(mm, addr); if (!pmd) goto out;   (present and not a huge PMD)
        const mm = vmaOf(c.s, c.n('vma')).mm;
        c.l['mm'] = mm;
        const e = pmdAt(c.s, mm, c.n('address'));
        if (e === null || e.kind !== 'table') {
          c.ret(-14);
          return DONE;
        }
        c.l['ptl'] = LockName.ptl(e.table);
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: AT,
      run: (c) => {
        onePageRangeInit(c, REPLACE_PAGE_KSM_SITE, 'address');
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'pte_offset_map_lock');
      },
    },
    {
      label: 'pte_offset_map_lock',
      at: AT,
      guard: (v) => canTake(v.s, v.l['ptl'] as string),
      run: (c) => {
        c.lock(String(c.l['ptl']));
        // if (!pte_same(*ptep, orig_pte)) { pte_unmap_unlock(ptep, ptl); goto out_mn; }
        if (pteTableOf(c.s, c.n('mm'), c.n('address')) === null || JSON.stringify(pteAt(c.s, c.n('mm'), c.n('address'))) !== c.l['orig_pte']) {
          return 'pte_unmap_unlock';
        }
        // get_page(kpage); page_add_anon_rmap(kpage, vma, addr, false); ptep_clear_flush(vma, addr, ptep);
        getPage(c.s, c.n('kpage'));
        addRmap(c.s, c.n('kpage'));
        setPte(c.s, c.n('mm'), c.n('address'), null);
        flushTlbRange(c.s, c.n('mm'), c.n('address'), c.n('address') + 1);
        // set_pte_at_notify(mm, addr, ptep, newpte): mmu_notifier_change_pte, then set_pte_at
        return c.call('mmu_notifier_change_pte', { mm: c.n('mm'), addr: c.n('address'), frame: c.n('kpage'), write: false }, 'set_pte_at');
      },
    },
    {
      label: 'set_pte_at',
      at: AT,
      run: (c) => {
        const newpte: Pte = { kind: 'present', frame: c.n('kpage'), write: false, dirty: false, young: true, softDirty: false };
        setPte(c.s, c.n('mm'), c.n('address'), newpte);
        // page_remove_rmap(page, false); put_page(page); err = 0;
        removeRmap(c.s, c.n('page'));
        putPage(c.s, c.n('page'));
        c.l['err'] = 0;
        return undefined;
      },
    },
    {
      label: 'pte_unmap_unlock',
      at: AT,
      run: (c) => {
        c.unlock(String(c.l['ptl']));
        return undefined;
      },
    },
    localStep('out_mn', AT, (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return')),
    localStep('return', AT, (c) => {
      c.ret(c.n('err'));
      return DONE;
    }),
  ],
};
