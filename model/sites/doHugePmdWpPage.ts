/**
 * Site #4: mm/huge_memory.c:do_huge_pmd_wp_page (v5.0) {vma, addr}, the
 * write fault on a read-only anonymous THP (handle_mm_fault, mmap_sem held for read).
 *
 * do_huge_pmd_wp_page: under the PMD lock, reuse the page when this is its
 * only mapping (reuse_swap_page); else get_page, unlock, allocate a new THP
 * and copy, then
 *   mmu_notifier_range_init(&range, <event>, <vma>, vma->vm_mm, haddr, haddr + HPAGE_PMD_SIZE);
 *   mmu_notifier_invalidate_range_start(&range);
 *   spin_lock(vmf->ptl); if (page) put_page(page);
 *   if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) { spin_unlock; put_page(new_page); goto out_mn; }
 *   pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd); page_add_new_anon_rmap(new_page, ...);
 *   set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry); page_remove_rmap(page, true); put_page(page);
 *   spin_unlock(vmf->ptl);
 * out_mn: mmu_notifier_invalidate_range_only_end(&range);
 * When the THP allocation fails (scenario thread arg `thp_alloc_fail`:
 * transparent_hugepage disabled or no huge page) it calls the fallback (#3,
 * doHugePmdWpPageFallback.ts), which copies into HPAGE_PMD_NR small pages and, in the range, replaces the
 * huge PMD by a PTE table of the copies (pmdp_huge_clear_flush_notify, then
 * pmd_populate); on !pmd_same it ends the range with a full
 * mmu_notifier_invalidate_range_end. An OOM there splits the PMD instead.
 * A write fault on a file THP goes to wp_huge_pmd's fallback instead: split
 * the PMD (site #6) and let the PTE-level fault do the COW.
 * Abstracted: the huge zero page, memcg charges, the trylock_page dance (the
 * page lock is taken while the PMD lock is held only when it is free), DAX ->huge_fault.
 */
import { addRmap, allocFrame, getPage, putPage, removeRmap } from '../mm/frames.js';
import { pmdpHugeClearFlushNotify } from '../mm/notifier/clearFlushNotify.js';
import { ENOMEM } from '../mm/errno.js';
import { pmdSize } from '../mm/Geometry.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeOnlyEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';
import { doHugePmdWpPageFallback, mmOf, pmdBits, pmdl, pmdSame } from './doHugePmdWpPageFallback.js';
import { splitHugePmd } from './splitHugePmd.js';

/** (hugePrograms imports the fallback from here) */
export { doHugePmdWpPageFallback };

const WP_PAGE_SITE = '4';

interface Args {
  readonly vma: number;
  readonly addr: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  vmf_vma: a.vma,
  addr: a.addr,
  /** vmf->address & HPAGE_PMD_MASK */
  haddr: 0,
  /** pmd_page(orig_pmd), -1 when the PMD was not huge */
  orig: -1,
  /** the rest of orig_pmd: its write, dirty, young and soft-dirty bits (pmdBits) */
  orig_bits: -1,
  /** the page, once referenced (get_page) for the copy */
  page: -1,
  new_page: -1,
  range: -1,
});

export const doHugePmdWpPage = defineProgram({
  name: 'do_huge_pmd_wp_page',
  file: 'mm/huge_memory.c',
  params: ['vma', 'addr'],
  locals,
  steps: ($) => [
    $.local('orig_pmd', (c) => {
      // the fault's orig_pmd (read by __handle_mm_fault without the lock); haddr = vmf->address & HPAGE_PMD_MASK
      const haddr = c.l.addr - (c.l.addr % pmdSize(c.g));
      c.l.haddr = haddr;
      const e = pmdAt(c.s, mmOf(c), haddr);
      c.l.orig = e !== null && e.kind === 'huge' ? e.frame : -1;
      c.l.orig_bits = pmdBits(e);
      // mm/memory.c:wp_huge_pmd: if (vma_is_anonymous(vmf->vma)) return do_huge_pmd_wp_page(vmf, orig_pmd);
      // (no ->huge_fault modelled) /* COW handled on pte level: split pmd */ __split_huge_pmd(vmf->vma, vmf->pmd, vmf->address, false, NULL); return VM_FAULT_FALLBACK;
      if (vmaOf(c.s, c.l.vma).file !== null) return c.call(splitHugePmd, { vma: c.l.vma, addr: c.l.addr, freeze: false }, 'out');
      return undefined;
    }),
    $.lock('spin_lock', pmdl, {
      then: (c) => {
        // if (unlikely(!pmd_same(*vmf->pmd, orig_pmd))) goto out_unlock; page = pmd_page(orig_pmd);
        if (!pmdSame(c, c.l.orig, c.l.orig_bits)) return 'out_unlock';
        const f = c.l.orig;
        // if (!trylock_page(page)) { ... } if (reuse_swap_page(page, NULL)) { entry = maybe_pmd_mkwrite(pmd_mkdirty(pmd_mkyoung(orig_pmd))); pmdp_set_access_flags(); ... goto out_unlock; }
        const fr = c.s.frames[f]!;
        if (fr.kind === 'anon' && fr.map === 1 && canTake(c.s, LockName.page(f))) {
          const e = pmdAt(c.s, mmOf(c), c.l.haddr);
          if (e === null || e.kind !== 'huge') return c.fail('pmd_same held but the PMD is not huge');
          setPmd(c.s, mmOf(c), c.l.haddr, { ...e, write: vmaOf(c.s, c.l.vma).flags.write, dirty: true, young: true, softDirty: true });
          return 'out_unlock';
        }
        // unlock_page(page); get_page(page); spin_unlock(vmf->ptl);
        getPage(c.s, f);
        c.l.page = f;
        return undefined;
      },
    }),
    $.unlock('spin_unlock', pmdl),
    $.step('alloc_hugepage_vma', (c) => {
      // if (__transparent_hugepage_enabled(vma) && !transparent_hugepage_debug_cow()) new_page = alloc_hugepage_vma(...); else new_page = NULL;
      const f = c.cfg.args['thp_alloc_fail'] === true ? -1 : allocFrame(c.s, 'anon', null, 0, true);
      if (f < 0) {
        // ret = do_huge_pmd_wp_page_fallback(vmf, orig_pmd, page); if (ret & VM_FAULT_OOM) { split_huge_pmd(); ret |= VM_FAULT_FALLBACK; } put_page(page);
        return c.call(doHugePmdWpPageFallback, { vma: c.l.vma, addr: c.l.addr, page: c.l.page, orig_bits: c.l.orig_bits }, 'fallback_returned');
      }
      c.l.new_page = f;
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      // copy_user_huge_page(new_page, page, haddr, vma, HPAGE_PMD_NR); __SetPageUptodate(new_page);
      c.l.range = rangeInit(c, WP_PAGE_SITE, mmOf(c), c.l.haddr, c.l.haddr + pmdSize(c.g));
      return c.call(invalidateRangeStart, { r: c.l.range }, 'spin_lock_2');
    }),
    $.lock('spin_lock_2', pmdl, {
      then: (c) => {
        // spin_lock(vmf->ptl); if (page) put_page(page);
        putPage(c.s, c.l.page);
        if (!pmdSame(c, c.l.orig, c.l.orig_bits)) {
          // spin_unlock(vmf->ptl); mem_cgroup_cancel_charge(); put_page(new_page); goto out_mn;
          putPage(c.s, c.l.new_page);
          c.l.new_page = -1;
          return 'spin_unlock_2';
        }
        // pmdp_huge_clear_flush_notify(vma, haddr, vmf->pmd);
        return pmdpHugeClearFlushNotify(c, mmOf(c), c.l.haddr, 'set_pmd_at');
      },
    }),
    $.step('set_pmd_at', (c) => {
      // page_add_new_anon_rmap(new_page, vma, haddr, true); set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry); page_remove_rmap(page, true); put_page(page);
      const f = c.l.new_page;
      addRmap(c.s, f);
      const w = vmaOf(c.s, c.l.vma).flags.write;
      setPmd(c.s, mmOf(c), c.l.haddr, { kind: 'huge', frame: f, write: w, dirty: true, young: true, softDirty: true });
      removeRmap(c.s, c.l.page);
      putPage(c.s, c.l.page);
      return undefined;
    }),
    // out_mn: mmu_notifier_invalidate_range_only_end(&range);
    $.unlock('spin_unlock_2', pmdl, { then: (c) => c.call(invalidateRangeOnlyEnd, { r: c.l.range }, 'out') }),
    $.local('out', (c) => {
      c.ret(0);
      return DONE;
    }),
    $.unlock('out_unlock', pmdl, {
      then: (c) => {
        c.ret(0);
        return DONE;
      },
    }),
    $.step('fallback_returned', (c) => {
      // if (ret & VM_FAULT_OOM) { split_huge_pmd(vma, vmf->pmd, vmf->address); ret |= VM_FAULT_FALLBACK; } put_page(page);
      putPage(c.s, c.l.page);
      if (c.t.rv === ENOMEM) return c.call(splitHugePmd, { vma: c.l.vma, addr: c.l.addr, freeze: false }, 'out');
      return 'out';
    }),
  ],
});
