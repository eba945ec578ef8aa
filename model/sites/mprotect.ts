/**
 * The mprotect path to site #24 (mm/mprotect.c, v5.0): `mprotect` {mm, start,
 * end, prot} with prot `r` or `rw`.
 *   do_mprotect_pkey: down_write_killable(mmap_sem); for each vma in [start, end):
 *     mprotect_fixup: if (newflags == oldflags) { *pprev = vma; return 0; }  (nothing split,
 *       no change_protection: no range at #24 for a vma that already has the protection);
 *     split_vma at start/end; vma->vm_flags = newflags; vma_set_page_prot(vma);
 *     change_protection -> change_protection_range: flush_cache_range; inc_tlb_flush_pending(mm);
 *       pgd/p4d/pud walk -> change_pmd_range (#24) per populated PUD entry;
 *       if (pages) flush_tlb_range(vma, start, end);  -- after the notifier range ended
 *       dec_tlb_flush_pending(mm);
 *   up_write(mmap_sem).
 * rv 0, -ENOMEM (a hole in the range). PROT_NONE is not modelled (the
 * model's PTEs have no protnone state): a ModelError. Abstracted: VM_MAY*
 * checks, vma_merge, pkeys, VM_LOCKED populate. A hugetlb vma goes to
 * hugetlb_change_protection (#10), and a split inside a huge page is refused
 * (-EINVAL, hugetlb_vm_op_split).
 */
import { ENOMEM } from '../mm/errno.js';
import { pudAddrEnd } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { pmdTableOf } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import type { Vma, VmaFlags } from '../mm/MmState.js';
import { sameVmaFlags } from '../mm/sameVmaFlags.js';
import { setVmaFlags, splitVma, straddlingHugePmdAt, vmaSplitAt, vmOpsSplit } from '../mm/vmaOps.js';
import { findVma, nextVma, vmaOf } from '../mm/vmas.js';
import { changePmdRange } from './changePmdRange.js';
import { splitHugePmd } from './splitHugePmd.js';
import { mutMmCounts } from '../mm/mutate.js';
import { hugetlbChangeProtection } from './hugetlbChangeProtection.js';

interface Args {
  readonly mm: number;
  readonly start: number;
  readonly end: number;
  /** `r` or `rw` */
  readonly prot: string;
}
const locals = (a: Args) => ({
  mm: a.mm,
  start: a.start,
  end: a.end,
  prot: a.prot,
  /** the vma being changed (found under mmap_sem) */
  vma: null as number | null,
  /** change_pud_range's addr, end and next */
  addr: 0,
  vend: 0,
  next: 0,
  pages: 0,
  ret: 0,
});
type L = ReturnType<typeof locals>;

const mmapSem = (v: View<L>): string => LockName.mmapSem(v.l.mm);
const flushPending = (c: Ctx<L>, d: number): void => {
  mutMmCounts(c.s, c.l.mm).flushPending += d;
};
/** The vma being changed: found at down_write_killable, before any step reads it. */
const vmaId = (c: Ctx<L>): number => c.l.vma ?? c.fail('no vma found yet');

/** do_mprotect_pkey: `newflags = calc_vm_prot_bits(prot, new_vma_pkey); newflags |= (vma->vm_flags & ~mask_off_old_flags);` (no VM_EXEC, no pkeys here). */
const newFlags = (c: Ctx<L>, v: Vma): VmaFlags => ({ ...v.flags, read: true, write: c.l.prot === 'rw' });
/** mprotect_fixup's `newflags == oldflags`: the vma already has the protection. */
const unchanged = (c: Ctx<L>, id: number): boolean => sameVmaFlags(newFlags(c, vmaOf(c.s, id)), vmaOf(c.s, id).flags);

/** do_mprotect_pkey: `nstart = tmp; if (nstart >= end) goto out; vma = prev->vm_next; if (!vma || vma->vm_start != nstart) { error = -ENOMEM; goto out; }` */
function nextVmaInRange(c: Ctx<L>): 'up_write' | 'mprotect_fixup' {
  const v = vmaOf(c.s, vmaId(c));
  if (v.end >= c.l.end) return 'up_write';
  const n = nextVma(c.s, v.id);
  if (n === null || vmaOf(c.s, n).start !== v.end) {
    c.l.ret = ENOMEM;
    return 'up_write';
  }
  c.l.vma = n;
  return 'mprotect_fixup';
}

export const mprotect = defineProgram({
  name: 'mprotect',
  file: 'mm/mprotect.c',
  params: ['mm', 'start', 'end', 'prot'],
  locals,
  steps: ($) => [
    $.lock('down_write_killable', mmapSem, {
      at: 'do_mprotect_pkey',
      then: (c) => {
        // vma = find_vma(current->mm, start); error = -ENOMEM; if (!vma) goto out; if (vma->vm_start > start) goto out;
        if (c.l.prot !== 'r' && c.l.prot !== 'rw') return c.fail(`mprotect prot '${String(c.l.prot)}': only 'r' and 'rw' are modelled`);
        const id = findVma(c.s, c.l.mm, c.l.start);
        if (id === null || vmaOf(c.s, id).start > c.l.start) {
          c.l.ret = ENOMEM;
          return 'up_write';
        }
        return undefined;
      },
    }),
    $.step('split_vma', {
      at: 'mprotect_fixup',
      run: (c) => {
        // split_vma -> mm/mmap.c:__split_vma: `if (vma->vm_ops && vma->vm_ops->split) { err = vma->vm_ops->split(vma, addr); if (err) return err; }`
        // (mm/hugetlb.c:hugetlb_vm_op_split: -EINVAL unless huge-page aligned). Abstraction: both boundaries are checked
        // before anything changes; v5.0 meets the end boundary's refusal after the earlier vmas of the range were changed.
        // Only a vma whose flags change is split: mprotect_fixup returns at `newflags == oldflags` before split_vma.
        const cuts = [c.l.start, c.l.end].filter((b) => {
          const id = vmaSplitAt(c.s, c.l.mm, b);
          return id !== null && !unchanged(c, id);
        });
        for (const b of cuts) {
          const err = vmOpsSplit(c.s, vmaSplitAt(c.s, c.l.mm, b)!, b);
          if (err !== 0) {
            c.l.ret = err;
            return 'up_write';
          }
        }
        // split_vma(mm, vma, start, 1) / split_vma(mm, vma, end, 0) -> __vma_adjust -> vma_adjust_trans_huge -> split_huge_pmd_address
        const straddle = cuts.map((b) => straddlingHugePmdAt(c.s, c.l.mm, b)).find((x) => x !== null) ?? null;
        if (straddle) return c.call(splitHugePmd, { vma: straddle.vma, addr: straddle.addr, freeze: false }, 'split_vma');
        for (const b of cuts) {
          const id = vmaSplitAt(c.s, c.l.mm, b);
          if (id !== null) splitVma(c.s, id, b);
        }
        c.l.vma = findVma(c.s, c.l.mm, c.l.start);
        return undefined;
      },
    }),
    $.step('mprotect_fixup', {
      at: 'mprotect_fixup',
      run: (c) => {
        const v = vmaOf(c.s, vmaId(c));
        // if (newflags == oldflags) { *pprev = vma; return 0; }
        if (unchanged(c, v.id)) return nextVmaInRange(c);
        // vma->vm_flags = newflags; dirty_accountable = vma_wants_writenotify(vma, vma->vm_page_prot); vma_set_page_prot(vma);
        setVmaFlags(c.s, v.id, newFlags(c, v));
        // mm/mprotect.c:change_protection: if (is_vm_hugetlb_page(vma)) pages = hugetlb_change_protection(vma, start, end, newprot);
        if (v.flags.hugetlb) return c.call(hugetlbChangeProtection, { vma: v.id, start: v.start, end: v.end }, 'next_vma');
        c.l.addr = v.start;
        c.l.vend = v.end;
        c.l.pages = 0;
        flushPending(c, 1); // change_protection_range: flush_cache_range(vma, addr, end); inc_tlb_flush_pending(mm);
        return undefined;
      },
    }),
    $.step('change_pud_range', {
      at: 'change_pud_range',
      run: (c) => {
        // do { next = pud_addr_end(addr, end); if (pud_none_or_clear_bad(pud)) continue; pages += change_pmd_range(vma, pud, addr, next, ...); } while (...)
        while (c.l.addr < c.l.vend && pmdTableOf(c.s, c.l.mm, c.l.addr) === null) c.l.addr = pudAddrEnd(c.g, c.l.addr, c.l.vend);
        if (c.l.addr >= c.l.vend) return 'flush_tlb_range';
        c.l.next = pudAddrEnd(c.g, c.l.addr, c.l.vend);
        return c.call(changePmdRange, { vma: vmaId(c), addr: c.l.addr, end: c.l.next }, 'pud_next');
      },
    }),
    $.local(
      'pud_next',
      (c) => {
        c.l.pages += typeof c.t.rv === 'number' ? c.t.rv : 0;
        c.l.addr = c.l.next;
        return 'change_pud_range';
      },
      'change_pud_range',
    ),
    $.step('flush_tlb_range', {
      at: 'change_protection_range',
      run: (c) => {
        // /* Only flush the TLB if we actually modified any entries: */ if (pages) flush_tlb_range(vma, start, end); dec_tlb_flush_pending(mm);
        const v = vmaOf(c.s, vmaId(c));
        if (c.l.pages > 0) flushTlbRange(c.s, c.l.mm, v.start, v.end);
        flushPending(c, -1);
        return nextVmaInRange(c);
      },
    }),
    $.step('next_vma', { at: 'do_mprotect_pkey', run: nextVmaInRange }), // reads the vma list: not a local step
    $.unlock('up_write', mmapSem, {
      at: 'do_mprotect_pkey',
      then: (c) => {
        c.ret(c.l.ret);
        return DONE;
      },
    }),
  ],
});
