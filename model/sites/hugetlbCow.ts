/**
 * Site #9, mm/hugetlb.c:hugetlb_cow (v5.0) {vma, address}: called by
 * hugetlb_fault with the PMD lock (huge_pte_lock) held and a reference on
 * the old page; returns with the lock held again.
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
import { pmdpHugeClearFlushNotify } from '../mm/clearFlushNotify.js';
import { pmdSize } from '../mm/Geometry.js';
import { hugeBase } from '../mm/hugetlbPmd.js';
import { LockName, canTake } from '../mm/locks.js';
import { rangeInit } from '../mm/notifier/rangeInit.js';
import { pmdAt, pmdTableOf, setPmd } from '../mm/pageTable.js';
import type { Program } from '../mm/step/Program.js';
import { DONE } from '../mm/step/Program.js';
import { localStep, unlockStep } from '../mm/step/steps.js';
import { vmaOf } from '../mm/vmas.js';

const H = 'mm/hugetlb.c:hugetlb_cow';
export const HUGETLB_COW_SITE = '9';

export const hugetlbCow: Program = {
  name: 'hugetlb_cow',
  locals: (a) => ({ vma: a['vma'] ?? null, address: a['address'] ?? null, mm: -1, haddr: 0, old: -1, new_page: -1, range: -1, ptl: '', ret: 0 }),
  steps: [
    {
      label: 'retry_avoidcopy',
      at: H,
      run: (c) => {
        // pte = huge_ptep_get(ptep); old_page = pte_page(pte); if (page_mapcount(old_page) == 1 && PageAnon(old_page)) { page_move_anon_rmap(); set_huge_ptep_writable(vma, haddr, ptep); return 0; }
        const mm = vmaOf(c.s, c.n('vma')).mm;
        const haddr = hugeBase(c.s, c.n('address'));
        c.l['mm'] = mm;
        c.l['haddr'] = haddr;
        c.l['ptl'] = LockName.pmd(pmdTableOf(c.s, mm, haddr)!);
        const e = pmdAt(c.s, mm, haddr);
        if (e === null || e.kind !== 'huge') return c.fail('hugetlb_cow on a non-present entry');
        c.l['old'] = e.frame;
        const fr = c.s.frames[e.frame]!;
        if (fr.map === 1 && fr.kind === 'anon') {
          setPmd(c.s, mm, haddr, { ...e, write: true, dirty: true, young: true, softDirty: true });
          return DONE;
        }
        return undefined;
      },
    },
    unlockStep('spin_unlock', H, (v) => v.l['ptl'] as string, 'w', (c) => {
      // get_page(old_page); spin_unlock(ptl);  (hugetlb_fault's reference covers ours: one get/put pair is modelled there)
      void c;
      return undefined;
    }),
    {
      label: 'alloc_huge_page',
      at: H,
      run: (c) => {
        // new_page = alloc_huge_page(vma, haddr, outside_reserve); if (IS_ERR(new_page)) { ... ret = vmf_error(PTR_ERR(new_page)); goto out_release_old; }
        const f = allocFrame(c.s, 'anon', null, 0, true);
        if (f < 0) {
          c.l['ret'] = -12;
          return 'spin_lock_for_caller';
        }
        c.l['new_page'] = f;
        return undefined;
      },
    },
    {
      label: 'mmu_notifier_range_init',
      at: H,
      run: (c) => {
        // copy_user_huge_page(new_page, old_page, address, vma, pages_per_huge_page(h)); __SetPageUptodate(new_page); set_page_huge_active(new_page);
        // mmu_notifier_range_init(&range, <event>, <vma>, mm, haddr, haddr + huge_page_size(h));
        c.l['range'] = rangeInit(c, HUGETLB_COW_SITE, c.n('mm'), c.n('haddr'), c.n('haddr') + pmdSize(c.g));
        return undefined;
      },
    },
    localStep('mmu_notifier_invalidate_range_start', H, (c) => c.call('mmu_notifier_invalidate_range_start', { r: c.n('range') }, 'spin_lock')),
    {
      label: 'spin_lock',
      at: H,
      guard: (v) => canTake(v.s, v.l['ptl'] as string),
      run: (c) => {
        // spin_lock(ptl); ptep = huge_pte_offset(mm, haddr, huge_page_size(h)); if (likely(ptep && pte_same(huge_ptep_get(ptep), pte))) {
        c.lock(c.l['ptl'] as string);
        const mm = c.n('mm');
        const haddr = c.n('haddr');
        const e = pmdTableOf(c.s, mm, haddr) === null ? null : pmdAt(c.s, mm, haddr);
        if (e === null || e.kind !== 'huge' || e.frame !== c.n('old') || e.write) return 'spin_unlock_range';
        // huge_ptep_clear_flush(vma, haddr, ptep); mmu_notifier_invalidate_range(mm, range.start, range.end);
        return pmdpHugeClearFlushNotify(c, mm, haddr, 'set_huge_pte_at');
      },
    },
    {
      label: 'set_huge_pte_at',
      at: H,
      run: (c) => {
        // set_huge_pte_at(mm, haddr, ptep, make_huge_pte(vma, new_page, 1)); page_remove_rmap(old_page, true); hugepage_add_new_anon_rmap(new_page, vma, haddr);
        const f = c.n('new_page');
        addRmap(c.s, f);
        setPmd(c.s, c.n('mm'), c.n('haddr'), { kind: 'huge', frame: f, write: true, dirty: true, young: true, softDirty: true });
        removeRmap(c.s, c.n('old'));
        // /* Make the old page be freed below */ new_page = old_page;
        c.l['new_page'] = c.n('old');
        return undefined;
      },
    },
    unlockStep('spin_unlock_range', H, (v) => v.l['ptl'] as string),
    localStep('mmu_notifier_invalidate_range_end', H, (c) => c.call('mmu_notifier_invalidate_range_end', { r: c.n('range') }, 'out_release_all')),
    {
      label: 'out_release_all',
      at: H,
      run: (c) => {
        // out_release_all: restore_reserve_on_error(); put_page(new_page);
        putPage(c.s, c.n('new_page'));
        return undefined;
      },
    },
    {
      label: 'spin_lock_for_caller',
      at: H,
      guard: (v) => canTake(v.s, v.l['ptl'] as string),
      run: (c) => {
        // out_release_old: put_page(old_page) (hugetlb_fault's out_put_page); spin_lock(ptl); /* Caller expects lock to be held */ return ret;
        c.lock(c.l['ptl'] as string);
        c.ret(c.n('ret'));
        return DONE;
      },
    },
  ],
};
