/**
 * Site #9, mm/hugetlb.c:hugetlb_cow (v5.0) {vma, address, ptep}: called by
 * hugetlb_fault with the PMD lock (huge_pte_lock of the caller's ptep: `ptep`
 * is the PMD table holding it) held and a reference on the old page; returns
 * with the lock held again. After retaking the lock it walks again by
 * address (huge_pte_offset), as the kernel does.
 *
 *   retry_avoidcopy: if (page_mapcount(old_page) == 1 && PageAnon(old_page)) { set_huge_ptep_writable(); return 0; }
 *   get_page(old_page); spin_unlock(ptl); new_page = alloc_huge_page(vma, haddr, outside_reserve);
 *   copy_user_huge_page(new_page, old_page, ...); __SetPageUptodate(new_page);
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, haddr, haddr + huge_page_size(h));
 *   mmu_notifier_invalidate_range_start(&range);
 *   spin_lock(ptl); ptep = huge_pte_offset(mm, haddr, huge_page_size(h));
 *   if (likely(ptep && pte_same(huge_ptep_get(ptep), pte))) {
 *       huge_ptep_clear_flush(vma, haddr, ptep); mmu_notifier_invalidate_range(mm, range.start, range.end);
 *       set_huge_pte_at(mm, haddr, ptep, make_huge_pte(vma, new_page, 1)); page_remove_rmap(old_page, true);
 *       hugepage_add_new_anon_rmap(new_page, vma, haddr); new_page = old_page; }
 *   spin_unlock(ptl); mmu_notifier_invalidate_range_end(&range);
 *   put_page(new_page); put_page(old_page); spin_lock(ptl);
 * Abstracted: the out-of-reserve path (unmap_ref_private) — allocation failure returns VM_FAULT_OOM.
 */
import { addRmap, allocFrame, putPage, removeRmap } from '../mm/frames.js';
import { pmdpHugeClearFlushNotify } from '../mm/notifier/clearFlushNotify.js';
import { ENOMEM } from '../mm/errno.js';
import { pmdSize } from '../mm/Geometry.js';
import { hugeBase, hugePtepGet, setHugePte } from '../mm/hugetlbPmd.js';
import { LockName, canTake } from '../mm/locks.js';
import { invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, setPmd } from '../mm/pageTable.js';
import { DONE, defineProgram } from '../mm/step/defineProgram.js';
import { vmaOf } from '../mm/vmas.js';

const HUGETLB_COW_SITE = '9';

interface Args {
  readonly vma: number;
  readonly address: number;
  /** the caller's ptep: the PMD table holding the huge PTE */
  readonly ptep: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  address: a.address,
  ptep: a.ptep,
  mm: -1,
  haddr: 0,
  /** old_page */
  old: -1,
  new_page: -1,
  /** the range's index (rangeInit) */
  range: -1,
  /** the caller's PMD lock */
  ptl: '',
  ret: 0,
});

export const hugetlbCow = defineProgram({
  name: 'hugetlb_cow',
  params: ['vma', 'address'],
  file: 'mm/hugetlb.c',
  locals,
  steps: ($) => [
    $.step('retry_avoidcopy', (c) => {
      // pte = huge_ptep_get(ptep); old_page = pte_page(pte); if (page_mapcount(old_page) == 1 && PageAnon(old_page)) { page_move_anon_rmap(); set_huge_ptep_writable(vma, haddr, ptep); return 0; }
      const mm = vmaOf(c.s, c.l.vma).mm;
      const haddr = hugeBase(c.s, c.l.address);
      c.l.mm = mm;
      c.l.haddr = haddr;
      c.l.ptl = LockName.pmd(c.l.ptep);
      const e = hugePtepGet(c.s, c.l.ptep, haddr);
      if (e === null || e.kind !== 'huge') return c.fail('hugetlb_cow on a non-present entry');
      c.l.old = e.frame;
      const fr = c.s.frames[e.frame]!;
      if (fr.map === 1 && fr.kind === 'anon') {
        setHugePte(c.s, c.l.ptep, haddr, { ...e, write: true, dirty: true, young: true, softDirty: true });
        return DONE;
      }
      return undefined;
    }),
    $.unlock('spin_unlock', (v) => v.l.ptl, {
      then: (c) => {
        // get_page(old_page); spin_unlock(ptl);  (hugetlb_fault's reference covers ours: one get/put pair is modelled there)
        void c;
        return undefined;
      },
    }),
    $.step('alloc_huge_page', (c) => {
      // new_page = alloc_huge_page(vma, haddr, outside_reserve); if (IS_ERR(new_page)) { ... ret = vmf_error(PTR_ERR(new_page)); goto out_release_old; }
      const f = allocFrame(c.s, 'anon', null, 0, true);
      if (f < 0) {
        c.l.ret = ENOMEM;
        return 'spin_lock_for_caller';
      }
      c.l.new_page = f;
      return undefined;
    }),
    $.step('mmu_notifier_range_init', (c) => {
      // copy_user_huge_page(new_page, old_page, address, vma, pages_per_huge_page(h)); __SetPageUptodate(new_page); set_page_huge_active(new_page);
      // mmu_notifier_range_init(&range, <event>, <vma>, mm, haddr, haddr + huge_page_size(h));
      c.l.range = rangeInit(c, HUGETLB_COW_SITE, c.l.mm, c.l.haddr, c.l.haddr + pmdSize(c.g));
      return undefined;
    }),
    $.local('mmu_notifier_invalidate_range_start', (c) => c.call(invalidateRangeStart, { r: c.l.range }, 'spin_lock')),
    $.step('spin_lock', {
      guard: (v) => canTake(v.s, v.l.ptl),
      run: (c) => {
        // spin_lock(ptl); ptep = huge_pte_offset(mm, haddr, huge_page_size(h)); if (likely(ptep && pte_same(huge_ptep_get(ptep), pte))) {
        c.lock(c.l.ptl);
        const mm = c.l.mm;
        const haddr = c.l.haddr;
        const e = pmdTableOf(c.s, mm, haddr) === null ? null : pmdAt(c.s, mm, haddr);
        if (e === null || e.kind !== 'huge' || e.frame !== c.l.old || e.write) return 'spin_unlock_range';
        // huge_ptep_clear_flush(vma, haddr, ptep); mmu_notifier_invalidate_range(mm, range.start, range.end);
        return pmdpHugeClearFlushNotify(c, mm, haddr, 'set_huge_pte_at');
      },
    }),
    $.step('set_huge_pte_at', (c) => {
      // set_huge_pte_at(mm, haddr, ptep, make_huge_pte(vma, new_page, 1)); page_remove_rmap(old_page, true); hugepage_add_new_anon_rmap(new_page, vma, haddr);
      const f = c.l.new_page;
      addRmap(c.s, f);
      setPmd(c.s, c.l.mm, c.l.haddr, { kind: 'huge', frame: f, write: true, dirty: true, young: true, softDirty: true });
      removeRmap(c.s, c.l.old);
      // /* Make the old page be freed below */ new_page = old_page;
      c.l.new_page = c.l.old;
      return undefined;
    }),
    $.unlock('spin_unlock_range', (v) => v.l.ptl),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'out_release_all')),
    $.step('out_release_all', (c) => {
      // out_release_all: restore_reserve_on_error(); put_page(new_page);
      putPage(c.s, c.l.new_page);
      return undefined;
    }),
    $.step('spin_lock_for_caller', {
      guard: (v) => canTake(v.s, v.l.ptl),
      run: (c) => {
        // out_release_old: put_page(old_page) (hugetlb_fault's out_put_page); spin_lock(ptl); /* Caller expects lock to be held */ return ret;
        c.lock(c.l.ptl);
        c.ret(c.l.ret);
        return DONE;
      },
    }),
  ],
});
