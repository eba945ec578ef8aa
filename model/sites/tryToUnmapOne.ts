/**
 * Site #28, mm/rmap.c:try_to_unmap_one (v5.0), for a small page:
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address,
 *                           min(vma->vm_end, address + (PAGE_SIZE << compound_order(page))));
 *   if (PageHuge(page)) adjust_range_if_pmd_sharing_possible(vma, &range.start, &range.end);
 *   mmu_notifier_invalidate_range_start(&range);
 *   while (page_vma_mapped_walk(&pvmw)) {
 *       if (!(flags & TTU_IGNORE_ACCESS) && ptep_clear_flush_young_notify(vma, address, pvmw.pte))
 *           { ret = false; page_vma_mapped_walk_done(&pvmw); break; }
 *       if (should_defer_flush(mm, flags)) { pteval = ptep_get_and_clear(); set_tlb_ubc_flush_pending(mm, pte_dirty(pteval)); }
 *       else pteval = ptep_clear_flush(vma, address, pvmw.pte);
 *       if (pte_dirty(pteval)) set_page_dirty(page);
 *       ... TTU_MIGRATION: set_pte_at(migration entry)  (no invalidate_range: the migration pte synchronises)
 *       ... file page: dec_mm_counter only  (the locked page cannot leave the page cache before range_end)
 *   discard:
 *       page_remove_rmap(subpage, PageHuge(page)); put_page(page);
 *   }
 *   mmu_notifier_invalidate_range_end(&range);
 *
 * Arguments {page, vma, address, arg = TTU flags}. Returns rv true/false
 * (false stops the rmap walk). Not modelled: hugetlb pages (PageHuge and
 * huge_pmd_unshare), VM_LOCKED / TTU_MUNLOCK, HWPoison, and anonymous
 * pages outside migration (swap entries are not in the model): those are a
 * ModelError, never a silent skip. A mirror's own accessed bit
 * (mmu_notifier_clear_flush_young) is not modelled: only the CPU PTE's.
 */
import { putPage, removeRmap, setPageDirty } from '../mm/frames.js';
import type { Pte } from '../mm/MmState.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pteAt, setPte } from '../mm/pageTable.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep } from '../mm/step/steps.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { pvmwCanLock, pvmwLock } from './pvmw.js';

const R = 'mm/rmap.c';
const AT = `${R}:try_to_unmap_one`;
export const TRY_TO_UNMAP_ONE_SITE = '28';

/** enum ttu_flags (include/linux/rmap.h), the bits the model uses. */
export const TTU = { MIGRATION: 1, BATCH_FLUSH: 2, IGNORE_ACCESS: 4 } as const;

const flags = (c: StepCtx): number => c.n('arg');

/** set_tlb_ubc_flush_pending: remembers mm in the reclaimer's batch (the bottom frame's `tlb_ubc` bitmask). */
function setTlbUbcFlushPending(c: StepCtx, mm: number): void {
  const bottom = c.t.frames[0]!.locals as Record<string, unknown>;
  if (typeof bottom['tlb_ubc'] !== 'number') c.fail('TTU_BATCH_FLUSH outside a caller that keeps a tlb_ubc batch');
  bottom['tlb_ubc'] = (bottom['tlb_ubc'] as number) | (1 << mm);
}

export const tryToUnmapOne: Program = {
  name: 'try_to_unmap_one',
  locals: (a) => ({ page: a['page'] ?? null, vma: a['vma'] ?? null, address: a['address'] ?? null, arg: a['arg'] ?? 0, mm: -1, range: -1, ret: true, ptl: '' }),
  steps: [
    {
      label: 'mmu_notifier_range_init',
      at: AT,
      run: (c) => {
        const v = vmaOf(c.s, c.n('vma'));
        const fr = c.s.frames[c.n('page')]!;
        if (fr.huge || v.flags.hugetlb) c.fail('try_to_unmap_one: huge and hugetlb pages (PageHuge, adjust_range_if_pmd_sharing_possible) are not modelled');
        c.l['mm'] = v.mm;
        // min(vma->vm_end, address + (PAGE_SIZE << compound_order(page))): a small page
        c.l['range'] = rangeInit(c, TRY_TO_UNMAP_ONE_SITE, v.mm, c.n('address'), Math.min(v.end, c.n('address') + 1));
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_start', AT, (c) =>
      c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'page_vma_mapped_walk'),
    ),
    {
      label: 'page_vma_mapped_walk',
      at: 'mm/page_vma_mapped.c:page_vma_mapped_walk',
      guard: (v) => pvmwCanLock(v.s, v.l['mm'] as number, v.l['address'] as number),
      run: (c) => {
        const l = pvmwLock(c, c.n('mm'), c.n('address'), c.n('page'));
        if (l === null) return 'mmu_notifier_invalidate_range_end';
        c.l['ptl'] = l;
        return undefined;
      },
    },
    {
      label: 'ptep_clear_flush_young_notify',
      at: AT,
      run: (c) => {
        // if (!(flags & TTU_IGNORE_ACCESS)) { if (ptep_clear_flush_young_notify(vma, address, pvmw.pte)) { ret = false; ... break; } }
        if ((flags(c) & TTU.IGNORE_ACCESS) !== 0) return undefined;
        const p = pteAt(c.s, c.n('mm'), c.n('address')) as Extract<Pte, { kind: 'present' }>;
        if (!p.young) return undefined;
        setPte(c.s, c.n('mm'), c.n('address'), { ...p, young: false }); // x86 ptep_clear_flush_young: test-and-clear, no flush
        c.l['ret'] = false;
        return 'page_vma_mapped_walk_done';
      },
    },
    {
      label: 'ptep_get_and_clear',
      at: AT,
      run: (c) => {
        // should_defer_flush(mm, flags): TTU_BATCH_FLUSH and the mm may run on another CPU (the model's CPU is not the reclaimer's)
        const mm = c.n('mm');
        const a = c.n('address');
        const p = pteAt(c.s, mm, a) as Extract<Pte, { kind: 'present' }>;
        const fr = c.s.frames[c.n('page')]!;
        if ((flags(c) & TTU.MIGRATION) === 0 && fr.kind === 'anon') c.fail('try_to_unmap_one: anonymous reclaim (swap entries, MADV_FREE) is not modelled');
        setPte(c.s, mm, a, null);
        if ((flags(c) & TTU.BATCH_FLUSH) !== 0) setTlbUbcFlushPending(c, mm); // set_tlb_ubc_flush_pending(mm, pte_dirty(pteval))
        else flushTlbRange(c.s, mm, a, a + 1); // ptep_clear_flush
        // if (pte_dirty(pteval)) set_page_dirty(page);
        if (p.dirty) setPageDirty(c.s, c.n('page'));
        if ((flags(c) & TTU.MIGRATION) !== 0) {
          // entry = make_migration_entry(subpage, pte_write(pteval)); set_pte_at(mm, address, pvmw.pte, swp_pte);
          setPte(c.s, mm, a, { kind: 'migration', frame: c.n('page'), write: p.write });
        }
        // else: file page, dec_mm_counter(mm, mm_counter_file(page)) only
        return undefined;
      },
    },
    {
      label: 'page_remove_rmap',
      at: AT,
      run: (c) => {
        // discard: page_remove_rmap(subpage, PageHuge(page)); put_page(page);
        removeRmap(c.s, c.n('page'));
        putPage(c.s, c.n('page'));
        return undefined;
      },
    },
    {
      label: 'page_vma_mapped_walk_done',
      at: 'mm/page_vma_mapped.c:page_vma_mapped_walk',
      run: (c) => {
        // a small page: the next page_vma_mapped_walk() (or _done) unlocks and ends the loop
        c.unlock(String(c.l['ptl']));
        c.l['ptl'] = '';
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_end', AT, (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'return')),
    localStep('return', AT, (c) => {
      c.ret(c.l['ret'] === true);
      return DONE;
    }),
  ],
};
