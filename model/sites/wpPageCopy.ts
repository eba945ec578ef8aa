/**
 * Site #19, mm/memory.c:wp_page_copy (v5.0) {vma, addr, page}: the COW of a
 * write fault. Called by handle_mm_fault's do_wp_page with mmap_sem held for
 * read, the PTE lock dropped, and a reference on the old page (`page`).
 *
 *   new_page = alloc_page_vma(); cow_user_page(new_page, old_page);
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, addr & PAGE_MASK, +PAGE_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   vmf->pte = pte_offset_map_lock(); if (pte_same(*vmf->pte, vmf->orig_pte)) {
 *       entry = maybe_mkwrite(pte_mkdirty(mk_pte(new_page, vma->vm_page_prot)), vma);
 *       ptep_clear_flush_notify(vma, addr, vmf->pte);
 *       page_add_new_anon_rmap(new_page, vma, addr, false);
 *       set_pte_at_notify(mm, addr, vmf->pte, entry);
 *       page_remove_rmap(old_page, false); new_page = old_page;
 *   }
 *   if (new_page) put_page(new_page);
 *   pte_unmap_unlock(vmf->pte, vmf->ptl);
 *   mmu_notifier_invalidate_range_only_end(&range);
 *   put_page(old_page);
 *
 * `vma` and `vmf->vma` (local `vmf_vma`) are the same vma (`struct vm_area_struct *vma =
 * vmf->vma;`), both in scope. pte_same compares the whole PTE with
 * vmf->orig_pte (`orig_pte`, the value do_wp_page saw under the PTE lock):
 * frame, write, and the accessed, dirty and soft-dirty bits, so an A/D bit
 * set by the CPU meanwhile makes the COW back off (the fault is retried), as
 * in the kernel. `page` -1 is old_page NULL: orig_pte maps the zero page,
 * and the new page is zeroed instead of copied. Abstracted: anon_vma_prepare,
 * memcg, mlock.
 */
import { addRmap, allocFrame, putPage, removeRmap } from '../mm/frames.js';
import { ENOMEM } from '../mm/errno.js';
import { LockName } from '../mm/locks.js';
import { changePte, invalidateRange, invalidateRangeOnlyEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pteAt, pteTableOf, pteValue, setPte } from '../mm/pageTable.js';
import { DONE, defineProgram, type Ctx, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { vmaOf } from '../mm/vmas.js';

const WP_PAGE_COPY_SITE = '19';

interface Args {
  readonly vma: number;
  readonly addr: number;
  /** old_page; -1 for NULL (the zero page) */
  readonly page: number;
  /** pteValue of vmf->orig_pte */
  readonly orig_pte: string;
}
const locals = (a: Args) => ({
  vma: a.vma,
  /** `vmf->vma`, the same vma (a site's vma expression) */
  vmf_vma: a.vma,
  addr: a.addr,
  page: a.page,
  orig_pte: a.orig_pte,
  /** -1: NULL */
  new_page: -1,
  range: -1,
  copied: false,
});
type L = ReturnType<typeof locals>;

const mmOf = (v: View<L> | Ctx<L>): number => vmaOf(v.s, v.l.vma).mm;
const ptl = (v: View<L>): string => LockName.ptl(pteTableOf(v.s, mmOf(v), v.l.addr)!);

export const wpPageCopy = defineProgram({
  name: 'wp_page_copy',
  file: 'mm/memory.c',
  params: ['vma', 'addr', 'page', 'orig_pte'],
  locals,
  steps: ($) => [
    $.step('alloc_page_vma', (c) => {
      // new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, vma, vmf->address); if (!new_page) goto oom; cow_user_page(new_page, old_page, ...);
      // (old page NULL: the zero page, is_zero_pfn(pte_pfn(vmf->orig_pte)): new_page = alloc_zeroed_user_highpage_movable())
      const f = allocFrame(c.s, 'anon');
      if (f < 0) {
        if (c.l.page >= 0) putPage(c.s, c.l.page); // oom: if (old_page) put_page(old_page); return VM_FAULT_OOM;
        c.ret(ENOMEM);
        return DONE;
      }
      c.l.new_page = f;
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      c.l.range = rangeInit(c, WP_PAGE_COPY_SITE, mmOf(c), c.l.addr, c.l.addr + 1);
      return c.call(invalidateRangeStart, { r: c.l.range }, 'pte_offset_map_lock');
    }),
    $.lock('pte_offset_map_lock', ptl, {
      then: (c) => {
        // if (likely(pte_same(*vmf->pte, vmf->orig_pte))) { ... } else { mem_cgroup_cancel_charge(); }
        // pte_same (arch/x86/include/asm/pgtable.h): a.pte == b.pte, every bit
        const p = pteAt(c.s, mmOf(c), c.l.addr);
        const same = p !== null && pteValue(p) === c.l.orig_pte;
        return same ? 'ptep_clear_flush_notify' : 'put_page';
      },
    }),
    $.step('ptep_clear_flush_notify', (c) => {
      // ptep_clear_flush_notify(vma, vmf->address, vmf->pte): ptep_clear_flush + mmu_notifier_invalidate_range
      const mm = mmOf(c);
      const a = c.l.addr;
      setPte(c.s, mm, a, null);
      flushTlbRange(c.s, mm, a, a + 1);
      return c.call(invalidateRange, { mm, start: a, end: a + 1 }, 'page_add_new_anon_rmap');
    }),
    $.step('page_add_new_anon_rmap', (c) => {
      // page_add_new_anon_rmap(new_page, vma, vmf->address, false); ... set_pte_at_notify(mm, vmf->address, vmf->pte, entry) -> change_pte first
      addRmap(c.s, c.l.new_page);
      const write = vmaOf(c.s, c.l.vma).flags.write;
      return c.call(changePte, { mm: mmOf(c), addr: c.l.addr, frame: c.l.new_page, write }, 'set_pte_at');
    }),
    $.step('set_pte_at', (c) => {
      // entry = maybe_mkwrite(pte_mkdirty(mk_pte(new_page, vma->vm_page_prot)), vma); set_pte_at(mm, addr, pte, entry)
      const write = vmaOf(c.s, c.l.vma).flags.write;
      setPte(c.s, mmOf(c), c.l.addr, { kind: 'present', frame: c.l.new_page, write, dirty: true, young: true, softDirty: true });
      return undefined;
    }),
    $.step('page_remove_rmap', (c) => {
      // if (old_page) { page_remove_rmap(old_page, false); } /* Free the old page.. */ new_page = old_page; page_copied = 1;
      if (c.l.page >= 0) removeRmap(c.s, c.l.page);
      c.l.new_page = c.l.page;
      c.l.copied = true;
      return undefined;
    }),
    $.step('put_page', (c) => {
      // if (new_page) put_page(new_page); pte_unmap_unlock(vmf->pte, vmf->ptl);
      if (c.l.new_page >= 0) putPage(c.s, c.l.new_page);
      c.unlock(ptl(c));
      return c.call(invalidateRangeOnlyEnd, { r: c.l.range }, 'put_old_page');
    }),
    $.step('put_old_page', (c) => {
      // if (old_page) put_page(old_page); return page_copied ? VM_FAULT_WRITE : 0;
      if (c.l.page >= 0) putPage(c.s, c.l.page);
      c.ret(0);
      return DONE;
    }),
  ],
});
