/**
 * Site #24, mm/mprotect.c:change_pmd_range (v5.0) {vma, addr, end}, with
 * change_pte_range and mm/huge_memory.c:change_huge_pmd. The range is
 * initialised lazily, at the first populated PMD entry, and `range.start`
 * doubles as the "started" flag:
 *
 *   range.start = 0;
 *   do { next = pmd_addr_end(addr, end);
 *        if (!is_swap_pmd(*pmd) && !pmd_trans_huge(*pmd) && !pmd_devmap(*pmd) && pmd_none_or_clear_bad(pmd)) goto next;
 *        if (!range.start) { mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, addr, end);
 *                            mmu_notifier_invalidate_range_start(&range); }
 *        huge: partial -> __split_huge_pmd(), whole -> change_huge_pmd(); then change_pte_range();
 *   } while (pmd++, addr = next, addr != end);
 *   if (range.start) mmu_notifier_invalidate_range_end(&range);
 *
 * Taken literally (local `range.start`): a range whose first populated PMD
 * starts at address 0 is started again at the next populated PMD and never
 * ended (only reachable with vm.mmap_min_addr = 0).
 * The new protection is `vma->vm_page_prot` (mprotect_fixup set the flags
 * first): private mappings never get a writable PTE (COW on the write
 * fault); shared file mappings want write-notify, so only dirty PTEs are made
 * writable (dirty_accountable). No TLB flush here: the caller flushes after.
 */
import { pmdAddrEnd, pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import type { PmdEntry, Vma } from '../mm/MmState.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, setPmd, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { pmdEntryPteWalk } from './pteWalk.js';
import { splitHugePmd } from './splitHugePmd.js';
import { migrationWith, presentWith } from '../mm/pteWith.js';

const CHANGE_PMD_RANGE_SITE = '24';

interface Args {
  readonly vma: number;
  readonly addr: number;
  readonly end: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  addr: a.addr,
  end: a.end,
  next: 0,
  /** the range's index (rangeInit) */
  range: -1,
  /** `range.start`, which doubles as the "started" flag */
  rangeStart: 0,
  pages: 0,
  /** change_huge_pmd: 1 when the PMD was a table (fall through to the PTEs); change_pte_range: the next PTE address */
  pte: 0,
});
type L = ReturnType<typeof locals>;

const vmaOfL = (v: View<L> | Ctx<L>): Vma => vmaOf(v.s, v.l.vma);
const pmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, vmaOfL(v).mm, v.l.addr)!);

/** pte_modify(oldpte, vma->vm_page_prot) plus the dirty_accountable pte_mkwrite. */
export function newWrite(v: Vma, dirty: boolean): boolean {
  if (!v.flags.write || !v.flags.shared) return false;
  return v.file === null || dirty;
}

function nextPopulated(c: Ctx<L>): void {
  // pmd_none_or_clear_bad(pmd): goto next
  const mm = vmaOfL(c).mm;
  while (c.l.addr < c.l.end && pmdAt(c.s, mm, c.l.addr) === null) c.l.addr = pmdAddrEnd(c.g, c.l.addr, c.l.end);
}

export const changePmdRange = defineProgram({
  name: 'change_pmd_range',
  params: ['vma', 'addr', 'end'],
  file: 'mm/mprotect.c',
  locals,
  steps: ($) => {
    // if (pmd_trans_unstable(pmd)) return 0; pte = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl); flush_tlb_batched_pending(vma->vm_mm) (not modelled: model/mm/tlb.ts);
    const pte = pmdEntryPteWalk($, {
      at: 'change_pte_range',
      // do { oldpte = *pte; if (pte_present(oldpte)) { ptent = ptep_modify_prot_start(); ptent = pte_modify(ptent, newprot);
      //      if (dirty_accountable && pte_dirty(ptent) && ...) ptent = pte_mkwrite(ptent); ptep_modify_prot_commit(); pages++; }
      //      else if (is_write_migration_entry(entry)) { make_migration_entry_read(&entry); set_pte_at(); pages++; } } while (...)
      loop: 'ptep_modify_prot_start',
      done: 'pte_unmap_unlock',
      visit: (c, a, p) => {
        // (a swap entry is neither: unchanged)
        const v = vmaOfL(c);
        if (p.kind === 'present') setPte(c.s, v.mm, a, presentWith(p, { write: newWrite(v, p.dirty) }));
        else if (p.kind === 'migration' && p.write) setPte(c.s, v.mm, a, migrationWith(p, false));
        else return undefined;
        c.l.pages += 1;
        return undefined;
      },
      // arch_leave_lazy_mmu_mode(); pte_unmap_unlock(pte - 1, ptl);
      then: () => 'next',
    });
    return [
      $.step('pmd_none_or_clear_bad', (c) => {
        nextPopulated(c);
        if (c.l.addr >= c.l.end) return 'mmu_notifier_invalidate_range_end';
        c.l.next = pmdAddrEnd(c.g, c.l.addr, c.l.end);
        if (c.l.rangeStart !== 0) return 'is_swap_pmd';
        // if (!range.start) { mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, addr, end); mmu_notifier_invalidate_range_start(&range); }
        c.l.range = rangeInit(c, CHANGE_PMD_RANGE_SITE, vmaOfL(c).mm, c.l.addr, c.l.end);
        c.l.rangeStart = c.l.addr;
        return c.call(invalidateRangeStart, { r: c.l.range }, 'is_swap_pmd');
      }),
      $.step('is_swap_pmd', (c) => {
        // if (is_swap_pmd(*pmd) || pmd_trans_huge(*pmd) || pmd_devmap(*pmd)) { if (next - addr != HPAGE_PMD_SIZE) __split_huge_pmd(vma, pmd, addr, false, NULL); else change_huge_pmd() }
        const e = pmdAt(c.s, vmaOfL(c).mm, c.l.addr);
        if (e === null) return 'next';
        if (e.kind === 'table') return 'pte_offset_map_lock';
        if (c.l.next - c.l.addr !== pmdSize(c.g)) return c.call(splitHugePmd, { vma: c.l.vma, addr: c.l.addr, freeze: false }, 'pte_offset_map_lock');
        return 'change_huge_pmd';
      }),
      $.lock('change_huge_pmd', pmdl, {
        at: 'mm/huge_memory.c:change_huge_pmd',
        then: (c) => {
          // ptl = __pmd_trans_huge_lock(pmd, vma); if (!ptl) return 0; entry = pmdp_invalidate(vma, addr, pmd); entry = pmd_modify(entry, newprot);
          // set_pmd_at(mm, addr, pmd, entry); spin_unlock(ptl);  (returns HPAGE_PMD_NR; 0 when the PMD was split meanwhile: fall through to the PTEs)
          const v = vmaOfL(c);
          const a = c.l.addr;
          const e = pmdAt(c.s, v.mm, a);
          c.l.pte = e !== null && e.kind === 'table' ? 1 : 0;
          if (e !== null && e.kind !== 'table') {
            const base = a - (a % pmdSize(c.g));
            flushTlbRange(c.s, v.mm, base, base + pmdSize(c.g));
            const n: PmdEntry = e.kind === 'huge' ? { ...e, write: newWrite(v, e.dirty) } : { ...e, write: false };
            setPmd(c.s, v.mm, a, n);
            c.l.pages += pmdSize(c.g);
          }
          return undefined;
        },
      }),
      $.unlock('spin_unlock', pmdl, { at: 'mm/huge_memory.c:change_huge_pmd', then: (c) => (c.l.pte === 1 ? 'pte_offset_map_lock' : 'next') }),
      pte.lock,
      pte.loop,
      pte.unlock,
      $.local('next', (c) => {
        // next: cond_resched(); } while (pmd++, addr = next, addr != end);
        c.l.addr = c.l.next;
        return 'pmd_none_or_clear_bad';
      }),
      $.local('mmu_notifier_invalidate_range_end', (c) =>
        // if (range.start) mmu_notifier_invalidate_range_end(&range);
        c.l.rangeStart !== 0 ? c.call(invalidateRangeEnd, { r: c.l.range }, 'return') : 'return',
      ),
      $.local('return', (c) => {
        c.ret(c.l.pages);
        return DONE;
      }),
    ];
  },
});
