/**
 * Site #6, mm/huge_memory.c:__split_huge_pmd (v5.0) {vma, addr, freeze}
 * with __split_huge_pmd_locked, and operation `split_huge_pmd_address`
 * {vma, addr} (mm/huge_memory.c: e.g. vma_adjust_trans_huge on a partial
 * mprotect/munmap, under mmap_sem held for write).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, address & HPAGE_PMD_MASK, (address & HPAGE_PMD_MASK) + HPAGE_PMD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   ptl = pmd_lock(vma->vm_mm, pmd);
 *   if (page && page != pmd_page(*pmd)) goto out;
 *   if (pmd_trans_huge(*pmd)) { ... } else if (!(pmd_devmap(*pmd) || is_pmd_migration_entry(*pmd))) goto out;
 *   __split_huge_pmd_locked(vma, pmd, range.start, freeze);
 * out: spin_unlock(ptl); mmu_notifier_invalidate_range_only_end(&range);
 *
 * __split_huge_pmd_locked: a file vma gets pmdp_huge_clear_flush_notify and
 * loses the mapping (refault later); an anonymous one gets pmdp_invalidate
 * (entry not present, TLB flushed, no ->invalidate_range), then the
 * deposited PTE table filled with the same page (each PTE keeps write,
 * young and soft-dirty; it is not dirty: pmd_dirty went to SetPageDirty;
 * page_ref_add(HPAGE_PMD_NR - 1), a mapcount per PTE) and
 * pmd_populate. A THP is one frame in the model, so every PTE maps it.
 * Abstracted: the huge zero page, migration entries (freeze), mlock.
 */
import { putPage, removeRmap } from '../mm/frames.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdpHugeClearFlushNotify } from '../mm/notifier/clearFlushNotify.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import type { Pte } from '../mm/MmState.js';
import { invalidateRangeOnlyEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { pmdAt, pmdTableOf, populatePteTable, setPte, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';
import { mutFrame } from '../mm/mutate.js';

const SPLIT_HUGE_PMD_SITE = '6';

interface Args {
  readonly vma: number;
  readonly addr: number;
  /** default false */
  readonly freeze?: boolean;
}
const locals = (a: Args) => ({
  vma: a.vma,
  addr: a.addr,
  freeze: a.freeze ?? false,
  /** address & HPAGE_PMD_MASK (range.start) */
  haddr: 0,
  range: -1,
  /** pmd_page(*pmd) */
  frame: -1,
  /** pmd_write/dirty/young/soft_dirty(old_pmd) */
  write: false,
  dirty: false,
  young: false,
  soft_dirty: false,
});
type L = ReturnType<typeof locals>;

const mmOf = (v: View<L> | Ctx<L>): number => vmaOf(v.s, v.l.vma).mm;
const pmdl = (v: View<L>): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l.haddr)!);

export const splitHugePmd = defineProgram({
  name: '__split_huge_pmd',
  file: 'mm/huge_memory.c',
  params: ['vma', 'addr'],
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      const haddr = c.l.addr - (c.l.addr % pmdSize(c.g));
      c.l.haddr = haddr;
      c.l.range = rangeInit(c, SPLIT_HUGE_PMD_SITE, mmOf(c), haddr, haddr + pmdSize(c.g));
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pmd_lock');
    }),
    $.lock('pmd_lock', pmdl, {
      then: (c) => {
        const e = pmdAt(c.s, mmOf(c), c.l.haddr);
        // if (pmd_trans_huge(*pmd)) ... else if (!(pmd_devmap(*pmd) || is_pmd_migration_entry(*pmd))) goto out;
        if (e === null || e.kind !== 'huge') return 'spin_unlock';
        c.l.frame = e.frame;
        return vmaOf(c.s, c.l.vma).file === null ? 'pmdp_invalidate' : 'pmdp_huge_clear_flush_notify';
      },
    }),
    $.step('pmdp_huge_clear_flush_notify', {
      at: '__split_huge_pmd_locked',
      // _pmd = pmdp_huge_clear_flush_notify(vma, haddr, pmd);
      run: (c) => pmdpHugeClearFlushNotify(c, mmOf(c), c.l.haddr, 'page_remove_rmap'),
    }),
    $.step('page_remove_rmap', {
      at: '__split_huge_pmd_locked',
      run: (c) => {
        // page = pmd_page(_pmd); page_remove_rmap(page, true); put_page(page); add_mm_counter(mm, MM_FILEPAGES, -HPAGE_PMD_NR); return;
        removeRmap(c.s, c.l.frame);
        putPage(c.s, c.l.frame);
        return 'spin_unlock';
      },
    }),
    $.step('pmdp_invalidate', {
      at: '__split_huge_pmd_locked',
      run: (c) => {
        // old_pmd = pmdp_invalidate(vma, haddr, pmd);  (not present, flush_pmd_tlb_range)
        const mm = mmOf(c);
        const h = c.l.haddr;
        const e = pmdAt(c.s, mm, h);
        if (e === null || e.kind !== 'huge') return c.fail('pmdp_invalidate: the PMD is no longer huge under its lock');
        setPmd(c.s, mm, h, null);
        flushTlbRange(c.s, mm, h, h + pmdSize(c.g));
        // write = pmd_write(old_pmd); young = pmd_young(old_pmd); soft_dirty = pmd_soft_dirty(old_pmd);
        c.l.write = e.write;
        c.l.dirty = e.dirty;
        c.l.young = e.young;
        c.l.soft_dirty = e.softDirty;
        return undefined;
      },
    }),
    $.step('pmd_populate', {
      at: '__split_huge_pmd_locked',
      run: (c) => {
        // page_ref_add(page, HPAGE_PMD_NR - 1); if (pmd_dirty(old_pmd)) SetPageDirty(page);
        // pgtable = pgtable_trans_huge_withdraw(mm, pmd); pmd_populate(mm, &_pmd, pgtable);
        // for (...) { entry = mk_pte(page + i, READ_ONCE(vma->vm_page_prot)); entry = maybe_mkwrite(entry, vma); if (!write) entry = pte_wrprotect(entry); if (!young) entry = pte_mkold(entry);
        //   if (soft_dirty) entry = pte_mksoft_dirty(entry); set_pte_at(); atomic_inc(&page[i]._mapcount); }
        // The PTEs are not dirty (no pte_mkdirty in v5.0: the PMD's dirty bit went to the page, SetPageDirty).
        // smp_wmb(); pmd_populate(mm, pmd, pgtable);
        const mm = mmOf(c);
        const h = c.l.haddr;
        const f = c.l.frame;
        const n = pmdSize(c.g);
        const fr = mutFrame(c.s, f);
        fr.ref += n - 1;
        fr.map += n - 1;
        if (c.l.dirty) fr.dirty = true;
        populatePteTable(c.s, mm, h);
        const w = c.l.write && vmaOf(c.s, c.l.vma).flags.write;
        for (let a = h; a < h + n; a++) {
          const p: Pte = { kind: 'present', frame: f, write: w, dirty: false, young: c.l.young, softDirty: c.l.soft_dirty };
          setPte(c.s, mm, a, p);
        }
        return undefined;
      },
    }),
    $.unlock('spin_unlock', pmdl, { then: (c) => c.call(invalidateRangeOnlyEnd, { r: c.l.range }, 'return') }),
    $.local('return', () => DONE),
  ],
});

interface AddressArgs {
  readonly vma: number;
  readonly addr: number;
}
const addressLocals = (a: AddressArgs) => ({ vma: a.vma, addr: a.addr });
type AL = ReturnType<typeof addressLocals>;
const mmapSem = (v: View<AL>): string => LockName.mmapSem(vmaOf(v.s, v.l.vma).mm);

/** A caller of split_huge_pmd_address holding mmap_sem for write (vma_adjust_trans_huge in __vma_adjust). */
export const splitHugePmdAddress = defineProgram({
  name: 'split_huge_pmd_address',
  file: 'mm/huge_memory.c',
  params: ['vma', 'addr'],
  locals: addressLocals,
  steps: ($) => [
    $.lock('down_write', mmapSem, {
      at: 'mm/mmap.c:__vma_adjust',
      // split_huge_pmd_address: pgd/p4d/pud_offset; if (!pud_present(*pud)) return;  (no PMD table: nothing was ever
      // faulted in under this PUD entry; the faults that allocate one hold mmap_sem, which this caller holds for write)
      then: (c) => (pmdTableOf(c.s, vmaOf(c.s, c.l.vma).mm, c.l.addr) === null ? 'up_write' : undefined),
    }),
    // pmd = pmd_offset(pud, address); __split_huge_pmd(vma, pmd, address, freeze, page);
    $.local('split_huge_pmd_address', (c) => c.call(splitHugePmd, { vma: c.l.vma, addr: c.l.addr, freeze: false }, 'up_write')),
    $.unlock('up_write', mmapSem, { at: 'mm/mmap.c:__vma_adjust', then: () => DONE }),
  ],
});
