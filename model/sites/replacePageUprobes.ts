/**
 * Site #2, kernel/events/uprobes.c:__replace_page (v5.0) {vma, addr,
 * old_page, new_page}: replace the page mapped at addr by the copy that
 * holds the breakpoint. Called by uprobe_write_opcode with mmap_sem held for
 * write. Returns rv 0 or -EAGAIN (the page is no longer mapped there).
 *
 *   mmu_notifier_range_init(&range, <event>, <vma>, mm, addr, addr + PAGE_SIZE);
 *   err = mem_cgroup_try_charge(...);                    (not modelled)
 *   lock_page(old_page);
 *   mmu_notifier_invalidate_range_start(&range);
 *   err = -EAGAIN;
 *   if (!page_vma_mapped_walk(&pvmw)) goto unlock;
 *   get_page(new_page); page_add_new_anon_rmap(new_page, vma, addr, false);
 *   flush_cache_page(vma, addr, pte_pfn(*pvmw.pte));
 *   ptep_clear_flush_notify(vma, addr, pvmw.pte);
 *   set_pte_at_notify(mm, addr, pvmw.pte, mk_pte(new_page, vma->vm_page_prot));
 *   page_remove_rmap(old_page, false);
 *   if (!page_mapped(old_page)) try_to_free_swap(old_page);
 *   page_vma_mapped_walk_done(&pvmw);
 *   if (vma->vm_flags & VM_LOCKED) munlock_vma_page(old_page);   (not modelled)
 *   put_page(old_page);
 *   err = 0;
 * unlock:
 *   mmu_notifier_invalidate_range_end(&range);
 *   unlock_page(old_page);
 *
 * vm_page_prot of a private (VM_SHARED-less, as uprobes requires) mapping is
 * read-only and has the accessed bit: the new PTE is read-only, young, clean.
 */
import { EAGAIN } from '../mm/errno.js';
import { addRmap, getPage, putPage, removeRmap } from '../mm/frames.js';
import { LockName } from '../mm/locks.js';
import { changePte, invalidateRange, invalidateRangeEnd, invalidateRangeStart } from '../mm/notifier/dispatchPrograms.js';
import { DONE, defineProgram, type View } from '../mm/step/defineProgram.js';
import { flushTlbRange } from '../mm/tlb.js';
import { onePageRangeInit } from './onePageRange.js';
import { pvmwCanLock, pvmwLock, setWalkPte } from './pvmw.js';

const REPLACE_PAGE_UPROBES_SITE = '2';

interface Args {
  readonly vma: number;
  readonly addr: number;
  readonly old_page: number;
  readonly new_page: number;
}
const locals = (a: Args) => ({
  vma: a.vma,
  addr: a.addr,
  old_page: a.old_page,
  new_page: a.new_page,
  mm: -1,
  range: -1,
  err: 0,
  /** the PTE lock the walk holds, '' when none */
  ptl: '',
});
type L = ReturnType<typeof locals>;

const oldLock = (v: View<L>): string => LockName.page(v.l.old_page);

export const replacePageUprobes = defineProgram({
  name: '__replace_page',
  file: 'kernel/events/uprobes.c',
  params: ['vma', 'addr', 'old_page', 'new_page'],
  locals,
  steps: ($) => [
    $.step('mmu_notifier_range_init', (c) => {
      onePageRangeInit(c, REPLACE_PAGE_UPROBES_SITE, 'addr');
      return undefined;
    }),
    $.lock('lock_page', oldLock),
    $.local('mmu_notifier_invalidate_range_start', (c) => c.call(invalidateRangeStart, { r: c.l.range }, 'page_vma_mapped_walk')),
    // pvmw.ts's pvmwStep, with err = -EAGAIN first (its `before` hook is untyped)
    $.step('page_vma_mapped_walk', {
      at: 'mm/page_vma_mapped.c:page_vma_mapped_walk',
      guard: (v) => pvmwCanLock(v.s, v.l.mm, v.l.addr, v.l.old_page),
      run: (c) => {
        // err = -EAGAIN; if (!page_vma_mapped_walk(&pvmw)) goto unlock;
        c.l.err = EAGAIN;
        const l = pvmwLock(c, c.l.mm, c.l.addr, c.l.old_page);
        if (l === null) return 'mmu_notifier_invalidate_range_end';
        c.l.ptl = l;
        return undefined;
      },
    }),
    $.step('ptep_clear_flush_notify', (c) => {
      // get_page(new_page); page_add_new_anon_rmap(new_page, vma, addr, false);
      getPage(c.s, c.l.new_page);
      addRmap(c.s, c.l.new_page);
      // ptep_clear_flush_notify: ptep_clear_flush + mmu_notifier_invalidate_range(mm, addr, addr + PAGE_SIZE)
      const { mm, addr: a } = c.l;
      setWalkPte(c, mm, a, null);
      flushTlbRange(c.s, mm, a, a + 1);
      return c.call(invalidateRange, { mm, start: a, end: a + 1 }, 'set_pte_at_notify');
    }),
    $.local('set_pte_at_notify', (c) =>
      // set_pte_at_notify(mm, addr, pte, mk_pte(new_page, vma->vm_page_prot)): mmu_notifier_change_pte, then set_pte_at
      c.call(changePte, { mm: c.l.mm, addr: c.l.addr, frame: c.l.new_page, write: false }, 'set_pte_at'),
    ),
    $.step('set_pte_at', (c) => {
      setWalkPte(c, c.l.mm, c.l.addr, { kind: 'present', frame: c.l.new_page, write: false, dirty: false, young: true, softDirty: false });
      // page_remove_rmap(old_page, false); page_vma_mapped_walk_done(&pvmw); put_page(old_page); err = 0;
      removeRmap(c.s, c.l.old_page);
      c.unlock(c.l.ptl);
      c.l.ptl = '';
      putPage(c.s, c.l.old_page);
      c.l.err = 0;
      return undefined;
    }),
    $.local('mmu_notifier_invalidate_range_end', (c) => c.call(invalidateRangeEnd, { r: c.l.range }, 'unlock_page')),
    $.unlock('unlock_page', oldLock, {
      then: (c) => {
        c.ret(c.l.err);
        return DONE;
      },
    }),
  ],
});
