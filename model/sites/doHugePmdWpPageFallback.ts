/**
 * Site #3, mm/huge_memory.c:do_huge_pmd_wp_page_fallback (v5.0) {vma, addr,
 * page}: do_huge_pmd_wp_page (#4) could not allocate a THP for the COW of
 * `page` (referenced by the caller), so it copies into HPAGE_PMD_NR small
 * pages and, in the range, replaces the huge PMD by a PTE table of the copies:
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, haddr, haddr + HPAGE_PMD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   vmf->ptl = pmd_lock(vma->vm_mm, vmf->pmd); if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto out_free_pages;
 *   pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd); ... pmd_populate(vma->vm_mm, vmf->pmd, pgtable); page_remove_rmap(page, true);
 *   spin_unlock(vmf->ptl); mmu_notifier_invalidate_range_only_end(&range); put_page(page);
 * out_free_pages: spin_unlock(vmf->ptl); mmu_notifier_invalidate_range_end(&range); (free the pages)
 *
 * An allocation failure returns VM_FAULT_OOM (-ENOMEM here): the caller
 * splits the PMD instead. The helpers of both programs live here.
 */
import { addRmap, allocFrame, putPage, removeRmap } from '../mm/frames.js';
import { pmdpHugeClearFlushNotify } from '../mm/notifier/clearFlushNotify.js';
import { ENOMEM } from '../mm/errno.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeOnlyEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, populatePteTable, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import type { PmdEntry } from '../mm/MmState.js';

const WP_PAGE_FALLBACK_SITE = '3';

/** The locals both programs read: the vma and haddr of the fault. */
interface Fault {
  readonly vma: number;
  readonly haddr: number;
}
export const mmOf = (v: View<Fault> | Ctx<Fault>): number => vmaOf(v.s, v.l.vma).mm;
export const pmdl = (v: View<Fault>): string => LockName.pmd(pmdTableOf(v.s, mmOf(v), v.l.haddr)!);
/**
 * The bits of a huge orig_pmd beside its page, as one number: pmd_same compares the
 * whole value (arch/x86/include/asm/pgtable.h:pmd_same, `pmd_val(a) == pmd_val(b)`),
 * so a concurrent huge_pmd_set_accessed (young, dirty) makes it fail.
 */
export function pmdBits(e: PmdEntry | null): number {
  if (e === null || e.kind !== 'huge') return -1;
  return (e.write ? 1 : 0) | (e.dirty ? 2 : 0) | (e.young ? 4 : 0) | (e.softDirty ? 8 : 0);
}

/** pmd_same(*vmf->pmd, orig_pmd): still the huge mapping of `page` with the same bits (`bits`: pmdBits(orig_pmd)). */
export function pmdSame(v: View<Fault>, page: number, bits: number): boolean {
  const e = pmdAt(v.s, mmOf(v), v.l.haddr);
  return e !== null && e.kind === 'huge' && e.frame === page && pmdBits(e) === bits;
}

interface FallbackArgs {
  readonly vma: number;
  readonly addr: number;
  /** the huge page of orig_pmd (referenced by the caller) */
  readonly page: number;
  /** the rest of orig_pmd (pmdBits) */
  readonly orig_bits: number;
}
const fallbackLocals = (a: FallbackArgs) => ({
  vma: a.vma,
  vmf_vma: a.vma,
  addr: a.addr,
  page: a.page,
  orig_bits: a.orig_bits,
  haddr: 0,
  /** pages[0]; pages[i] is first + i */
  first: -1,
  range: -1,
});

export const doHugePmdWpPageFallback = defineProgram({
  name: 'do_huge_pmd_wp_page_fallback',
  file: 'mm/huge_memory.c',
  params: ['vma', 'addr', 'page', 'orig_bits'],
  locals: fallbackLocals,
  steps: ($) => [
    $.step('alloc_page_vma_node', (c) => {
      // for (i = 0; i < HPAGE_PMD_NR; i++) { pages[i] = alloc_page_vma_node(...); if (!pages[i] ...) { free them; ret |= VM_FAULT_OOM; goto out; } }
      // for (i = 0; i < HPAGE_PMD_NR; i++) copy_user_highpage(pages[i], page + i, haddr + PAGE_SIZE * i, vma);
      const n = pmdSize(c.g);
      const got: number[] = [];
      for (let i = 0; i < n; i++) {
        const f = allocFrame(c.s, 'anon');
        if (f < 0) {
          for (const g of got) putPage(c.s, g);
          c.ret(ENOMEM);
          return DONE;
        }
        got.push(f);
      }
      c.l.first = got[0]!;
      c.l.haddr = c.l.addr - (c.l.addr % n);
      // pages are recorded as first..first+n-1 (lowest free frames, allocated in order)
      if (got.some((f, i) => f !== got[0]! + i)) return c.fail('fallback pages not contiguous in the frame pool (scenario frames)');
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      c.l.range = rangeInit(c, WP_PAGE_FALLBACK_SITE, mmOf(c), c.l.haddr, c.l.haddr + pmdSize(c.g));
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pmd_lock');
    }),
    $.lock('pmd_lock', pmdl, {
      then: (c) => {
        // if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto out_free_pages;
        if (!pmdSame(c, c.l.page, c.l.orig_bits)) return 'out_free_pages';
        // pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd);
        return pmdpHugeClearFlushNotify(c, mmOf(c), c.l.haddr, 'pmd_populate');
      },
    }),
    $.step('pmd_populate', (c) => {
      // pgtable = pgtable_trans_huge_withdraw(); pmd_populate(&_pmd, pgtable); for (...) { entry = maybe_mkwrite(pte_mkdirty(mk_pte(pages[i])), vma); page_add_new_anon_rmap(pages[i]); set_pte_at(); }
      // smp_wmb(); pmd_populate(vma->vm_mm, vmf->pmd, pgtable); page_remove_rmap(page, true);
      const mm = mmOf(c);
      const h = c.l.haddr;
      const w = vmaOf(c.s, c.l.vma).flags.write;
      populatePteTable(c.s, mm, h);
      for (let i = 0; i < pmdSize(c.g); i++) {
        const f = c.l.first + i;
        addRmap(c.s, f);
        setPte(c.s, mm, h + i, { kind: 'present', frame: f, write: w, dirty: true, young: true, softDirty: true });
      }
      removeRmap(c.s, c.l.page);
      return undefined;
    }),
    $.unlock('spin_unlock', pmdl, { then: (c) => c.call(invalidateRangeOnlyEnd, { r: c.l.range }, 'put_page') }),
    $.step('put_page', (c) => {
      // ret |= VM_FAULT_WRITE; put_page(page);
      putPage(c.s, c.l.page);
      c.ret(0);
      return DONE;
    }),
    // out_free_pages: spin_unlock(vmf->ptl); mmu_notifier_invalidate_range_end(&range);
    $.unlock('out_free_pages', pmdl, { then: (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'free_pages') }),
    $.step('free_pages', (c) => {
      // for (i = 0; i < HPAGE_PMD_NR; i++) { mem_cgroup_cancel_charge(pages[i], memcg, false); put_page(pages[i]); }
      for (let i = 0; i < pmdSize(c.g); i++) putPage(c.s, c.l.first + i);
      c.ret(0);
      return DONE;
    }),
  ],
});
