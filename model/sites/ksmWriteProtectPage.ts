/**
 * Site #12, mm/ksm.c:write_protect_page (v5.0) {vma, page, address}.
 * Returns rv: the write-protected PTE (`*orig_pte`, as JSON) or -14 (-EFAULT).
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
import { setPageDirty } from '../mm/frames.js';
import type { Pte } from '../mm/MmState.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { onePageRangeInit } from './onePageRange.js';
import { pvmwStep, setWalkPte, unlockPtlStep, walkPte } from './pvmw.js';

const AT = 'mm/ksm.c:write_protect_page';
export const WRITE_PROTECT_PAGE_SITE = '12';
type Present = Extract<Pte, { kind: 'present' }>;

export const ksmWriteProtectPage: Program = {
  name: 'write_protect_page',
  locals: (a) => ({ vma: a['vma'] ?? null, page: a['page'] ?? null, address: a['address'] ?? null, mm: -1, range: -1, ptl: '', entry: '', err: -14 }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: AT,
      run: (c) => {
        onePageRangeInit(c, WRITE_PROTECT_PAGE_SITE, 'address');
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'page_vma_mapped_walk');
      },
    },
    pvmwStep('out_mn'),
    {
      label: 'ptep_clear_flush',
      at: AT,
      run: (c) => {
        const mm = c.n('mm');
        const a = c.n('address');
        const p = walkPte(c, mm, a) as Present;
        if (!p.write && !p.dirty && c.s.mms[mm]!.flushPending === 0) return '*orig_pte';
        // entry = ptep_clear_flush(vma, pvmw.address, pvmw.pte);
        setWalkPte(c, mm, a, null);
        flushTlbRange(c.s, mm, a, a + 1);
        const fr = c.s.frames[c.n('page')]!;
        if (fr.map + 1 !== fr.ref) {
          // an extra reference (O_DIRECT, a gup pin): set_pte_at(mm, pvmw.address, pvmw.pte, entry); goto out_unlock;
          setWalkPte(c, mm, a, p);
          return 'out_unlock';
        }
        if (p.dirty) setPageDirty(c.s, c.n('page'));
        const entry: Present = { ...p, write: false, dirty: false };
        c.l['entry'] = JSON.stringify(entry);
        // set_pte_at_notify(mm, pvmw.address, pvmw.pte, entry): mmu_notifier_change_pte, then set_pte_at
        return c.call('mmu_notifier_change_pte', { mm, addr: a, frame: entry.frame, write: false }, 'set_pte_at');
      },
    },
    {
      label: 'set_pte_at',
      at: AT,
      run: (c) => {
        setWalkPte(c, c.n('mm'), c.n('address'), JSON.parse(String(c.l['entry'])) as Present);
        return undefined;
      },
    },
    localStep('*orig_pte', AT, (c) => {
      // *orig_pte = *pvmw.pte; err = 0;
      c.l['entry'] = JSON.stringify(walkPte(c, c.n('mm'), c.n('address')));
      c.l['err'] = 0;
      return undefined;
    }),
    unlockPtlStep('out_unlock', AT), // page_vma_mapped_walk_done(&pvmw);
    localStep('out_mn', AT, (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return')),
    localStep('return', AT, (c) => {
      c.ret(c.n('err') === 0 ? String(c.l['entry']) : c.n('err'));
      return DONE;
    }),
  ],
};
