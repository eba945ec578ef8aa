/**
 * Site #14, mm/madvise.c:madvise_free_single_vma (v5.0) {vma, start_addr,
 * end_addr} with the walk's madvise_free_pte_range, and the path to it:
 * `madvise_free` {mm, start, end} = madvise(MADV_FREE): down_read(mmap_sem)
 * (madvise_need_mmap_write is 0 for MADV_FREE), for each vma of the range
 * madvise_dontneed_free -> madvise_free_single_vma, up_read.
 *
 *   if (!vma_is_anonymous(vma)) return -EINVAL;
 *   range.start = max(vma->vm_start, start_addr); if (range.start >= vma->vm_end) return -EINVAL;
 *   range.end = min(vma->vm_end, end_addr); if (range.end <= vma->vm_start) return -EINVAL;
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, range.start, range.end);
 *   lru_add_drain(); tlb_gather_mmu(&tlb, mm, range.start, range.end); update_hiwater_rss(mm);
 *   mmu_notifier_invalidate_range_start(&range);
 *   tlb_start_vma(&tlb, vma); walk_page_range(range.start, range.end, &free_walk); tlb_end_vma(&tlb, vma);
 *   mmu_notifier_invalidate_range_end(&range);
 *   tlb_finish_mmu(&tlb, range.start, range.end);
 *
 * The PTE stays mapped to the same page, with its write bit, but old and
 * clean: reclaim may later discard the page if nobody dirties the PTE.
 * Abstracted: swap entries (not in the model), THP (a huge PMD is a
 * ModelError), PageSwapCache, mark_page_lazyfree (LRU only).
 */
import { isZeroPfn } from '../mm/frames.js';
import { freeSwapAndCache } from '../mm/swap.js';
import { LockName, canTake } from '../mm/locks.js';
import type { Frame } from '../mm/MmState.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAddrEnd } from '../mm/Geometry.js';
import { pmdAt, pteAt, pteTableOf, setPte } from '../mm/pageTable.js';
import type { Program, StepView } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import type { StepCtx } from '../mm/step/StepCtx.js';
import { localStep, lockStep, unlockStep } from '../mm/step/steps.js';
import { tlbAdjustRange, tlbGatherMmu } from '../mm/tlb.js';
import { nextVma, vmaOf } from '../mm/vmas.js';

const A = 'mm/madvise.c';
export const MADVISE_FREE_SITE = '14';
const mmOf = (v: StepView | StepCtx): number => vmaOf(v.s, v.l['vma'] as number).mm;
const ptl = (v: StepView): string => LockName.ptl(pteTableOf(v.s, mmOf(v), v.l['addr'] as number)!);

export const madviseFreeSingleVma: Program = {
  name: 'madvise_free_single_vma',
  locals: (a) => ({ vma: a['vma'] ?? null, start_addr: a['start_addr'] ?? null, end_addr: a['end_addr'] ?? null, 'range.start': 0, 'range.end': 0, range: -1, addr: 0, next: 0, pte: 0 }),
  steps: [
    {
      label: 'vma_is_anonymous',
      at: `${A}:madvise_free_single_vma`,
      run: (c) => {
        // MADV_FREE works for only anon vma at the moment; range.start/range.end are written before the init
        const v = vmaOf(c.s, c.n('vma'));
        const rs = Math.max(v.start, c.n('start_addr'));
        const re = Math.min(v.end, c.n('end_addr'));
        if (v.file !== null || rs >= v.end || re <= v.start) {
          c.ret(-22);
          return DONE;
        }
        c.l['range.start'] = rs;
        c.l['range.end'] = re;
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: `${A}:madvise_free_single_vma`,
      run: (c) => {
        // mmu_notifier_range_init(&range, <event>, <vma>, mm, range.start, range.end);
        c.l['range'] = rangeInit(c, MADVISE_FREE_SITE, mmOf(c), c.n('range.start'), c.n('range.end'));
        // lru_add_drain(); tlb_gather_mmu(&tlb, mm, range.start, range.end); update_hiwater_rss(mm);
        tlbGatherMmu(c.s, c.t, mmOf(c));
        c.l['addr'] = c.n('range.start');
        return c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'walk_page_range');
      },
    },
    {
      label: 'walk_page_range',
      at: 'mm/pagewalk.c:walk_pmd_range',
      run: (c) => {
        // per PMD entry: ops->pmd_entry = madvise_free_pte_range (none PMDs are skipped by the walker)
        const mm = mmOf(c);
        while (c.n('addr') < c.n('range.end') && pteTableOf(c.s, mm, c.n('addr')) === null) {
          const e = pmdAt(c.s, mm, c.n('addr'));
          if (e !== null && e.kind === 'huge') return c.fail('madvise_free_huge_pmd (THP) is not modelled');
          c.l['addr'] = pmdAddrEnd(c.g, c.n('addr'), c.n('range.end'));
        }
        if (c.n('addr') >= c.n('range.end')) return 'tlb_end_vma';
        c.l['next'] = pmdAddrEnd(c.g, c.n('addr'), c.n('range.end'));
        return undefined;
      },
    },
    lockStep('pte_offset_map_lock', `${A}:madvise_free_pte_range`, ptl, 'w', (c) => {
      // orig_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl); flush_tlb_batched_pending(mm) (not modelled: model/mm/tlb.ts); arch_enter_lazy_mmu_mode();
      c.l['pte'] = c.n('addr');
      return undefined;
    }),
    {
      label: 'ptep_get_and_clear_full',
      at: `${A}:madvise_free_pte_range`,
      run: (c) => {
        // for (; addr != end; pte++, addr += PAGE_SIZE) { ptent = *pte; if (pte_none(ptent)) continue; ...
        const mm = mmOf(c);
        let a = c.n('pte');
        // page = vm_normal_page(vma, addr, ptent); if (!page) continue;  (the zero page)
        const present = (x: number) => {
          const p = pteAt(c.s, mm, x);
          return p?.kind === 'present' && !isZeroPfn(c.s, p.frame);
        };
        for (; a < c.n('next') && !present(a); a++) {
          // if (!pte_present(ptent)) { entry = pte_to_swp_entry(ptent); if (non_swap_entry(entry)) continue;
          //     nr_swap--; free_swap_and_cache(entry); pte_clear_not_present_full(mm, addr, pte, tlb->fullmm); continue; }
          const p = pteAt(c.s, mm, a);
          if (p?.kind !== 'swap') continue; // none, migration entries, the zero page
          freeSwapAndCache(c.s, p.slot, (f) => canTake(c.s, LockName.page(f)));
          setPte(c.s, mm, a, null);
        }
        if (a >= c.n('next')) return 'pte_unmap_unlock';
        c.l['pte'] = a + 1;
        const p = pteAt(c.s, mm, a) as Extract<ReturnType<typeof pteAt>, { kind: 'present' }>;
        const fr = c.s.frames[p.frame]!;
        // if (PageSwapCache(page) || PageDirty(page)) { if (!trylock_page(page)) continue; if (page_mapcount(page) != 1) { unlock_page(page); continue; } ... ClearPageDirty(page); unlock_page(page); }
        if (fr.dirty) {
          if (!canTake(c.s, LockName.page(p.frame)) || fr.map !== 1) return 'ptep_get_and_clear_full';
          (c.s.frames as Frame[])[p.frame] = { ...fr, dirty: false };
        }
        // if (pte_young(ptent) || pte_dirty(ptent)) { ptent = ptep_get_and_clear_full(); ptent = pte_mkold(ptent); ptent = pte_mkclean(ptent); set_pte_at(mm, addr, pte, ptent); tlb_remove_tlb_entry(tlb, pte, addr); }
        if (p.young || p.dirty) {
          setPte(c.s, mm, a, { ...p, young: false, dirty: false });
          tlbAdjustRange(c.t, a);
        }
        // mark_page_lazyfree(page);
        return 'ptep_get_and_clear_full';
      },
    },
    unlockStep('pte_unmap_unlock', `${A}:madvise_free_pte_range`, ptl, 'w', (c) => {
      c.l['addr'] = c.n('next');
      return 'walk_page_range';
    }),
    // tlb_end_vma(&tlb, vma) (v5.0 asm-generic: flush when the gather has a range)
    localStep('tlb_end_vma', `${A}:madvise_free_single_vma`, (c) => c.call('tlb_flush_mmu_tlbonly', {}, 'mmu_notifier_invalidate_range_end')),
    localStep('mmu_notifier_invalidate_range_end', `${A}:madvise_free_single_vma`, (c) =>
      c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'tlb_finish_mmu'),
    ),
    localStep('tlb_finish_mmu', `${A}:madvise_free_single_vma`, (c) =>
      c.call('tlb_finish_mmu', { start: c.n('range.start'), end: c.n('range.end') }, 'return'),
    ),
    localStep('return', `${A}:madvise_free_single_vma`, (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
};

const mmapSem = (v: StepView): string => LockName.mmapSem(v.l['mm'] as number);

/** madvise(start, end - start, MADV_FREE) on mm {mm, start, end}. */
export const madviseFree: Program = {
  name: 'madvise_free',
  locals: (a) => ({ mm: a['mm'] ?? null, start: a['start'] ?? null, end: a['end'] ?? null, vma: null }),
  steps: [
    lockStep('down_read', `${A}:madvise`, mmapSem, 'r', (c) => {
      // vma = find_vma_prev(current->mm, start, &prev);
      const list = c.s.mms[c.n('mm')]!.vmas;
      c.l['vma'] = list.find((id) => c.s.vmas[id]!.end > c.n('start')) ?? null;
      return undefined;
    }),
    {
      label: 'madvise_vma',
      at: `${A}:madvise_dontneed_free`,
      run: (c) => {
        // for (;;) { ... tmp = min(vma->vm_end, end); madvise_vma(vma, &prev, start, tmp, behavior) -> madvise_free_single_vma(vma, start, end)
        const id = c.l['vma'];
        if (id === null || vmaOf(c.s, id as number).start >= c.n('end')) return 'up_read';
        // can_madv_dontneed_vma: -EINVAL for VM_LOCKED|VM_HUGETLB|VM_PFNMAP
        if (vmaOf(c.s, id as number).flags.hugetlb) return 'up_read';
        return c.call('madvise_free_single_vma', { vma: id, start_addr: c.n('start'), end_addr: c.n('end') }, 'vma->vm_next');
      },
    },
    localStep('vma->vm_next', `${A}:madvise`, (c) => {
      c.l['vma'] = nextVma(c.s, c.n('vma'));
      return 'madvise_vma';
    }),
    unlockStep('up_read', `${A}:madvise`, mmapSem, 'r', (c) => {
      c.ret(0);
      return DONE;
    }),
  ],
};
