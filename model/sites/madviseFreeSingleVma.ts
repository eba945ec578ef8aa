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
 * A swap entry is freed (free_swap_and_cache) and cleared. Abstracted: THP
 * (a huge PMD is a ModelError), PageSwapCache, mark_page_lazyfree (LRU only).
 * The locals `range_start` and `range_end` are the kernel's `range.start`
 * and `range.end` (a range-bound override may name either spelling).
 */
import { isZeroPfn } from '../mm/frames.js';
import { pmdAddrEnd } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { mutFrame } from '../mm/mutate.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pteTableOf, setPte } from '../mm/pageTable.js';
import { tlbFinishMmu, tlbFlushMmuTlbonly } from '../mm/fault/tlbPrograms.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { forLoop } from '../mm/step/forLoop.js';
import { freeSwapAndCache } from '../mm/swap.js';
import { tlbAdjustRange, tlbGatherMmu } from '../mm/tlb.js';
import { canMadvDontneedVma, nextVma, vmaOf } from '../mm/vmas.js';
import { EINVAL } from '../mm/errno.js';
import { pmdEntryPteWalk } from './pteWalk.js';
import { presentWith } from '../mm/pteWith.js';

export const MADVISE_FREE_SITE = '14';

interface Args {
  readonly vma: number;
  readonly start_addr: number;
  readonly end_addr: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  start_addr: a.start_addr,
  end_addr: a.end_addr,
  range_start: 0,
  range_end: 0,
  range: -1,
  addr: 0,
  next: 0,
  /** madvise_free_pte_range: the next PTE address */
  pte: 0,
});
type L = ReturnType<typeof locals>;

const mmOf = (v: View<L> | Ctx<L>): number => vmaOf(v.s, v.l.vma).mm;

export const madviseFreeSingleVma = defineProgram({
  name: 'madvise_free_single_vma',
  params: ['vma', 'start_addr', 'end_addr'],
  file: 'mm/madvise.c',
  locals,
  steps: ($) => {
    // orig_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl); flush_tlb_batched_pending(mm) (not modelled: model/mm/tlb.ts); arch_enter_lazy_mmu_mode();
    const walk = pmdEntryPteWalk($, {
      at: 'madvise_free_pte_range',
      // for (; addr != end; pte++, addr += PAGE_SIZE) { ptent = *pte; if (pte_none(ptent)) continue; ...
      loop: 'ptep_get_and_clear_full',
      done: 'pte_unmap_unlock',
      skip: (c, a, p) => {
        // page = vm_normal_page(vma, addr, ptent); if (!page) continue;  (the zero page)
        if (p?.kind === 'present' && !isZeroPfn(c.s, p.frame)) return false;
        // if (!pte_present(ptent)) { entry = pte_to_swp_entry(ptent); if (non_swap_entry(entry)) continue;
        //     nr_swap--; free_swap_and_cache(entry); pte_clear_not_present_full(mm, addr, pte, tlb->fullmm); continue; }
        if (p?.kind !== 'swap') return true; // none, migration entries, the zero page
        freeSwapAndCache(c.s, p.slot, (f) => canTake(c.s, LockName.page(f)));
        setPte(c.s, mmOf(c), a, null);
        return true;
      },
      visit: (c, a, p) => {
        if (p.kind !== 'present') return c.fail('madvise_free_pte_range: skip passed a PTE that is not present');
        const fr = c.s.frames[p.frame]!;
        // if (PageSwapCache(page) || PageDirty(page)) { if (!trylock_page(page)) continue;
        // if (page_mapcount(page) != 1) { unlock_page(page); continue; } ... ClearPageDirty(page); unlock_page(page); }
        if (fr.dirty) {
          if (!canTake(c.s, LockName.page(p.frame)) || fr.map !== 1) return undefined;
          mutFrame(c.s, p.frame).dirty = false;
        }
        // if (pte_young(ptent) || pte_dirty(ptent)) { ptent = ptep_get_and_clear_full(); ptent = pte_mkold(ptent); ptent = pte_mkclean(ptent);
        // set_pte_at(mm, addr, pte, ptent); tlb_remove_tlb_entry(tlb, pte, addr); }
        if (p.young || p.dirty) {
          setPte(c.s, mmOf(c), a, presentWith(p, { young: false, dirty: false }));
          tlbAdjustRange(c.t, a);
        }
        // mark_page_lazyfree(page);
        return undefined;
      },
      then: (c) => {
        c.l.addr = c.l.next;
        return 'walk_page_range';
      },
    });
    return [
      $.step('vma_is_anonymous', (c) => {
        // MADV_FREE works for only anon vma at the moment; range.start/range.end are written before the init
        const v = vmaOf(c.s, c.l.vma);
        const rs = Math.max(v.start, c.l.start_addr);
        const re = Math.min(v.end, c.l.end_addr);
        if (v.file !== null || rs >= v.end || re <= v.start) {
          c.ret(EINVAL);
          return DONE;
        }
        c.l.range_start = rs;
        c.l.range_end = re;
        return undefined;
      }),
      $.step('mmu_notifier_range_init', (c) => {
        // mmu_notifier_range_init(&range, <event>, <vma>, mm, range.start, range.end);
        c.l.range = rangeInit(c, MADVISE_FREE_SITE, mmOf(c), c.l.range_start, c.l.range_end);
        // lru_add_drain(); tlb_gather_mmu(&tlb, mm, range.start, range.end); update_hiwater_rss(mm);
        tlbGatherMmu(c.s, c.t, mmOf(c));
        c.l.addr = c.l.range_start;
        return c.call(invalidateRangeStart, { r: c.l.range }, 'walk_page_range');
      }),
      $.step('walk_page_range', {
        at: 'mm/pagewalk.c:walk_pmd_range',
        run: (c) => {
          // per PMD entry: ops->pmd_entry = madvise_free_pte_range (none PMDs are skipped by the walker)
          const mm = mmOf(c);
          const end = c.l.range_end;
          while (c.l.addr < end && pteTableOf(c.s, mm, c.l.addr) === null) {
            const e = pmdAt(c.s, mm, c.l.addr);
            if (e !== null && e.kind === 'huge') return c.fail('madvise_free_huge_pmd (THP) is not modelled');
            c.l.addr = pmdAddrEnd(c.g, c.l.addr, end);
          }
          if (c.l.addr >= end) return 'tlb_end_vma';
          c.l.next = pmdAddrEnd(c.g, c.l.addr, end);
          return undefined;
        },
      }),
      walk.lock,
      walk.loop,
      walk.unlock,
      // tlb_end_vma(&tlb, vma) (v5.0 asm-generic: flush when the gather has a range)
      $.local('tlb_end_vma', (c) => c.call(tlbFlushMmuTlbonly, {}, 'mmu_notifier_invalidate_range_end')),
      $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'tlb_finish_mmu')),
      $.local('tlb_finish_mmu', (c) => c.call(tlbFinishMmu, { start: c.l.range_start, end: c.l.range_end }, 'return')),
      $.local('return', (c) => {
        c.ret(0);
        return DONE;
      }),
    ];
  },
});

interface FreeArgs {
  readonly mm: number;
  readonly start: number;
  readonly end: number;
}
const freeLocals = (a: FreeArgs) => ({ mm: a.mm, start: a.start, end: a.end, vma: null as number | null, ret: 0 });
const mmapSem = (v: View<ReturnType<typeof freeLocals>>): string => LockName.mmapSem(v.l.mm);

/** madvise(start, end - start, MADV_FREE) on mm {mm, start, end}. */
export const madviseFree = defineProgram({
  name: 'madvise_free',
  params: ['mm', 'start', 'end'],
  file: 'mm/madvise.c',
  locals: freeLocals,
  steps: ($) => [
    $.lock('down_read', mmapSem, {
      at: 'madvise',
      mode: 'r',
      then: (c) => {
        // vma = find_vma_prev(current->mm, start, &prev);
        const list = c.s.mms[c.l.mm]!.vmas;
        c.l.vma = list.find((id) => c.s.vmas[id]!.end > c.l.start) ?? null;
        return undefined;
      },
    }),
    // for (;;) { ... if (start >= end) goto out; ... vma = prev->vm_next; }  (madvise's loop over the vmas of the range)
    ...forLoop($, {
      head: 'madvise_vma',
      at: 'madvise_dontneed_free',
      cond: (c) => c.l.vma !== null && vmaOf(c.s, c.l.vma).start < c.l.end,
      exit: () => 'up_read',
      run: (c) => {
        // tmp = min(vma->vm_end, end); madvise_vma(vma, &prev, start, tmp, behavior) -> madvise_free_single_vma(vma, start, end)
        const id = c.l.vma!;
        // madvise_dontneed_free: if (!can_madv_dontneed_vma(vma)) return -EINVAL;  (VM_LOCKED|VM_HUGETLB|VM_PFNMAP); madvise: if (error) goto out;
        if (!canMadvDontneedVma(vmaOf(c.s, id))) {
          c.l.ret = EINVAL;
          return 'up_read';
        }
        return c.call(madviseFreeSingleVma, { vma: id, start_addr: c.l.start, end_addr: c.l.end }, 'vma->vm_next');
      },
      next: {
        label: 'vma->vm_next',
        at: 'madvise',
        local: true,
        advance: (c) => {
          // error = madvise_vma(...); if (error) goto out;  (madvise_free_single_vma: -EINVAL for a vma that is not anonymous)
          if (typeof c.t.rv === 'number' && c.t.rv < 0) {
            c.l.ret = c.t.rv;
            return 'up_read';
          }
          c.l.vma = nextVma(c.s, c.l.vma!);
          return undefined;
        },
      },
    }),
    $.unlock('up_read', mmapSem, {
      at: 'madvise',
      mode: 'r',
      then: (c) => {
        c.ret(c.l.ret);
        return DONE;
      },
    }),
  ],
});
